// 入伙管理: batches (plan, preparation tasks, the 入伙名单 approval), notices (fees, PDF, sending), slots (booking,
// check-in, the queue board) and inspections (checklist, defects as work orders, acceptance, signature, 交接单).
import { client, pathOf, type BodyOf, type QueryOf } from './client'
import { download, request, unwrap } from './http'
import { runAction, type ActionBody } from './workflow'
import type { AllowedAction, HandoverBatchDetail, HandoverInspectionDetail } from './types'

export function listHandoverBatches(query: QueryOf<'/api/v1/handover-batches/', 'get'>) {
  return unwrap(client.GET('/api/v1/handover-batches/', { params: { query: query as never } }))
}

export function getHandoverBatch(id: number) {
  return unwrap(client.GET('/api/v1/handover-batches/{id}/', { params: { path: { id } } }))
}

export function createHandoverBatch(body: BodyOf<'/api/v1/handover-batches/', 'post'>) {
  return unwrap(client.POST('/api/v1/handover-batches/', { body }))
}

export function updateHandoverBatch(id: number, body: BodyOf<'/api/v1/handover-batches/{id}/', 'patch'>) {
  return unwrap(client.PATCH('/api/v1/handover-batches/{id}/', { params: { path: { id } }, body }))
}

/** Mark a preparation task done (the 入伙名单 task: its preparer may then not approve it), or change its owner. */
export function updateHandoverTask(id: number, body: BodyOf<'/api/v1/handover-batches/{id}/tasks/', 'post'>) {
  return unwrap(client.POST('/api/v1/handover-batches/{id}/tasks/', { params: { path: { id } }, body }))
}

export function runHandoverBatchAction(id: number, action: AllowedAction, body: ActionBody) {
  return runAction<HandoverBatchDetail>('/api/v1/handover-batches/', id, action, body)
}

/** Every unit of the batch with its notice, slot, latest inspection and unpaid items. */
export function listHandoverUnits(id: number) {
  return unwrap(client.GET('/api/v1/handover-batches/{id}/units/', { params: { path: { id } } }))
}

export function getHandoverCapacity(id: number) {
  return unwrap(client.GET('/api/v1/handover-batches/{id}/capacity/', { params: { path: { id } } }))
}

export function getHandoverBoard(id: number, day?: string) {
  return unwrap(client.GET('/api/v1/handover-batches/{id}/board/', { params: { path: { id }, query: day ? { day } : {} } }))
}

/** The batch's notices in one PDF (opens in the browser's viewer). */
export function handoverNoticesPdfUrl(id: number): string {
  return pathOf('/api/v1/handover-batches/{id}/notices-pdf/', { id })
}

export function handoverNoticePdfUrl(id: number): string {
  return pathOf('/api/v1/handover-notices/{id}/pdf/', { id })
}

export function sendHandoverNotice(id: number, body: BodyOf<'/api/v1/handover-notices/{id}/send/', 'post'>) {
  return unwrap(client.POST('/api/v1/handover-notices/{id}/send/', { params: { path: { id } }, body }))
}

export function bookHandoverSlot(body: BodyOf<'/api/v1/handover-slots/', 'post'>) {
  return unwrap(client.POST('/api/v1/handover-slots/', { body }))
}

export function rescheduleHandoverSlot(id: number, body: BodyOf<'/api/v1/handover-slots/{id}/reschedule/', 'post'>) {
  return unwrap(client.POST('/api/v1/handover-slots/{id}/reschedule/', { params: { path: { id } }, body }))
}

export function cancelHandoverSlot(id: number, body: BodyOf<'/api/v1/handover-slots/{id}/cancel/', 'post'>) {
  return unwrap(client.POST('/api/v1/handover-slots/{id}/cancel/', { params: { path: { id } }, body }))
}

export function checkInHandoverSlot(id: number, version: number) {
  return unwrap(client.POST('/api/v1/handover-slots/{id}/check-in/', { params: { path: { id } }, body: { version } }))
}

export function startInspection(notice: number) {
  return unwrap(client.POST('/api/v1/handover-inspections/', { body: { notice } }))
}

export function getInspection(id: number) {
  return unwrap(client.GET('/api/v1/handover-inspections/{id}/', { params: { path: { id } } }))
}

export function updateInspection(id: number, body: BodyOf<'/api/v1/handover-inspections/{id}/', 'patch'>) {
  return unwrap(client.PATCH('/api/v1/handover-inspections/{id}/', { params: { path: { id } }, body }))
}

export function reinspect(id: number) {
  return unwrap(client.POST('/api/v1/handover-inspections/{id}/reinspect/', { params: { path: { id } } }))
}

export function runInspectionAction(id: number, action: AllowedAction, body: ActionBody) {
  return runAction<HandoverInspectionDetail>('/api/v1/handover-inspections/', id, action, body)
}

export interface DefectForm {
  room: string
  item: string
  location: string
  description: string
  category: number
  photos: File[]
}

/** A defect with its photos (multipart): the server opens a repair work order for it. */
export function addDefect(id: number, defect: DefectForm) {
  const form = new FormData()
  for (const key of ['room', 'item', 'location', 'description'] as const) form.append(key, defect[key])
  form.append('category', String(defect.category))
  for (const photo of defect.photos) form.append('photos', photo)
  return request<HandoverInspectionDetail>('POST', pathOf('/api/v1/handover-inspections/{id}/defects/', { id }), { form })
}

/** The owner's signature (a PNG drawn on the canvas, or a photo). */
export function uploadSignature(id: number, version: number, file: Blob) {
  const form = new FormData()
  form.append('file', file, 'signature.png')
  form.append('version', String(version))
  return request<HandoverInspectionDetail>('POST', pathOf('/api/v1/handover-inspections/{id}/signature/', { id }), { form })
}

export function handoverRecordPdfUrl(id: number): string {
  return pathOf('/api/v1/handover-inspections/{id}/record/', { id })
}

/** 入伙维修日报 of one day (default today). */
export function getDailyRepairReport(id: number, day?: string) {
  return unwrap(client.GET('/api/v1/handover-batches/{id}/daily-report/', { params: { path: { id }, query: day ? { day } : {} } }))
}

/** 入伙问题汇总: by category, building and responsible department. */
export function getProblemSummary(id: number) {
  return unwrap(client.GET('/api/v1/handover-batches/{id}/problems/', { params: { path: { id } } }))
}

export function exportProblemSummary(id: number): Promise<string> {
  return download(pathOf('/api/v1/handover-batches/{id}/problems/export/', { id }))
}

/** 入伙通知书 of the projects in scope (a 置业顾问: of their own buyers). */
export function listHandoverNotices(query: QueryOf<'/api/v1/handover-notices/', 'get'>) {
  return unwrap(client.GET('/api/v1/handover-notices/', { params: { query: query as never } }))
}

/** Active staff working in the batch's project: who may join its team or own one of its tasks. */
export function listHandoverStaff(id: number) {
  return unwrap(client.GET('/api/v1/handover-batches/{id}/staff/', { params: { path: { id } } }))
}
