import { describe, expect, it } from 'vitest'
import { atRiskQuery, blankAtRiskFilters, blankCaseFilters, caseQuery, checklistChanges, clockTone, stepFields } from './certificates'

describe('产证办理 page logic', () => {
  it('sends only the filters that are set, stages comma-separated', () => {
    const filters = { ...blankCaseFilters(3), stage: ['collecting', 'transfer_applied'], search: ' 101 ' }
    expect(caseQuery(filters, 2, 20)).toEqual({
      search: '101', project: 3, building: null, stage: 'collecting,transfer_applied', at_risk: null, page: 2, page_size: 20,
    })
  })

  it('colours a clock by the days left', () => {
    expect([-1, 0, 7, 8, 30, 31].map(clockTone)).toEqual(['danger', 'warning', 'warning', 'primary', 'primary', 'info'])
  })

  it('asks for the certificate number only when the transfer completes and for a recipient at a hand-out', () => {
    expect(stepFields('complete_transfer')).toEqual({ number: true, recipient: false })
    expect(stepFields('hand_over')).toEqual({ number: false, recipient: true })
    expect(stepFields('send_to_bank')).toEqual({ number: false, recipient: true })
    expect(stepFields('apply_transfer')).toEqual({ number: false, recipient: false })
  })

  it('sends only the checklist rows that changed', () => {
    const before = [{ id: 1, received: false }, { id: 2, received: true }]
    expect(checklistChanges(before, [{ id: 1, received: true }, { id: 2, received: true }])).toEqual([{ id: 1, received: true }])
  })

  it('pages the at-risk list only when asked (the export takes no page)', () => {
    const filters = { ...blankAtRiskFilters(null), clock: 'transfer_registration' }
    expect(atRiskQuery(filters)).toEqual({ project: null, building: null, clock: 'transfer_registration', within_days: '30', ordering: 'days_left' })
    expect(atRiskQuery(filters, 1, 20)).toMatchObject({ page: 1, page_size: 20 })
  })
})

describe('stage path', () => {
  it('ends at the bank for a mortgaged unit and at the hand-over otherwise', async () => {
    const { stagePath } = await import('./certificates')
    expect(stagePath(true).slice(-2)).toEqual(['mortgage_registered', 'sent_to_bank'])
    expect(stagePath(false).at(-1)).toBe('handed_over')
  })
})
