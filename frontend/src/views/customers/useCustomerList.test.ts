import { afterEach, describe, expect, it, vi } from 'vitest'
import { createMemoryHistory, createRouter } from 'vue-router'
import { customerOrdering, customerSort, looksLikeMobile, useCustomerList } from './useCustomerList'

describe('looksLikeMobile', () => {
  it.each(['13912345678', '+8613912345678', '139 1234 5678', '139-1234-5678'])('%s is a mobile', (v) => expect(looksLikeMobile(v)).toBe(true))
  it.each(['11010119900307447X', '1391234567', '23912345678', '张三'])('%s is not', (v) => expect(looksLikeMobile(v)).toBe(false))
})

describe('useCustomerList', () => {
  const fetchMock = vi.fn()
  afterEach(() => vi.unstubAllGlobals())

  function reply(body: unknown) {
    return new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } })
  }

  it('lists with GET and the filters in the query', async () => {
    fetchMock.mockReset().mockResolvedValueOnce(reply({ count: 0, results: [] }))
    vi.stubGlobal('fetch', fetchMock)
    const list = useCustomerList(7, false)
    list.filters.q = '张'
    await list.search()
    expect(fetchMock.mock.calls[0][0]).toBe('/api/v1/customers/?q=%E5%BC%A0&project=7&page=1&page_size=20')
  })

  it('sends a full mobile or ID number only in a POST body, never in the URL', async () => {
    fetchMock.mockReset().mockResolvedValue(reply({ csrf_token: 't', count: 0, results: [] }))
    vi.stubGlobal('fetch', fetchMock)
    const list = useCustomerList(null, false)
    list.exact.value = '13912345678'
    await list.search()
    list.exact.value = '11010119900307447X'
    await list.search()
    const calls = fetchMock.mock.calls.filter(([url]) => String(url).startsWith('/api/v1/customers/'))
    expect(calls.map(([url]) => url)).toEqual(['/api/v1/customers/search/', '/api/v1/customers/search/'])
    for (const [url] of fetchMock.mock.calls) expect(String(url)).not.toMatch(/13912345678|11010119900307447X/)
    expect(JSON.parse(calls[0][1].body)).toMatchObject({ mobile: '13912345678', page: 1, page_size: 20 })
    expect(JSON.parse(calls[1][1].body)).toMatchObject({ id_number: '11010119900307447X' })
  })

  it('sorts on the server and keeps sort, page and filters in the URL, but never the exact number', async () => {
    fetchMock.mockReset().mockResolvedValue(reply({ csrf_token: 't', count: 80, results: [] }))
    vi.stubGlobal('fetch', fetchMock)
    const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/customers', component: { template: '<div />' } }] })
    await router.push('/customers')
    const list = useCustomerList(null, router)
    list.filters.ordering = customerOrdering('name', 'descending')
    list.exact.value = '13912345678'
    await list.search()
    await list.setPage(2)
    await new Promise((r) => setTimeout(r, 0))
    expect(router.currentRoute.value.query).toEqual({ 'f.ordering': '-name', page: '2' })
    expect(router.currentRoute.value.fullPath).not.toMatch(/13912345678/)
    const body = JSON.parse(fetchMock.mock.calls.at(-1)![1].body)
    expect(body).toMatchObject({ mobile: '13912345678', ordering: '-name', page: 2 })
  })
})

describe('customer sorting', () => {
  it('maps the table sort to an allow-listed ordering and back', () => {
    expect(customerOrdering('code', 'ascending')).toBe('code')
    expect(customerOrdering('created_at', 'descending')).toBe('-created_at')
    expect(customerOrdering('mobile', 'ascending')).toBe('')
    expect(customerOrdering('name', null)).toBe('')
    expect(customerSort('-name')).toEqual({ prop: 'name', order: 'descending' })
    expect(customerSort('')).toBeUndefined()
  })
})
