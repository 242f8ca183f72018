import dayjs from 'dayjs'
import { describe, expect, it } from 'vitest'
import type { CurrentPrice } from '@/api/types'
import {
  agreedTotal, allocationsBody, blankDealFilters, buyersBody, buyersProblem, contractQuery, daysUntil, dealDiscount, defaultPrice, depositOutstanding,
  depositRefundDue,
  downPayment, evenShares, fillSplit, firstBuyer, loanProblem, nextBuyer, priceBody, shareTotal, splitProblem, subscriptionQuery,
  type BuyerRow,
} from './deal'

const buyer = (customer: number | null, role: BuyerRow['role'], share: string): BuyerRow => ({ customer, customer_name: '', role, share })

describe('buyers and shares', () => {
  it('starts with one primary buyer holding 100 %, co-buyers empty', () => {
    expect(firstBuyer()).toMatchObject({ role: 'primary', share: '100.00' })
    expect(nextBuyer()).toMatchObject({ role: 'co_buyer', share: '' })
  })

  it('adds the shares exactly', () => {
    expect(shareTotal([{ share: '33.34' }, { share: '33.33' }, { share: '33.33' }])).toBe('100.00')
    expect(shareTotal([{ share: '50' }, { share: '' }])).toBe('50.00')
  })

  it('splits 100 evenly, the first buyer taking the remainder', () => {
    expect(evenShares(1)).toEqual(['100.00'])
    expect(evenShares(2)).toEqual(['50.00', '50.00'])
    expect(evenShares(3)).toEqual(['33.34', '33.33', '33.33'])
    expect(evenShares(0)).toEqual([])
  })

  it('says what is wrong, in the server order', () => {
    expect(buyersProblem([])).toBe('noBuyer')
    expect(buyersProblem([buyer(null, 'primary', '100')])).toBe('customerMissing')
    expect(buyersProblem([buyer(1, 'co_buyer', '100')])).toBe('onePrimary')
    expect(buyersProblem([buyer(1, 'primary', '50'), buyer(2, 'primary', '50')])).toBe('onePrimary')
    expect(buyersProblem([buyer(1, 'primary', '50'), buyer(1, 'co_buyer', '50')])).toBe('duplicate')
    expect(buyersProblem([buyer(1, 'primary', '60'), buyer(2, 'co_buyer', '30')])).toBe('shares')
    expect(buyersProblem([buyer(1, 'primary', '100'), buyer(2, 'co_buyer', '0')])).toBe('shares')
    expect(buyersProblem([buyer(1, 'primary', '70'), buyer(2, 'co_buyer', '30.00')])).toBeNull()
  })

  it('sends shares with two places', () => {
    expect(buyersBody([buyer(1, 'primary', '70'), buyer(2, 'co_buyer', '30.5')])).toEqual([
      { customer: 1, role: 'primary', share: '70.00' },
      { customer: 2, role: 'co_buyer', share: '30.50' },
    ])
  })
})

describe('price of a new deal', () => {
  const unit = { predicted_gross_area: '118.20', predicted_internal_area: '95.30' }
  const listed: CurrentPrice = { unit: 7, unit_price: '25380.71', total_price: '3000000.00', price_list: 1, version_number: 2 }

  it('defaults to the list price in force: the total, or per area the total over the area', () => {
    expect(defaultPrice('whole_unit', unit, listed)).toEqual({ unit_price: '', area: '', total_price: '3000000.00' })
    expect(defaultPrice('building_area', unit, listed)).toEqual({ unit_price: '25380.71', area: '118.20', total_price: '3000000.00' })
    expect(defaultPrice('inner_area', unit, listed)).toEqual({ unit_price: '31479.54', area: '95.30', total_price: '3000000.00' })
  })

  it('leaves the price blank without a list price', () => {
    expect(defaultPrice('building_area', unit, null)).toEqual({ unit_price: '', area: '118.20', total_price: '' })
    expect(defaultPrice('whole_unit', null, null)).toEqual({ unit_price: '', area: '', total_price: '' })
  })

  it('computes the agreed total and the discount below the list price', () => {
    expect(agreedTotal('building_area', { unit_price: '25000', area: '118.20', total_price: '' })).toBe('2955000.00')
    expect(agreedTotal('whole_unit', { unit_price: '', area: '', total_price: '2900000' })).toBe('2900000.00')
    expect(dealDiscount('building_area', { unit_price: '25000', area: '118.20', total_price: '' }, listed)).toBe('1.50')
    expect(dealDiscount('whole_unit', { unit_price: '', area: '', total_price: '3000000' }, listed)).toBe('0.00')
    expect(dealDiscount('whole_unit', { unit_price: '', area: '', total_price: '100' }, null)).toBe('0.00')
  })

  it('sends a price left at the list price blank, so the server applies the list price itself', () => {
    const defaults = defaultPrice('building_area', unit, listed)
    expect(priceBody('building_area', { ...defaults }, defaults)).toEqual({ pricing_basis: 'building_area', unit_price: null, area: '118.20', total_price: null })
    expect(priceBody('building_area', { ...defaults, unit_price: '25000' }, defaults)).toEqual({ pricing_basis: 'building_area', unit_price: '25000.00', area: '118.20', total_price: null })
    const whole = defaultPrice('whole_unit', unit, listed)
    expect(priceBody('whole_unit', { ...whole }, whole)).toMatchObject({ total_price: null })
    expect(priceBody('whole_unit', { ...whole, total_price: '2950000' }, whole)).toMatchObject({ total_price: '2950000.00' })
    const none = defaultPrice('whole_unit', unit, null)
    expect(priceBody('whole_unit', { ...none, total_price: '2000000' }, none)).toMatchObject({ total_price: '2000000.00' })
  })
})

