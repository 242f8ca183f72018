// 自动调查: the form of an automatic survey and the request bodies built from it per kind (categories only after a
// repair order closes, month and day only for the yearly one), the edit as the fields that changed with the version
// read, and the lines its timeline shows.
import type { SurveyChannelEnum, SurveyTriggerKindEnum } from '@/api/enums'
import type { SurveyInvitation, SurveyTrigger, TriggerCreate, TriggerUpdate } from '@/api/surveys'
import type { TimelineEvent } from '@/api/types'

export interface TriggerForm {
  project: number | null
  kind: SurveyTriggerKindEnum
  survey: number | null
  categories: number[]
  delay_days: number
  channel: SurveyChannelEnum
  anonymous: boolean
  link_days: number
  month: number | null
  day: number | null
  active: boolean
}

/** The form's fields, for the server's field errors. */
export const TRIGGER_FIELDS = ['project', 'kind', 'survey', 'categories', 'delay_days', 'channel', 'anonymous', 'link_days', 'month', 'day', 'active'] as const
const EDITABLE = ['survey', 'categories', 'delay_days', 'channel', 'anonymous', 'link_days', 'month', 'day', 'active'] as const

export function blankTriggerForm(project: number | null = null, kind: SurveyTriggerKindEnum = 'order_closed'): TriggerForm {
  return {
    project, kind, survey: null, categories: [], delay_days: 1, channel: 'sms', anonymous: false, link_days: 14,
    month: kind === 'yearly' ? 1 : null, day: kind === 'yearly' ? 1 : null, active: true,
  }
}

export function formFromTrigger(trigger: SurveyTrigger): TriggerForm {
  return {
    project: trigger.project, kind: trigger.kind, survey: trigger.survey, categories: [...trigger.categories],
    delay_days: trigger.delay_days, channel: trigger.channel, anonymous: trigger.anonymous, link_days: trigger.link_days,
    month: trigger.month, day: trigger.day, active: trigger.active,
  }
}

/** What the kind keeps: categories only after a repair order closes, a date only once a year. */
function kindFields(form: TriggerForm): Pick<TriggerForm, 'categories' | 'month' | 'day'> {
  return {
    categories: form.kind === 'order_closed' ? [...form.categories].sort((a, b) => a - b) : [],
    month: form.kind === 'yearly' ? form.month : null,
    day: form.kind === 'yearly' ? form.day : null,
  }
}

