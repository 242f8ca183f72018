// 按揭管理: cases (办理贷款客户清单) with their checklist and stages, the kanban counts, the per-bank figures, banks.
import { client, pathOf, type BodyOf, type QueryOf } from './client'
import { download, unwrap } from './http'
import { runAction, type ActionBody } from './workflow'
import type { AllowedAction, MortgageCaseDetail } from './types'

export type MortgageCaseQuery = QueryOf<'/api/v1/mortgage-cases/', 'get'>
/** The filters the list, the board, the bank figures and the export share (no paging). */
export type MortgageFilterQuery = QueryOf<'/api/v1/mortgage-cases/board/', 'get'>

export function listMortgageCases(query: MortgageCaseQuery) {
  return unwrap(client.GET('/api/v1/mortgage-cases/', { params: { query: query as never } }))
}

export function getMortgageCase(id: number) {
  return unwrap(client.GET('/api/v1/mortgage-cases/{id}/', { params: { path: { id } } }))
}

export function updateMortgageCase(id: number, body: BodyOf<'/api/v1/mortgage-cases/{id}/', 'patch'>) {
  return unwrap(client.PATCH('/api/v1/mortgage-cases/{id}/', { params: { path: { id } }, body }))
}

export type ChecklistBody = BodyOf<'/api/v1/mortgage-cases/{id}/checklist/', 'post'>

/** Mark documents of the checklist received, missing or rejected, with a note. */
export function setMortgageChecklist(id: number, body: ChecklistBody) {
  return unwrap(client.POST('/api/v1/mortgage-cases/{id}/checklist/', { params: { path: { id } }, body }))
}

/** 放款: the amount and the day; the receipt goes on the contract's ledger. */
export function disburseMortgageCase(id: number, body: BodyOf<'/api/v1/mortgage-cases/{id}/disburse/', 'post'>) {
  return unwrap(client.POST('/api/v1/mortgage-cases/{id}/disburse/', { params: { path: { id } }, body }))
}

/** 换行重新申请: a new case at another bank follows the rejected one. */
export function switchMortgageBank(id: number, body: BodyOf<'/api/v1/mortgage-cases/{id}/switch-bank/', 'post'>) {
  return unwrap(client.POST('/api/v1/mortgage-cases/{id}/switch-bank/', { params: { path: { id } }, body }))
}

/** 转一次性付款: the loan becomes cash due from the buyer. */
export function convertMortgageToFullPayment(id: number, body: BodyOf<'/api/v1/mortgage-cases/{id}/to-full-payment/', 'post'>) {
  return unwrap(client.POST('/api/v1/mortgage-cases/{id}/to-full-payment/', { params: { path: { id } }, body }))
}

/** 结案 with the day the developer's interim guarantee was released. */
export function closeMortgageCase(id: number, body: BodyOf<'/api/v1/mortgage-cases/{id}/close/', 'post'>) {
  return unwrap(client.POST('/api/v1/mortgage-cases/{id}/close/', { params: { path: { id } }, body }))
}

/** One of a case's `allowed_actions` that needs no dialog of its own (submit, approve, request_supplement …). */
export function runMortgageCaseAction(id: number, action: AllowedAction, body: ActionBody) {
  return runAction<MortgageCaseDetail>('/api/v1/mortgage-cases/', id, action, body)
}

/** 按揭专员 a case can be given to (active users who may work cases), optionally only those of a project. */
export function listMortgageOfficers(query: QueryOf<'/api/v1/mortgage-cases/officers/', 'get'> = {}) {
  return unwrap(client.GET('/api/v1/mortgage-cases/officers/', { params: { query: query as never } }))
}

export function getMortgageBoard(query: MortgageFilterQuery) {
  return unwrap(client.GET('/api/v1/mortgage-cases/board/', { params: { query: query as never } }))
}

export function getMortgageBankStats(query: MortgageFilterQuery) {
  return unwrap(client.GET('/api/v1/mortgage-cases/bank-stats/', { params: { query: query as never } }))
}

/** 办理贷款客户清单 (.xlsx) of the filtered cases. */
export function exportMortgageCases(query: MortgageFilterQuery): Promise<string> {
  return download(pathOf('/api/v1/mortgage-cases/export/'), query as never)
}

export function listBanks(query: QueryOf<'/api/v1/banks/', 'get'> = {}) {
  return unwrap(client.GET('/api/v1/banks/', { params: { query: query as never } }))
}
