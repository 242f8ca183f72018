import dayjs from 'dayjs'
import { ComplaintStageEnum, WorkOrderChannelEnum, WorkOrderFollowUpMethodEnum, WorkOrderPriorityEnum, WorkOrderStatusEnum, WorkOrderTypeEnum } from '@/api/enums'
import type { WorkOrderCategory } from '@/api/types'
import type { WorkOrderListQuery } from '@/api/workOrders'

export type SavedView = 'all' | 'mine' | 'pending' | 'today'

export interface WorkOrderFilters {
  q: string
  type: string[]
  status: string[]
  complaint_stage: string[]
  priority: string[]
  project: number | null
  building: number | null
  category: number | null
  assignee: number | null
  in_warranty: '' | 'true' | 'false'
  dates: [Date, Date] | null
  ordering: WorkOrderOrdering
}

/** The server's allow-listed orderings ('' = newest first). */
export type WorkOrderOrdering = '' | 'created_at' | 'sla_due_at' | 'priority' | 'number' | '-number'

export const OPEN_STATUSES: WorkOrderStatusEnum[] = ['dispatched', 'accepted', 'in_progress', 'on_hold']
export const WORK_ORDER_TYPES = WorkOrderTypeEnum
export const STATUSES = WorkOrderStatusEnum
export const COMPLAINT_STAGES = ComplaintStageEnum
export const PRIORITIES = WorkOrderPriorityEnum
export const CHANNELS = WorkOrderChannelEnum
export const FOLLOW_UP_METHODS = WorkOrderFollowUpMethodEnum

export function blankFilters(project: number | null): WorkOrderFilters {
  return { q: '', type: [], status: [], complaint_stage: [], priority: [], project, building: null, category: null, assignee: null, in_warranty: '', dates: null, ordering: '' }
}

/** The query a saved view adds on top of the filters. */
export function viewQuery(view: SavedView, today = dayjs()): WorkOrderListQuery {
  switch (view) {
    case 'mine':
      return { mine: true, status: OPEN_STATUSES.join(',') }
    case 'pending':
      return { status: 'pending_dispatch' }
    case 'today':
      return { created_from: today.format('YYYY-MM-DD'), created_to: today.format('YYYY-MM-DD') }
    default:
      return {}
  }
}

/** Filters + saved view → the list endpoint's query (a view's status wins over the status filter). */
export function listQuery(filters: WorkOrderFilters, view: SavedView, page: number, pageSize: number): WorkOrderListQuery {
  const query: WorkOrderListQuery = {
    q: filters.q || null,
    type: filters.type.join(',') || null,
    status: filters.status.join(',') || null,
    complaint_stage: filters.complaint_stage.join(',') || null,
    priority: filters.priority.join(',') || null,
    project: filters.project,
    building: filters.building,
    category: filters.category,
    assignee: filters.assignee,
    in_warranty: filters.in_warranty || null,
    created_from: filters.dates ? dayjs(filters.dates[0]).format('YYYY-MM-DD') : null,
    created_to: filters.dates ? dayjs(filters.dates[1]).format('YYYY-MM-DD') : null,
    ordering: filters.ordering || null,
    page,
    page_size: pageSize,
  }
  return { ...query, ...viewQuery(view) }
}

/** What an order's status column says: a complaint order's status is its complaint's stage (受理 → … → 办结);
 * the work order itself waits 待派单 through them all. */
export function shownStatus(row: { type: string; status: string; complaint_stage?: string | null }): { value: string; enum: string } {
  if (row.type === 'complaint' && row.complaint_stage) return { value: row.complaint_stage, enum: 'ComplaintStageEnum' }
  return { value: row.status, enum: 'WorkOrderStatusEnum' }
}

export interface CascaderOption {
  value: number
  label: string
  children?: CascaderOption[]
}

/** The flat category list as a tree for el-cascader (parents first, in position order). */
export function categoryTree(categories: WorkOrderCategory[]): CascaderOption[] {
  const byParent = new Map<number | null, WorkOrderCategory[]>()
  for (const c of categories) {
    const key = c.parent ?? null
    byParent.set(key, [...(byParent.get(key) ?? []), c])
  }
  const build = (parent: number | null, depth: number): CascaderOption[] =>
    (byParent.get(parent) ?? [])
      .sort((a, b) => a.position - b.position || a.id - b.id)
      .map((c) => {
        const children = depth < 5 ? build(c.id, depth + 1) : []
        return children.length ? { value: c.id, label: c.name, children } : { value: c.id, label: c.name }
      })
  return build(null, 0)
}

