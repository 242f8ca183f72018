import { ref, useTemplateRef } from 'vue'
import { useI18n } from 'vue-i18n'
import { ElMessage } from 'element-plus'
import type { AllowedAction } from '@/api/types'
import type { ActionBody } from '@/api/workflow'
import { useResource } from './useResource'
import { useWorkflowActions } from './useWorkflowActions'

/** What every case of a pipeline (按揭, 产证 …) carries for its detail screen. */
export interface CaseRecord {
  version: number
  allowed_actions: AllowedAction[]
}

export interface CaseDetailOptions<T extends CaseRecord> {
  /** Reads the case, e.g. `() => getMortgageCase(props.id)`. */
  load: () => Promise<T>
  /** Sends one of its `allowed_actions`, e.g. `(action, body) => runMortgageCaseAction(props.id, action, body)`. */
  send: (action: AllowedAction, body: ActionBody) => Promise<T>
  /** Actions that open a dialog instead of running at once: action → dialog name (the action is kept in `pending`). */
  dialogs?: Record<string, string>
  /** Called after every change, with the server's new case (after `item` is replaced). */
  changed?: (next: T) => void
}

/**
 * The state of a case detail screen: the case (`item`, `loading`, `error`, `reload`), the open tab and dialog, the
 * action a dialog is for (`pending`), the workflow buttons (`actions`, from the server's `allowed_actions` only),
 * and `save()` for a write that answers with the new case. Every change replaces the case, closes the dialog and
 * refreshes the timeline tab (the template's `<entity-timeline ref="timeline">`).
 */
export function useCaseDetail<T extends CaseRecord>(options: CaseDetailOptions<T>) {
  const { t } = useI18n()
  const { data: item, loading, error, reload } = useResource<T | null>(options.load, null, { initialLoading: true })
  const tab = ref('checklist')
  const timeline = useTemplateRef<{ reload: () => unknown }>('timeline')
  const dialog = ref('')
  const pending = ref<AllowedAction | null>(null)

  function changed(next: T) {
    item.value = next
    dialog.value = ''
    options.changed?.(next)
    void timeline.value?.reload()
  }

  const actions = useWorkflowActions<T>({
    send: options.send,
    version: () => item.value?.version,
    dialogs: Object.fromEntries(
      Object.entries(options.dialogs ?? {}).map(([action, name]) => [
        action,
        () => {
          pending.value = item.value?.allowed_actions.find((a) => a.action === action) ?? null
          dialog.value = name
        },
      ]),
    ),
    done: changed,
  })

  /** Runs a write that answers with the new case; says 已保存 or shows the server's message. */
  async function save(write: (version: number) => Promise<T>): Promise<void> {
    if (!item.value) return
    try {
      changed(await write(item.value.version))
      ElMessage.success(t('common.saved'))
    } catch (e) {
      ElMessage.error((e as Error).message)
    }
  }

  return { item, loading, error, reload, tab, dialog, pending, changed, actions, save }
}
