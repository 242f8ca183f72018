// 成交管理: presale permits and price lists (价格与许可), subscriptions (认购), contracts (签约) with their ledger
// (收款台账), filing (网签备案), changes (换房 / 更名 / 退房) and overdue receivables (催收).
import { client, pathOf, type BodyOf, type QueryOf } from './client'
import { download, unwrap } from './http'
import { runAction, type ActionBody } from './workflow'
import type { AllowedAction, Contract, ContractChange, CurrentPrice, LedgerEntry, PriceListDetail, Subscription } from './types'

// --- 价格与许可 ---------------------------------------------------------------------------------------------------

export function listPresalePermits(query: QueryOf<'/api/v1/presale-permits/', 'get'>) {
  return unwrap(client.GET('/api/v1/presale-permits/', { params: { query: query as never } }))
}

export function createPresalePermit(body: BodyOf<'/api/v1/presale-permits/', 'post'>) {
  return unwrap(client.POST('/api/v1/presale-permits/', { body }))
}

export function listPriceLists(query: QueryOf<'/api/v1/price-lists/', 'get'>) {
  return unwrap(client.GET('/api/v1/price-lists/', { params: { query: query as never } }))
}

export function getPriceList(id: number) {
  return unwrap(client.GET('/api/v1/price-lists/{id}/', { params: { path: { id } } }))
}

export function createPriceList(body: BodyOf<'/api/v1/price-lists/', 'post'>) {
  return unwrap(client.POST('/api/v1/price-lists/', { body }))
}

/** One of a price list's `allowed_actions` (submit, approve, reject). */
export function runPriceListAction(id: number, action: AllowedAction, body: ActionBody) {
  return runAction<PriceListDetail>('/api/v1/price-lists/', id, action, body)
}

/** The list price in force today of every priced unit of a building (a plain list, unpaged). */
export function getCurrentPrices(building: number): Promise<CurrentPrice[]> {
  return unwrap(client.GET('/api/v1/price-lists/current/', { params: { query: { building } } }))
}

// --- 认购 ---------------------------------------------------------------------------------------------------------

export type SubscriptionListQuery = QueryOf<'/api/v1/subscriptions/', 'get'>

export function listSubscriptions(query: SubscriptionListQuery) {
  return unwrap(client.GET('/api/v1/subscriptions/', { params: { query: query as never } }))
}

export function getSubscription(id: number) {
  return unwrap(client.GET('/api/v1/subscriptions/{id}/', { params: { path: { id } } }))
}

export function createSubscription(body: BodyOf<'/api/v1/subscriptions/', 'post'>) {
  return unwrap(client.POST('/api/v1/subscriptions/', { body }))
}

/** 定金到账 (finance): date, method and receipt number. */
export function recordSubscriptionDeposit(id: number, body: BodyOf<'/api/v1/subscriptions/{id}/record-deposit/', 'post'>) {
  return unwrap(client.POST('/api/v1/subscriptions/{id}/record-deposit/', { params: { path: { id } }, body }))
}

/** 转签约: the contract's terms; buyers, unit, price and deposit come from the subscription. */
export function convertSubscription(id: number, body: BodyOf<'/api/v1/subscriptions/{id}/convert/', 'post'>) {
  return unwrap(client.POST('/api/v1/subscriptions/{id}/convert/', { params: { path: { id } }, body }))
}

/** 退订 with the reason; a deposit received is paid back afterwards as finance's own step (`refundSubscriptionDeposit`). */
export function cancelSubscription(id: number, body: BodyOf<'/api/v1/subscriptions/{id}/cancel/', 'post'>) {
  return unwrap(client.POST('/api/v1/subscriptions/{id}/cancel/', { params: { path: { id } }, body }))
}

/** 登记定金退款 (finance) after 退订 or 逾期: amount (at most the deposit), date and account. */
export function refundSubscriptionDeposit(id: number, body: BodyOf<'/api/v1/subscriptions/{id}/refund-deposit/', 'post'>) {
  return unwrap(client.POST('/api/v1/subscriptions/{id}/refund-deposit/', { params: { path: { id } }, body }))
}

/** One of a subscription's `allowed_actions` that needs no dialog of its own (approve, expire). */
export function runSubscriptionAction(id: number, action: AllowedAction, body: ActionBody) {
  return runAction<Subscription>('/api/v1/subscriptions/', id, action, body)
}

// --- 签约 ---------------------------------------------------------------------------------------------------------

export type ContractListQuery = QueryOf<'/api/v1/contracts/', 'get'>

export function listContracts(query: ContractListQuery) {
  return unwrap(client.GET('/api/v1/contracts/', { params: { query: query as never } }))
}

export function getContract(id: number) {
  return unwrap(client.GET('/api/v1/contracts/{id}/', { params: { path: { id } } }))
}

