import type { components } from '@/api/schema'
import { formatDate } from '@/utils/format'

type ReturnVisit = components['schemas']['ReturnVisit']

/** Where each placeholder of a call script comes from: the order's report date (not the visit's due date), what was
 *  reported, what was done; a care call names its plan. One place, so a test can hold every template to it. */
export const SCRIPT_SOURCES = {
  scriptText: { date: 'reported_at', what: 'description', done: 'work_done' },
  careScript: { plan: 'plan_name' },
} as const

export type ScriptKey = keyof typeof SCRIPT_SOURCES

export function scriptParams(key: ScriptKey, visit: ReturnVisit): Record<string, string> {
  if (key === 'careScript') return { plan: visit.plan_name ?? '' }
  return {
    date: visit.reported_at ? formatDate(visit.reported_at) : '—',
    what: (visit.description ?? '').slice(0, 30),
    done: visit.work_done || '—',
  }
}
