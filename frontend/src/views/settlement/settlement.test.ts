import { describe, expect, it } from 'vitest'
import { changedFields, lineOutcome, percentLabel } from './settlement'

describe('settlement helpers', () => {
  it('reads a line in one word', () => {
    const base = { withdrawing: false, settles: true, buyer_pays: '0.00', developer_refunds: '0.00' }
    expect(lineOutcome(base)).toBe('none')
    expect(lineOutcome({ ...base, buyer_pays: '40000.00' })).toBe('pays')
    expect(lineOutcome({ ...base, developer_refunds: '140000.00' })).toBe('refund')
    expect(lineOutcome({ ...base, settles: false })).toBe('not_settled')
    expect(lineOutcome({ ...base, withdrawing: true, developer_refunds: '1.00' })).toBe('withdrawing')
  })

  it('labels a percentage', () => {
    expect(percentLabel('+5.00')).toBe('+5.00%')
    expect(percentLabel(null)).toBe('—')
  })

  it('lists what a recalculation changed', () => {
    const line = { previous: { buyer_pays: '40000.00', measured_area: '102.00' }, buyer_pays: '60000.00', measured_area: '102.00' }
    expect(changedFields(line, ['buyer_pays', 'measured_area'])).toEqual([{ field: 'buyer_pays', from: '40000.00', to: '60000.00' }])
    expect(changedFields({ previous: {} }, ['buyer_pays'])).toEqual([])
  })
})
