import { describe, expect, it } from 'vitest'
import { duration, headline } from './sla'

const t = (key: string, v?: Record<string, unknown>) => `${key}:${JSON.stringify(v)}`

describe('duration', () => {
  it('uses minutes, hours and days', () => {
    expect(duration(45, t)).toBe('sla.minutesOnly:{"m":45}')
    expect(duration(-135, t)).toBe('sla.hoursMinutes:{"h":2,"m":15}')
    expect(duration(3 * 1440 + 120, t)).toBe('sla.daysHours:{"d":3,"h":2}')
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
