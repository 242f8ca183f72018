import { describe, expect, it } from 'vitest'
import type { ReportDay, ReportFigures } from '@/api/types'
import {
  chartData, formatSquareMetres, hasActivity, hasNextPeriod, isCurrentPeriod, isDay, periodRange, readReportQuery, reportApiQuery,
  reportRouteQuery, shiftPeriod,
} from './report'

const TODAY = '2026-12-04' // a Friday

describe('the report filters in the URL', () => {
  it('reads the morning report link', () => {
    expect(readReportQuery({ period: 'day', date: '2026-12-03', project: '7' }, TODAY, 2)).toEqual({ period: 'day', date: '2026-12-03', project: 7, consultant: null })
  })

  it('falls back to a daily report of today in the project chosen in the header', () => {
    expect(readReportQuery({}, TODAY, 2)).toEqual({ period: 'day', date: TODAY, project: 2, consultant: null })
    expect(readReportQuery({ period: 'year', date: '2026-02-30', project: 'x', consultant: '-1' }, TODAY, 2)).toEqual({ period: 'day', date: TODAY, project: null, consultant: null })
    expect(readReportQuery({ period: ['month', 'week'], date: ['2026-11-15'], consultant: '12' }, TODAY, null)).toEqual({ period: 'month', date: '2026-11-15', project: null, consultant: 12 })
  })

  it('writes every filter back, an empty project meaning all of them', () => {
    const filters = { period: 'week' as const, date: '2026-12-03', project: 7, consultant: null }
    expect(reportRouteQuery(filters)).toEqual({ period: 'week', date: '2026-12-03', project: '7' })
    expect(readReportQuery(reportRouteQuery(filters), TODAY, 2)).toEqual(filters)
    const everywhere = { period: 'month' as const, date: '2026-12-03', project: null, consultant: 12 }
    expect(reportRouteQuery(everywhere)).toEqual({ period: 'month', date: '2026-12-03', project: '', consultant: '12' })
    expect(readReportQuery(reportRouteQuery(everywhere), TODAY, 2)).toEqual(everywhere) // not the header's project 2
    expect(reportApiQuery({ ...filters, consultant: 5 })).toEqual({ period: 'week', date: '2026-12-03', project: 7, consultant: 5 })
  })

  it('accepts only real days', () => {
    expect(isDay('2024-02-29')).toBe(true)
    expect(isDay('2026-02-29')).toBe(false)
    expect(isDay('2026-12-4')).toBe(false)
    expect(isDay('')).toBe(false)
  })
})

describe('periods', () => {
  it('cuts weeks Monday to Sunday and months by the calendar, as the server does', () => {
    expect(periodRange('day', '2026-12-03')).toEqual({ start: '2026-12-03', end: '2026-12-03' })
    expect(periodRange('week', '2026-12-03')).toEqual({ start: '2026-11-30', end: '2026-12-06' })
    expect(periodRange('week', '2026-12-06')).toEqual({ start: '2026-11-30', end: '2026-12-06' }) // a Sunday
    expect(periodRange('week', '2026-11-30')).toEqual({ start: '2026-11-30', end: '2026-12-06' }) // a Monday
    expect(periodRange('month', '2026-02-14')).toEqual({ start: '2026-02-01', end: '2026-02-28' })
    expect(periodRange('month', '2024-02-14')).toEqual({ start: '2024-02-01', end: '2024-02-29' })
  })

  it('moves one period back and forward', () => {
    expect(shiftPeriod('day', '2026-12-01', -1)).toBe('2026-11-30')
    expect(shiftPeriod('day', '2026-12-31', 1)).toBe('2027-01-01')
    expect(shiftPeriod('week', '2026-12-03', -1)).toBe('2026-11-26')
    expect(shiftPeriod('month', '2026-03-31', -1)).toBe('2026-02-28') // no 31 February: the month's last day
    expect(shiftPeriod('month', '2026-12-15', 1)).toBe('2027-01-15')
    expect(periodRange('week', shiftPeriod('week', '2026-12-06', 1))).toEqual({ start: '2026-12-07', end: '2026-12-13' })
  })

  it('goes no further than the period that has begun', () => {
    expect(hasNextPeriod('day', '2026-12-03', TODAY)).toBe(true)
    expect(hasNextPeriod('day', TODAY, TODAY)).toBe(false)
    expect(hasNextPeriod('week', '2026-11-29', TODAY)).toBe(true) // the week of 30 November has begun
    expect(hasNextPeriod('week', '2026-11-30', TODAY)).toBe(false)
    expect(hasNextPeriod('month', '2026-11-30', TODAY)).toBe(true)
    expect(hasNextPeriod('month', '2026-12-01', TODAY)).toBe(false)
  })

  it('knows the current period', () => {
    expect(isCurrentPeriod('day', TODAY, TODAY)).toBe(true)
    expect(isCurrentPeriod('day', '2026-12-03', TODAY)).toBe(false)
    expect(isCurrentPeriod('week', '2026-11-30', TODAY)).toBe(true)
    expect(isCurrentPeriod('month', '2026-11-30', TODAY)).toBe(false)
  })
})

const day = (date: string, over: Partial<ReportDay> = {}): ReportDay => ({
  date, consultations: 0, subscriptions: 0, subscription_amount: '0.00', contracts: 0, contract_amount: '0.00', received: '0.00', loans_disbursed: '0.00', ...over,
})

const zero: ReportFigures = {
  consultations: 0, appointments: 0, subscriptions: 0, subscription_area: '0.00', subscription_amount: '0.00', contracts: 0, contract_area: '0.00',
  contract_amount: '0.00', cancellations: 0, received: '0.00', refunded: '0.00', loans_disbursed: '0.00', overdue_filings: 0, overdue_receivables: 0,
  overdue_amount: '0.00',
}

describe('the chart and the empty state', () => {
  it('draws counts as they are and money in 万元', () => {
    expect(chartData([day('2026-11-30', { subscriptions: 2, contracts: 1, received: '1234567.89' }), day('2026-12-01')])).toEqual({
      days: ['11-30', '12-01'], subscriptions: [2, 0], contracts: [1, 0], received: [123.46, 0],
    })
  })

  it('is empty when nothing happened', () => {
    expect(hasActivity(null)).toBe(false)
    expect(hasActivity(zero, [day('2026-12-01')])).toBe(false)
    expect(hasActivity({ ...zero, received: '0.01' })).toBe(true)
    expect(hasActivity({ ...zero, overdue_filings: 1 })).toBe(true)
    expect(hasActivity(zero, [day('2026-12-01', { consultations: 1 })])).toBe(true)
  })

  it('writes area totals in ㎡', () => {
    expect(formatSquareMetres('12345.6')).toBe('12,345.60 ㎡')
    expect(formatSquareMetres('0.00')).toBe('0.00 ㎡')
    expect(formatSquareMetres(null)).toBe('—')
  })
})
