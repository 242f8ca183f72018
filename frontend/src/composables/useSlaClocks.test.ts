import { describe, expect, it, vi } from 'vitest'
import { nextTick, ref } from 'vue'

const listSlaClocks = vi.fn()
vi.mock('@/api/sla', () => ({ listSlaClocks: (ids: number[]) => listSlaClocks(ids) }))

const { useSlaClocks } = await import('./useSlaClocks')

function clock(workOrder: number, target: string) {
  return { work_order: workOrder, target, due_at: '2026-12-05T10:00:00+08:00', met_at: null, minutes: 60, around_the_clock: true, working_day_minutes: 1440, state: 'running', minutes_left: 30 }
}

describe('useSlaClocks', () => {
  it('fetches the clocks of the rows at once by default', async () => {
    listSlaClocks.mockReset().mockResolvedValue([clock(1, 'response'), clock(2, 'response'), clock(1, 'arrival')])
    const sla = useSlaClocks(ref([1, 2]))
    await nextTick()
    await Promise.resolve()
    expect(listSlaClocks).toHaveBeenCalledWith([1, 2])
    expect(sla.byOrder.value[1]?.map((c) => c.target)).toEqual(['response', 'arrival'])
  })

  it('with immediate false fetches nothing until reload, and shows clocks another request brought', async () => {
    listSlaClocks.mockReset().mockResolvedValue([clock(7, 'arrival')])
    const sla = useSlaClocks(ref([7]), { immediate: false })
    await nextTick()
    expect(listSlaClocks).not.toHaveBeenCalled()
    sla.show([clock(7, 'response') as never])
    expect(sla.byOrder.value[7]?.map((c) => c.target)).toEqual(['response'])
    await sla.reload()
    expect(listSlaClocks).toHaveBeenCalledWith([7])
    expect(sla.byOrder.value[7]?.map((c) => c.target)).toEqual(['arrival'])
  })
})
