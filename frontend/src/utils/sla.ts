// SLA display: minutes of business time as words, and one colour per clock state.

type Translate = (key: string, values?: Record<string, unknown>) => string

/**
 * Minutes as words. ``workingDay`` is the length of one working day in minutes when the minutes are working time
 * (a target of 1440 working minutes with an 8-hour day is "3 个工作日（24 工作小时）", not "1 天"); leave it out
 * (or 1440) for clock time around the clock.
 */
export function duration(minutes: number, t: Translate, workingDay = 24 * 60, compact = false): string {
  const m = Math.abs(Math.round(minutes))
  if (m < 60) return t('sla.minutesOnly', { m })
  // Compact (list cells): working time in working hours only; the days and the calendar rule are in the tooltip.
  if (compact && workingDay < 24 * 60) return t('sla.workingHours', { h: Math.round((m / 60) * 10) / 10 })
  if (workingDay >= 24 * 60) {
    if (m < 24 * 60) return t('sla.hoursMinutes', { h: Math.floor(m / 60), m: m % 60 })
    return t('sla.daysHours', { d: Math.floor(m / (24 * 60)), h: Math.floor((m % (24 * 60)) / 60) })
  }
  const hours = Math.round((m / 60) * 10) / 10
  if (m < workingDay) return t('sla.workingHours', { h: hours })
  const days = m / workingDay
  if (Number.isInteger(days)) return t('sla.workingDays', { d: days, h: hours })
  return t('sla.workingHoursAbout', { h: hours, d: Math.round(days * 10) / 10 })
}

export const STATE_TAG: Record<string, 'success' | 'warning' | 'danger' | 'info' | 'primary'> = {
  running: 'primary',
  warning: 'warning',
  overdue: 'danger',
  paused: 'info',
  met: 'success',
  met_late: 'danger',
  stopped: 'info',
}

export interface ClockLike {
  target: string
  state: string
  due_at: string
  minutes_left?: number | null
}

/** The clock that matters most in a list: an overdue one, else the next running one, else resolution. */
export function headline<T extends ClockLike>(clocks: T[]): T | null {
  const open = clocks.filter((c) => ['overdue', 'warning', 'running', 'paused'].includes(c.state))
  const overdue = open.filter((c) => c.state === 'overdue').sort((a, b) => (a.minutes_left ?? 0) - (b.minutes_left ?? 0))
  if (overdue.length) return overdue[0]
  if (open.length) return [...open].sort((a, b) => a.due_at.localeCompare(b.due_at))[0]
  return clocks.find((c) => c.target === 'resolve') ?? clocks[0] ?? null
}
