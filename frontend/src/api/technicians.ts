import { client, type BodyOf, type QueryOf } from './client'
import { unwrap } from './http'

export function listTechnicians() {
  return unwrap(client.GET('/api/v1/technicians/'))
}

export function createTechnician(body: BodyOf<'/api/v1/technicians/', 'post'>) {
  return unwrap(client.POST('/api/v1/technicians/', { body }))
}

export function updateTechnician(id: number, body: BodyOf<'/api/v1/technicians/{id}/', 'patch'>) {
  return unwrap(client.PATCH('/api/v1/technicians/{id}/', { params: { path: { id } }, body }))
}

/** Users who could become technicians. */
export function listTechnicianCandidates() {
  return unwrap(client.GET('/api/v1/technicians/candidates/'))
}

export function getTechnicianHistory(id: number, query: QueryOf<'/api/v1/technicians/{id}/history/', 'get'>) {
  return unwrap(client.GET('/api/v1/technicians/{id}/history/', { params: { path: { id }, query: query as never } }))
}

export function listTechnicianTeams() {
  return unwrap(client.GET('/api/v1/technician-teams/'))
}

export function createTechnicianTeam(body: BodyOf<'/api/v1/technician-teams/', 'post'>) {
  return unwrap(client.POST('/api/v1/technician-teams/', { body }))
}

export function listContractors() {
  return unwrap(client.GET('/api/v1/contractors/'))
}

export function createContractor(body: BodyOf<'/api/v1/contractors/', 'post'>) {
  return unwrap(client.POST('/api/v1/contractors/', { body }))
}

export function updateContractor(id: number, body: BodyOf<'/api/v1/contractors/{id}/', 'patch'>) {
  return unwrap(client.PATCH('/api/v1/contractors/{id}/', { params: { path: { id } }, body }))
}
