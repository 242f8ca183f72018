import { client, type BodyOf, type QueryOf } from './client'
import { unwrap } from './http'

export function listReturnVisits(query: QueryOf<'/api/v1/return-visits/', 'get'>) {
  return unwrap(client.GET('/api/v1/return-visits/', { params: { query: query as never } }))
}

/** A call nobody answered (three of them mark the visit unreachable). */
type AttemptBody = BodyOf<'/api/v1/return-visits/{id}/attempt/', 'post'>
export function recordVisitAttempt(id: number, body: Omit<AttemptBody, 'note'> & { note?: string }) {
  return unwrap(client.POST('/api/v1/return-visits/{id}/attempt/', { params: { path: { id } }, body: body as AttemptBody }))
}

export function recordVisitOutcome(id: number, body: BodyOf<'/api/v1/return-visits/{id}/outcome/', 'post'>) {
  return unwrap(client.POST('/api/v1/return-visits/{id}/outcome/', { params: { path: { id } }, body }))
}

export function listCarePlans(query: QueryOf<'/api/v1/care-plans/', 'get'>) {
  return unwrap(client.GET('/api/v1/care-plans/', { params: { query: query as never } }))
}

/** Who may be given a project's care calls. */
export function listCarePlanAssignees(project: number) {
  return unwrap(client.GET('/api/v1/care-plans/assignees/', { params: { query: { project } } }))
}

export function createCarePlan(body: BodyOf<'/api/v1/care-plans/', 'post'>) {
  return unwrap(client.POST('/api/v1/care-plans/', { body }))
}

export function updateCarePlan(id: number, body: BodyOf<'/api/v1/care-plans/{id}/', 'patch'>) {
  return unwrap(client.PATCH('/api/v1/care-plans/{id}/', { params: { path: { id } }, body }))
}

export function getQualityRollup(query: QueryOf<'/api/v1/quality/rollup/', 'get'>) {
  return unwrap(client.GET('/api/v1/quality/rollup/', { params: { query: query as never } }))
}
