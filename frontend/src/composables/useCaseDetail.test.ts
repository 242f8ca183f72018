import { describe, expect, it, vi } from 'vitest'
import { nextTick, shallowRef } from 'vue'
import type { AllowedAction } from '@/api/types'

const success = vi.fn()
const error = vi.fn()
// the timeline tab's template ref, outside a component
const timelineRef = shallowRef<{ reload: () => unknown } | null>(null)
vi.mock('vue', async (original) => ({ ...(await original<typeof import('vue')>()), useTemplateRef: () => timelineRef }))
vi.mock('vue-i18n', () => ({ useI18n: () => ({ t: (key: string) => key }) }))
vi.mock('element-plus', () => ({ ElMessage: { success: (m: string) => success(m), error: (m: string) => error(m) }, ElMessageBox: {} }))

const { useCaseDetail } = await import('./useCaseDetail')

interface Case {
  id: number
  version: number
  stage: string
  allowed_actions: AllowedAction[]
}

const step: AllowedAction = { action: 'disburse', label: '放款', needs_reason: false, confirm: false, tone: 'primary' } as AllowedAction
const first: Case = { id: 7, version: 1, stage: 'approved', allowed_actions: [step] }

describe('useCaseDetail', () => {
  it('opens the dialog an action names and keeps that action pending; the server answer replaces the case', async () => {
    const send = vi.fn()
    const detail = useCaseDetail<Case>({ load: async () => first, send, dialogs: { disburse: 'disburse' } })
    await detail.reload()
    expect(detail.item.value).toEqual(first)
    await detail.actions.run(step)
    expect(send).not.toHaveBeenCalled()
    expect(detail.dialog.value).toBe('disburse')
    expect(detail.pending.value).toEqual(step)

    const reload = vi.fn()
    timelineRef.value = { reload }
    const changed = { ...first, version: 2, stage: 'disbursed', allowed_actions: [] }
    detail.changed(changed)
    await nextTick()
    expect(detail.item.value).toEqual(changed)
    expect(detail.dialog.value).toBe('')
    expect(reload).toHaveBeenCalledOnce()
  })

  it('sends the version read with a save, and says so; a refusal keeps the case and shows the message', async () => {
    const seen: number[] = []
    const onChange = vi.fn()
    const detail = useCaseDetail<Case>({ load: async () => first, send: vi.fn(), changed: onChange })
    await detail.reload()
    await detail.save(async (version) => {
      seen.push(version)
      return { ...first, version: version + 1 }
    })
    expect(seen).toEqual([1])
    expect(detail.item.value?.version).toBe(2)
    expect(onChange).toHaveBeenCalledOnce()
    expect(success).toHaveBeenCalledWith('common.saved')

    await detail.save(async () => {
      throw new Error('已被他人修改')
    })
    expect(detail.item.value?.version).toBe(2)
    expect(error).toHaveBeenCalledWith('已被他人修改')
  })

  it('does nothing on save before the case is loaded', async () => {
    const write = vi.fn()
    const detail = useCaseDetail<Case>({ load: async () => first, send: vi.fn() })
    await detail.save(write)
    expect(write).not.toHaveBeenCalled()
  })
})
