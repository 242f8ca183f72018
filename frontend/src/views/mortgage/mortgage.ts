// The page logic of 按揭管理 worth testing on its own: list and board queries, the checklist edits to send, and the
// figures of the bank table. Stages, their order and labels come from the server (the board), never from here.
import type { MortgageCaseQuery, MortgageFilterQuery } from '@/api/mortgage'

export interface CaseFilters {
  search: string
  project: number | null
  bank: number | null
  stage: string[]
  /** In the current stage for at least this many days (null: any). */
  days_in_stage_min: number | null
  /** '' all, 'true' in progress, 'false' ended. */
  open: '' | 'true' | 'false'
}

export function blankCaseFilters(project: number | null): CaseFilters {
  return { search: '', project, bank: null, stage: [], days_in_stage_min: null, open: '' }
}

/** The filters every mortgage endpoint shares (list, export, bank figures). */
export function filterQuery(filters: CaseFilters): MortgageFilterQuery {
  return {
    search: filters.search.trim() || null,
    project: filters.project,
    bank: filters.bank,
    stage: filters.stage.join(',') || null,
    days_in_stage_min: filters.days_in_stage_min ? String(filters.days_in_stage_min) : null,
    open: filters.open || null,
  }
}

export function caseQuery(filters: CaseFilters, page: number, pageSize: number): MortgageCaseQuery {
  return { ...filterQuery(filters), page, page_size: pageSize }
}

/** The board counts every stage, so the chosen stage does not narrow it (it would zero the other columns). */
export function boardQuery(filters: CaseFilters): MortgageFilterQuery {
  return { ...filterQuery(filters), stage: null }
}

/** Clicking a stage on the board: show only it, or everything again when it was the only one shown. */
export function toggleStage(current: string[], stage: string): string[] {
  return current.length === 1 && current[0] === stage ? [] : [stage]
}

export interface ChecklistRow {
  code: string
  status: string
  note: string
}

/** The documents whose status or note was changed (what the checklist endpoint is sent). */
export function checklistChanges(original: { code: string; status: string; note?: string | null }[], edited: ChecklistRow[]): ChecklistRow[] {
  const before = new Map(original.map((item) => [item.code, item]))
  return edited
    .filter((row) => {
      const was = before.get(row.code)
      return !was || was.status !== row.status || (was.note ?? '') !== row.note.trim()
    })
    .map((row) => ({ code: row.code, status: row.status, note: row.note.trim() }))
}

/** How many documents are received, wanted again (missing or rejected) and not yet in. */
export function checklistSummary(items: { status: string }[]): { received: number; wanted: number; pending: number; total: number } {
  const count = (...statuses: string[]) => items.filter((i) => statuses.includes(i.status)).length
  return { received: count('received'), wanted: count('missing', 'rejected'), pending: count('pending'), total: items.length }
}

/** "0.7500" → "75.0%"; "—" before any decision. */
export function ratePercent(rate: string | null | undefined): string {
  if (rate === null || rate === undefined || rate === '') return '—'
  const value = Number(rate)
  return Number.isFinite(value) ? `${(value * 100).toFixed(1)}%` : '—'
}
