import { describe, expect, it } from 'vitest'
import type { TimelineEvent } from '@/api/types'
import { changeLines, eventTitle, statusChange, targetLabel } from './timeline'

const messages: Record<string, string> = {
  'targets.customers.customer': '客户',
  'events.record.updated': '修改',
  'targets.customers.followup': '跟进',
  'events.follow_up.recorded': '跟进',
  'targets.customers.appointment': '预约',
  'events.appointment.booked': '预约看房',
  'customers.name': '姓名',
  'customers.source': '客户来源',
  'enums.SourceEnum.referral': '老带新',
  'enums.SourceEnum.other': '其他',
  'enums.WorkOrderStatusEnum.pending_dispatch': '待派单',
  'enums.WorkOrderStatusEnum.dispatched': '已派单',
  'enums.ContractStatusEnum.signed': '已签约',
  'enums.LedgerEntryStatusEnum.pending': '待审批',
  'enums.LedgerEntryStatusEnum.posted': '已入账',
  'complaints.category': '投诉类别',
  'enums.ComplaintCategoryEnum.other': '其他',
  'enums.ComplaintCategoryEnum.service': '服务',
}
const t = (key: string, values?: Record<string, unknown>) =>
  key === 'timeline.changed' ? `${values!.field}：${values!.from} → ${values!.to}` : (messages[key] ?? key)
const te = (key: string) => key in messages

const event = (changes: Record<string, unknown>): TimelineEvent => ({
  id: 1, type: 'record.updated', actor: '李客服', occurred_at: '2026-11-27T10:00:00+08:00', target_type: 'customers.customer',
  target_id: 1, target_label: '张三', from_status: '', to_status: '', note: '', changes, data: {},
})

describe('timeline', () => {
  it('titles an entry with what and what happened', () => {
    expect(eventTitle(event({}), t, te)).toBe('客户 · 修改')
    expect(eventTitle({ ...event({}), target_type: 'x.y', type: 'z' }, t, te)).toBe('x.y · z')
  })

  it('never doubles a label: the event names the record once, the record label is left out when the title says it', () => {
    const followUp = { ...event({}), target_type: 'customers.followup', type: 'follow_up.recorded', target_label: '跟进' }
    expect(eventTitle(followUp, t, te)).toBe('跟进')
    expect(targetLabel(followUp, eventTitle(followUp, t, te))).toBe('')
    const booked = { ...event({}), target_type: 'customers.appointment', type: 'appointment.booked' }
    expect(eventTitle(booked, t, te)).toBe('预约看房')
    expect(targetLabel(event({}), eventTitle(event({}), t, te))).toBe('张三')
  })

  it("leaves the record's own label out on its own timeline, and keeps it on another record's", () => {
    const created = { ...event({}), target_type: 'workorders.workorder', target_id: 7, type: 'record.created', target_label: 'BX20261206-0001' }
    const title = eventTitle(created, t, te)
    expect(targetLabel(created, title, { kind: 'work-order', id: 7 })).toBe('')
    expect(targetLabel(created, title, { kind: 'work-order', id: 8 })).toBe('BX20261206-0001')
    expect(targetLabel(created, title, { kind: 'customer', id: 7 })).toBe('BX20261206-0001')
    expect(targetLabel(created, title)).toBe('BX20261206-0001')
  })

  it('writes one line per change with labels for fields and enum values', () => {
    expect(changeLines(event({ name: ['张三', '张叁'], source: ['other', 'referral'] }), t, te)).toEqual([
      '姓名：张三 → 张叁',
      '客户来源：其他 → 老带新',
    ])
  })

  it("names a complaint's fields and values in its own words, not the stored ones", () => {
    const updated = { ...event({ category: ['other', 'service'] }), type: 'complaint.updated', target_type: 'workorders.workorder' }
    expect(changeLines(updated, t, te)).toEqual(['投诉类别：其他 → 服务'])
  })

  it('leaves out blank-to-blank fields and shows lists and booleans', () => {
    expect(changeLines(event({ notes: ['', ''], tags: [[], ['VIP', '老业主']], marketing_consent: [false, true] }), t, te)).toEqual([
      'customers.tags：— → VIP、老业主',
      'customers.marketingConsent：✗ → ✓',
    ])
  })
})

describe('statusChange', () => {
  it('labels the statuses of known record types', () => {
    const e = { ...event({}), target_type: 'workorders.workorder', from_status: 'pending_dispatch', to_status: 'dispatched' }
    expect(statusChange(e, t, te)).toBe('待派单 → 已派单')
    expect(statusChange({ ...e, from_status: '' }, t, te)).toBe('— → 已派单')
    expect(statusChange({ ...e, target_type: 'x.y' }, t, te)).toBe('pending_dispatch → dispatched')
  })

  it('names the statuses of a refund shown on its contract by the refund workflow', () => {
    const e = { ...event({}), type: 'refund.approved', target_type: 'sales.contract', from_status: 'pending', to_status: 'posted' }
    expect(statusChange(e, t, te)).toBe('待审批 → 已入账')
    expect(statusChange({ ...e, type: 'contract.filed', from_status: 'signed', to_status: 'filed' }, t, te)).toBe('已签约 → filed')
  })
})

describe('statusChange with the real Chinese messages', () => {
  it('names the statuses of handover, settlement and certificate records (no raw codes on their timelines)', async () => {
    const zh = (await import('@/i18n/zh-CN')).default as unknown as Record<string, unknown>
    const find = (key: string): unknown => key.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), zh)
    const tz = (key: string) => String(find(key) ?? key)
    const tez = (key: string) => typeof find(key) === 'string'
    const cases: [string, string, string, string][] = [
      ['settlement_batch.reviewed', 'settlement.settlementbatch', 'draft', 'reviewed'],
      ['handover_slot.booked', 'handover.handoverslot', '', 'booked'],
      ['handover_inspection.started', 'handover.inspection', '', 'in_progress'],
      ['handover_batch.completed', 'handover.handoverbatch', 'handing_over', 'completed'],
      ['certificate_case.transfer_completed', 'certificates.certificatecase', 'transfer_applied', 'transfer_completed'],
    ]
    for (const [type, target, from, to] of cases) {
      const text = statusChange({ ...event({}), type, target_type: target, from_status: from, to_status: to }, tz, tez)
      expect(text, type).not.toMatch(/[a-z_]{4,}/)
    }
  })
})