/** Orders for a technician's phone: today's visits first, then urgent and by age. */
export function phoneOrder<T extends { appointment_start?: string | null; priority: string; created_at: string }>(orders: T[], today = dayjs()): T[] {
  const rank: Record<string, number> = { urgent: 0, high: 1, normal: 2, low: 3 }
  const isToday = (o: T) => (o.appointment_start ? dayjs(o.appointment_start).isSame(today, 'day') : false)
  return [...orders].sort(
    (a, b) =>
      Number(isToday(b)) - Number(isToday(a)) ||
      (rank[a.priority] ?? 9) - (rank[b.priority] ?? 9) ||
      a.created_at.localeCompare(b.created_at),
  )
}

type Searchable = { number: string; description?: string | null; title?: string | null; contact_name?: string | null; project_name?: string | null; unit_label?: string | null; category_name?: string | null }

/** The technician's phone list, narrowed as they type: every word must appear in the number, the address (project,
 * room), the category, the contact or the description (case does not matter). */
export function matchesKeyword(order: Searchable, keyword: string): boolean {
  const words = keyword.trim().toLowerCase().split(/\s+/).filter(Boolean)
  if (!words.length) return true
  const text = [order.number, order.project_name, order.unit_label, order.category_name, order.contact_name, order.title, order.description]
    .filter(Boolean).join(' ').toLowerCase()
  return words.every((word) => text.includes(word))
}

/** Every row of a list, page by page (``pageSize`` a page), up to ``maxPages`` pages; a row that moved to a later page
 * while reading (a new order pushed it down) is kept once; a list that shrank while reading ends at the page past its
 * end (a 404). ``truncated``: the list holds more than was read. */
export async function loadAllPages<T extends { id: number }>(
  fetchPage: (page: number) => Promise<{ count: number; results: T[] }>,
  pageSize: number,
  maxPages = 10,
): Promise<{ rows: T[]; truncated: boolean }> {
  const first = await fetchPage(1)
  const rows = [...first.results]
  const seen = new Set(rows.map((row) => row.id))
  const pages = Math.min(Math.ceil(first.count / pageSize), maxPages)
  for (let page = 2; page <= pages; page++) {
    let next: { results: T[] }
    try {
      next = await fetchPage(page)
    } catch (e) {
      // The list shrank while reading (an order finished between two pages): the page past its end is a 404.
      if ((e as { status?: number }).status === 404) break
      throw e
    }
    for (const row of next.results) {
      if (!seen.has(row.id)) {
        seen.add(row.id)
        rows.push(row)
      }
    }
  }
  return { rows, truncated: first.count > pages * pageSize }
}

/** A key for one create form; the server answers a repeated submit with the first result (no duplicate order). */
export function newIdempotencyKey(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID()
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}-${Math.random().toString(36).slice(2)}`
}

/** el-table's sort event → the list's ordering: the SLA column sorts most urgent first, priority 紧急 first, the
 * number and created columns either way. */
export function orderingFor(prop: string | null, order: 'ascending' | 'descending' | null): WorkOrderOrdering {
  if (!order || !prop) return ''
  if (prop === 'sla_due_at') return 'sla_due_at'
  if (prop === 'priority') return 'priority'
  if (prop === 'number') return order === 'ascending' ? 'number' : '-number'
  if (prop === 'created_at') return order === 'ascending' ? 'created_at' : ''
  return ''
}

/** The ordering back into el-table's sort arrow (a refreshed or shared URL shows how the list is sorted). */
export function sortFor(ordering: WorkOrderOrdering): { prop: string; order: 'ascending' | 'descending' } | undefined {
  if (!ordering) return undefined
  if (ordering === '-number') return { prop: 'number', order: 'descending' }
  return { prop: ordering, order: 'ascending' }
}

/** Filters behind 更多筛选 that are set (the button shows how many, so a collapsed filter is never forgotten). */
export const MORE_FILTERS = ['project', 'building', 'category', 'assignee', 'in_warranty', 'dates'] as const
export function moreFiltersSet(filters: WorkOrderFilters, defaultProject: number | null): number {
  return MORE_FILTERS.filter((key) => {
    const value = filters[key]
    if (key === 'project') return value !== defaultProject
    return value !== null && value !== ''
  }).length
}

/** The server's rule (services.transitions.complete): a paid repair (有偿维修) completed with no charges (¥0.00) needs
 * the reason it is free; a repair in warranty, or one with charges, needs none. ``total`` is the decimal string. */
export function needsFreeReason(isPaid: boolean, total: string): boolean {
  return isPaid && Number(total) === 0
}

/** The create form's required fields, as the server checks them (services.orders.plan_work_order): a description, a
 * category for a repair, and a place (a unit, or at least a project). Returns the fields that are missing. */
export function missingOnCreate(form: { type: string; description: string; category: number | null; unit: number | null }, project: number | null): ('description' | 'category' | 'unit')[] {
  const missing: ('description' | 'category' | 'unit')[] = []
  if (!form.description.trim()) missing.push('description')
  if (form.type === 'repair' && !form.category) missing.push('category')
  if (!form.unit && !project) missing.push('unit')
  return missing
}
