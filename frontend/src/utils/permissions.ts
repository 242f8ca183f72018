// Buttons, menus and routes follow the permissions the server reports in /auth/me/.

export type PermissionRule = string | string[] | undefined

/** True when the user holds the permission (a list means "any of these"). */
export function can(granted: ReadonlySet<string> | readonly string[], rule: PermissionRule): boolean {
  if (rule === undefined) return true
  const set = granted instanceof Set ? granted : new Set(granted as readonly string[])
  if (Array.isArray(rule)) return rule.length === 0 || rule.some((p) => set.has(p))
  return set.has(rule as string)
}

export interface MenuItem {
  key: string
  /** i18n key of the label */
  label: string
  icon: string
  path?: string
  permission?: PermissionRule
  children?: MenuItem[]
}

export const MENU: MenuItem[] = [
  { key: 'home', label: 'menu.home', icon: 'HomeFilled', path: '/' },
  {
    key: 'customers',
    label: 'menu.customers',
    icon: 'User',
    children: [
      { key: 'customer-list', label: 'menu.customerList', icon: 'List', path: '/customers', permission: 'customers.view_customer' },
      { key: 'appointments', label: 'menu.appointments', icon: 'Calendar', path: '/appointments', permission: 'customers.view_appointment' },
      { key: 'follow-ups', label: 'menu.followUpsDue', icon: 'AlarmClock', path: '/follow-ups/due', permission: 'customers.view_followup' },
      { key: 'tags', label: 'menu.tags', icon: 'PriceTag', path: '/tags', permission: 'customers.change_tag' },
    ],
  },
  {
    key: 'service-desk',
    label: 'menu.serviceDesk',
    icon: 'Tools',
    children: [
      { key: 'work-orders', label: 'menu.workOrders', icon: 'Tickets', path: '/work-orders', permission: ['workorders.view_all_workorders', 'workorders.dispatch_workorder'] },
      { key: 'sla-board', label: 'menu.slaBoard', icon: 'Timer', path: '/sla-board', permission: ['workorders.view_all_workorders', 'workorders.dispatch_workorder'] },
      { key: 'new-work-order', label: 'menu.newWorkOrder', icon: 'CirclePlus', path: '/work-orders/new', permission: 'workorders.add_workorder' },
      { key: 'my-work-orders', label: 'menu.myWorkOrders', icon: 'Iphone', path: '/m/orders', permission: 'workorders.work_workorder' },
      { key: 'incidents', label: 'menu.incidents', icon: 'WarnTriangleFilled', path: '/incidents', permission: 'complaints.view_incident' },
      { key: 'visits', label: 'menu.visits', icon: 'PhoneFilled', path: '/return-visits', permission: 'visits.change_returnvisit' },
      { key: 'carePlans', label: 'menu.carePlans', icon: 'Calendar', path: '/care-plans', permission: 'visits.view_careplan' },
      { key: 'quality', label: 'menu.quality', icon: 'DataAnalysis', path: '/quality', permission: 'visits.view_returnvisit' },
      { key: 'technicians', label: 'menu.technicians', icon: 'User', path: '/technicians', permission: 'workorders.view_technician' },
      { key: 'wo-categories', label: 'menu.woCategories', icon: 'Menu', path: '/work-order-categories', permission: 'workorders.change_category' },
    ],
  },
  { key: 'properties', label: 'menu.properties', icon: 'OfficeBuilding', path: '/properties', permission: 'properties.view_project' },
  {
    key: 'system',
    label: 'menu.system',
    icon: 'Setting',
    children: [
      { key: 'users', label: 'menu.users', icon: 'Avatar', path: '/users', permission: 'accounts.view_user' },
      { key: 'sla', label: 'menu.sla', icon: 'Timer', path: '/sla-settings', permission: 'sla.view_workinghours' },
    ],
  },
]

/** The menu a user may see: leaves without permission dropped, empty groups dropped. */
export function visibleMenu(granted: ReadonlySet<string> | readonly string[], items: MenuItem[] = MENU): MenuItem[] {
  const out: MenuItem[] = []
  for (const item of items) {
    if (!can(granted, item.permission)) continue
    if (item.children) {
      const children = visibleMenu(granted, item.children)
      if (children.length) out.push({ ...item, children })
    } else out.push(item)
  }
  return out
}
