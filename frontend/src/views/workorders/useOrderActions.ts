import { ref, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { ElMessage, ElMessageBox } from 'element-plus'
import { api } from '@/api/http'
import type { WorkOrderDetail } from '@/api/types'
import { CONFIRM_ACTIONS, REASON_ACTIONS } from './useWorkOrders'

/**
 * Runs a workflow action on an order from `allowed_actions`: asks for a reason or a confirmation where the
 * action needs one, opens the dispatch or completion dialog for those two, and reports the server's answer
 * (a 409 when someone else acted first).
 */
export function useOrderActions(order: Ref<WorkOrderDetail | null>, changed: (next: WorkOrderDetail) => void) {
  const { t } = useI18n()
  const dispatching = ref(false)
  const completing = ref(false)
  const busy = ref('')

  async function run(action: string): Promise<void> {
    const current = order.value
    if (!current) return
    if (action === 'dispatch' || action === 'reassign') {
      dispatching.value = true
      return
    }
    if (action === 'complete') {
      completing.value = true
      return
    }
    let reason = ''
    try {
      if (REASON_ACTIONS.has(action)) {
        const answer = await ElMessageBox.prompt(t('workOrders.reason'), t(`actions.${action}`), {
          confirmButtonText: t(`actions.${action}`),
          cancelButtonText: t('common.cancel'),
          inputValidator: (v: string) => (v && v.trim() ? true : t('workOrders.reasonRequired')),
          type: action === 'cancel' ? 'warning' : undefined,
        })
        reason = answer.value.trim()
      } else if (CONFIRM_ACTIONS.has(action)) {
        await ElMessageBox.confirm(`${t(`actions.${action}`)} · ${current.number}`, t('common.confirmTitle'), {
          type: 'warning', confirmButtonText: t(`actions.${action}`), cancelButtonText: t('common.cancel'),
        })
      }
    } catch {
      return // the user cancelled the prompt
    }
    busy.value = action
    try {
      const next = await api.post<WorkOrderDetail>(`/work-orders/${current.id}/${action}/`, { reason, version: current.version })
      ElMessage.success(t('workOrders.actionDone', { action: t(`actions.${action}`) }))
      changed(next)
    } catch (e) {
      ElMessage.error((e as Error).message)
    } finally {
      busy.value = ''
    }
  }

  return { run, dispatching, completing, busy }
}
