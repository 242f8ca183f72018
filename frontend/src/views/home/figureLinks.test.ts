import { describe, expect, it } from 'vitest'
import { OPEN_WORK_ORDER_STATUSES, figureLinks } from './figureLinks'

describe('figureLinks', () => {
  it('links the open work orders with the statuses and project they were counted with', () => {
    expect(figureLinks(7, true).workOrders).toEqual({ path: '/work-orders', query: { status: OPEN_WORK_ORDER_STATUSES.join(','), project: '7' } })
    expect(figureLinks(null, true).workOrders).toEqual({ path: '/work-orders', query: { status: 'dispatched,accepted,in_progress,on_hold' } })
  })

  it('leaves a figure plain when no list can show its count', () => {
    expect(figureLinks(null, false).workOrders).toBeNull()
    expect(figureLinks(3, true).followUps).toBeNull()
    expect(figureLinks(null, true).followUps).toEqual({ path: '/follow-ups/due' })
    expect(figureLinks(null, true).units).toBeNull()
  })

  it('links the customers to the list of the same project', () => {
    expect(figureLinks(2, false).customers).toEqual({ path: '/customers', query: { project: '2' } })
    expect(figureLinks(null, false).customers).toEqual({ path: '/customers', query: {} })
  })
})
