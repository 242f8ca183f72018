// The page logic of 成交管理 that is worth testing on its own: buyers and their shares, the price a new deal starts
// from (the list price in force), the contract's payment schedule, the split of a receipt, and the list queries.
// The server checks all of it again; these only save a round trip and show the sums while typing.
import dayjs from 'dayjs'
import type { BuyerRoleEnum, PaymentPlanEnum, PricingBasisEnum } from '@/api/enums'
import type { ContractListQuery, SubscriptionListQuery } from '@/api/sales'
import type { CurrentPrice, Subscription } from '@/api/types'
import { compareMoney, discountPercent, divideMoney, fromHundredths, multiplyMoney, normaliseMoney, subtractMoney, sumMoney, toHundredths } from '@/utils/money'

// --- Buyers --------------------------------------------------------------------------------------------------------

export interface BuyerRow {
  customer: number | null
  /** Shown in the picker before its options load. */
  customer_name: string
  role: BuyerRoleEnum
  share: string
}

export function firstBuyer(): BuyerRow {
  return { customer: null, customer_name: '', role: 'primary', share: '100.00' }
}

export function nextBuyer(): BuyerRow {
  return { customer: null, customer_name: '', role: 'co_buyer', share: '' }
}

/** The shares added up ("100.00"). */
export function shareTotal(rows: Pick<BuyerRow, 'share'>[]): string {
  return sumMoney(rows.map((r) => r.share))
}

/** 100 split evenly over `count` buyers to two places, the first taking the remainder: 3 → 33.34, 33.33, 33.33. */
export function evenShares(count: number): string[] {
  if (count < 1) return []
  const total = 10000n
  const each = total / BigInt(count)
  const first = total - each * BigInt(count - 1)
  return [fromHundredths(first), ...Array.from({ length: count - 1 }, () => fromHundredths(each))]
}

export type BuyersProblem = 'noBuyer' | 'customerMissing' | 'onePrimary' | 'duplicate' | 'shares' | null

/** What is wrong with the buyers (the same rules as the server), as a key of `sales.buyerProblems`. */
export function buyersProblem(rows: BuyerRow[]): BuyersProblem {
  if (!rows.length) return 'noBuyer'
  if (rows.some((r) => r.customer === null)) return 'customerMissing'
  if (rows.filter((r) => r.role === 'primary').length !== 1) return 'onePrimary'
  if (new Set(rows.map((r) => r.customer)).size !== rows.length) return 'duplicate'
  const shares = rows.map((r) => toHundredths(r.share))
  if (shares.some((s) => s === null || s <= 0n) || compareMoney(shareTotal(rows), '100') !== 0) return 'shares'
  return null
}

export function buyersBody(rows: BuyerRow[]) {
  return rows.map((r) => ({ customer: r.customer as number, role: r.role, share: normaliseMoney(r.share) ?? r.share }))
}

// --- Price ---------------------------------------------------------------------------------------------------------

export interface UnitAreas {
  predicted_gross_area: string
  predicted_internal_area: string
}

export interface PriceFields {
  unit_price: string
  area: string
  total_price: string
}

/** The area a price per area is multiplied by: 套内 or 建筑面积 (none for a whole-unit price). */
export function areaFor(basis: PricingBasisEnum, unit: UnitAreas | null): string {
  if (!unit || basis === 'whole_unit') return ''
  return basis === 'inner_area' ? unit.predicted_internal_area : unit.predicted_gross_area
}

/**
 * The figures a new deal starts from: the list price in force (its total; per area, the total over the area, as the
 * server derives it). Without a list price the fields stay blank for the consultant to fill.
 */
export function defaultPrice(basis: PricingBasisEnum, unit: UnitAreas | null, listed: CurrentPrice | null): PriceFields {
  const area = areaFor(basis, unit)
  if (!listed) return { unit_price: '', area, total_price: '' }
  if (basis === 'whole_unit') return { unit_price: '', area: '', total_price: normaliseMoney(listed.total_price) ?? '' }
  return { unit_price: divideMoney(listed.total_price, area) ?? '', area, total_price: normaliseMoney(listed.total_price) ?? '' }
}

/** The agreed total the figures give: per unit the total typed, per area unit price × area (to the fen). */
export function agreedTotal(basis: PricingBasisEnum, fields: PriceFields): string | null {
  if (basis === 'whole_unit') return normaliseMoney(fields.total_price)
  return multiplyMoney(normaliseMoney(fields.unit_price), normaliseMoney(fields.area))
}

/** How far below the list price the deal is (percent, "0.00" when not below or without a list price). */
export function dealDiscount(basis: PricingBasisEnum, fields: PriceFields, listed: CurrentPrice | null): string {
  return discountPercent(listed?.total_price, agreedTotal(basis, fields))
}

/**
 * The price part of the request: figures left at the list price are sent blank so the server applies the list
 * price itself (no rounding difference can make it look discounted); changed figures are sent as typed.
 */
export function priceBody(basis: PricingBasisEnum, fields: PriceFields, defaults: PriceFields) {
  const same = (a: string, b: string) => (normaliseMoney(a) ?? '') === (normaliseMoney(b) ?? '')
  const untouched = same(fields.unit_price, defaults.unit_price) && same(fields.total_price, defaults.total_price) && same(fields.area, defaults.area)
  if (basis === 'whole_unit')
    return { pricing_basis: basis, unit_price: null, area: null, total_price: untouched && defaults.total_price ? null : normaliseMoney(fields.total_price) }
  return {
    pricing_basis: basis,
    unit_price: untouched && defaults.unit_price ? null : normaliseMoney(fields.unit_price),
    area: normaliseMoney(fields.area),
    total_price: null,
  }
}

// --- The contract's payment schedule -------------------------------------------------------------------------------

