// 满意度调查问卷: the public, no-login side (a personal link) and the staff side — questionnaires in revisions with
// their workflow, campaigns (recipients, sending links, agent entry during a call), results and the Excel export.
import { client, pathOf, type BodyOf, type QueryOf } from './client'
import { download, unwrap } from './http'
import type { components } from './schema'
import type { AllowedAction } from './types'
import { runAction, type ActionBody } from './workflow'

type S = components['schemas']
export type Survey = S['Survey']
export type SurveyCampaign = S['Campaign']
export type SurveyRecipient = S['Recipient']
export type SurveyResults = S['Results']
export type SurveyQuestionResult = S['QuestionResult']
export type SurveyBuildingResult = S['BuildingResult']
export type SurveyQuery = QueryOf<'/api/v1/surveys/', 'get'>
export type CampaignQuery = QueryOf<'/api/v1/survey-campaigns/', 'get'>
export type SurveyCreate = BodyOf<'/api/v1/surveys/', 'post'>
export type SurveyUpdate = BodyOf<'/api/v1/surveys/{id}/', 'patch'>
export type CampaignCreate = BodyOf<'/api/v1/survey-campaigns/', 'post'>

/** The questionnaire a personal link opens (404: bad or expired link; 409: answered already). */
export function getPublicSurvey(token: string) {
  return unwrap(client.GET('/api/v1/public/surveys/{token}/', { params: { path: { token } } }))
}

/** Submit the answers of a personal link (once). */
export function answerPublicSurvey(token: string, answers: Record<string, unknown>) {
  return unwrap(client.POST('/api/v1/public/surveys/{token}/', { params: { path: { token } }, body: { answers } }))
}

/** Every revision of the company's questionnaires, newest first (``status`` filters). */
export function listSurveys(query: SurveyQuery) {
  return unwrap(client.GET('/api/v1/surveys/', { params: { query: query as never } }))
}

export function getSurvey(id: number) {
  return unwrap(client.GET('/api/v1/surveys/{id}/', { params: { path: { id } } }))
}

export function createSurvey(body: SurveyCreate) {
  return unwrap(client.POST('/api/v1/surveys/', { body }))
}

/** Change a draft (with the version read; a published revision answers 409). */
export function updateSurvey(id: number, body: SurveyUpdate) {
  return unwrap(client.PATCH('/api/v1/surveys/{id}/', { params: { path: { id } }, body }))
}

/** Publish / new version (revise: answers the new draft) / archive / restore, from the survey's ``allowed_actions``. */
export function runSurveyAction(id: number, action: AllowedAction, body: ActionBody) {
  return runAction<Survey>('/api/v1/surveys/', id, action, body)
}

export function listCampaigns(query: CampaignQuery) {
  return unwrap(client.GET('/api/v1/survey-campaigns/', { params: { query: query as never } }))
}

export function getCampaign(id: number) {
  return unwrap(client.GET('/api/v1/survey-campaigns/{id}/', { params: { path: { id } } }))
}

export function createCampaign(body: CampaignCreate) {
  return unwrap(client.POST('/api/v1/survey-campaigns/', { body }))
}

/** Text the personal links (``resend``: again to those who have not answered, at most once a day and three times). */
export function sendCampaign(id: number, resend: boolean) {
  return unwrap(client.POST('/api/v1/survey-campaigns/{id}/send/', { params: { path: { id } }, body: { resend } }))
}

/** Who was asked (empty for an anonymous campaign). */
export function listRecipients(id: number) {
  return unwrap(client.GET('/api/v1/survey-campaigns/{id}/recipients/', { params: { path: { id } } }))
}

/** An agent types in a recipient's answers during a call (once; 409 when answered). */
export function enterAnswers(id: number, recipient: number, answers: Record<string, unknown>) {
  return unwrap(client.POST('/api/v1/survey-campaigns/{id}/answer/', { params: { path: { id } }, body: { recipient, answers } }))
}

export function getResults(id: number) {
  return unwrap(client.GET('/api/v1/survey-campaigns/{id}/results/', { params: { path: { id } } }))
}

/** The campaign's events, newest first: sends and the follow-ups low scores opened. */
export function getCampaignTimeline(id: number, page = 1, pageSize = 100) {
  return unwrap(client.GET('/api/v1/survey-campaigns/{id}/timeline/', { params: { path: { id }, query: { page, page_size: pageSize } } }))
}

/** The answers as an Excel file (no names; anonymous: the day only, small buildings blank). */
export function exportAnswers(id: number) {
  return download(pathOf('/api/v1/survey-campaigns/{id}/export/', { id }))
}

// --- 自动调查: a project's automatic surveys (after a repair order closes, after handover, yearly) and its settings

export type SurveyTrigger = S['SurveyTrigger']
export type SurveyInvitation = S['Invitation']
export type SurveySettings = S['SurveySettings']
export type TriggerQuery = QueryOf<'/api/v1/survey-triggers/', 'get'>
export type TriggerCreate = BodyOf<'/api/v1/survey-triggers/', 'post'>
export type TriggerUpdate = BodyOf<'/api/v1/survey-triggers/{id}/', 'patch'>
export type SurveySettingsUpdate = BodyOf<'/api/v1/survey-settings/{project_id}/', 'put'>

/** The automatic surveys of the projects in scope (``project``, ``kind``, ``active`` filter), with invitation counts. */
export function listTriggers(query: TriggerQuery) {
  return unwrap(client.GET('/api/v1/survey-triggers/', { params: { query: query as never } }))
}

export function getTrigger(id: number) {
  return unwrap(client.GET('/api/v1/survey-triggers/{id}/', { params: { path: { id } } }))
}

/** One per project and kind (a second one is a field error on ``kind``). */
export function createTrigger(body: TriggerCreate) {
  return unwrap(client.POST('/api/v1/survey-triggers/', { body }))
}

/** Change an automatic survey with the version read (stale: 409); the project and the kind never change. */
export function updateTrigger(id: number, body: TriggerUpdate) {
  return unwrap(client.PATCH('/api/v1/survey-triggers/{id}/', { params: { path: { id } }, body }))
}

/** Whom it asked, will ask or skipped (and why), latest due first; an anonymous survey names nobody. */
export function listInvitations(id: number, page = 1, pageSize = 20) {
  return unwrap(client.GET('/api/v1/survey-triggers/{id}/invitations/', { params: { path: { id }, query: { page, page_size: pageSize } } }))
}

/** The automatic survey's events, newest first: created, changed, people skipped. */
export function getTriggerTimeline(id: number, page = 1, pageSize = 50) {
  return unwrap(client.GET('/api/v1/survey-triggers/{id}/timeline/', { params: { path: { id }, query: { page, page_size: pageSize } } }))
}

/** A project's survey practice: days between invitations (survey fatigue) and the low-score threshold. */
export function getSurveySettings(projectId: number) {
  return unwrap(client.GET('/api/v1/survey-settings/{project_id}/', { params: { path: { project_id: projectId } } }))
}

export function updateSurveySettings(projectId: number, body: SurveySettingsUpdate) {
  return unwrap(client.PUT('/api/v1/survey-settings/{project_id}/', { params: { path: { project_id: projectId } }, body }))
}
