import { describe, expect, it } from 'vitest'
import { effectScope, nextTick } from 'vue'
import { ApiError } from '@/api/http'
import { applyLocale, i18n } from '@/i18n'
import { useFormErrors } from './useFormErrors'

describe('useFormErrors', () => {
  it('forgets the server texts when the language changes (they are in the language of the request that got them)', async () => {
    const before = i18n.global.locale.value
    const scope = effectScope()
    const server = scope.run(() => useFormErrors(['description']))!
    server.errors.description = '该字段不能为空。'
    applyLocale(before === 'zh-CN' ? 'en-US' : 'zh-CN')
    await nextTick()
    expect(server.errors.description).toBeUndefined()
    applyLocale(before)
    scope.stop()
  })

  it('shows a field error under its field and clears it', () => {
    const scope = effectScope()
    const server = scope.run(() => useFormErrors(['description']))!
    const shown = server.apply(new ApiError(400, { code: 'validation.invalid', message: '输入有误', fields: { description: ['必填'] } }, 'x'))
    expect(shown).toBe(true)
    expect(server.errors.description).toBe('必填')
    server.clear()
    expect(server.errors.description).toBeUndefined()
    scope.stop()
  })
})
