import { ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { ElMessage, ElMessageBox } from 'element-plus'
import type { AllowedAction } from '@/api/types'
import type { ActionBody } from '@/api/workflow'

export interface WorkflowActionOptions<T> {
  /** Sends an action to its endpoint, e.g. `(action, body) => runWorkOrderAction(id, action, body)`. */
  send: (action: AllowedAction, body: ActionBody) => Promise<T>
  /** The version of the record the user is looking at (sent with every action). */
  version?: () => number | undefined
  /** The body field that carries the typed reason (`reason`, `text`, `note`). */
  reasonField?: string
  /** Actions that open their own dialog instead (dispatch, complete …). */
  dialogs?: Record<string, () => void>
  /** Called with the server's answer. */
  done: (result: T, action: AllowedAction) => void
}

/**
 * Runs one of the record's `allowed_actions` (from the server's workflow table): asks for a reason when the
 * action needs one, confirms when it asks for confirmation, sends the version read, and reports the answer (a 409
 * when someone else acted first). Nothing here knows which actions exist: the server decides.
 */
export function useWorkflowActions<T>(options: WorkflowActionOptions<T>) {
  const { t } = useI18n()
  const busy = ref('')

  async function run(action: AllowedAction): Promise<void> {
    const dialog = options.dialogs?.[action.action]
    if (dialog) {
      dialog()
      return
    }
    let reason = ''
    try {
      if (action.needs_reason) {
        const answer = await ElMessageBox.prompt(t('workflow.reasonFor', { action: action.label }), action.label, {
          confirmButtonText: action.label,
          cancelButtonText: t('common.cancel'),
          inputType: 'textarea',
          inputValidator: (v: string) => (v && v.trim() ? true : t('workOrders.reasonRequired')),
          type: action.tone === 'danger' ? 'warning' : undefined,
        })
        reason = answer.value.trim()
      } else if (action.confirm) {
        await ElMessageBox.confirm(t('workflow.confirm', { action: action.label }), t('common.confirmTitle'), {
          type: 'warning', confirmButtonText: action.label, cancelButtonText: t('common.cancel'),
        })
      }
    } catch {
      return // the user cancelled
    }
    busy.value = action.action
    const body: ActionBody = {}
    const version = options.version?.()
    if (version !== undefined) body.version = version
    if (reason) body[options.reasonField ?? 'reason'] = reason
    try {
      const result = await options.send(action, body)
      ElMessage.success(t('workOrders.actionDone', { action: action.label }))
      options.done(result, action)
    } catch (e) {
      ElMessage.error((e as Error).message)
    } finally {
      busy.value = ''
    }
  }

  return { run, busy }
}
