import dayjs from 'dayjs'
import { describe, expect, it } from 'vitest'
import { blankFilters, categoryTree, listQuery, loadAllPages, matchesKeyword, missingOnCreate, moreFiltersSet, needsFreeReason, newIdempotencyKey, orderingFor, phoneOrder, shownStatus, sortFor, viewQuery } from './useWorkOrders'

describe('saved views', () => {
  const today = dayjs('2026-11-27T10:00:00')
  it('我的待办 = my open orders; 待派单 = waiting; 今日新建 = created today', () => {
    expect(viewQuery('mine', today)).toEqual({ mine: true, status: 'dispatched,accepted,in_progress,on_hold' })
    expect(viewQuery('pending', today)).toEqual({ status: 'pending_dispatch' })
    expect(viewQuery('today', today)).toEqual({ created_from: '2026-11-27', created_to: '2026-11-27' })
    expect(viewQuery('all', today)).toEqual({})
  })

  it('builds the list query from filters, the view winning on status', () => {
    const filters = { ...blankFilters(3), q: 'BX', type: ['repair', 'complaint'], status: ['closed'], in_warranty: 'false' as const }
    const query = listQuery(filters, 'pending', 2, 20)
    expect(query).toMatchObject({ q: 'BX', type: 'repair,complaint', status: 'pending_dispatch', project: 3, in_warranty: 'false', page: 2, page_size: 20 })
    expect(listQuery(blankFilters(null), 'all', 1, 20)).toMatchObject({ q: null, type: null, status: null, project: null, ordering: null })
    expect(listQuery({ ...blankFilters(null), ordering: 'sla_due_at' }, 'all', 1, 20)).toMatchObject({ ordering: 'sla_due_at' })
  })

  it('turns column sorting into the server ordering', () => {
    expect(orderingFor('sla_due_at', 'ascending')).toBe('sla_due_at')
    expect(orderingFor('created_at', 'ascending')).toBe('created_at')
    expect(orderingFor('priority', 'ascending')).toBe('priority')
    expect(orderingFor('created_at', 'descending')).toBe('')
    expect(orderingFor('sla_due_at', null)).toBe('')
    expect(orderingFor(null, null)).toBe('')
    expect(orderingFor('number', 'ascending')).toBe('number')
    expect(orderingFor('number', 'descending')).toBe('-number')
    expect(orderingFor('description', 'ascending')).toBe('')
  })

  it('shows the sort arrow of an ordering read from the URL', () => {
    for (const [prop, order] of [['number', 'ascending'], ['number', 'descending'], ['sla_due_at', 'ascending'], ['priority', 'ascending'], ['created_at', 'ascending']] as const) {
      expect(orderingFor(prop, order)).not.toBe('')
      expect(sortFor(orderingFor(prop, order))).toEqual({ prop, order })
    }
    expect(sortFor('')).toBeUndefined()
  })

  it('counts the filters set behind 更多筛选', () => {
    expect(moreFiltersSet(blankFilters(3), 3)).toBe(0)
    expect(moreFiltersSet({ ...blankFilters(3), q: 'x', priority: ['urgent'] }, 3)).toBe(0)
    expect(moreFiltersSet({ ...blankFilters(3), project: null, in_warranty: 'false', dates: [new Date(), new Date()] }, 3)).toBe(3)
  })
})

describe('categoryTree', () => {
  it('nests children under parents in position order', () => {
    const c = (id: number, name: string, parent: number | null, position = 0) =>
      ({ id, name, parent, position, code: name, warranty_item: '', effective_warranty_item: '', is_active: true }) as never
    const tree = categoryTree([c(2, '给水管道', 1, 1), c(1, '水电', null), c(3, '排水', 1, 0), c(4, '门窗', null, 1)])
    expect(tree).toEqual([
      { value: 1, label: '水电', children: [{ value: 3, label: '排水' }, { value: 2, label: '给水管道' }] },
      { value: 4, label: '门窗' },
    ])
  })
})

describe('phoneOrder', () => {
  it("puts today's visits first, then urgency, then age", () => {
    const today = dayjs('2026-11-27T08:00:00')
    const o = (id: number, priority: string, created: string, appointment: string | null = null) => ({ id, priority, created_at: created, appointment_start: appointment })
    const sorted = phoneOrder(
      [o(1, 'normal', '2026-11-20'), o(2, 'urgent', '2026-11-26'), o(3, 'low', '2026-11-25', '2026-11-27T15:00:00'), o(4, 'normal', '2026-11-19')],
      today,
    )
    expect(sorted.map((x) => x.id)).toEqual([3, 2, 4, 1])
  })
})

describe('matchesKeyword', () => {
  const order = { number: 'BX20261127001', description: '厨房水管漏水', project_name: '云栖苑', unit_label: '1号楼 1-1203', category_name: '给水管道', contact_name: '张三' }
  it('finds an order by any part of its number, address, category, contact or description', () => {
    for (const keyword of ['', '  ', 'bx2026', '1203', '云栖苑 漏水', '给水', '张三']) expect(matchesKeyword(order, keyword)).toBe(true)
  })
  it('needs every word', () => {
    expect(matchesKeyword(order, '漏水 1204')).toBe(false)
    expect(matchesKeyword({ number: 'BX1', description: null }, '漏水')).toBe(false)
  })
})

