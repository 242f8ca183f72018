import { ref, watch, type Ref } from 'vue'
import { listSlaClocks } from '@/api/sla'
import type { components } from '@/api/schema'

export type SlaClock = components['schemas']['SlaClock']

/** SLA clocks for the orders on screen, fetched in one request whenever the rows change (or, with `immediate`
 * false, only on `reload()`; `show()` takes clocks another request already brought). */
export function useSlaClocks(ids: Ref<number[]>, options: { immediate?: boolean } = {}) {
  const byOrder = ref<Record<number, SlaClock[]>>({})
  async function load() {
    if (!ids.value.length) {
      byOrder.value = {}
      return
    }
    try {
      const clocks = await listSlaClocks(ids.value)
      const grouped: Record<number, SlaClock[]> = {}
      for (const clock of clocks) (grouped[clock.work_order] ??= []).push(clock)
      byOrder.value = grouped
    } catch {
      byOrder.value = {}
    }
  }
  function show(clocks: SlaClock[]) {
    const grouped: Record<number, SlaClock[]> = {}
    for (const clock of clocks) (grouped[clock.work_order] ??= []).push(clock)
    byOrder.value = grouped
  }
  watch(ids, load, { immediate: options.immediate ?? true })
  return { byOrder, reload: load, show }
}
