import { client, pathOf, type BodyOf, type QueryOf } from './client'
import { download, unwrap, upload } from './http'
import { runAction, type ActionBody } from './workflow'
import type { Appointment, AllowedAction } from './types'

export function listCustomers(query: QueryOf<'/api/v1/customers/', 'get'>) {
  return unwrap(client.GET('/api/v1/customers/', { params: { query: query as never } }))
}

/** Search by mobile or ID number (POST, so the numbers stay out of URLs and logs). */
type SearchBody = BodyOf<'/api/v1/customers/search/', 'post'>
export function searchCustomers(body: Omit<SearchBody, 'page'> & Partial<Pick<SearchBody, 'page'>>) {
  return unwrap(client.POST('/api/v1/customers/search/', { body: body as SearchBody }))
}

export function getCustomer(id: number) {
  return unwrap(client.GET('/api/v1/customers/{id}/', { params: { path: { id } } }))
}

export function createCustomer(body: BodyOf<'/api/v1/customers/', 'post'>) {
  return unwrap(client.POST('/api/v1/customers/', { body }))
}

export function updateCustomer(id: number, body: BodyOf<'/api/v1/customers/{id}/', 'patch'>) {
  return unwrap(client.PATCH('/api/v1/customers/{id}/', { params: { path: { id } }, body }))
}

/** Adds an existing customer (found by number) to a project. */
type LinkBody = BodyOf<'/api/v1/customers/link/', 'post'>
export function linkCustomer(body: Omit<LinkBody, 'mobile' | 'id_number'> & Partial<Pick<LinkBody, 'mobile' | 'id_number'>>) {
  return unwrap(client.POST('/api/v1/customers/link/', { body: body as LinkBody }))
}

export function batchTagCustomers(body: BodyOf<'/api/v1/customers/batch-tag/', 'post'>) {
  return unwrap(client.POST('/api/v1/customers/batch-tag/', { body }))
}

export function exportCustomers(query: QueryOf<'/api/v1/customers/export/', 'get'>): Promise<string> {
  return download(pathOf('/api/v1/customers/export/'), query as never)
}

export function downloadCustomerImportTemplate(): Promise<string> {
  return download(pathOf('/api/v1/customers/import-template/'))
}

export function importCustomers(file: File, onProgress: (percent: number) => void) {
  return upload<Record<string, number>>(pathOf('/api/v1/customers/import/'), file, onProgress)
}

export function listTags() {
  return unwrap(client.GET('/api/v1/tags/'))
}

export function createTag(body: BodyOf<'/api/v1/tags/', 'post'>) {
  return unwrap(client.POST('/api/v1/tags/', { body }))
}

export function updateTag(id: number, body: BodyOf<'/api/v1/tags/{id}/', 'patch'>) {
  return unwrap(client.PATCH('/api/v1/tags/{id}/', { params: { path: { id } }, body }))
}

export function deleteTag(id: number) {
  return unwrap(client.DELETE('/api/v1/tags/{id}/', { params: { path: { id } } }))
}

export function listConsultants(query: QueryOf<'/api/v1/consultants/', 'get'> = {}) {
  return unwrap(client.GET('/api/v1/consultants/', { params: { query: query as never } }))
}

export function listConsultations(query: QueryOf<'/api/v1/consultations/', 'get'>) {
  return unwrap(client.GET('/api/v1/consultations/', { params: { query: query as never } }))
}

export function createConsultation(body: BodyOf<'/api/v1/consultations/', 'post'>) {
  return unwrap(client.POST('/api/v1/consultations/', { body }))
}

export function listAppointments(query: QueryOf<'/api/v1/appointments/', 'get'>) {
  return unwrap(client.GET('/api/v1/appointments/', { params: { query: query as never } }))
}

export function createAppointment(body: BodyOf<'/api/v1/appointments/', 'post'>) {
  return unwrap(client.POST('/api/v1/appointments/', { body }))
}

/** One of an appointment's `allowed_actions` (complete, cancel, no-show). */
export function runAppointmentAction(id: number, action: AllowedAction, body: ActionBody) {
  return runAction<Appointment>('/api/v1/appointments/', id, action, body)
}

export function listFollowUps(query: QueryOf<'/api/v1/follow-ups/', 'get'>) {
  return unwrap(client.GET('/api/v1/follow-ups/', { params: { query: query as never } }))
}

export function listDueFollowUps(query: QueryOf<'/api/v1/follow-ups/due/', 'get'>) {
  return unwrap(client.GET('/api/v1/follow-ups/due/', { params: { query: query as never } }))
}

export function createFollowUp(body: BodyOf<'/api/v1/follow-ups/', 'post'>) {
  return unwrap(client.POST('/api/v1/follow-ups/', { body }))
}
