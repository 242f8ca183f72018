import { describe, expect, it } from 'vitest'
import enUS from '@/i18n/en-US'
import zhCN from '@/i18n/zh-CN'
import type { components } from '@/api/schema'
import { SCRIPT_SOURCES, scriptParams, type ScriptKey } from './script'

type ReturnVisit = components['schemas']['ReturnVisit']

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()

const visit = {
  kind: 'service', reported_at: '2026-11-20T09:30:00+08:00', due_at: '2026-12-04T10:00:00+08:00',
  description: '卫生间地漏反味', work_done: '更换防臭地漏', plan_name: '入住一周年回访',
} as unknown as ReturnVisit

describe('return-visit call scripts', () => {
  for (const [locale, messages] of [['zh-CN', zhCN], ['en-US', enUS]] as const) {
    for (const key of Object.keys(SCRIPT_SOURCES) as ScriptKey[]) {
      it(`${locale} ${key} uses exactly the placeholders that have a source field`, () => {
        const template = (messages.visits as unknown as Record<string, string>)[key]
        expect(placeholders(template)).toEqual(Object.keys(SCRIPT_SOURCES[key]).sort())
        expect(Object.keys(scriptParams(key, visit)).sort()).toEqual(Object.keys(SCRIPT_SOURCES[key]).sort())
      })
    }
  }

  it('names the day the order was reported, not the day the visit is due', () => {
    expect(scriptParams('scriptText', visit).date).toBe('2026-11-20')
    expect(scriptParams('scriptText', visit).what).toBe('卫生间地漏反味')
    expect(scriptParams('careScript', visit).plan).toBe('入住一周年回访')
  })
})
