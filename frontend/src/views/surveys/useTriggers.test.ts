import { describe, expect, it } from 'vitest'
import type { SurveyInvitation, SurveyTrigger } from '@/api/surveys'
import type { TimelineEvent } from '@/api/types'
import { blankTriggerForm, campaignPeriodText, createBody, daysInMonth, formFromTrigger, invitationEvent, rebase, sendsLinks, sentResultText, triggerChangeLines, triggerEventTitle, updateBody, whenText } from './useTriggers'

const t = (key: string, values?: Record<string, unknown>) => (values ? `${key}${JSON.stringify(values)}` : key)
const label = (name: string, value: string | null | undefined) => `${name}.${value}`

function trigger(over: Partial<SurveyTrigger> = {}): SurveyTrigger {
  return {
    id: 7, project: 1, project_name: '安居·滨江花园', kind: 'order_closed', survey: 3, survey_title: '服务满意度回访', survey_revision: 1,
    categories: [9, 2], delay_days: 1, channel: 'sms', anonymous: false, link_days: 14, month: null, day: null, active: true, version: 4,
    created_at: '2026-12-05T01:00:00Z', sent_count: 5, skipped_count: 2, pending_count: 4, ...over,
  }
}

describe('createBody', () => {
  it('sends the categories after a repair order closes, and no date', () => {
    const form = { ...blankTriggerForm(1), survey: 3, categories: [5, 2], month: 6, day: 1 }
    expect(createBody(form)).toEqual({ project: 1, kind: 'order_closed', survey: 3, categories: [2, 5], delay_days: 1, channel: 'sms', anonymous: false, link_days: 14, active: true })
  })

  it('sends month and day for the yearly survey, and no categories', () => {
    const form = { ...blankTriggerForm(1, 'yearly'), survey: 3, categories: [5], month: 6, day: 1, delay_days: 0, anonymous: true }
    const body = createBody(form)
    expect(body).toMatchObject({ kind: 'yearly', month: 6, day: 1, delay_days: 0, anonymous: true })
    expect(body).not.toHaveProperty('categories')
  })

  it('sends neither categories nor a date after handover', () => {
    const body = createBody({ ...blankTriggerForm(2, 'handover'), survey: 3, categories: [5], month: 2, day: 3, delay_days: 7 })
    expect(body).not.toHaveProperty('categories')
    expect(body).not.toHaveProperty('month')
    expect(body).not.toHaveProperty('day')
    expect(body.delay_days).toBe(7)
  })
})

describe('updateBody', () => {
  it('sends the version read and only what changed', () => {
    const row = trigger()
    expect(updateBody(formFromTrigger(row), row)).toEqual({ version: 4 })
    expect(updateBody({ ...formFromTrigger(row), delay_days: 3, active: false }, row)).toEqual({ version: 4, delay_days: 3, active: false })
  })

  it('compares categories as a set', () => {
    const row = trigger()
    expect(updateBody({ ...formFromTrigger(row), categories: [2, 9] }, row)).toEqual({ version: 4 })
    expect(updateBody({ ...formFromTrigger(row), categories: [] }, row)).toEqual({ version: 4, categories: [] })
  })

  it('changes the yearly date', () => {
    const row = trigger({ kind: 'yearly', categories: [], month: 6, day: 1 })
    expect(updateBody({ ...formFromTrigger(row), day: 15 }, row)).toEqual({ version: 4, day: 15 })
  })
})

describe('rebase', () => {
  it('keeps the user\'s changes and takes what someone else saved for the rest', () => {
    const read = trigger()
    const fresh = trigger({ version: 5, delay_days: 3, link_days: 14, active: false })
    const form = { ...formFromTrigger(read), link_days: 21 }
    const after = rebase(form, read, fresh)
    expect(after).toMatchObject({ link_days: 21, delay_days: 3, active: false })
    expect(updateBody(after, fresh)).toEqual({ version: 5, link_days: 21 })
  })

  it('keeps a change the other edit also made', () => {
    const read = trigger()
    const fresh = trigger({ version: 5, delay_days: 3 })
    expect(rebase({ ...formFromTrigger(read), delay_days: 7 }, read, fresh).delay_days).toBe(7)
  })
})

describe('daysInMonth', () => {
  it('has no 29 February', () => {
    expect(daysInMonth(2)).toBe(28)
    expect(daysInMonth(4)).toBe(30)
    expect(daysInMonth(12)).toBe(31)
    expect(daysInMonth(null)).toBe(31)
  })
})

