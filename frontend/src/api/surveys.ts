// 满意度调查问卷: the public, no-login side (a personal link) — the staff side is in the API only so far.
import { client } from './client'
import { unwrap } from './http'

/** The questionnaire a personal link opens (404: bad or expired link; 409: answered already). */
export function getPublicSurvey(token: string) {
  return unwrap(client.GET('/api/v1/public/surveys/{token}/', { params: { path: { token } } }))
}

/** Submit the answers of a personal link (once). */
export function answerPublicSurvey(token: string, answers: Record<string, unknown>) {
  return unwrap(client.POST('/api/v1/public/surveys/{token}/', { params: { path: { token } }, body: { answers } }))
}
