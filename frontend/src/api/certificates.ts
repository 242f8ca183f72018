// 产证办理: cases per unit (stages, clocks, checklist, delays, receipts), the at-risk list, the 首次登记 milestones and
// the deadline calculator.
import { client, pathOf, type BodyOf, type QueryOf } from './client'
import { buildUrl, download, unwrap } from './http'
import { runAction, type ActionBody } from './workflow'
import type { AllowedAction, CertificateCaseDetail } from './types'

export type CertificateCaseQuery = QueryOf<'/api/v1/certificate-cases/', 'get'>
export type AtRiskQuery = QueryOf<'/api/v1/certificate-cases/at-risk/', 'get'>

export function listCertificateCases(query: CertificateCaseQuery) {
  return unwrap(client.GET('/api/v1/certificate-cases/', { params: { query: query as never } }))
}

export function getCertificateCase(id: number) {
  return unwrap(client.GET('/api/v1/certificate-cases/{id}/', { params: { path: { id } } }))
}

export function updateCertificateCase(id: number, body: BodyOf<'/api/v1/certificate-cases/{id}/', 'patch'>) {
  return unwrap(client.PATCH('/api/v1/certificate-cases/{id}/', { params: { path: { id } }, body }))
}

export function setCertificateChecklist(id: number, body: BodyOf<'/api/v1/certificate-cases/{id}/checklist/', 'post'>) {
  return unwrap(client.POST('/api/v1/certificate-cases/{id}/checklist/', { params: { path: { id } }, body }))
}

export type DelayBody = BodyOf<'/api/v1/certificate-cases/{id}/delays/', 'post'>

export function addCertificateDelay(id: number, body: DelayBody) {
  return unwrap(client.POST('/api/v1/certificate-cases/{id}/delays/', { params: { path: { id } }, body }))
}

/** The certificate number in clear, for a stated purpose (the server writes the access log). */
export function revealCertificateNumber(id: number, purpose: string) {
  return unwrap(client.POST('/api/v1/certificate-cases/{id}/reveal/', { params: { path: { id } }, body: { purpose } }))
}

/** One of a case's `allowed_actions`; the body carries its date (and the number or the recipient where asked). */
export function runCertificateAction(id: number, action: AllowedAction, body: ActionBody) {
  return runAction<CertificateCaseDetail>('/api/v1/certificate-cases/', id, action, body)
}

export function listAtRisk(query: AtRiskQuery) {
  return unwrap(client.GET('/api/v1/certificate-cases/at-risk/', { params: { query: query as never } }))
}

export function exportAtRisk(query: AtRiskQuery): Promise<string> {
  return download(pathOf('/api/v1/certificate-cases/at-risk/export/'), query as never)
}

/** The 房产证签收表 PDF (same-origin session): masked, or with the number for the recipient when a purpose is given. */
export function receiptPdfUrl(id: number, purpose = ''): string {
  return buildUrl(pathOf('/api/v1/certificate-receipts/{id}/pdf/', { id }), purpose ? { purpose } : undefined)
}

export function listMilestones() {
  return unwrap(client.GET('/api/v1/certificate-milestones/'))
}

export function updateMilestone(project: number, body: BodyOf<'/api/v1/certificate-milestones/{id}/', 'patch'>) {
  return unwrap(client.PATCH('/api/v1/certificate-milestones/{id}/', { params: { path: { id: project } }, body }))
}

export function calculateDeadlines(body: BodyOf<'/api/v1/certificates/deadlines/', 'post'>) {
  return unwrap(client.POST('/api/v1/certificates/deadlines/', { body }))
}
