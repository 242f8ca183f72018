import { reactive, watch } from 'vue'
import { ElMessage } from 'element-plus'
import { ApiError } from '@/api/http'
import { i18n } from '@/i18n'

/**
 * Server-side field errors shown under the matching form items (the server is the authority;
 * client rules only save a round trip). Errors for fields the form does not show go to a message.
 * They are the server's texts in the language of the request that got them: a language switch clears them.
 */
export function useFormErrors(fieldNames: readonly string[]) {
  const errors = reactive<Record<string, string>>({})

  function clear(): void {
    for (const key of Object.keys(errors)) delete errors[key]
  }

  watch(() => i18n.global.locale.value, clear)

  /** Returns true when the error was a validation error that the form now shows. */
  function apply(error: unknown): boolean {
    clear()
    if (!(error instanceof ApiError)) {
      ElMessage.error(error instanceof Error ? error.message : String(error))
      return false
    }
    let shown = false
    for (const name of fieldNames) {
      const message = error.fieldError(name)
      if (message) {
        errors[name] = message
        shown = true
      }
    }
    const unshown = Object.entries(error.fields).filter(([key]) => !fieldNames.some((n) => key === n || key.startsWith(n + '.')))
    if (!shown || unshown.length) {
      const detail = unshown.map(([, messages]) => messages[0]).join('；')
      ElMessage.error(detail && detail !== error.message ? `${error.message} ${detail}` : error.message)
    }
    return shown
  }

  return { errors, clear, apply }
}
