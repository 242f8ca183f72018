import { describe, expect, it, vi } from 'vitest'

vi.mock('@/layouts/AppLayout.vue', () => ({ default: {} }))
const { guard, routes } = await import('./routes')

const allowAll = () => true
const denyAll = () => false

describe('router guard', () => {
  const page = (fullPath: string, meta: Record<string, unknown> = {}, name = 'x') => ({ fullPath, meta, name })

  it('sends an anonymous visitor to login and remembers the page', () => {
    expect(guard(page('/customers/12?tab=timeline'), { authenticated: false, allowed: allowAll })).toEqual({
      name: 'login',
      query: { redirect: '/customers/12?tab=timeline' },
    })
    expect(guard(page('/'), { authenticated: false, allowed: allowAll })).toEqual({ name: 'login', query: {} })
  })

  it('lets public pages through and moves a signed-in user away from login', () => {
    expect(guard(page('/login', { public: true }, 'login'), { authenticated: false, allowed: denyAll })).toBe(true)
    expect(guard(page('/login', { public: true }, 'login'), { authenticated: true, allowed: allowAll })).toEqual({ name: 'home', replace: true })
  })

  it('shows 403 when the permission is missing', () => {
    expect(guard(page('/users', { permission: 'accounts.view_user' }), { authenticated: true, allowed: denyAll })).toEqual({
      name: 'forbidden',
      replace: true,
    })
    expect(guard(page('/users', { permission: 'accounts.view_user' }), { authenticated: true, allowed: allowAll })).toBe(true)
  })

  it('protects every screen route with a permission except home, the own inbox and the error pages', () => {
    const children = routes.find((r) => r.path === '/')!.children!
    const open = children.filter((r) => !r.meta?.permission).map((r) => r.name)
    expect(open.sort()).toEqual(['forbidden', 'home', 'inbox', 'not-found'])
  })
})
