// 销售报表 page logic worth testing on its own: the filters as the URL carries them (the morning report's inbox link
// opens `/sales/reports?period=day&date=…&project=…`), the period around a date the way the server cuts it (a week
// runs Monday to Sunday), moving one period back or forward, and the chart's figures.
import dayjs from 'dayjs'
import { PeriodEnum } from '@/api/enums'
import type { SalesReportQuery } from '@/api/sales'
import type { ReportDay, ReportFigures } from '@/api/types'
import { toHundredths, toWan } from '@/utils/money'

export interface ReportFilters {
  period: PeriodEnum
  /** A day in the period (YYYY-MM-DD). */
  date: string
  project: number | null
  consultant: number | null
}

type QueryValue = string | null | undefined | (string | null)[]

const first = (value: QueryValue): string => (Array.isArray(value) ? (value[0] ?? '') : (value ?? ''))

/** A real calendar day written YYYY-MM-DD (2026-02-30 is not one). */
export function isDay(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && dayjs(text).isValid() && dayjs(text).format('YYYY-MM-DD') === text
}

function id(value: QueryValue): number | null {
  const text = first(value)
  return /^[1-9]\d{0,9}$/.test(text) ? Number(text) : null
}

/**
 * The filters a URL asks for; what is missing or unreadable falls back to a daily report of today and, without a
 * `project` in the URL, the project chosen in the header.
 */
export function readReportQuery(query: Record<string, QueryValue>, today: string, fallbackProject: number | null): ReportFilters {
  const period = first(query.period)
  const date = first(query.date)
  return {
    period: (PeriodEnum as readonly string[]).includes(period) ? (period as PeriodEnum) : 'day',
    date: isDay(date) ? date : today,
    project: 'project' in query ? id(query.project) : fallbackProject,
    consultant: id(query.consultant),
  }
}

/**
 * The URL's query for the filters: always period, date and project (`project=` for all projects, so the project
 * chosen in the header does not come back on reload), so the address can be shared or bookmarked.
 */
export function reportRouteQuery(filters: ReportFilters): Record<string, string> {
  const query: Record<string, string> = { period: filters.period, date: filters.date, project: filters.project ? String(filters.project) : '' }
  if (filters.consultant) query.consultant = String(filters.consultant)
  return query
}

/** The same filters for the report and its export. */
export function reportApiQuery(filters: ReportFilters): SalesReportQuery {
  return { period: filters.period, date: filters.date, project: filters.project, consultant: filters.consultant }
}

/** The first and last day of the period around `date` (as the server computes it: weeks Monday to Sunday). */
export function periodRange(period: PeriodEnum, date: string): { start: string; end: string } {
  const day = dayjs(date)
  const format = (d: dayjs.Dayjs) => d.format('YYYY-MM-DD')
  if (period === 'week') {
    const start = day.subtract((day.day() + 6) % 7, 'day')
    return { start: format(start), end: format(start.add(6, 'day')) }
  }
  if (period === 'month') return { start: format(day.startOf('month')), end: format(day.endOf('month')) }
  return { start: date, end: date }
}

const UNIT: Record<PeriodEnum, 'day' | 'week' | 'month'> = { day: 'day', week: 'week', month: 'month' }

/** A day `step` periods before (−1) or after (+1) `date`; a month later than 31 January is the last of February. */
export function shiftPeriod(period: PeriodEnum, date: string, step: number): string {
  return dayjs(date).add(step, UNIT[period]).format('YYYY-MM-DD')
}

/** Whether the period after this one has begun (there is nothing to report about the future). */
export function hasNextPeriod(period: PeriodEnum, date: string, today: string): boolean {
  return periodRange(period, shiftPeriod(period, date, 1)).start <= today
}

/** Whether `today` falls in the period around `date`. */
export function isCurrentPeriod(period: PeriodEnum, date: string, today: string): boolean {
  const { start, end } = periodRange(period, date)
  return start <= today && today <= end
}

export interface ReportChart {
  days: string[]
  subscriptions: number[]
  contracts: number[]
  /** 回款 per day in 万元 (two places). */
  received: number[]
}

/** The daily series as the chart draws it: counts as they are, money in 万元. */
export function chartData(series: readonly ReportDay[]): ReportChart {
  return {
    days: series.map((d) => d.date.slice(5)),
    subscriptions: series.map((d) => d.subscriptions),
    contracts: series.map((d) => d.contracts),
    received: series.map((d) => Number(toWan(d.received, 2) ?? 0)),
  }
}

/** Whether anything happened in the period (an empty report shows an empty state instead of zeros and a flat chart). */
export function hasActivity(totals: ReportFigures | null | undefined, series: readonly ReportDay[] = []): boolean {
  if (!totals) return false
  const any = (values: (string | number)[]) => values.some((v) => (typeof v === 'number' ? v !== 0 : (toHundredths(v) ?? 0n) !== 0n))
  return any(Object.values(totals)) || series.some((d) => any([d.consultations, d.subscriptions, d.contracts, d.received]))
}

/** An area total as the report shows it: thousands separated, two places, in ㎡. */
export function formatSquareMetres(value: string | null | undefined): string {
  const h = toHundredths(value)
  if (h === null) return '—'
  const negative = h < 0n
  const abs = negative ? -h : h
  const whole = String(abs / 100n).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return `${negative ? '-' : ''}${whole}.${String(abs % 100n).padStart(2, '0')} ㎡`
}
