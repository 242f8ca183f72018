// The report centre's filters as pure functions (unit-tested): the period (day / week / month / quarter / custom),
// the URL query that holds them, the API query, and where a row's drill-down URL leads in the web app.
import dayjs from 'dayjs'
import type { LocationQuery } from 'vue-router'

export const PERIOD_KINDS = ['day', 'week', 'month', 'quarter', 'custom'] as const
export type PeriodKind = (typeof PERIOD_KINDS)[number]

export interface Range {
  from: string
  to: string
}

export interface ReportFilters extends Range {
  kind: PeriodKind
  project: number | null
  building: number | null
  by: string
  compare: boolean
}

const DAY = 'YYYY-MM-DD'
const fmt = (d: dayjs.Dayjs) => d.format(DAY)

/** The period of `kind` that holds `day` (weeks run Monday to Sunday). */
export function periodAround(kind: PeriodKind, day: string): Range {
  const d = dayjs(day)
  if (kind === 'week') {
    const monday = d.subtract((d.day() + 6) % 7, 'day')
    return { from: fmt(monday), to: fmt(monday.add(6, 'day')) }
  }
  if (kind === 'month') return { from: fmt(d.startOf('month')), to: fmt(d.endOf('month')) }
  if (kind === 'quarter') {
    const start = d.month(Math.floor(d.month() / 3) * 3).startOf('month')
    return { from: fmt(start), to: fmt(start.add(2, 'month').endOf('month')) }
  }
  return { from: day, to: day }
}

/** "2026Q4" for a day of that quarter. */
export function quarterLabel(day: string): string {
  const d = dayjs(day)
  return `${d.year()}Q${Math.floor(d.month() / 3) + 1}`
}

/** The `count` quarters up to the one holding `today`, newest first: their first day and label. */
export function quarterList(today: string, count: number): { from: string; label: string }[] {
  const first = periodAround('quarter', today).from
  return Array.from({ length: count }, (_, i) => {
    const from = fmt(dayjs(first).subtract(3 * i, 'month'))
    return { from, label: quarterLabel(from) }
  })
}

/** The period `n` steps before (negative) or after: a custom range moves by its own length. */
export function shiftPeriod(kind: PeriodKind, range: Range, n: number): Range {
  if (kind === 'custom') {
    const days = dayjs(range.to).diff(dayjs(range.from), 'day') + 1
    return { from: fmt(dayjs(range.from).add(n * days, 'day')), to: fmt(dayjs(range.to).add(n * days, 'day')) }
  }
  const unit = kind === 'quarter' ? 'month' : kind
  const step = kind === 'quarter' ? 3 * n : n
  return periodAround(kind, fmt(dayjs(range.from).add(step, unit)))
}

/** What "compare" compares with (the server computes the same): whole calendar months with as many months before,
 * any other period with as many days before. */
export function previousRange(range: Range): Range {
  const from = dayjs(range.from)
  const following = dayjs(range.to).add(1, 'day')
  if (from.date() === 1 && following.date() === 1) {
    const months = following.diff(from, 'month')
    return { from: fmt(from.subtract(months, 'month')), to: fmt(from.subtract(1, 'day')) }
  }
  return shiftPeriod('custom', range, -1)
}

const isDay = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) && dayjs(v).isValid()
const idOf = (v: unknown) => (typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : null)

/** The filters the URL holds (missing ones: this month, the project chosen in the header, the first grouping). */
export function readFilters(query: LocationQuery, today: string, project: number | null, dimensions: string[]): ReportFilters {
  const kind = PERIOD_KINDS.includes(query.period as PeriodKind) ? (query.period as PeriodKind) : 'month'
  let range = periodAround(kind === 'custom' ? 'month' : kind, isDay(query.date_from) ? query.date_from : today)
  if (kind === 'custom' && isDay(query.date_from) && isDay(query.date_to)) range = { from: query.date_from, to: query.date_to }
  const by = typeof query.by === 'string' && dimensions.includes(query.by) ? query.by : (dimensions[0] ?? '')
  return {
    kind,
    ...range,
    project: 'project' in query ? idOf(query.project) : project,
    building: idOf(query.building),
    by,
    compare: query.compare === 'true',
  }
}

/** The URL query of the filters (every one spelled out, so a link opens the same report). */
export function routeQuery(f: ReportFilters): Record<string, string> {
  const out: Record<string, string> = { period: f.kind, date_from: f.from, date_to: f.to, project: f.project ? String(f.project) : '' }
  if (f.building) out.building = String(f.building)
  if (f.by) out.by = f.by
  if (f.compare) out.compare = 'true'
  return out
}

export function apiQuery(f: ReportFilters): Record<string, string> {
  const out: Record<string, string> = { date_from: f.from, date_to: f.to, by: f.by }
  if (f.project) out.project = String(f.project)
  if (f.building) out.building = String(f.building)
  if (f.compare) out.compare = 'true'
  return out
}

export const DRILLDOWN_LISTS = ['work-orders', 'complaints', 'return-visits'] as const
export type DrilldownList = (typeof DRILLDOWN_LISTS)[number]

/** A row's drill-down URL (`/api/v1/work-orders/?…`) as the web app's drill-down route query (`list` + the filters). */
export function drilldownQuery(url: string): Record<string, string> | null {
  const match = /^\/api\/v1\/([a-z-]+)\/\?(.*)$/.exec(url)
  if (!match || !DRILLDOWN_LISTS.includes(match[1] as DrilldownList)) return null
  const query: Record<string, string> = { list: match[1] }
  for (const [key, value] of new URLSearchParams(match[2])) if (key !== 'list' && key !== 'page' && key !== 'page_size') query[key] = value
  return query
}

/** The list and filters a drill-down route holds (anything else in the URL is ignored). */
export function readDrilldown(query: LocationQuery): { list: DrilldownList; filters: Record<string, string> } | null {
  const list = query.list
  if (typeof list !== 'string' || !DRILLDOWN_LISTS.includes(list as DrilldownList)) return null
  const filters: Record<string, string> = {}
  for (const [key, value] of Object.entries(query)) if (key !== 'list' && typeof value === 'string' && value !== '') filters[key] = value
  return { list: list as DrilldownList, filters }
}
