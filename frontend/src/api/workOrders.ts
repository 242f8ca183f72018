import { client, pathOf, type BodyOf, type QueryOf } from './client'
import { unwrap, upload } from './http'
import { runAction, type ActionBody } from './workflow'
import type { AllowedAction, WorkOrderDetail } from './types'

export type WorkOrderListQuery = QueryOf<'/api/v1/work-orders/', 'get'>

export function listWorkOrders(query: WorkOrderListQuery) {
  return unwrap(client.GET('/api/v1/work-orders/', { params: { query: query as never } }))
}

export function getWorkOrder(id: number) {
  return unwrap(client.GET('/api/v1/work-orders/{id}/', { params: { path: { id } } }))
}

/** The detail screen in one request: the order with its follow-ups, the first page of its timeline and its SLA
 * clocks (`included`; a part the caller may not see is absent). */
export function getWorkOrderScreen(id: number) {
  return unwrap(client.GET('/api/v1/work-orders/{id}/', { params: { path: { id }, query: { include: 'follow_ups,timeline,sla' } } }))
}

/** Creates an order; the server answers a repeated key with the first result instead of a duplicate. */
export function createWorkOrder(body: BodyOf<'/api/v1/work-orders/', 'post'>, idempotencyKey: string) {
  return unwrap(client.POST('/api/v1/work-orders/', { body, headers: { 'Idempotency-Key': idempotencyKey } }))
}

export function uploadWorkOrderAttachment(id: number, file: File, stage: 'report' | 'completion' | 'signature') {
  return upload(pathOf('/api/v1/work-orders/{id}/attachments/', { id }), file, () => undefined, { stage })
}

export function getDispatchSuggestions(id: number) {
  return unwrap(client.GET('/api/v1/work-orders/{id}/dispatch-suggestions/', { params: { path: { id } } }))
}

/** Dispatch (or reassign) an order to a technician or team. */
export function dispatchWorkOrder(id: number, action: 'dispatch' | 'reassign', body: BodyOf<'/api/v1/work-orders/{id}/dispatch/', 'post'>) {
  return action === 'reassign'
    ? unwrap(client.POST('/api/v1/work-orders/{id}/reassign/', { params: { path: { id } }, body }))
    : unwrap(client.POST('/api/v1/work-orders/{id}/dispatch/', { params: { path: { id } }, body }))
}

/** Dispatch many orders at once: one result per order. */
export function batchDispatchWorkOrders(body: BodyOf<'/api/v1/work-orders/batch-dispatch/', 'post'>) {
  return unwrap(client.POST('/api/v1/work-orders/batch-dispatch/', { body }))
}

export function completeWorkOrder(id: number, body: BodyOf<'/api/v1/work-orders/{id}/complete/', 'post'>) {
  return unwrap(client.POST('/api/v1/work-orders/{id}/complete/', { params: { path: { id } }, body }))
}

/** One of the order's `allowed_actions` that needs no dialog of its own (accept, start, hold, close …). */
export function runWorkOrderAction(id: number, action: AllowedAction, body: ActionBody) {
  return runAction<WorkOrderDetail>('/api/v1/work-orders/', id, action, body)
}

export function listWorkOrderFollowUps(id: number) {
  return unwrap(client.GET('/api/v1/work-orders/{id}/follow-ups/', { params: { path: { id } } }))
}

export function createWorkOrderFollowUp(id: number, body: BodyOf<'/api/v1/work-orders/{id}/follow-ups/', 'post'>) {
  return unwrap(client.POST('/api/v1/work-orders/{id}/follow-ups/', { params: { path: { id } }, body }))
}

export function listWorkOrderCategories(query: QueryOf<'/api/v1/work-order-categories/', 'get'> & { all?: boolean } = {}) {
  return unwrap(client.GET('/api/v1/work-order-categories/', { params: { query: query as never } }))
}

export function createWorkOrderCategory(body: BodyOf<'/api/v1/work-order-categories/', 'post'>) {
  return unwrap(client.POST('/api/v1/work-order-categories/', { body }))
}

export function updateWorkOrderCategory(id: number, body: BodyOf<'/api/v1/work-order-categories/{id}/', 'patch'>) {
  return unwrap(client.PATCH('/api/v1/work-order-categories/{id}/', { params: { path: { id } }, body }))
}

/** 拨打: the owner's number (or a privacy number) for this call only; the server logs the reveal (上门联系). */
export function callWorkOrderOwner(id: number) {
  return unwrap(client.POST('/api/v1/work-orders/{id}/call/', { params: { path: { id } } }))
}
