// Care plans (定期回访): the schedule in words, and the day offsets typed into the form.

type Translate = (key: string, values?: Record<string, unknown>) => string

export interface Schedule {
  basis: 'handover' | 'group'
  offsets: number[]
  repeat_months?: number | null
}

/** "交付后第 7、30 天；此后每 12 个月" — what the plan does, for the list. */
export function describeSchedule(plan: Schedule, t: Translate): string {
  const parts: string[] = []
  const days = [...plan.offsets].sort((a, b) => a - b)
  if (days.length) parts.push(t(plan.basis === 'handover' ? 'carePlans.afterHandover' : 'carePlans.afterStart', { days: days.join('、') }))
  if (plan.repeat_months) parts.push(t('carePlans.everyMonths', { n: plan.repeat_months }))
  return parts.join('；')
}

/** Whole days 0–3650 from numbers or typed text ("7", "30天"); the rest is left for the server to refuse. */
export function parseOffsets(values: (number | string)[]): (number | string)[] {
  const out: (number | string)[] = []
  for (const value of values) {
    const digits = typeof value === 'number' ? String(value) : String(value).replace(/[^\d-]/g, '')
    const n = Number(digits)
    const item = digits !== '' && Number.isInteger(n) ? n : value
    if (!out.includes(item)) out.push(item)
  }
  return out
}
