import { describe, expect, it, vi } from 'vitest'
import { nextTick } from 'vue'
import { createMemoryHistory, createRouter } from 'vue-router'
import { listStateFromQuery, listStateToQuery, usePagedList } from './usePagedList'

const blank = { q: '', priority: [] as string[], project: null as number | null, dates: null as [Date, Date] | null, ordering: '' }
const kinds = { dates: 'dates' as const }

async function routerAt(url: string) {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [{ path: '/work-orders', component: { template: '<div />' } }, { path: '/other', component: { template: '<div />' } }],
  })
  await router.push(url)
  return router
}

const settle = async () => {
  for (let i = 0; i < 5; i++) await nextTick()
  await new Promise((r) => setTimeout(r, 0))
}

describe('list state in the URL', () => {
  it('writes only what differs from the start, with the f. prefix, and reads it back', () => {
    const state = { page: 3, size: 50, filters: { ...blank, q: '漏水', priority: ['urgent', 'high'], project: 7, dates: [new Date(2026, 11, 1), new Date(2026, 11, 4)] as [Date, Date], ordering: 'sla_due_at' } }
    const query = listStateToQuery(state, { size: 20, filters: blank }, kinds)
    expect(query).toEqual({
      page: '3', size: '50', 'f.q': '漏水', 'f.priority': 'urgent,high', 'f.project': '7', 'f.dates': '2026-12-01,2026-12-04', 'f.ordering': 'sla_due_at',
    })
    const back = listStateFromQuery(query, { size: 20, filters: blank }, kinds)
    expect(back.page).toBe(3)
    expect(back.size).toBe(50)
    expect(back.filters.priority).toEqual(['urgent', 'high'])
    expect(back.filters.project).toBe(7)
    expect(back.filters.dates?.map((d) => d.toDateString())).toEqual([new Date(2026, 11, 1).toDateString(), new Date(2026, 11, 4).toDateString()])
    expect(listStateToQuery({ page: 1, size: 20, filters: blank }, { size: 20, filters: blank }, kinds)).toEqual({})
  })

  it('keeps the defaults for malformed values and ignores keys that are not its own', () => {
    const state = listStateFromQuery({ page: '-2', size: '9999', 'f.project': 'abc', 'f.dates': 'x,y', status: 'closed', q: 'raw' }, { size: 20, filters: blank }, kinds)
    expect(state).toEqual({ page: 1, size: 20, filters: blank })
  })

  it('a cleared filter whose default is set is written as empty and read back as cleared', () => {
    const start = { ...blank, project: 4 as number | null }
    const query = listStateToQuery({ page: 1, size: 20, filters: { ...start, project: null } }, { size: 20, filters: start })
    expect(query).toEqual({ 'f.project': '' })
    expect(listStateFromQuery(query, { size: 20, filters: start }).filters.project).toBeNull()
  })

  it('starts from the URL, pushes each change as a history entry, and follows the back button', async () => {
    const router = await routerAt('/work-orders?status=dispatched&page=2&f.q=%E6%BC%8F%E6%B0%B4&f.ordering=priority')
    const fetcher = vi.fn().mockResolvedValue({ count: 100, results: [] })
    const list = usePagedList(fetcher, { ...blank }, 20, { url: router, urlKinds: kinds })
    expect(list.page.value).toBe(2)
    expect(list.filters.q).toBe('漏水')
    expect(list.filters.ordering).toBe('priority')
    await list.load()
    expect(fetcher).toHaveBeenLastCalledWith({ page: 2, pageSize: 20, filters: { ...blank, q: '漏水', ordering: 'priority' } })

    await list.setPage(4)
    await settle()
    // The link's own API parameter (status) stays; the list's state is added.
    expect(router.currentRoute.value.query).toEqual({ status: 'dispatched', page: '4', 'f.q': '漏水', 'f.ordering': 'priority' })

    list.filters.priority = ['urgent']
    await list.search()
    await settle()
    expect(router.currentRoute.value.query).toEqual({ status: 'dispatched', 'f.q': '漏水', 'f.ordering': 'priority', 'f.priority': 'urgent' })
    const calls = fetcher.mock.calls.length

    router.back()
    await settle()
    expect(list.page.value).toBe(4)
    expect(list.filters.priority).toEqual([])
    expect(fetcher.mock.calls.length).toBe(calls + 1)
    expect(fetcher).toHaveBeenLastCalledWith({ page: 4, pageSize: 20, filters: { ...blank, q: '漏水', ordering: 'priority' } })

    await list.setPageSize(50)
    await settle()
    expect(router.currentRoute.value.query.size).toBe('50')
    expect(router.currentRoute.value.query.page).toBeUndefined()
  })

  it('tells the view when Back restores the filters, not on its own changes', async () => {
    const router = await routerAt('/work-orders')
    const fetcher = vi.fn().mockResolvedValue({ count: 100, results: [] })
    const restored: string[] = []
    const filters = { ...blank }
    let seen: () => string = () => ''
    const list = usePagedList(fetcher, filters, 20, { url: router, onRestore: (): void => void restored.push(seen()) })
    seen = () => list.filters.q
    list.filters.q = '漏水'
    await list.search()
    await settle()
    list.filters.q = '开裂'
    await list.search()
    await settle()
    expect(restored).toEqual([])
    router.back()
    await settle()
    expect(restored).toEqual(['漏水'])  // called with the restored filters, before the list loads them
  })

  it('does not react to leaving the page, and our own pushes do not load twice', async () => {
    const router = await routerAt('/work-orders')
    const fetcher = vi.fn().mockResolvedValue({ count: 0, results: [] })
    const list = usePagedList(fetcher, { ...blank }, 20, { url: router })
    await list.setPage(2)
    await settle()
    expect(fetcher).toHaveBeenCalledTimes(1)
    await router.push('/other?page=9')
    await settle()
    expect(fetcher).toHaveBeenCalledTimes(1)
    expect(list.page.value).toBe(2)
  })
})
