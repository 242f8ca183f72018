import { describe, expect, it } from 'vitest'
import { blankCaseFilters, boardQuery, caseQuery, checklistChanges, checklistSummary, filterQuery, ratePercent, toggleStage } from './mortgage'

describe('mortgage list queries', () => {
  const filters = { ...blankCaseFilters(2), search: ' HT2026 ', bank: 5, stage: ['submitted', 'interviewed'], days_in_stage_min: 7, open: 'true' as const }

  it('sends the same filters to the list, the export and the bank figures', () => {
    expect(filterQuery(filters)).toEqual({ search: 'HT2026', project: 2, bank: 5, stage: 'submitted,interviewed', days_in_stage_min: '7', open: 'true' })
    expect(caseQuery(filters, 3, 20)).toMatchObject({ stage: 'submitted,interviewed', page: 3, page_size: 20 })
    expect(filterQuery(blankCaseFilters(null))).toEqual({ search: null, project: null, bank: null, stage: null, days_in_stage_min: null, open: null })
  })

  it('counts the board over every stage', () => {
    expect(boardQuery(filters)).toMatchObject({ stage: null, bank: 5, days_in_stage_min: '7' })
  })

  it('toggles one stage from the board', () => {
    expect(toggleStage([], 'submitted')).toEqual(['submitted'])
    expect(toggleStage(['submitted'], 'submitted')).toEqual([])
    expect(toggleStage(['submitted', 'approved'], 'approved')).toEqual(['approved'])
  })
})

describe('checklist', () => {
  const original = [
    { code: 'id_card', status: 'pending', note: '' },
    { code: 'income_proof', status: 'received', note: '' },
    { code: 'bank_statement', status: 'missing', note: '缺近 6 个月' },
  ]

  it('sends only what changed, notes trimmed', () => {
    const edited = [
      { code: 'id_card', status: 'received', note: '' },
      { code: 'income_proof', status: 'received', note: '' },
      { code: 'bank_statement', status: 'missing', note: ' 缺近 6 个月，已催 ' },
    ]
    expect(checklistChanges(original, edited)).toEqual([
      { code: 'id_card', status: 'received', note: '' },
      { code: 'bank_statement', status: 'missing', note: '缺近 6 个月，已催' },
    ])
    expect(checklistChanges(original, original.map((i) => ({ ...i })))).toEqual([])
  })

  it('sums up received, wanted and pending documents', () => {
    expect(checklistSummary([...original, { status: 'rejected' }])).toEqual({ received: 1, wanted: 2, pending: 1, total: 4 })
  })
})

describe('bank figures', () => {
  it('shows the approval rate in percent', () => {
    expect(ratePercent('0.7500')).toBe('75.0%')
    expect(ratePercent('0.3333')).toBe('33.3%')
    expect(ratePercent('1.0000')).toBe('100.0%')
    expect(ratePercent(null)).toBe('—')
  })
})
