// 面积补差: batches per building (draft → reviewed → approved → notified → posted), their lines per contract, the
// 结算单 PDFs, the preview calculator and the measured-areas import from the survey report.
import { client, pathOf, type BodyOf, type QueryOf } from './client'
import { buildUrl, download, unwrap, upload } from './http'
import { runAction, type ActionBody } from './workflow'
import type { AllowedAction, MeasuredAreasResult, SettlementBatchDetail, SettlementPreviewInput } from './types'

export type SettlementBatchQuery = QueryOf<'/api/v1/area-settlements/', 'get'>
export type SettlementLineQuery = QueryOf<'/api/v1/area-settlement-lines/', 'get'>

export function listSettlementBatches(query: SettlementBatchQuery) {
  return unwrap(client.GET('/api/v1/area-settlements/', { params: { query: query as never } }))
}

export function getSettlementBatch(id: number) {
  return unwrap(client.GET('/api/v1/area-settlements/{id}/', { params: { path: { id } } }))
}

/** A draft batch of a building: one line per live contract whose unit has measured areas. */
export function createSettlementBatch(body: BodyOf<'/api/v1/area-settlements/', 'post'>) {
  return unwrap(client.POST('/api/v1/area-settlements/', { body }))
}

export function runSettlementAction(id: number, action: AllowedAction, body: ActionBody) {
  return runAction<SettlementBatchDetail>('/api/v1/area-settlements/', id, action, body)
}

export function listSettlementLines(query: SettlementLineQuery) {
  return unwrap(client.GET('/api/v1/area-settlement-lines/', { params: { query: query as never } }))
}

/** 买受人退房: the line is not posted and the contract's cancellation is requested. */
export function recordWithdrawal(id: number, body: BodyOf<'/api/v1/area-settlement-lines/{id}/withdraw/', 'post'>) {
  return unwrap(client.POST('/api/v1/area-settlement-lines/{id}/withdraw/', { params: { path: { id } }, body }))
}

/** The figures of one contract from its areas and price (no record read or written). */
export function previewSettlement(body: SettlementPreviewInput) {
  return unwrap(client.POST('/api/v1/area-settlements/preview/', { body }))
}

/** 面积补差结算单 of a batch or a line, opened inline by the browser (session cookie). */
export function batchStatementUrl(id: number): string {
  return buildUrl(pathOf('/api/v1/area-settlements/{id}/statement/', { id }))
}

export function lineStatementUrl(id: number): string {
  return buildUrl(pathOf('/api/v1/area-settlement-lines/{id}/statement/', { id }))
}

export function downloadMeasuredAreasTemplate(): Promise<string> {
  return download(pathOf('/api/v1/area-settlements/measured-areas-template/'))
}

export function importMeasuredAreas(project: number, file: File, onProgress: (percent: number) => void) {
  return upload<MeasuredAreasResult>(pathOf('/api/v1/area-settlements/import-measured-areas/'), file, onProgress, {
    project: String(project),
  })
}