describe('texts', () => {
  it('says when it asks', () => {
    expect(whenText(trigger(), t)).toBe('surveyTriggers.afterDays{"n":1}')
    expect(whenText(trigger({ delay_days: 0 }), t)).toBe('surveyTriggers.sameDay')
    expect(whenText(trigger({ kind: 'yearly', month: 6, day: 1, delay_days: 0 }), t)).toBe('surveyTriggers.onDate{"month":6,"day":1}')
  })

  it('names the event of an invitation, only its kind when anonymous', () => {
    const row: SurveyInvitation = {
      id: 1, event: 'order:12', customer: 4, customer_name: '王伟', work_order: 12, work_order_number: 'BX20261205-0001', unit: 3,
      state: 'sent', reason: '', due_at: '2026-12-05T01:00:00Z', decided_at: null,
    }
    expect(invitationEvent(row, t)).toBe('surveyTriggers.events.orderN{"number":"BX20261205-0001"}')
    expect(invitationEvent({ ...row, event: 'order', work_order: null, work_order_number: null }, t)).toBe('surveyTriggers.events.order')
    expect(invitationEvent({ ...row, event: 'year:2026' }, t)).toBe('surveyTriggers.events.yearN{"year":"2026"}')
    expect(invitationEvent({ ...row, event: 'unit' }, t)).toBe('surveyTriggers.events.unit')
  })

  it('describes the timeline with the screen labels', () => {
    const base = { id: 1, actor: null, occurred_at: '', target_type: 'surveys.surveytrigger', target_id: 7, target_label: '', from_status: '', to_status: '', note: '' }
    const skipped = { ...base, type: 'survey.invitation_skipped', changes: {}, data: { reason: 'fatigue' } } as TimelineEvent
    expect(triggerEventTitle(skipped, t, label)).toBe('surveyTriggers.timeline.skipped{"reason":"SurveySkipReasonEnum.fatigue"}')
    const updated = { ...base, type: 'record.updated', changes: { delay_days: [1, 3], channel: ['sms', 'call'], active: [true, false], categories: [[2], []] }, data: {} } as TimelineEvent
    expect(triggerChangeLines(updated, t, label)).toEqual([
      'timeline.changed{"field":"surveyTriggers.delayDays","from":"1","to":"3"}',
      'timeline.changed{"field":"surveyAdmin.channel","from":"SurveyChannelEnum.sms","to":"SurveyChannelEnum.call"}',
      'timeline.changed{"field":"surveyTriggers.active","from":"common.yes","to":"common.no"}',
      'timeline.changed{"field":"surveyTriggers.categories","from":"#2","to":"surveyTriggers.allCategories"}',
    ])
    const names = new Map([[2, '水电'], [9, '门窗']])
    const categories = { ...updated, changes: { categories: [[], [2, 9]] } } as TimelineEvent
    expect(triggerChangeLines(categories, t, label, (id) => names.get(id) ?? `#${id}`)).toEqual([
      'timeline.changed{"field":"surveyTriggers.categories","from":"surveyTriggers.allCategories","to":"水电、门窗"}',
    ])
  })
})

describe('campaignPeriodText', () => {
  it('names the trigger kind with the year, or the year alone when the kind is unknown', () => {
    expect(campaignPeriodText(2026, '报修工单关闭后', t)).toBe('报修工单关闭后 · surveyTriggers.periodText{"year":2026}')
    expect(campaignPeriodText(2026, '', t)).toBe('surveyTriggers.periodText{"year":2026}')
    expect(campaignPeriodText(null, '', t)).toBe('surveyTriggers.periodText{"year":"—"}')
  })
})

describe('sending personal links', () => {
  it('sends by text or e-mail, never for an agent-entered campaign', () => {
    expect([sendsLinks('sms'), sendsLinks('email'), sendsLinks('call'), sendsLinks(undefined)]).toEqual([true, true, false, false])
  })

  it('counts those without a mobile for texts and those without an address for e-mails', () => {
    const counts = { sent: 3, without_mobile: 0, without_email: 2 }
    expect(sentResultText('email', counts, t)).toBe('surveyAdmin.sentResultEmail{"sent":3,"without":2}')
    expect(sentResultText('sms', { ...counts, without_mobile: 1 }, t)).toBe('surveyAdmin.sentResult{"sent":3,"without":1}')
    expect(sentResultText('email', {}, t)).toBe('surveyAdmin.sentResultEmail{"sent":0,"without":0}') // an older event
  })
})