export const LOAN_PLANS: readonly PaymentPlanEnum[] = ['commercial_loan', 'provident_fund_loan', 'combined_loan']

export function isLoanPlan(plan: PaymentPlanEnum): boolean {
  return LOAN_PLANS.includes(plan)
}

export interface InstalmentRow {
  amount: string
  due_on: Date | string | null
}

/** 首付款: what is left of the price after the deposit, the loan and the instalments (negative when they exceed it). */
export function downPayment(total: string | null, deposit: string | null, loan: string | null, instalments: InstalmentRow[]): string {
  return subtractMoney(subtractMoney(subtractMoney(total, deposit), loan), sumMoney(instalments.map((i) => i.amount)))
}

/** The loan amount a plan may carry: more than 0 and less than the price; none for other plans. */
export function loanProblem(plan: PaymentPlanEnum, loan: string, total: string | null): 'loanRequired' | 'loanTooLarge' | 'loanNotAllowed' | null {
  const value = toHundredths(loan) ?? 0n
  if (!isLoanPlan(plan)) return value === 0n ? null : 'loanNotAllowed'
  if (value <= 0n) return 'loanRequired'
  if (total !== null && compareMoney(loan, total) >= 0) return 'loanTooLarge'
  return null
}

// --- Receipts ------------------------------------------------------------------------------------------------------

export interface AllocationRow {
  receivable: number
  outstanding: string
  amount: string
}

/** The amounts typed against receivables, added up. */
export function allocatedTotal(rows: Pick<AllocationRow, 'amount'>[]): string {
  return sumMoney(rows.map((r) => r.amount))
}

/** A split of a receipt: it must add up to the receipt and stay within each receivable's outstanding amount. */
export function splitProblem(amount: string, rows: AllocationRow[]): 'splitTotal' | 'splitOver' | null {
  if (rows.some((r) => compareMoney(r.amount, r.outstanding) > 0)) return 'splitOver'
  if (compareMoney(allocatedTotal(rows), amount) !== 0) return 'splitTotal'
  return null
}

/** Fills the split oldest due first (the rows in the order given), as the server would without a split. */
export function fillSplit(amount: string, rows: AllocationRow[]): AllocationRow[] {
  let left = toHundredths(amount) ?? 0n
  return rows.map((row) => {
    const open = toHundredths(row.outstanding) ?? 0n
    const take = left <= 0n ? 0n : left < open ? left : open
    left -= take
    return { ...row, amount: take > 0n ? fromHundredths(take) : '' }
  })
}

/** The allocations to send: rows with an amount only. */
export function allocationsBody(rows: AllocationRow[]) {
  return rows.filter((r) => (toHundredths(r.amount) ?? 0n) > 0n).map((r) => ({ receivable: r.receivable, amount: normaliseMoney(r.amount)! }))
}

// --- Deposit -------------------------------------------------------------------------------------------------------

/** 定金未到账: a deposit is due and not in, while the subscription still holds the unit (待审批 or 有效). */
export function depositOutstanding(s: Pick<Subscription, 'is_open' | 'deposit_received' | 'deposit_amount'>): boolean {
  return s.is_open && !s.deposit_received && compareMoney(s.deposit_amount, '0') > 0
}

/** 定金待退还: the subscription ended (退订 or 逾期) holding a deposit that finance has not yet paid back. */
export function depositRefundDue(s: Pick<Subscription, 'status' | 'deposit_received' | 'refund_amount'>): boolean {
  return (s.status === 'cancelled' || s.status === 'expired') && s.deposit_received && s.refund_amount === null
}

// --- Lists ---------------------------------------------------------------------------------------------------------

export interface DealFilters {
  q: string
  project: number | null
  status: string[]
  mine: boolean
  consultant: number | null
  dates: [Date, Date] | null
  /** Subscriptions: '' all, 'false' 定金未到账, 'true' 定金已到账. */
  deposit: '' | 'true' | 'false'
  /** Contracts: only those overdue for filing / with a balance open. */
  filing_overdue: boolean
  unpaid: boolean
}

export function blankDealFilters(project: number | null): DealFilters {
  return { q: '', project, status: [], mine: false, consultant: null, dates: null, deposit: '', filing_overdue: false, unpaid: false }
}

const day = (d: Date) => dayjs(d).format('YYYY-MM-DD')

function common(filters: DealFilters, page: number, pageSize: number) {
  return {
    q: filters.q.trim() || null,
    project: filters.project,
    status: filters.status.join(',') || null,
    mine: filters.mine || null,
    consultant: filters.mine ? null : filters.consultant,
    page,
    page_size: pageSize,
  }
}

export function subscriptionQuery(filters: DealFilters, page: number, pageSize: number): SubscriptionListQuery {
  return {
    ...common(filters, page, pageSize),
    deposit_received: filters.deposit || null,
    subscribed_from: filters.dates ? day(filters.dates[0]) : null,
    subscribed_to: filters.dates ? day(filters.dates[1]) : null,
  }
}

export function contractQuery(filters: DealFilters, page?: number, pageSize?: number): ContractListQuery {
  return {
    ...common(filters, page ?? 1, pageSize ?? 20),
    ...(page === undefined ? { page: null, page_size: null } : {}),
    filing_overdue: filters.filing_overdue || null,
    unpaid: filters.unpaid || null,
    signed_from: filters.dates ? day(filters.dates[0]) : null,
    signed_to: filters.dates ? day(filters.dates[1]) : null,
  }
}

/** Days from today to a date (negative when it has passed). */
export function daysUntil(date: string | null | undefined, today = dayjs()): number | null {
  if (!date) return null
  return dayjs(date).startOf('day').diff(today.startOf('day'), 'day')
}
