// 统计报表: the report centre. Each row of a report carries `drilldown`, the list URL whose count is the row's count.
import { client, pathOf, type QueryOf } from './client'
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
