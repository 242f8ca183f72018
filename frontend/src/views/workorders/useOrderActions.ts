import { ref, type Ref } from 'vue'
import type { AllowedAction, WorkOrderDetail } from '@/api/types'
import { runWorkOrderAction } from '@/api/workOrders'
import { useWorkflowActions } from '@/composables/useWorkflowActions'

/**
 * A work order's actions from `allowed_actions`: dispatch, reassign and complete open their dialogs (which post
 * to the same endpoints), every other action goes through the shared workflow runner.
 */
export function useOrderActions(order: Ref<WorkOrderDetail | null>, changed: (next: WorkOrderDetail) => void) {
  const dispatching = ref(false)
  const dispatchAction = ref<'dispatch' | 'reassign'>('dispatch')
  const completing = ref(false)
  const runner = useWorkflowActions<WorkOrderDetail>({
    send: (action, body) => runWorkOrderAction(order.value!.id, action, body),
    version: () => order.value?.version,
    dialogs: {
      dispatch: () => { dispatchAction.value = 'dispatch'; dispatching.value = true },
      reassign: () => { dispatchAction.value = 'reassign'; dispatching.value = true },
      complete: () => { completing.value = true },
    },
    done: changed,
  })

  function run(action: AllowedAction): Promise<void> {
    return runner.run(action)
  }

  return { run, dispatching, dispatchAction, completing, busy: runner.busy }
}
