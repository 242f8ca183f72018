import { client, type BodyOf, type QueryOf } from './client'
import { unwrap } from './http'
import { runAction, type ActionBody } from './workflow'
import type { AllowedAction } from './types'
import type { components } from './schema'

export function listComplaints(query: QueryOf<'/api/v1/complaints/', 'get'>) {
  return unwrap(client.GET('/api/v1/complaints/', { params: { query: query as never } }))
}

export function updateComplaint(id: number, body: BodyOf<'/api/v1/complaints/{id}/', 'patch'>) {
  return unwrap(client.PATCH('/api/v1/complaints/{id}/', { params: { path: { id } }, body }))
}

/** One of the complaint's `allowed_actions` (apologise, investigate, reply …). */
export function runComplaintAction(id: number, action: AllowedAction, body: ActionBody) {
  return runAction<components['schemas']['Complaint']>('/api/v1/complaints/', id, action, body)
}

export function listIncidents(query: QueryOf<'/api/v1/incidents/', 'get'>) {
  return unwrap(client.GET('/api/v1/incidents/', { params: { query: query as never } }))
}

export function getIncident(id: number) {
  return unwrap(client.GET('/api/v1/incidents/{id}/', { params: { path: { id } } }))
}

export function updateIncident(id: number, body: BodyOf<'/api/v1/incidents/{id}/', 'patch'>) {
  return unwrap(client.PATCH('/api/v1/incidents/{id}/', { params: { path: { id } }, body }))
}

/** 投诉类别 → 责任部门 (company-wide). */
export function listComplaintCategoryDepartments() {
  return unwrap(client.GET('/api/v1/complaint-category-departments/'))
}

export function setComplaintCategoryDepartment(id: number, department: number) {
  return unwrap(client.PATCH('/api/v1/complaint-category-departments/{id}/', { params: { path: { id } }, body: { department } }))
}
