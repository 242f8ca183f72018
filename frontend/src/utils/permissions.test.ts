import { describe, expect, it } from 'vitest'
import { routes } from '@/router/routes'
import { buildMenu, can, visibleMenu } from './permissions'

const MENU = buildMenu(routes)

describe('can', () => {
  const granted = new Set(['customers.view_customer', 'customers.add_followup'])
  it('checks one permission', () => {
    expect(can(granted, 'customers.view_customer')).toBe(true)
    expect(can(granted, 'customers.import_customer')).toBe(false)
  })
  it('treats a list as "any of"', () => {
    expect(can(granted, ['customers.import_customer', 'customers.add_followup'])).toBe(true)
    expect(can(granted, ['customers.import_customer'])).toBe(false)
  })
  it('allows when no rule is given', () => {
    expect(can(granted, undefined)).toBe(true)
    expect(can([], [])).toBe(true)
  })
  it('accepts an array of granted permissions', () => {
    expect(can(['a.b'], 'a.b')).toBe(true)
  })
})

describe('visibleMenu', () => {
  const keys = (items: ReturnType<typeof visibleMenu>): string[] =>
    items.flatMap((i) => [i.key, ...(i.children ? keys(i.children) : [])])

  it('shows only home to a user without permissions', () => {
    expect(keys(visibleMenu([], MENU))).toEqual(['home'])
  })
  it('keeps a group with at least one visible child and drops the rest', () => {
    const menu = visibleMenu(['customers.view_customer'], MENU)
    expect(keys(menu)).toEqual(['home', 'customers', 'customers'])
  })
  it('shows 成交管理 and 按揭管理 by role: the mortgage officer reads deals but neither sells nor prices', () => {
    const officer = ['sales.view_contract', 'sales.view_subscription', 'sales.view_ledgerentry', 'sales.view_receivable', 'mortgage.view_mortgagecase', 'mortgage.change_mortgagecase']
    const seen = keys(visibleMenu(officer, MENU))
    expect(seen).toEqual(expect.arrayContaining(['subscriptions', 'contracts', 'collections', 'mortgage-cases', 'mortgage-bank-stats']))
    expect(seen).not.toContain('subscription-new')
    expect(seen).not.toContain('pricing')
    const consultant = ['sales.view_subscription', 'sales.add_subscription', 'sales.view_contract', 'sales.view_pricelist', 'sales.view_receivable']
    expect(keys(visibleMenu(consultant, MENU))).toEqual(expect.arrayContaining(['subscription-new', 'pricing']))
    expect(keys(visibleMenu(consultant, MENU))).not.toContain('mortgage')
  })
  it('shows system administration only with accounts.view_user', () => {
    expect(keys(visibleMenu(['accounts.view_user'], MENU))).toContain('users')
    expect(keys(visibleMenu(['customers.view_customer'], MENU))).not.toContain('system')
  })
  it('lists every menu route once, under the group it names, with the route\'s own permission', () => {
    const leaves = MENU.flatMap((i) => i.children ?? [i])
    expect(leaves.map((l) => l.path)).toContain('/sla-settings')
    expect(leaves.find((l) => l.path === '/sla-settings')?.permission).toBe('sla.view_workinghours')
    expect(MENU.map((i) => i.key)).toEqual(['home', 'customers', 'sales', 'mortgage', 'settlement', 'certificates', 'handover', 'service-desk', 'reports', 'surveys', 'properties', 'system'])
  })
  it('shows the satisfaction surveys to those who may read questionnaires or campaigns', () => {
    const agent = visibleMenu(['surveys.view_survey', 'surveys.view_campaign', 'surveys.enter_answer'], MENU).find((i) => i.key === 'surveys')
    expect(agent?.children?.map((c) => c.path)).toEqual(['/surveys', '/survey-campaigns'])
    expect(keys(visibleMenu(['workorders.work_workorder'], MENU))).not.toContain('surveys')
  })
  it('gives every leaf a path and every group children', () => {
    for (const item of MENU) {
      if (item.children) item.children.forEach((child) => expect(child.path).toMatch(/^\//))
      else expect(item.path).toMatch(/^\//)
    }
  })
})
