import dayjs from 'dayjs'
import { describe, expect, it } from 'vitest'
import { byDay, hourRange, periodOf, placement } from './useCalendar'

describe('calendar', () => {
  it('a week runs Monday to Sunday around the anchor', () => {
    const { start, end, days } = periodOf(dayjs('2026-11-29T15:00'), 'week') // a Sunday
    expect(start.format('YYYY-MM-DD')).toBe('2026-11-23')
    expect(end.format('YYYY-MM-DD')).toBe('2026-11-30')
    expect(days).toHaveLength(7)
    expect(periodOf(dayjs('2026-11-23T08:00'), 'week').start.format('YYYY-MM-DD')).toBe('2026-11-23')
  })

  it('a day is just that day', () => {
    const { start, end } = periodOf(dayjs('2026-11-27T15:00'), 'day')
    expect([start.format(), end.format('YYYY-MM-DD')]).toEqual([dayjs('2026-11-27T00:00').format(), '2026-11-28'])
  })

  it('places a 10:00–11:00 viewing inside the 08:00–21:00 column', () => {
    const p = placement({ starts_at: '2026-11-27T10:00:00', ends_at: '2026-11-27T11:00:00' })
    expect(p.top).toBeCloseTo((120 / 780) * 100)
    expect(p.height).toBeCloseTo((60 / 780) * 100)
  })

  it('clips viewings outside the visible hours and keeps a minimum height', () => {
    expect(placement({ starts_at: '2026-11-27T06:00:00', ends_at: '2026-11-27T07:00:00' })).toEqual({ top: 0, height: (15 / 780) * 100 })
    expect(placement({ starts_at: '2026-11-27T20:30:00', ends_at: '2026-11-28T01:00:00' }).height).toBeCloseTo((30 / 780) * 100)
  })

  it('widens the visible hours to show early and late viewings', () => {
    expect(hourRange([])).toEqual({ first: 8, last: 21 })
    expect(hourRange([{ starts_at: '2026-11-27T07:30:00', ends_at: '2026-11-27T08:15:00' }])).toEqual({ first: 7, last: 21 })
    expect(hourRange([{ starts_at: '2026-11-27T21:00:00', ends_at: '2026-11-27T22:30:00' }])).toEqual({ first: 8, last: 23 })
    const late = { starts_at: '2026-11-27T07:00:00', ends_at: '2026-11-27T08:00:00' }
    expect(placement(late, hourRange([late]))).toEqual({ top: 0, height: (60 / 840) * 100 })
  })

  it('groups by day in start order', () => {
    const a = { id: 1, starts_at: '2026-11-27T15:00:00' }
    const b = { id: 2, starts_at: '2026-11-27T09:00:00' }
    const c = { id: 3, starts_at: '2026-11-28T09:00:00' }
    const grouped = byDay([a, b, c] as never)
    expect(Object.keys(grouped)).toEqual(['2026-11-27', '2026-11-28'])
    expect(grouped['2026-11-27'].map((x) => x.id)).toEqual([2, 1])
  })
})