describe('newIdempotencyKey', () => {
  it('is different every time', () => {
    expect(newIdempotencyKey()).not.toBe(newIdempotencyKey())
  })
})

describe('shownStatus', () => {
  it('shows a complaint order by its complaint stage and every other order by its status', () => {
    expect(shownStatus({ type: 'complaint', status: 'pending_dispatch', complaint_stage: 'investigating' })).toEqual({ value: 'investigating', enum: 'ComplaintStageEnum' })
    expect(shownStatus({ type: 'repair', status: 'dispatched', complaint_stage: null })).toEqual({ value: 'dispatched', enum: 'WorkOrderStatusEnum' })
    // a complaint order without its case (should not happen) still shows something true
    expect(shownStatus({ type: 'complaint', status: 'pending_dispatch' })).toEqual({ value: 'pending_dispatch', enum: 'WorkOrderStatusEnum' })
  })

  it('sends the complaint stage filter as one comma-separated value', () => {
    const filters = { ...blankFilters(null), type: ['complaint'], complaint_stage: ['investigating', 'replied'] }
    expect(listQuery(filters, 'all', 1, 20).complaint_stage).toBe('investigating,replied')
  })
})

describe('needsFreeReason (the server rule for 有偿维修 at ¥0.00)', () => {
  it('asks only for a paid repair with nothing charged', () => {
    expect(needsFreeReason(true, '0.00')).toBe(true)
    expect(needsFreeReason(true, '0')).toBe(true)
    expect(needsFreeReason(true, '0.01')).toBe(false)
    expect(needsFreeReason(false, '0.00')).toBe(false)
  })
})

describe('missingOnCreate (the server\'s required fields of a new order)', () => {
  const base = { type: 'repair', description: '卫生间漏水', category: 5, unit: 9 }
  it('needs a description, a category for a repair and a place', () => {
    expect(missingOnCreate(base, null)).toEqual([])
    expect(missingOnCreate({ ...base, description: '  ', category: null, unit: null }, null)).toEqual(['description', 'category', 'unit'])
    expect(missingOnCreate({ ...base, type: 'complaint', category: null }, null)).toEqual([])
    expect(missingOnCreate({ ...base, unit: null }, 3)).toEqual([])
  })
})

describe('loadAllPages', () => {
  const rows = Array.from({ length: 250 }, (_, i) => ({ id: i + 1 }))
  const pages = (list: { id: number }[], size: number) => async (page: number) => ({ count: list.length, results: list.slice((page - 1) * size, page * size) })

  it('reads every page of a list longer than one page', async () => {
    const asked: number[] = []
    const fetch = pages(rows, 100)
    const all = await loadAllPages(async (page) => { asked.push(page); return fetch(page) }, 100)
    expect(all.rows.map((r) => r.id)).toEqual(rows.map((r) => r.id))
    expect(all.truncated).toBe(false)
    expect(asked).toEqual([1, 2, 3])
  })

  it('asks once for a list that fits one page', async () => {
    const asked: number[] = []
    const all = await loadAllPages(async (page) => { asked.push(page); return pages(rows.slice(0, 40), 100)(page) }, 100)
    expect(all.rows).toHaveLength(40)
    expect(asked).toEqual([1])
  })

  it('stops at the page limit and says the list holds more', async () => {
    const all = await loadAllPages(pages(rows, 100), 100, 2)
    expect(all.rows).toHaveLength(200)
    expect(all.truncated).toBe(true)
  })

  it('keeps the rows it read when the list shrinks between two pages (the page past its end is a 404)', async () => {
    let list = Array.from({ length: 101 }, (_, i) => ({ id: 1000 - i }))
    const fetchPage = async (page: number) => {
      if (page > 1 && (page - 1) * 100 >= list.length) throw Object.assign(new Error('404'), { status: 404 })
      const out = { count: list.length, results: list.slice((page - 1) * 100, page * 100) }
      if (page === 1) list = list.slice(1) // an order finishes after the first page
      return out
    }
    expect((await loadAllPages(fetchPage, 100)).rows).toHaveLength(100)
    await expect(loadAllPages(async (page) => { if (page === 2) throw Object.assign(new Error('500'), { status: 500 }); return { count: 150, results: [{ id: 1 }] } }, 100)).rejects.toThrow('500')
  })

  it('keeps a row once when a new order pushes it onto the next page', async () => {
    const shifted = async (page: number) => (page === 1 ? { count: 3, results: [{ id: 3 }, { id: 2 }] } : { count: 3, results: [{ id: 2 }, { id: 1 }] })
    const all = await loadAllPages(shifted, 2)
    expect(all.rows.map((r) => r.id)).toEqual([3, 2, 1])
  })
})
