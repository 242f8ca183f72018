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

/** The menu's groups, in order; their items come from the routes' `meta.menu` (one list: the routes). */
export const MENU_GROUPS: Omit<MenuItem, 'children'>[] = [
  { key: 'customers', label: 'menu.customers', icon: 'User' },
  { key: 'sales', label: 'menu.sales', icon: 'Sell' },
  { key: 'mortgage', label: 'menu.mortgage', icon: 'Wallet' },
  { key: 'settlement', label: 'menu.settlement', icon: 'Management' },
  { key: 'certificates', label: 'menu.certificates', icon: 'Stamp' },
  { key: 'handover', label: 'menu.handover', icon: 'House' },
  { key: 'service-desk', label: 'menu.serviceDesk', icon: 'Tools' },
  { key: 'reports', label: 'menu.reports', icon: 'DataAnalysis' },
  { key: 'surveys', label: 'menu.surveys', icon: 'ChatLineSquare' },
  { key: 'properties', label: 'menu.properties', icon: 'OfficeBuilding' },
  { key: 'system', label: 'menu.system', icon: 'Setting' },
]

interface MenuRoute {
  path: string
  name?: unknown
  meta?: { title?: string; permission?: PermissionRule; menu?: { group?: string; icon: string } }
  children?: MenuRoute[]
}

/** The whole menu, built from the routes: top-level items and groups in the order the routes are declared. */
export function buildMenu(routes: readonly MenuRoute[]): MenuItem[] {
  const out: MenuItem[] = []
  const groups = new Map<string, MenuItem>()
  const walk = (list: readonly MenuRoute[], prefix: string) => {
    for (const route of list) {
      const path = route.path.startsWith('/') ? route.path : `${prefix}${route.path}`
      const menu = route.meta?.menu
      if (menu) {
        const item: MenuItem = { key: String(route.name), label: route.meta?.title ?? String(route.name), icon: menu.icon, path: path || '/', permission: route.meta?.permission }
        if (!menu.group) out.push(item)
        else {
          let group = groups.get(menu.group)
          if (!group) {
            const spec = MENU_GROUPS.find((g) => g.key === menu.group)
            if (!spec) throw new Error(`route ${String(route.name)} names an unknown menu group ${menu.group}`)
            group = { ...spec, children: [] }
            groups.set(menu.group, group)
            out.push(group)
          }
          group.children!.push(item)
        }
      }
      if (route.children) walk(route.children, path.endsWith('/') ? path : `${path}/`)
    }
  }
  walk(routes, '')
  return out
}

/** The menu a user may see: leaves without permission dropped, empty groups dropped. */
export function visibleMenu(granted: ReadonlySet<string> | readonly string[], items: MenuItem[]): MenuItem[] {
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
