import { describe, expect, it, vi } from 'vitest'

const replace = vi.fn()
let query: Record<string, unknown> = {}
vi.mock('vue-router', () => ({ useRoute: () => ({ path: '/work-orders', query }), useRouter: () => ({ replace }) }))

const { useLinkedQuery } = await import('./useLinkedQuery')

describe('useLinkedQuery', () => {
  it('takes only the allowed API parameters and lays them over the list query', () => {
    query = { mine: 'true', status: 'dispatched,accepted', page: '3', evil: 'x', empty: '' }
    const linked = useLinkedQuery(['mine', 'status', 'empty'])
    expect(linked.query.value).toEqual({ mine: 'true', status: 'dispatched,accepted' })
    expect(linked.active.value).toBe(true)
    expect(linked.merge({ status: 'closed', page: 1 })).toEqual({ status: 'dispatched,accepted', page: 1, mine: 'true' })
  })

  it('clears its own parameters and keeps the others', async () => {
    query = { mine: 'true', tab: 'x' }
    const linked = useLinkedQuery(['mine'])
    await linked.clear()
    expect(replace).toHaveBeenCalledWith({ path: '/work-orders', query: { tab: 'x' } })
  })

  it('is inactive without linked parameters', () => {
    query = {}
    expect(useLinkedQuery(['mine']).active.value).toBe(false)
  })
})
