import type { TimelineSource } from '@/api/timeline'
import type { TimelineEvent } from '@/api/types'

type Translate = (key: string, values?: Record<string, unknown>) => string
type Exists = (key: string) => boolean

// Field names in change histories → the label the screens use for that field.
const FIELD_KEYS: Record<string, string> = {
  name: 'customers.name', gender: 'customers.gender', mobiles: 'customers.mobiles', id_type: 'customers.idType',
  id_number: 'customers.idNumber', address: 'customers.address', source: 'customers.source', tags: 'customers.tags',
  notes: 'customers.notes', consultant: 'customers.consultant', projects: 'customers.projects',
  marketing_consent: 'customers.marketingConsent', status: 'properties.status', delivery_date: 'properties.deliveryDate',
  layout: 'properties.layout', room_number: 'properties.room', predicted_gross_area: 'properties.predictedGross',
  predicted_internal_area: 'properties.predictedInternal', measured_gross_area: 'properties.measuredGross',
  measured_internal_area: 'properties.measuredInternal', display_name: 'users.displayName', email: 'users.email',
  roles: 'users.roles', is_active: 'users.active', all_projects: 'users.allProjects', city_companies: 'users.companies',
  bank: 'mortgage.bank', officer: 'mortgage.officer', term_years: 'mortgage.termYears', spouse_name: 'mortgage.spouse',
  note: 'sales.note', borrowers: 'mortgage.borrowers', delivery_deadline: 'sales.deliveryDeadline',
  handover_notice_days: 'sales.handoverNoticeDays',
  handover_on: 'handover.handoverOn', day: 'handover.handoverOn', window: 'handover.windows', buildings: 'properties.building',
}

// Fields named the same in several records but meaning something else in one event (a complaint's category is not a
// work-order category): looked up by the event type first.
const EVENT_FIELD_KEYS: Record<string, Record<string, string>> = {
  'complaint.updated': {
    category: 'complaints.category', severity: 'complaints.severity', department: 'complaints.department',
    owner: 'complaints.owner', outcome: 'complaints.outcome', compensation: 'complaints.compensation',
    linked_orders: 'complaints.linkedOrders',
  },
}
const EVENT_FIELD_ENUMS: Record<string, Record<string, string>> = {
  'complaint.updated': { category: 'ComplaintCategoryEnum', severity: 'ComplaintSeverityEnum' },
}

export function fieldLabel(field: string, t: Translate, eventType = ''): string {
  const key = EVENT_FIELD_KEYS[eventType]?.[field] ?? FIELD_KEYS[field]
  return key ? t(key) : field
}

// Fields whose stored value is an API enum: shown with the enum's label.
const FIELD_ENUMS: Record<string, string> = {
  gender: 'GenderEnum', id_type: 'IdTypeEnum', source: 'SourceEnum', status: 'UnitStatusEnum', role: 'OwnershipRoleEnum',
}

function isEmpty(value: unknown): boolean {
  return value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)
}

function show(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—'
  if (Array.isArray(value)) return value.length ? value.map(show).join('、') : '—'
  if (typeof value === 'boolean') return value ? '✓' : '✗'
  return String(value)
}

// Which enums name a record's statuses, by the record's type (a work order also carries complaint stages).
const STATUS_ENUMS: Record<string, string[]> = {
  'workorders.workorder': ['WorkOrderStatusEnum', 'ComplaintStageEnum'],
  'customers.appointment': ['AppointmentStatusEnum'],
  'properties.unit': ['UnitStatusEnum'],
  'sales.subscription': ['SubscriptionStatusEnum'],
  'sales.contract': ['ContractStatusEnum'],
  'sales.pricelist': ['PriceListStatusEnum'],
  'mortgage.mortgagecase': ['MortgageStageEnum'],
  'handover.handoverbatch': ['HandoverBatchStatusEnum'],
  'handover.handovernotice': ['HandoverNoticeStatusEnum'],
  'handover.handoverslot': ['HandoverSlotStatusEnum'],
  'handover.inspection': ['HandoverInspectionStatusEnum'],
  'settlement.settlementbatch': ['SettlementStatusEnum'],
  'certificates.certificatecase': ['CertificateStageEnum'],
  'complaints.incident': ['IncidentStatusEnum'],
}

