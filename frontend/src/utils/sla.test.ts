import { describe, expect, it } from 'vitest'
import { duration, headline } from './sla'

const t = (key: string, v?: Record<string, unknown>) => `${key}:${JSON.stringify(v)}`

describe('duration', () => {
  it('uses minutes, hours and days', () => {
    expect(duration(45, t)).toBe('sla.minutesOnly:{"m":45}')
    expect(duration(-135, t)).toBe('sla.hoursMinutes:{"h":2,"m":15}')
    expect(duration(3 * 1440 + 120, t)).toBe('sla.daysHours:{"d":3,"h":2}')
  })

  it('says working days and working hours for working time (an 8-hour day)', () => {
    expect(duration(3 * 480, t, 480)).toBe('sla.workingDays:{"d":3,"h":24}') // 3 个工作日（24 工作小时）, not "1 天"
    expect(duration(360, t, 480)).toBe('sla.workingHours:{"h":6}')
    expect(duration(-600, t, 480)).toBe('sla.workingHoursAbout:{"h":10,"d":1.3}')
    expect(duration(30, t, 480)).toBe('sla.minutesOnly:{"m":30}')
    expect(duration(2880, t, 1440)).toBe('sla.daysHours:{"d":2,"h":0}') // around the clock stays clock time
  })

  it('compact (list cells) gives working time in working hours only, clock time unchanged', () => {
    expect(duration(-600, t, 480, true)).toBe('sla.workingHours:{"h":10}')
    expect(duration(3 * 480, t, 480, true)).toBe('sla.workingHours:{"h":24}')
    expect(duration(30, t, 480, true)).toBe('sla.minutesOnly:{"m":30}')
    expect(duration(2880, t, 1440, true)).toBe('sla.daysHours:{"d":2,"h":0}')
  })
})

describe('headline', () => {
  const c = (target: string, state: string, due: string, left: number | null = null) => ({ target, state, due_at: due, minutes_left: left })
  it('shows the most overdue clock first', () => {
    expect(headline([c('respond', 'met', '1'), c('onsite', 'overdue', '2', -10), c('resolve', 'overdue', '3', -50)])?.target).toBe('resolve')
  })
  it('otherwise the next due open clock, else resolution', () => {
    expect(headline([c('respond', 'met', '1'), c('onsite', 'running', '2026-11-28'), c('resolve', 'running', '2026-12-01')])?.target).toBe('onsite')
    expect(headline([c('respond', 'met', '1'), c('resolve', 'met_late', '2')])?.target).toBe('resolve')
    expect(headline([])).toBeNull()
  })
})
