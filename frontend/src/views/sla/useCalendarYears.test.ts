import { afterEach, describe, expect, it, vi } from 'vitest'
import { mergeRows, useCalendarYears } from './useCalendarYears'

function reply(body: unknown) {
  return new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } })
}

describe('mergeRows', () => {
  it('gives each day the id of its table row, and none to a computed day', () => {
    const days = [
      { date: '2027-10-04', kind: 'rest' as const, name: '国庆节补假', source: 'computed' as const },
      { date: '2027-09-26', kind: 'make_up' as const, name: '国庆节调休', source: 'entered' as const },
    ]
    const merged = mergeRows(days, [{ id: 7, date: '2027-09-26', kind: 'make_up', name: '国庆节调休' }])
    expect(merged.map((d) => d.rowId)).toEqual([null, 7])
  })
})

describe('useCalendarYears', () => {
  const fetchMock = vi.fn()
  afterEach(() => vi.unstubAllGlobals())

  it('switches a year with PUT and reloads the years and the days', async () => {
    fetchMock.mockReset().mockImplementation((url: string) =>
      Promise.resolve(reply(url.includes('csrf') ? { csrf_token: 't' } : url.endsWith('/2027/') ? { year: 2027 } : [])),
    )
    vi.stubGlobal('fetch', fetchMock)
    const calendar = useCalendarYears(2027)
    await calendar.setOfficial(2027, true, '国办发明电〔2026〕1号')
    const urls = fetchMock.mock.calls.map(([url]) => String(url))
    const put = fetchMock.mock.calls.find(([, init]) => init?.method === 'PUT')
    expect(put?.[0]).toBe('/api/v1/sla/calendar-years/2027/')
    expect(JSON.parse(put?.[1].body)).toEqual({ official: true, note: '国办发明电〔2026〕1号' })
    expect(urls).toContain('/api/v1/sla/calendar-years/')
    expect(urls).toContain('/api/v1/sla/calendar-years/2027/days/')
    expect(urls).toContain('/api/v1/sla/calendar/?year=2027')
    expect(calendar.switching.value).toBeNull()
  })
})
