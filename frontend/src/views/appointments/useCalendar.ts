import dayjs, { type Dayjs } from 'dayjs'
import type { Appointment } from '@/api/types'

export type CalendarMode = 'day' | 'week'

/** The visible period: one day, or the Monday-to-Sunday week holding the anchor date. */
export function periodOf(anchor: Dayjs, mode: CalendarMode): { start: Dayjs; end: Dayjs; days: Dayjs[] } {
  const start = mode === 'day' ? anchor.startOf('day') : anchor.startOf('day').subtract((anchor.day() + 6) % 7, 'day')
  const count = mode === 'day' ? 1 : 7
  const days = Array.from({ length: count }, (_, i) => start.add(i, 'day'))
  return { start, end: start.add(count, 'day'), days }
}

export const FIRST_HOUR = 8
export const LAST_HOUR = 21
export type HourRange = { first: number; last: number }

/** Working hours 08–21, widened to show every appointment of the period. */
export function hourRange(items: Pick<Appointment, 'starts_at' | 'ends_at'>[]): HourRange {
  let first = FIRST_HOUR
  let last = LAST_HOUR
  for (const a of items) {
    const start = dayjs(a.starts_at)
    const end = dayjs(a.ends_at)
    first = Math.min(first, start.hour())
    last = Math.max(last, end.isSame(start, 'day') ? end.hour() + (end.minute() > 0 ? 1 : 0) : 24)
  }
  return { first, last: Math.min(last, 24) }
}

/** Position of an appointment in a day column, as percentages of the visible hours (clipped). */
export function placement(
  a: Pick<Appointment, 'starts_at' | 'ends_at'>,
  range: HourRange = { first: FIRST_HOUR, last: LAST_HOUR },
): { top: number; height: number } {
  const span = (range.last - range.first) * 60
  const start = dayjs(a.starts_at)
  const minutes = (d: Dayjs) => Math.min(Math.max(d.hour() * 60 + d.minute() - range.first * 60, 0), span)
  const top = minutes(start)
  const end = dayjs(a.ends_at).isSame(start, 'day') ? minutes(dayjs(a.ends_at)) : span
  return { top: (top / span) * 100, height: (Math.max(end - top, 15) / span) * 100 }
}

/** Appointments per day key (YYYY-MM-DD), in start order. */
export function byDay(items: Appointment[]): Record<string, Appointment[]> {
  const out: Record<string, Appointment[]> = {}
  for (const a of [...items].sort((x, y) => x.starts_at.localeCompare(y.starts_at))) {
    ;(out[dayjs(a.starts_at).format('YYYY-MM-DD')] ??= []).push(a)
  }
  return out
}
