// 会员活动 (staff side): activities of the projects in scope, the poster, registrations and check-in, the
// participation report and its Excel export. The owner side is in ./owner.ts.
import { client, pathOf, type BodyOf, type QueryOf } from './client'
import { buildUrl, download, request, unwrap } from './http'
import type { Activity, AllowedAction } from './types'
import { runAction, type ActionBody } from './workflow'

export type ActivityQuery = QueryOf<'/api/v1/activities/', 'get'>
export type ReportQuery = QueryOf<'/api/v1/activities/report/', 'get'>
export type ActivityCreate = BodyOf<'/api/v1/activities/', 'post'>
export type ActivityUpdate = BodyOf<'/api/v1/activities/{id}/', 'patch'>

export function listActivities(query: ActivityQuery) {
  return unwrap(client.GET('/api/v1/activities/', { params: { query: query as never } }))
}

export function getActivity(id: number) {
  return unwrap(client.GET('/api/v1/activities/{id}/', { params: { path: { id } } }))
}

export function createActivity(body: ActivityCreate) {
  return unwrap(client.POST('/api/v1/activities/', { body }))
}

export function updateActivity(id: number, body: ActivityUpdate) {
  return unwrap(client.PATCH('/api/v1/activities/{id}/', { params: { path: { id } }, body }))
}

/** The poster (JPEG or PNG; the server checks it like every upload and replaces the one before). */
export function uploadPoster(id: number, file: File) {
  const form = new FormData()
  form.append('file', file)
  return request<Activity>('POST', pathOf('/api/v1/activities/{id}/poster/', { id }), { form })
}

/** The poster's address for an ``<img>`` (the version makes a new poster load at once). */
export function posterUrl(activity: Pick<Activity, 'id' | 'version'>): string {
  return buildUrl(pathOf('/api/v1/activities/{id}/poster/', { id: activity.id }), { v: activity.version })
}

export function listRegistrations(id: number) {
  return unwrap(client.GET('/api/v1/activities/{id}/registrations/', { params: { path: { id } } }))
}

export function checkIn(registrationId: number) {
  return unwrap(client.POST('/api/v1/activity-registrations/{id}/check-in/', { params: { path: { id: registrationId } } }))
}

export function getParticipation(query: ReportQuery) {
  return unwrap(client.GET('/api/v1/activities/report/', { params: { query: query as never } }))
}

export function exportParticipation(query: ReportQuery) {
  return download(pathOf('/api/v1/activities/report/export/'), query as never)
}

/** Run one of the activity's `allowed_actions` (cancel, with the reason). */
export function runActivityAction(id: number, action: AllowedAction, body: ActionBody) {
  return runAction<Activity>('/api/v1/activities/', id, action, body)
}
