// Workflow actions come from the server's `allowed_actions`: which one runs is only known at run time, so these
// endpoints are reached through one checked prefix per record type instead of a literal schema path.
import { request } from './http'
import type { AllowedAction } from './types'

/** The URL segment of an action (the server routes `no_show` as `no-show/`). */
export function actionPath(action: AllowedAction): string {
  return action.action.replace(/_/g, '-')
}

/** The body every workflow action accepts: the version read and, when asked for, the typed reason. */
export type ActionBody = Record<string, unknown>

/** The records whose actions run through `runAction` (one prefix per workflow table on the server). */
export type WorkflowBase =
  | '/api/v1/work-orders/'
  | '/api/v1/appointments/'
  | '/api/v1/complaints/'
  | '/api/v1/subscriptions/'
  | '/api/v1/contracts/'
  | '/api/v1/contract-changes/'
  | '/api/v1/price-lists/'
  | '/api/v1/ledger-entries/'
  | '/api/v1/mortgage-cases/'
  | '/api/v1/area-settlements/'
  | '/api/v1/certificate-cases/'
  | '/api/v1/handover-batches/'
  | '/api/v1/handover-inspections/'
  | '/api/v1/activities/'
  | '/api/v1/surveys/'

export function runAction<T>(base: WorkflowBase, id: number, action: AllowedAction, body: ActionBody): Promise<T> {
  return request<T>('POST', `${base}${id}/${actionPath(action)}/`, { body })
}