describe('payment schedule', () => {
  it('leaves the down payment after deposit, loan and instalments', () => {
    expect(downPayment('3000000.00', '50000.00', '2000000', [])).toBe('950000.00')
    expect(downPayment('3000000.00', '50000.00', '0', [{ amount: '1000000', due_on: null }, { amount: '500000.50', due_on: null }])).toBe('1449999.50')
    expect(downPayment('100', '50', '60', [])).toBe('-10.00')
  })

  it('wants a loan between 0 and the price for a loan plan only', () => {
    expect(loanProblem('commercial_loan', '2000000', '3000000.00')).toBeNull()
    expect(loanProblem('commercial_loan', '', '3000000.00')).toBe('loanRequired')
    expect(loanProblem('provident_fund_loan', '3000000', '3000000.00')).toBe('loanTooLarge')
    expect(loanProblem('full', '0', '3000000.00')).toBeNull()
    expect(loanProblem('installments', '10', '3000000.00')).toBe('loanNotAllowed')
  })
})

describe('splitting a receipt', () => {
  const rows = [
    { receivable: 1, outstanding: '50000.00', amount: '' },
    { receivable: 2, outstanding: '900000.00', amount: '' },
  ]

  it('fills oldest due first and sends only rows with an amount', () => {
    const filled = fillSplit('60000', rows)
    expect(filled.map((r) => r.amount)).toEqual(['50000.00', '10000.00'])
    expect(fillSplit('20000', rows).map((r) => r.amount)).toEqual(['20000.00', ''])
    expect(allocationsBody(fillSplit('20000', rows))).toEqual([{ receivable: 1, amount: '20000.00' }])
  })

  it('must add up to the receipt and stay within what is outstanding', () => {
    expect(splitProblem('60000', fillSplit('60000', rows))).toBeNull()
    expect(splitProblem('60000', fillSplit('50000', rows))).toBe('splitTotal')
    expect(splitProblem('60000', [{ ...rows[0], amount: '60000' }, rows[1]])).toBe('splitOver')
  })
})

describe('list queries', () => {
  it('turns the filters into the subscription query', () => {
    const filters = { ...blankDealFilters(3), q: ' 1801 ', status: ['active', 'pending_approval'], deposit: 'false' as const, dates: [new Date(2026, 2, 1), new Date(2026, 2, 31)] as [Date, Date] }
    expect(subscriptionQuery(filters, 2, 20)).toEqual({
      q: '1801', project: 3, status: 'active,pending_approval', mine: null, consultant: null, page: 2, page_size: 20,
      deposit_received: 'false', subscribed_from: '2026-03-01', subscribed_to: '2026-03-31',
    })
  })

  it('“我的” wins over a chosen consultant; the export query has no page', () => {
    const filters = { ...blankDealFilters(null), mine: true, consultant: 9, filing_overdue: true }
    expect(contractQuery(filters, 1, 20)).toMatchObject({ mine: true, consultant: null, filing_overdue: true, unpaid: null, page: 1 })
    expect(contractQuery(filters)).toMatchObject({ page: null, page_size: null })
  })

  it('counts days to a date', () => {
    const today = dayjs('2026-03-10T15:00:00')
    expect(daysUntil('2026-03-12', today)).toBe(2)
    expect(daysUntil('2026-03-09', today)).toBe(-1)
    expect(daysUntil(null, today)).toBeNull()
  })
})

describe('定金未到账', () => {
  const open = { is_open: true, deposit_received: false, deposit_amount: '50000.00' }

  it('is shown while the subscription holds the unit and the deposit is not in', () => {
    expect(depositOutstanding(open)).toBe(true)
    expect(depositOutstanding({ ...open, deposit_received: true })).toBe(false)
    expect(depositOutstanding({ ...open, deposit_amount: '0.00' })).toBe(false)
  })

  it('is not shown once the subscription is converted, cancelled or expired', () => {
    expect(depositOutstanding({ ...open, is_open: false })).toBe(false)
  })
})

describe('定金待退还', () => {
  const ended = { status: 'cancelled' as const, deposit_received: true, refund_amount: null }

  it('is due after 退订 or 逾期 with the deposit in, until finance records the refund', () => {
    expect(depositRefundDue(ended)).toBe(true)
    expect(depositRefundDue({ ...ended, status: 'expired' })).toBe(true)
    expect(depositRefundDue({ ...ended, refund_amount: '50000.00' })).toBe(false)
    expect(depositRefundDue({ ...ended, deposit_received: false })).toBe(false)
  })

  it('is not due while the subscription is open or once it became a contract', () => {
    expect(depositRefundDue({ ...ended, status: 'active' })).toBe(false)
    expect(depositRefundDue({ ...ended, status: 'converted' })).toBe(false)
  })
})
