import { ref } from 'vue'
import type { Router } from 'vue-router'
import { listCustomers, searchCustomers } from '@/api/customers'
import type { Customer } from '@/api/types'
import { usePagedList } from '@/composables/usePagedList'

export interface CustomerFilters {
  q: string
  tag: number | null
  project: number | null
  consultant: number | null
  ordering: CustomerOrdering
}

export type CustomerOrdering = '' | 'name' | '-name' | 'code' | '-code' | 'created_at' | '-created_at'

/** el-table's sort event → the list's ordering (sorted on the server over the whole list, not only this page). */
export function customerOrdering(prop: string | null, order: 'ascending' | 'descending' | null): CustomerOrdering {
  if (!order || (prop !== 'name' && prop !== 'code' && prop !== 'created_at')) return ''
  return order === 'ascending' ? prop : `-${prop}`
}

/** The ordering back into el-table's sort (so a refreshed page shows the arrow it was sorted by). */
export function customerSort(ordering: CustomerOrdering): { prop: string; order: 'ascending' | 'descending' } | undefined {
  if (!ordering) return undefined
  return ordering.startsWith('-') ? { prop: ordering.slice(1), order: 'descending' } : { prop: ordering, order: 'ascending' }
}

/** Is the text a full mainland mobile (11 digits starting with 1, optional +86)? Otherwise it is treated as an ID number. */
export function looksLikeMobile(text: string): boolean {
  return /^(\+?86)?1\d{10}$/.test(text.replace(/[\s-]/g, ''))
}

/**
 * The customer list's state. A full mobile or ID number goes in the body of POST /customers/search/
 * so it never lands in a URL, browser history or an access log; page, size, sort and the other filters do live in the
 * URL (``usePagedList``'s ``url``), the exact number never.
 */
/** ``linked``: API parameters a home figure put in the URL (``useLinkedQuery``), laid over the list's own filters. */
export function useCustomerList(
  defaultProject: number | null, url: boolean | Router = true, linked?: { merge: <T extends object>(own: T) => T },
) {
  const over = <T extends object>(own: T): T => (linked ? linked.merge(own) : own)
  const exact = ref('')
  const list = usePagedList<Customer, CustomerFilters>(
    ({ page, pageSize, filters }) => {
      const text = exact.value.trim()
      if (text) {
        const body = {
          ...(looksLikeMobile(text) ? { mobile: text } : { id_number: text }),
          q: filters.q || undefined,
          tag: filters.tag ?? undefined,
          project: filters.project ?? undefined,
          consultant: filters.consultant ?? undefined,
          ordering: filters.ordering || undefined,
          page,
          page_size: pageSize,
        }
        return searchCustomers(over(body))
      }
      return listCustomers(over({
        q: filters.q, tag: filters.tag, project: filters.project, consultant: filters.consultant, ordering: filters.ordering || undefined,
        page, page_size: pageSize,
      }))
    },
    { q: '', tag: null, project: defaultProject, consultant: null, ordering: '' },
    20,
    { url },
  )
  return { ...list, exact }
}