export function updateContract(id: number, body: BodyOf<'/api/v1/contracts/{id}/', 'patch'>) {
  return unwrap(client.PATCH('/api/v1/contracts/{id}/', { params: { path: { id } }, body }))
}

/** 网签备案: the filing number and date. */
export function fileContract(id: number, body: BodyOf<'/api/v1/contracts/{id}/filing/', 'post'>) {
  return unwrap(client.POST('/api/v1/contracts/{id}/filing/', { params: { path: { id } }, body }))
}

/** 解约 with the reason and, optionally, a refund (requested: it counts on the ledger once approved). */
export function cancelContract(id: number, body: BodyOf<'/api/v1/contracts/{id}/cancel/', 'post'>) {
  return unwrap(client.POST('/api/v1/contracts/{id}/cancel/', { params: { path: { id } }, body }))
}

/** One of a contract's `allowed_actions` that needs no dialog of its own. */
export function runContractAction(id: number, action: AllowedAction, body: ActionBody) {
  return runAction<Contract>('/api/v1/contracts/', id, action, body)
}

/** 成交客户登记表 (.xlsx) of the filtered contracts. */
export function exportContracts(query: ContractListQuery & QueryOf<'/api/v1/contracts/export/', 'get'>): Promise<string> {
  return download(pathOf('/api/v1/contracts/export/'), query as never)
}

// --- 收款台账 -----------------------------------------------------------------------------------------------------

export function getContractLedger(id: number) {
  return unwrap(client.GET('/api/v1/contracts/{id}/ledger/', { params: { path: { id } } }))
}

/** 收款 (finance), split across receivables or, without a split, oldest due first. */
export function recordContractPayment(id: number, body: BodyOf<'/api/v1/contracts/{id}/payments/', 'post'>) {
  return unwrap(client.POST('/api/v1/contracts/{id}/payments/', { params: { path: { id } }, body }))
}

/** 退款申请: it counts on the ledger once approved. */
export function requestContractRefund(id: number, body: BodyOf<'/api/v1/contracts/{id}/refunds/', 'post'>) {
  return unwrap(client.POST('/api/v1/contracts/{id}/refunds/', { params: { path: { id } }, body }))
}

/** One of a ledger line's `allowed_actions` (approve or reject a refund). */
export function runLedgerEntryAction(id: number, action: AllowedAction, body: ActionBody) {
  return runAction<LedgerEntry>('/api/v1/ledger-entries/', id, action, body)
}

export function listOverdueReceivables(query: QueryOf<'/api/v1/overdue-receivables/', 'get'>) {
  return unwrap(client.GET('/api/v1/overdue-receivables/', { params: { query: query as never } }))
}

// --- 变更 ---------------------------------------------------------------------------------------------------------

export function listContractChanges(query: QueryOf<'/api/v1/contract-changes/', 'get'>) {
  return unwrap(client.GET('/api/v1/contract-changes/', { params: { query: query as never } }))
}

/** 换房 / 更名 / 退房 request: applied once approved. */
export function requestContractChange(id: number, body: BodyOf<'/api/v1/contracts/{id}/changes/', 'post'>) {
  return unwrap(client.POST('/api/v1/contracts/{id}/changes/', { params: { path: { id } }, body }))
}

/** One of a change's `allowed_actions` (approve, reject). */
export function runContractChangeAction(id: number, action: AllowedAction, body: ActionBody) {
  return runAction<ContractChange>('/api/v1/contract-changes/', id, action, body)
}

/** 添加应收 (e.g. an area difference; negative when money goes back to the buyer). */
export function addContractReceivable(id: number, body: BodyOf<'/api/v1/contracts/{id}/receivables/', 'post'>) {
  return unwrap(client.POST('/api/v1/contracts/{id}/receivables/', { params: { path: { id } }, body }))
}

// --- 销售报表 -----------------------------------------------------------------------------------------------------

export type SalesReportQuery = QueryOf<'/api/v1/sales-reports/', 'get'>

/** 销售日报 / 周报 / 月报: the totals of the period, per consultant and per day. */
export function getSalesReport(query: SalesReportQuery) {
  return unwrap(client.GET('/api/v1/sales-reports/', { params: { query: query as never } }))
}

/** The same report as a spreadsheet (.xlsx). */
export function exportSalesReport(query: SalesReportQuery): Promise<string> {
  return download(pathOf('/api/v1/sales-reports/export/'), query as never)
}

export type SalesSettingsInput = BodyOf<'/api/v1/sales-settings/{project_id}/', 'put'>

/** A project's sales practice and handover fee schedule (defaults until first saved). */
export function getSalesSettings(projectId: number) {
  return unwrap(client.GET('/api/v1/sales-settings/{project_id}/', { params: { path: { project_id: projectId } } }))
}

export function saveSalesSettings(projectId: number, body: SalesSettingsInput) {
  return unwrap(client.PUT('/api/v1/sales-settings/{project_id}/', { params: { path: { project_id: projectId } }, body }))
}