// Events recorded on another record than the one whose status they change (a complaint's stage on its work order, a
// refund's or a change's status on the contract): their statuses are named by the event's own workflow.
const EVENT_STATUS_ENUMS: Record<string, string[]> = {
  complaint: ['ComplaintStageEnum'],
  refund: ['LedgerEntryStatusEnum'],
  contract_change: ['ContractChangeStatusEnum'],
  handover_batch: ['HandoverBatchStatusEnum'],
  handover_inspection: ['HandoverInspectionStatusEnum'],
  handover_slot: ['HandoverSlotStatusEnum'],
  settlement_batch: ['SettlementStatusEnum'],
  certificate_case: ['CertificateStageEnum'],
}

/** "待派单 → 已派单" for a status change, with labels where the status is known. */
export function statusChange(event: TimelineEvent, t: Translate, te: Exists): string {
  const workflow = event.type.includes('.') ? event.type.split('.')[0] : ''
  const enums = EVENT_STATUS_ENUMS[workflow] ?? STATUS_ENUMS[event.target_type] ?? []
  const label = (value: string) => {
    const name = enums.find((e) => value && te(`enums.${e}.${value}`))
    return name ? t(`enums.${name}.${value}`) : value || '—'
  }
  return `${label(event.from_status)} → ${label(event.to_status)}`
}

/** Title line of a timeline entry: "<what> · <event>", e.g. "客户 · 修改"; one label when the event already names
 * the record ("跟进", not "跟进 · 跟进"; "预约看房", not "预约 · 预约看房"). */
export function eventTitle(event: TimelineEvent, t: Translate, te: Exists): string {
  const what = te(`targets.${event.target_type}`) ? t(`targets.${event.target_type}`) : event.target_type
  const kind = te(`events.${event.type}`) ? t(`events.${event.type}`) : event.type
  if (kind.includes(what)) return kind
  return `${what} · ${kind}`
}

/** The record a timeline belongs to, by its events' `target_type` (app label · model). */
export const SOURCE_TARGET_TYPES: Record<TimelineSource['kind'], string> = {
  customer: 'customers.customer',
  unit: 'properties.unit',
  project: 'properties.project',
  'work-order': 'workorders.workorder',
  subscription: 'sales.subscription',
  contract: 'sales.contract',
  'mortgage-case': 'mortgage.mortgagecase',
  'area-settlement': 'settlement.settlementbatch',
  'certificate-case': 'certificates.certificatecase',
  'handover-batch': 'handover.handoverbatch',
}

/** The event's record (its number or name) after the title, where it says something: not when the title already
 *  says it ("跟进 · 跟进"), and not on the record's own timeline (an order's page does not repeat its number). */
export function targetLabel(event: TimelineEvent, title: string, source?: TimelineSource): string {
  const label = (event.target_label ?? '').trim()
  if (source && event.target_id === source.id && event.target_type === SOURCE_TARGET_TYPES[source.kind]) return ''
  return label && !title.split(' · ').includes(label) ? label : ''
}

/** One line per changed field: "状态：待售 → 已交付"; empty-to-empty lines (a blank field on creation) are left out. */
export function changeLines(event: TimelineEvent, t: Translate, te: Exists = () => false): string[] {
  const changes = (event.changes ?? {}) as Record<string, unknown>
  const label = (field: string, value: unknown): string => {
    const enumName = EVENT_FIELD_ENUMS[event.type]?.[field] ?? FIELD_ENUMS[field]
    if (enumName && typeof value === 'string' && te(`enums.${enumName}.${value}`)) return t(`enums.${enumName}.${value}`)
    return show(value)
  }
  return Object.entries(changes)
    .map(([field, pair]) => [field, ...(Array.isArray(pair) && pair.length === 2 ? pair : [undefined, pair])] as [string, unknown, unknown])
    .filter(([, from, to]) => !(isEmpty(from) && isEmpty(to)))
    .map(([field, from, to]) => t('timeline.changed', { field: fieldLabel(field, t, event.type), from: label(field, from), to: label(field, to) }))
}
