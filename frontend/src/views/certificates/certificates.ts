// The page logic of 产证办理 worth testing on its own: list and at-risk queries, how a clock's days left are
// coloured, the step dialog's fields per action, and the checklist edits to send. Stages, actions and their labels
// come from the server, never from here.
import type { AtRiskQuery, CertificateCaseQuery } from '@/api/certificates'

export interface CaseFilters {
  search: string
  project: number | null
  building: number | null
  stage: string[]
  /** A clock at risk (open and due within 30 days, or missed); '' any. */
  at_risk: string
}

export function blankCaseFilters(project: number | null, search = ''): CaseFilters {
  return { search, project, building: null, stage: [], at_risk: '' }
}

export function caseQuery(filters: CaseFilters, page: number, pageSize: number): CertificateCaseQuery {
  return {
    search: filters.search.trim() || null,
    project: filters.project,
    building: filters.building,
    stage: filters.stage.join(',') || null,
    at_risk: (filters.at_risk || null) as CertificateCaseQuery['at_risk'],
    page,
    page_size: pageSize,
  }
}

export interface AtRiskFilters {
  project: number | null
  building: number | null
  clock: string
  within_days: number
  ordering: 'days_left' | '-days_left'
}

export function blankAtRiskFilters(project: number | null): AtRiskFilters {
  return { project, building: null, clock: '', within_days: 30, ordering: 'days_left' }
}

export function atRiskQuery(filters: AtRiskFilters, page?: number, pageSize?: number): AtRiskQuery {
  return {
    project: filters.project,
    building: filters.building,
    clock: (filters.clock || null) as AtRiskQuery['clock'],
    within_days: String(filters.within_days),
    ordering: filters.ordering,
    ...(page ? { page, page_size: pageSize } : {}),
  }
}

/** Element Plus tag type of a clock: missed red, within a week orange, within 30 days blue, otherwise grey. */
export function clockTone(daysLeft: number): 'danger' | 'warning' | 'primary' | 'info' {
  if (daysLeft < 0) return 'danger'
  if (daysLeft <= 7) return 'warning'
  if (daysLeft <= 30) return 'primary'
  return 'info'
}

/** What the step dialog asks for besides the date. */
export function stepFields(action: string): { number: boolean; recipient: boolean } {
  return { number: action === 'complete_transfer', recipient: action === 'hand_over' || action === 'send_to_bank' }
}

/** The checklist rows whose received state changed (what the checklist endpoint is sent). */
export function checklistChanges(
  original: { id: number; received: boolean }[],
  edited: { id: number; received: boolean }[],
): { id: number; received: boolean }[] {
  const before = new Map(original.map((item) => [item.id, item.received]))
  return edited.filter((row) => before.get(row.id) !== row.received).map((row) => ({ id: row.id, received: row.received }))
}

/** The stages a case walks through, in order: a mortgaged unit ends at the bank, a full-payment one at the hand-over. */
export function stagePath(mortgaged: boolean): string[] {
  const common = ['collecting', 'documents_submitted', 'transfer_applied', 'transfer_completed']
  return mortgaged ? [...common, 'mortgage_registered', 'sent_to_bank'] : [...common, 'handed_over']
}
