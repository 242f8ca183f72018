// Pure helpers of the 面积补差 screens (unit-tested).
import type { SettlementLine } from '@/api/types'

/** How a line reads in one word: withdrawn, nothing to settle (按套), pays, refund or settled at par. */
export type LineOutcome = 'withdrawing' | 'not_settled' | 'pays' | 'refund' | 'none'

export function lineOutcome(line: Pick<SettlementLine, 'withdrawing' | 'settles' | 'buyer_pays' | 'developer_refunds'>): LineOutcome {
  if (line.withdrawing) return 'withdrawing'
  if (!line.settles) return 'not_settled'
  if (Number(line.buyer_pays) > 0) return 'pays'
  if (Number(line.developer_refunds) > 0) return 'refund'
  return 'none'
}

/** `+5.00%` / `-5.00%` / `0.00%` (the server already signs the number). */
export function percentLabel(value: string | null | undefined): string {
  return value === null || value === undefined ? '—' : `${value}%`
}

/** The inputs and figures a corrected survey changed: `[{field, from, to}]` from a line's `previous`. */
export function changedFields(line: Pick<SettlementLine, 'previous'> & Record<string, unknown>, fields: readonly string[]) {
  const previous = (line.previous ?? {}) as Record<string, unknown>
  if (!Object.keys(previous).length) return []
  return fields
    .filter((f) => f in previous && String(previous[f] ?? '') !== String(line[f] ?? ''))
    .map((f) => ({ field: f, from: previous[f] as string | number | boolean | null, to: line[f] as string | number | boolean | null }))
}

export const TRACKED = ['measured_area', 'measured_inner_area', 'withdrawal_right', 'buyer_pays', 'developer_refunds', 'developer_absorbs'] as const
