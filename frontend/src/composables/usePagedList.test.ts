import { describe, expect, it, vi } from 'vitest'
import { ApiError } from '@/api/http'
import { usePagedList } from './usePagedList'

function deferred<T>() {
  let resolve!: (v: T) => void
  const promise = new Promise<T>((r) => (resolve = r))
  return { promise, resolve }
}

describe('usePagedList', () => {
  it('loads rows and total, and passes page, size and filters', async () => {
    const fetcher = vi.fn().mockResolvedValue({ count: 42, results: [{ id: 1 }] })
    const list = usePagedList(fetcher, { q: '' }, 10)
    list.filters.q = '张'
    await list.search()
    expect(fetcher).toHaveBeenCalledWith({ page: 1, pageSize: 10, filters: { q: '张' } })
    expect(list.rows.value).toEqual([{ id: 1 }])
    expect(list.total.value).toBe(42)
    expect(list.loading.value).toBe(false)
  })

  it('goes back to page 1 on a new search or page size, keeps the page on paging', async () => {
    const fetcher = vi.fn().mockResolvedValue({ count: 0, results: [] })
    const list = usePagedList(fetcher, {}, 20)
    await list.setPage(3)
    expect(list.page.value).toBe(3)
    await list.search()
    expect(list.page.value).toBe(1)
    await list.setPage(2)
    await list.setPageSize(50)
    expect(list.page.value).toBe(1)
    expect(fetcher).toHaveBeenLastCalledWith({ page: 1, pageSize: 50, filters: {} })
  })

  it('shows the error and clears rows when loading fails', async () => {
    const fetcher = vi.fn().mockRejectedValue(new ApiError(500, { code: 'server_error', message: '服务器错误。' }, 'x'))
    const list = usePagedList(fetcher, {})
    await list.load()
    expect(list.error.value?.message).toBe('服务器错误。')
    expect(list.rows.value).toEqual([])
  })

  it('goes to the first page when a later page is past the end (404), and shows a 404 on the first page', async () => {
    const missing = new ApiError(404, { code: 'not_found', message: '记录不存在。' }, 'x')
    const fetcher = vi.fn().mockRejectedValueOnce(missing).mockResolvedValueOnce({ count: 3, results: [{ id: 1 }] })
    const list = usePagedList(fetcher, {}, 20)
    await list.setPage(999)
    expect(fetcher).toHaveBeenLastCalledWith({ page: 1, pageSize: 20, filters: {} })
    expect(list.page.value).toBe(1)
    expect(list.error.value).toBeNull()
    expect(list.rows.value).toEqual([{ id: 1 }])
    fetcher.mockRejectedValueOnce(missing)
    await list.load()
    expect(list.error.value?.status).toBe(404)
  })

  it('ignores a slow earlier reply that arrives after a newer one', async () => {
    const first = deferred<{ count: number; results: { id: number }[] }>()
    const fetcher = vi.fn().mockReturnValueOnce(first.promise).mockResolvedValueOnce({ count: 1, results: [{ id: 2 }] })
    const list = usePagedList(fetcher, {})
    const slow = list.load()
    await list.load()
    first.resolve({ count: 1, results: [{ id: 1 }] })
    await slow
    expect(list.rows.value).toEqual([{ id: 2 }])
  })

  it('reset restores the initial filters', async () => {
    const fetcher = vi.fn().mockResolvedValue({ count: 0, results: [] })
    const list = usePagedList(fetcher, { q: '', tag: null as number | null })
    list.filters.q = 'x'
    list.filters.tag = 3
    await list.reset()
    expect({ ...list.filters }).toEqual({ q: '', tag: null })
  })
})
