import { reactive, ref, shallowRef } from 'vue'
import { ApiError } from '@/api/http'
import type { Page } from '@/api/types'

export type Fetcher<T, F> = (args: { page: number; pageSize: number; filters: F }) => Promise<Page<T>>

/** Page state for a list: loading, error, rows, total, paging and filters, with stale replies ignored. */
export function usePagedList<T, F extends object>(fetcher: Fetcher<T, F>, initialFilters: F, pageSize = 20) {
  const rows = shallowRef<T[]>([])
  const total = ref(0)
  const capped = ref(false) // more rows than the server counts (10,000): narrow the filters
  const page = ref(1)
  const size = ref(pageSize)
  const loading = ref(false)
  const error = ref<ApiError | null>(null)
  const filters = reactive({ ...initialFilters }) as F
  let ticket = 0

  async function load(): Promise<void> {
    const mine = ++ticket
    loading.value = true
    error.value = null
    try {
      const result = await fetcher({ page: page.value, pageSize: size.value, filters: { ...filters } as F })
      if (mine !== ticket) return
      rows.value = result.results
      total.value = result.count
      capped.value = result.count_capped ?? false
    } catch (e) {
      if (mine !== ticket) return
      error.value = e instanceof ApiError ? e : new ApiError(0, null, String(e))
      rows.value = []
      total.value = 0
      capped.value = false
    } finally {
      if (mine === ticket) loading.value = false
    }
  }

  /** New filters: back to the first page. */
  function search(): Promise<void> {
    page.value = 1
    return load()
  }

  function reset(): Promise<void> {
    Object.assign(filters, initialFilters)
    return search()
  }

  function setPage(value: number): Promise<void> {
    page.value = value
    return load()
  }

  function setPageSize(value: number): Promise<void> {
    size.value = value
    page.value = 1
    return load()
  }

  return { rows, total, capped, page, size, loading, error, filters, load, search, reset, setPage, setPageSize }
}