/** The body of a new automatic survey. */
export function createBody(form: TriggerForm): TriggerCreate {
  const { categories, month, day } = kindFields(form)
  const body: TriggerCreate = {
    project: form.project as number, kind: form.kind, survey: form.survey as number, delay_days: form.delay_days,
    channel: form.channel, anonymous: form.anonymous, link_days: form.link_days, active: form.active,
  }
  if (form.kind === 'order_closed') body.categories = categories
  if (form.kind === 'yearly') Object.assign(body, { month, day })
  return body
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

/** The edit: the fields that changed, with the version read (the project and the kind never change). */
export function updateBody(form: TriggerForm, trigger: SurveyTrigger): TriggerUpdate {
  const after = { ...form, ...kindFields(form) }
  const before = { ...formFromTrigger(trigger), categories: [...trigger.categories].sort((a, b) => a - b) }
  const body: Record<string, unknown> = { version: trigger.version }
  for (const field of EDITABLE) {
    if (!same(after[field], before[field])) body[field] = after[field]
  }
  return body as TriggerUpdate
}

/** After a stale save (409): the fields the user left as they were take the values saved meanwhile; their own
 * changes stay (the next save sends them against the fresh version). */
export function rebase(form: TriggerForm, read: SurveyTrigger, fresh: SurveyTrigger): TriggerForm {
  const before = formFromTrigger(read)
  const now = formFromTrigger(fresh)
  const out = { ...form, categories: [...form.categories] }
  for (const field of EDITABLE) {
    if (same(form[field], before[field])) Object.assign(out, { [field]: now[field] })
  }
  return out
}

/** Days of a month in every year (February: 28 — a yearly survey on 29 February is refused). */
export function daysInMonth(month: number | null): number {
  if (!month) return 31
  return [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 31
}

type Translate = (key: string, values?: Record<string, unknown>) => string

/** When the survey asks, in a few words: "关闭后 1 天" / "每年 6 月 1 日". */
export function whenText(trigger: Pick<SurveyTrigger, 'kind' | 'delay_days' | 'month' | 'day'>, t: Translate): string {
  if (trigger.kind === 'yearly') {
    const date = t('surveyTriggers.onDate', { month: trigger.month ?? '—', day: trigger.day ?? '—' })
    return trigger.delay_days ? `${date} ${t('surveyTriggers.plusDays', { n: trigger.delay_days })}` : date
  }
  return trigger.delay_days ? t('surveyTriggers.afterDays', { n: trigger.delay_days }) : t('surveyTriggers.sameDay')
}

/** A campaign of an automatic survey, in a few words: "报修工单关闭后 · 2026 年" (the trigger's kind when known). */
export function campaignPeriodText(year: number | null | undefined, kindLabel: string, t: Translate): string {
  const period = t('surveyTriggers.periodText', { year: year ?? '—' })
  return kindLabel ? `${kindLabel} · ${period}` : period
}

/** Whether a campaign of this channel sends personal links (a text or an e-mail; an agent's call sends none). */
export function sendsLinks(channel: string | null | undefined): boolean {
  return channel === 'sms' || channel === 'email'
}

/** The result of one send ("已发送 3 条，1 人无手机号未发送"): by e-mail, those without an address are counted. */
export function sentResultText(
  channel: string | null | undefined,
  counts: { sent?: number; without_mobile?: number; without_email?: number },
  t: Translate,
): string {
  if (channel === 'email') return t('surveyAdmin.sentResultEmail', { sent: counts.sent ?? 0, without: counts.without_email ?? 0 })
  return t('surveyAdmin.sentResult', { sent: counts.sent ?? 0, without: counts.without_mobile ?? 0 })
}

/** The event an invitation is about ("order:12" → 工单 BX…; an anonymous survey gives only the kind). */
export function invitationEvent(row: SurveyInvitation, t: Translate): string {
  const [kind, value] = row.event.split(':')
  if (kind === 'order') return row.work_order_number ? t('surveyTriggers.events.orderN', { number: row.work_order_number }) : t('surveyTriggers.events.order')
  if (kind === 'unit') return t('surveyTriggers.events.unit')
  if (kind === 'year') return value ? t('surveyTriggers.events.yearN', { year: value }) : t('surveyTriggers.events.year')
  return row.event
}

type Label = (enumName: string, value: string | null | undefined) => string

/** One line per change of a timeline event of an automatic survey, with the screen's labels. */
export function triggerChangeLines(event: TimelineEvent, t: Translate, label: Label, categoryName: (id: number) => string = (id) => `#${id}`): string[] {
  const show = (field: string, value: unknown): string => {
    if (value === null || value === undefined || value === '') return '—'
    if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no')
    if (field === 'channel') return label('SurveyChannelEnum', String(value))
    if (field === 'survey') return `#${String(value)}`
    if (Array.isArray(value)) return value.length ? value.map((id) => categoryName(Number(id))).join('、') : t('surveyTriggers.allCategories')
    return String(value)
  }
  const changes = (event.changes ?? {}) as Record<string, unknown>
  return Object.entries(changes).map(([field, pair]) => {
    const [from, to] = Array.isArray(pair) && pair.length === 2 ? pair : [undefined, pair] // {field: [before, after]}
    const name = FIELD_LABELS[field] ? t(FIELD_LABELS[field]) : field
    return t('timeline.changed', { field: name, from: show(field, from), to: show(field, to) })
  })
}

const FIELD_LABELS: Record<string, string> = {
  survey: 'surveyAdmin.questionnaire', categories: 'surveyTriggers.categories', delay_days: 'surveyTriggers.delayDays',
  channel: 'surveyAdmin.channel', anonymous: 'surveyAdmin.anonymous', link_days: 'surveyTriggers.linkDays',
  month: 'surveyTriggers.month', day: 'surveyTriggers.day', active: 'surveyTriggers.active',
  fatigue_days: 'surveyTriggers.fatigueDays', low_score_threshold: 'surveyTriggers.lowScore',
}

/** The title of a timeline event of an automatic survey. */
export function triggerEventTitle(event: TimelineEvent, t: Translate, label: Label): string {
  if (event.type === 'record.created') return t('surveyTriggers.timeline.created')
  if (event.type === 'record.updated') return t('surveyTriggers.timeline.updated')
  if (event.type === 'survey.invitation_skipped') {
    const reason = typeof event.data?.reason === 'string' ? event.data.reason : ''
    return t('surveyTriggers.timeline.skipped', { reason: label('SurveySkipReasonEnum', reason) })
  }
  return event.type
}
