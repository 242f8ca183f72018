import { ref } from 'vue'
import { listCustomers, searchCustomers } from '@/api/customers'
import type { Customer } from '@/api/types'
import { usePagedList } from '@/composables/usePagedList'

export interface CustomerFilters {
  q: string
  tag: number | null
  project: number | null
  consultant: number | null
}

/** Is the text a full mainland mobile (11 digits starting with 1, optional +86)? Otherwise it is treated as an ID number. */
export function looksLikeMobile(text: string): boolean {
  return /^(\+?86)?1\d{10}$/.test(text.replace(/[\s-]/g, ''))
}

/**
 * The customer list's state. A full mobile or ID number goes in the body of POST /customers/search/
 * so it never lands in a URL, browser history or an access log.
 */
export function useCustomerList(defaultProject: number | null) {
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
          page,
          page_size: pageSize,
        }
        return searchCustomers(body)
      }
      return listCustomers({
        q: filters.q, tag: filters.tag, project: filters.project, consultant: filters.consultant, page, page_size: pageSize,
      })
    },
    { q: '', tag: null, project: defaultProject, consultant: null },
  )
  return { ...list, exact }
}
