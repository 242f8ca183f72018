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
  ordering: '' | 'created_at' | 'sla_due_at' | 'priority'
}

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

/** A key for one create form; the server answers a repeated submit with the first result (no duplicate order). */
export function newIdempotencyKey(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID()
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}-${Math.random().toString(36).slice(2)}`
}

/** el-table's sort event → the list's ordering: the SLA column sorts most urgent first, the created column either way. */
export function orderingFor(prop: string | null, order: 'ascending' | 'descending' | null): WorkOrderFilters['ordering'] {
  if (!order || !prop) return ''
  if (prop === 'sla_due_at') return 'sla_due_at'
  if (prop === 'priority') return 'priority'
  if (prop === 'created_at') return order === 'ascending' ? 'created_at' : ''
  return ''
}
