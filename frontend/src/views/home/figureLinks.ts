import type { RouteLocationRaw } from 'vue-router'

/** The work-order statuses counted as 处理中 on the home page (the backend's ``OPEN_STATUSES``). */
export const OPEN_WORK_ORDER_STATUSES = ['dispatched', 'accepted', 'in_progress', 'on_hold'] as const

/**
 * Where each home figure links: the list that shows exactly the rows it counts, with the same query. ``null`` when no
 * list can show that count (the figure stays plain text):
 * - 房源总数: the properties screen is a tree per building, not one list of every unit;
 * - 今日看房预约: the calendar shows cancelled viewings too (the figure leaves them out);
 * - 我的待跟进 for one project: the due list has no project filter (so only "全部项目" links);
 * - 处理中的工单 for a user who may not open the full work-order list.
 */
export function figureLinks(projectId: number | null, canListWorkOrders: boolean) {
  const project = projectId ? { project: String(projectId) } : {}
  const links: Record<'customers' | 'units' | 'appointments' | 'followUps' | 'workOrders', RouteLocationRaw | null> = {
    customers: { path: '/customers', query: project },
    units: null,
    appointments: null,
    followUps: projectId ? null : { path: '/follow-ups/due' },
    workOrders: canListWorkOrders ? { path: '/work-orders', query: { status: OPEN_WORK_ORDER_STATUSES.join(','), ...project } } : null,
  }
  return links
}
