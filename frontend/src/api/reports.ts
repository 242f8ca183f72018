// 统计报表: the report centre. Each row of a report carries `drilldown`, the list URL whose count is the row's count.
import { client, pathOf, type BodyOf, type QueryOf } from './client'
import { download, unwrap } from './http'

export type ReportQuery = QueryOf<'/api/v1/reports/{key}/', 'get'>

/** The reports the user may open, with their columns and groupings. */
export function listReports() {
  return unwrap(client.GET('/api/v1/reports/'))
}

/** One report for a period: rows (each with its drill-down URL), totals and, with compare, the previous period's. */
export function getReport(key: string, query: ReportQuery) {
  return unwrap(client.GET('/api/v1/reports/{key}/', { params: { path: { key }, query: query as never } }))
}

/** The report's table as a spreadsheet (.xlsx). */
export function exportReport(key: string, query: ReportQuery): Promise<string> {
  return download(pathOf('/api/v1/reports/{key}/export/', { key }), query as never)
}

export type SubscriptionInput = BodyOf<'/api/v1/report-subscriptions/', 'post'>
export type WorkSummaryQuery = QueryOf<'/api/v1/work-summary/', 'get'>

/** 我的订阅: the caller's own report subscriptions. */
export function listSubscriptions() {
  return unwrap(client.GET('/api/v1/report-subscriptions/'))
}

/** Subscribe to a report with its current filters (project, building, grouping) on a schedule. */
export function createSubscription(body: SubscriptionInput) {
  return unwrap(client.POST('/api/v1/report-subscriptions/', { body }))
}

/** Pause (false) or resume (true) a subscription. */
export function setSubscriptionActive(id: number, active: boolean) {
  return unwrap(client.PATCH('/api/v1/report-subscriptions/{id}/', { params: { path: { id } }, body: { active } }))
}

export function deleteSubscription(id: number) {
  return unwrap(client.DELETE('/api/v1/report-subscriptions/{id}/', { params: { path: { id } } }))
}

/** 工作总结: one project's week or month beside the previous one. */
export function getWorkSummary(query: WorkSummaryQuery) {
  return unwrap(client.GET('/api/v1/work-summary/', { params: { query: query as never } }))
}

/** The same 工作总结 as a PDF download. */
export function downloadWorkSummary(query: WorkSummaryQuery): Promise<string> {
  return download(pathOf('/api/v1/work-summary/pdf/', {}), query as never)
}
