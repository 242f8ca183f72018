import { describe, expect, it } from 'vitest'
import { describeSchedule, parseOffsets } from './carePlans'

const t = (key: string, values?: Record<string, unknown>) => `${key}:${JSON.stringify(values ?? {})}`

describe('care plan schedule', () => {
  it('describes days after handover and the repeat', () => {
    expect(describeSchedule({ basis: 'handover', offsets: [30, 7], repeat_months: 12 }, t)).toBe(
      'carePlans.afterHandover:{"days":"7、30"}；carePlans.everyMonths:{"n":12}',
    )
  })
  it('describes a group plan with only a repeat', () => {
    expect(describeSchedule({ basis: 'group', offsets: [], repeat_months: 3 }, t)).toBe('carePlans.everyMonths:{"n":3}')
    expect(describeSchedule({ basis: 'group', offsets: [0], repeat_months: null }, t)).toBe('carePlans.afterStart:{"days":"0"}')
  })
  it('reads typed days and keeps what it cannot read for the server to refuse', () => {
    expect(parseOffsets([7, '30天', '7', 'abc'])).toEqual([7, 30, 'abc'])
    expect(parseOffsets(['-5'])).toEqual([-5])
  })
})
