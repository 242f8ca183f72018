// The owner app's API (/api/v1/owner/…): its own sign-in realm, the owner's homes, 在线反馈 orders and ratings.
import { client, pathOf, type BodyOf } from './client'
import { buildUrl, unwrap, upload } from './http'
import type { components } from './schema'

export type OwnerMe = components['schemas']['OwnerMe']
export type OwnerHome = components['schemas']['OwnerHome']
export type OwnerHomeDetail = components['schemas']['OwnerHomeDetail']
export type OwnerCategory = components['schemas']['OwnerCategory']
export type OwnerOrder = components['schemas']['OwnerOrder']
export type OwnerOrderDetail = components['schemas']['OwnerOrderDetail']
export type OwnerPhoto = components['schemas']['OwnerPhoto']
export type OwnerOrderCreate = BodyOf<'/api/v1/owner/orders/', 'post'>

export function requestSignInCode(mobile: string) {
  return unwrap(client.POST('/api/v1/owner/auth/code/', { body: { mobile } }), { quiet401: true })
}

export function verifySignInCode(mobile: string, code: string) {
  return unwrap(client.POST('/api/v1/owner/auth/verify/', { body: { mobile, code } }), { quiet401: true })
}

export function getOwnerMe() {
  return unwrap(client.GET('/api/v1/owner/auth/me/'), { quiet401: true })
}

export function signOutOwner() {
  return unwrap(client.POST('/api/v1/owner/auth/logout/'))
}

export function signOutOwnerEverywhere() {
  return unwrap(client.POST('/api/v1/owner/auth/logout-all/'))
}

export function listOwnerHomes() {
  return unwrap(client.GET('/api/v1/owner/homes/'))
}

export function getOwnerHome(id: number) {
  return unwrap(client.GET('/api/v1/owner/homes/{id}/', { params: { path: { id } } }))
}

export function bookHandoverSlot(id: number, body: BodyOf<'/api/v1/owner/homes/{id}/handover-slot/', 'post'>) {
  return unwrap(client.POST('/api/v1/owner/homes/{id}/handover-slot/', { params: { path: { id } }, body }))
}

export function listOwnerCategories() {
  return unwrap(client.GET('/api/v1/owner/categories/'))
}

export function listOwnerOrders(page = 1) {
  return unwrap(client.GET('/api/v1/owner/orders/', { params: { query: { page } as never } }))
}

export function reportOwnerOrder(body: OwnerOrderCreate) {
  return unwrap(client.POST('/api/v1/owner/orders/', { body }))
}

export function getOwnerOrder(id: number) {
  return unwrap(client.GET('/api/v1/owner/orders/{id}/', { params: { path: { id } } }))
}

export function addOwnerPhoto(id: number, file: File, onProgress: (percent: number) => void = () => {}) {
  return upload<OwnerPhoto>(pathOf('/api/v1/owner/orders/{id}/photos/', { id }), file, onProgress)
}

export function rateOwnerOrder(id: number, body: BodyOf<'/api/v1/owner/orders/{id}/rate/', 'post'>) {
  return unwrap(client.POST('/api/v1/owner/orders/{id}/rate/', { params: { path: { id } }, body }))
}

export type OwnerActivity = components['schemas']['OwnerActivity']

export function listOwnerActivities() {
  return unwrap(client.GET('/api/v1/owner/activities/'))
}

export function signUpForActivity(id: number) {
  return unwrap(client.POST('/api/v1/owner/activities/{id}/sign-up/', { params: { path: { id } } }))
}

export function cancelActivitySignUp(id: number) {
  return unwrap(client.POST('/api/v1/owner/activities/{id}/cancel/', { params: { path: { id } } }))
}

export type OwnerSurvey = components['schemas']['OwnerSurvey']
export type OwnerSurveyDetail = components['schemas']['OwnerSurveyDetail']

export function listOwnerSurveys() {
  return unwrap(client.GET('/api/v1/owner/surveys/'))
}

export function getOwnerSurvey(id: number) {
  return unwrap(client.GET('/api/v1/owner/surveys/{id}/', { params: { path: { id } } }))
}

export function answerOwnerSurvey(id: number, answers: Record<string, unknown>) {
  return unwrap(client.POST('/api/v1/owner/surveys/{id}/answer/', { params: { path: { id } }, body: { answers } }))
}

/** The activity's poster, for an ``<img>`` (only an activity the owner may see; else 404). */
export function ownerPosterUrl(id: number): string {
  return buildUrl(pathOf('/api/v1/owner/activities/{id}/poster/', { id }))
}
