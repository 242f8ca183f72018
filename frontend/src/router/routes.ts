// Routes and the navigation rule, kept free of browser globals so they can be unit-tested.
import type { RouteLocationNormalized, RouteRecordRaw } from 'vue-router'
import type { PermissionRule } from '@/utils/permissions'
import AppLayout from '@/layouts/AppLayout.vue'

declare module 'vue-router' {
  interface RouteMeta {
    public?: boolean
    /** Opened by people without an account (a personal survey link): the session is not even looked up. */
    anonymous?: boolean
    permission?: PermissionRule
    title?: string
    /** Shown in the menu: under a group (see MENU_GROUPS) or at the top, with an icon; the menu is built from this. */
    menu?: { group?: string; icon: string }
  }
}

export const routes: RouteRecordRaw[] = [
  { path: '/login', name: 'login', component: () => import('@/views/LoginView.vue'), meta: { public: true, title: 'auth.login' } },
  { path: '/s/:token', name: 'public-survey', component: () => import('@/views/surveys/PublicSurveyView.vue'), props: (r) => ({ token: String(r.params.token) }), meta: { public: true, anonymous: true, title: 'surveys.pageTitle' } },
  {
    path: '/',
    component: AppLayout,
    children: [
      { path: '', name: 'home', component: () => import('@/views/HomeView.vue'), meta: { title: 'menu.home', menu: { icon: 'HomeFilled' } } },
      { path: 'customers', name: 'customers', component: () => import('@/views/customers/CustomerListView.vue'), meta: { permission: 'customers.view_customer', title: 'menu.customerList', menu: { group: 'customers', icon: 'List' } } },
      { path: 'customers/:id(\\d+)', name: 'customer', component: () => import('@/views/customers/CustomerDetailView.vue'), props: (r) => ({ id: Number(r.params.id) }), meta: { permission: 'customers.view_customer', title: 'customers.detailTitle' } },
      { path: 'appointments', name: 'appointments', component: () => import('@/views/appointments/AppointmentCalendarView.vue'), meta: { permission: 'customers.view_appointment', title: 'menu.appointments', menu: { group: 'customers', icon: 'Calendar' } } },
      { path: 'follow-ups/due', name: 'follow-ups-due', component: () => import('@/views/followups/FollowUpDueView.vue'), meta: { permission: 'customers.view_followup', title: 'menu.followUpsDue', menu: { group: 'customers', icon: 'AlarmClock' } } },
      { path: 'activities', name: 'activities', component: () => import('@/views/activities/ActivityListView.vue'), meta: { permission: 'activities.view_activity', title: 'menu.activities', menu: { group: 'customers', icon: 'Flag' } } },
      { path: 'activities/report', name: 'activity-report', component: () => import('@/views/activities/ActivityReportView.vue'), meta: { permission: 'activities.view_activity', title: 'menu.activityReport', menu: { group: 'customers', icon: 'DataLine' } } },
      { path: 'tags', name: 'tags', component: () => import('@/views/customers/TagListView.vue'), meta: { permission: 'customers.change_tag', title: 'menu.tags', menu: { group: 'customers', icon: 'PriceTag' } } },
      { path: 'sales/subscriptions', name: 'subscriptions', component: () => import('@/views/sales/SubscriptionListView.vue'), meta: { permission: 'sales.view_subscription', title: 'menu.subscriptions', menu: { group: 'sales', icon: 'Tickets' } } },
      { path: 'sales/subscriptions/new', name: 'subscription-new', component: () => import('@/views/sales/SubscriptionCreateView.vue'), meta: { permission: 'sales.add_subscription', title: 'menu.newSubscription', menu: { group: 'sales', icon: 'CirclePlus' } } },
      { path: 'sales/subscriptions/:id(\\d+)', name: 'subscription', component: () => import('@/views/sales/SubscriptionDetailView.vue'), props: (r) => ({ id: Number(r.params.id) }), meta: { permission: 'sales.view_subscription', title: 'sales.subscriptionDetail' } },
      { path: 'sales/contracts', name: 'contracts', component: () => import('@/views/sales/ContractListView.vue'), meta: { permission: 'sales.view_contract', title: 'menu.contracts', menu: { group: 'sales', icon: 'Document' } } },
      { path: 'sales/contracts/:id(\\d+)', name: 'contract', component: () => import('@/views/sales/ContractDetailView.vue'), props: (r) => ({ id: Number(r.params.id) }), meta: { permission: 'sales.view_contract', title: 'sales.contractDetail' } },
      { path: 'sales/collections', name: 'collections', component: () => import('@/views/sales/OverdueReceivablesView.vue'), meta: { permission: 'sales.view_receivable', title: 'menu.collections', menu: { group: 'sales', icon: 'AlarmClock' } } },
      { path: 'sales/price-lists', name: 'pricing', component: () => import('@/views/sales/PricingView.vue'), meta: { permission: ['sales.view_pricelist', 'sales.view_presalepermit'], title: 'menu.pricing', menu: { group: 'sales', icon: 'PriceTag' } } },
      { path: 'sales/reports', name: 'sales-reports', component: () => import('@/views/sales/SalesReportView.vue'), meta: { permission: 'sales.view_sales_report', title: 'menu.salesReports', menu: { group: 'sales', icon: 'DataLine' } } },
      { path: 'mortgage-cases', name: 'mortgage-cases', component: () => import('@/views/mortgage/MortgageCasesView.vue'), meta: { permission: 'mortgage.view_mortgagecase', title: 'menu.mortgageCases', menu: { group: 'mortgage', icon: 'List' } } },
      { path: 'mortgage-cases/bank-stats', name: 'mortgage-bank-stats', component: () => import('@/views/mortgage/BankStatsView.vue'), meta: { permission: 'mortgage.view_mortgagecase', title: 'menu.bankStats', menu: { group: 'mortgage', icon: 'DataAnalysis' } } },
      { path: 'mortgage-cases/:id(\\d+)', name: 'mortgage-case', component: () => import('@/views/mortgage/MortgageCaseDetailView.vue'), props: (r) => ({ id: Number(r.params.id) }), meta: { permission: 'mortgage.view_mortgagecase', title: 'mortgage.detail' } },
      { path: 'area-settlements', name: 'area-settlements', component: () => import('@/views/settlement/SettlementBatchesView.vue'), meta: { permission: 'settlement.view_settlementbatch', title: 'menu.settlementBatches', menu: { group: 'settlement', icon: 'Tickets' } } },
      { path: 'area-settlements/preview', name: 'area-settlement-preview', component: () => import('@/views/settlement/SettlementPreviewView.vue'), meta: { permission: 'settlement.view_settlementline', title: 'menu.settlementPreview', menu: { group: 'settlement', icon: 'DataLine' } } },
      { path: 'area-settlements/:id(\\d+)', name: 'area-settlement', component: () => import('@/views/settlement/SettlementBatchDetailView.vue'), props: (r) => ({ id: Number(r.params.id) }), meta: { permission: 'settlement.view_settlementbatch', title: 'settlement.detail' } },
      { path: 'certificates', name: 'certificates', component: () => import('@/views/certificates/CertificateCasesView.vue'), meta: { permission: 'certificates.view_certificatecase', title: 'menu.certificateCases', menu: { group: 'certificates', icon: 'Stamp' } } },
      { path: 'certificates/at-risk', name: 'certificates-at-risk', component: () => import('@/views/certificates/CertificatesAtRiskView.vue'), meta: { permission: 'certificates.view_certificatecase', title: 'menu.certificatesAtRisk', menu: { group: 'certificates', icon: 'AlarmClock' } } },
      { path: 'certificates/:id(\\d+)', name: 'certificate', component: () => import('@/views/certificates/CertificateCaseDetailView.vue'), props: (r) => ({ id: Number(r.params.id) }), meta: { permission: 'certificates.view_certificatecase', title: 'certificates.detail' } },
      { path: 'handover/batches', name: 'handover-batches', component: () => import('@/views/handover/HandoverBatchesView.vue'), meta: { permission: 'handover.view_handoverbatch', title: 'menu.handoverBatches', menu: { group: 'handover', icon: 'House' } } },
      { path: 'handover/notices', name: 'handover-notices', component: () => import('@/views/handover/HandoverNoticesView.vue'), meta: { permission: 'handover.view_handovernotice', title: 'menu.handoverNotices', menu: { group: 'handover', icon: 'Document' } } },
      { path: 'handover/batches/:id(\\d+)', name: 'handover-batch', component: () => import('@/views/handover/HandoverBatchView.vue'), props: (r) => ({ id: Number(r.params.id) }), meta: { permission: 'handover.view_handoverbatch', title: 'handover.batch' } },
      { path: 'handover/batches/:id(\\d+)/board', name: 'handover-board', component: () => import('@/views/handover/QueueBoardView.vue'), props: (r) => ({ id: Number(r.params.id) }), meta: { permission: 'handover.view_handoverbatch', title: 'handover.queueBoard' } },
      { path: 'handover/batches/:id(\\d+)/report', name: 'handover-report', component: () => import('@/views/handover/RepairReportView.vue'), props: (r) => ({ id: Number(r.params.id) }), meta: { permission: 'handover.view_handoverbatch', title: 'handover.reports' } },
      { path: 'handover/inspections/:id(\\d+)', name: 'handover-inspection', component: () => import('@/views/handover/InspectionView.vue'), props: (r) => ({ id: Number(r.params.id) }), meta: { permission: 'handover.view_inspection', title: 'handover.inspection' } },
      { path: 'work-orders', name: 'work-orders', component: () => import('@/views/workorders/WorkOrderListView.vue'), meta: { permission: ['workorders.view_all_workorders', 'workorders.dispatch_workorder'], title: 'menu.workOrders', menu: { group: 'service-desk', icon: 'Tickets' } } },
      { path: 'sla-board', name: 'sla-board', component: () => import('@/views/sla/SlaBoardView.vue'), meta: { permission: ['workorders.view_all_workorders', 'workorders.dispatch_workorder'], title: 'menu.slaBoard', menu: { group: 'service-desk', icon: 'Timer' } } },
      { path: 'work-orders/new', name: 'work-order-new', component: () => import('@/views/workorders/WorkOrderCreateView.vue'), meta: { permission: 'workorders.add_workorder', title: 'menu.newWorkOrder', menu: { group: 'service-desk', icon: 'CirclePlus' } } },
      { path: 'work-orders/:id(\\d+)', name: 'work-order', component: () => import('@/views/workorders/WorkOrderDetailView.vue'), props: (r) => ({ id: Number(r.params.id) }), meta: { permission: 'workorders.view_workorder', title: 'workOrders.detail' } },
      { path: 'm/orders', name: 'my-orders', component: () => import('@/views/workorders/MobileOrdersView.vue'), meta: { permission: 'workorders.work_workorder', title: 'menu.myWorkOrders', menu: { group: 'service-desk', icon: 'Iphone' } } },
      { path: 'm/orders/:id(\\d+)', name: 'my-order', component: () => import('@/views/workorders/MobileOrderView.vue'), props: (r) => ({ id: Number(r.params.id) }), meta: { permission: 'workorders.work_workorder', title: 'workOrders.detail' } },
      { path: 'incidents', name: 'incidents', component: () => import('@/views/complaints/IncidentListView.vue'), meta: { permission: 'complaints.view_incident', title: 'menu.incidents', menu: { group: 'service-desk', icon: 'WarnTriangleFilled' } } },
      { path: 'incidents/:id(\\d+)', name: 'incident', component: () => import('@/views/complaints/IncidentListView.vue'), props: (r) => ({ openId: Number(r.params.id) }), meta: { permission: 'complaints.view_incident', title: 'menu.incidents' } },
      { path: 'return-visits', name: 'return-visits', component: () => import('@/views/visits/ReturnVisitsView.vue'), meta: { permission: 'visits.change_returnvisit', title: 'menu.visits', menu: { group: 'service-desk', icon: 'PhoneFilled' } } },
      { path: 'care-plans', name: 'care-plans', component: () => import('@/views/visits/CarePlansView.vue'), meta: { permission: 'visits.view_careplan', title: 'menu.carePlans', menu: { group: 'service-desk', icon: 'Calendar' } } },
      { path: 'quality', name: 'quality', component: () => import('@/views/visits/QualityView.vue'), meta: { permission: 'visits.view_returnvisit', title: 'menu.quality', menu: { group: 'service-desk', icon: 'DataAnalysis' } } },
      { path: 'technicians', name: 'technicians', component: () => import('@/views/technicians/TechnicianListView.vue'), meta: { permission: 'workorders.view_technician', title: 'menu.technicians', menu: { group: 'service-desk', icon: 'User' } } },
      { path: 'work-order-categories', name: 'work-order-categories', component: () => import('@/views/workorders/CategoryListView.vue'), meta: { permission: 'workorders.change_category', title: 'menu.woCategories', menu: { group: 'service-desk', icon: 'Menu' } } },
      { path: 'reports/repairs', name: 'report-repairs', component: () => import('@/views/reports/ReportView.vue'), props: { reportKey: 'repairs' }, meta: { permission: 'reports.view_report', title: 'menu.reportRepairs', menu: { group: 'reports', icon: 'DataLine' } } },
      { path: 'reports/technician_efficiency', name: 'report-technician_efficiency', component: () => import('@/views/reports/ReportView.vue'), props: { reportKey: 'technician_efficiency' }, meta: { permission: 'reports.view_report', title: 'menu.reportTechnicians', menu: { group: 'reports', icon: 'Timer' } } },
      { path: 'reports/department_performance', name: 'report-department_performance', component: () => import('@/views/reports/ReportView.vue'), props: { reportKey: 'department_performance' }, meta: { permission: 'reports.view_report', title: 'menu.reportDepartments', menu: { group: 'reports', icon: 'Flag' } } },
      { path: 'reports/complaints', name: 'report-complaints', component: () => import('@/views/reports/ReportView.vue'), props: { reportKey: 'complaints' }, meta: { permission: 'reports.view_report', title: 'menu.reportComplaints', menu: { group: 'reports', icon: 'ChatDotRound' } } },
      { path: 'reports/satisfaction', name: 'report-satisfaction', component: () => import('@/views/reports/ReportView.vue'), props: { reportKey: 'satisfaction' }, meta: { permission: 'reports.view_report', title: 'menu.reportSatisfaction', menu: { group: 'reports', icon: 'Service' } } },
      { path: 'reports/hot_spots', name: 'report-hot_spots', component: () => import('@/views/reports/ReportView.vue'), props: { reportKey: 'hot_spots' }, meta: { permission: 'reports.view_report', title: 'menu.reportHotSpots', menu: { group: 'reports', icon: 'MapLocation' } } },
      { path: 'reports/work-summary', name: 'work-summary', component: () => import('@/views/reports/WorkSummaryView.vue'), meta: { permission: 'reports.view_report', title: 'menu.workSummary', menu: { group: 'reports', icon: 'Document' } } },
      { path: 'reports/subscriptions', name: 'report-subscriptions', component: () => import('@/views/reports/SubscriptionListView.vue'), meta: { permission: 'reports.view_report', title: 'menu.reportSubscriptions', menu: { group: 'reports', icon: 'Bell' } } },
      { path: 'reports/:key(repairs|technician_efficiency|department_performance|complaints|satisfaction|hot_spots)/drilldown', name: 'report-drilldown', component: () => import('@/views/reports/ReportDrilldownView.vue'), props: (r) => ({ reportKey: String(r.params.key) }), meta: { permission: 'reports.view_report', title: 'reports.drilldownTitle' } },
      { path: 'surveys', name: 'surveys', component: () => import('@/views/surveys/SurveyListView.vue'), meta: { permission: 'surveys.view_survey', title: 'menu.questionnaires', menu: { group: 'surveys', icon: 'Document' } } },
      { path: 'surveys/new', name: 'survey-new', component: () => import('@/views/surveys/SurveyBuilderView.vue'), meta: { permission: 'surveys.add_survey', title: 'surveyAdmin.newQuestionnaire' } },
      { path: 'surveys/:id(\\d+)', name: 'survey', component: () => import('@/views/surveys/SurveyBuilderView.vue'), props: (r) => ({ id: Number(r.params.id) }), meta: { permission: 'surveys.view_survey', title: 'surveyAdmin.builder' } },
      { path: 'survey-campaigns', name: 'survey-campaigns', component: () => import('@/views/surveys/CampaignListView.vue'), meta: { permission: 'surveys.view_campaign', title: 'menu.surveyCampaigns', menu: { group: 'surveys', icon: 'Share' } } },
      { path: 'survey-campaigns/:id(\\d+)', name: 'survey-campaign', component: () => import('@/views/surveys/CampaignDetailView.vue'), props: (r) => ({ id: Number(r.params.id) }), meta: { permission: 'surveys.view_campaign', title: 'surveyAdmin.campaign' } },
      { path: 'survey-triggers', name: 'survey-triggers', component: () => import('@/views/surveys/TriggerListView.vue'), meta: { permission: 'surveys.view_surveytrigger', title: 'surveyTriggers.title', menu: { group: 'surveys', icon: 'AlarmClock' } } },
      { path: 'survey-triggers/:id(\\d+)', name: 'survey-trigger', component: () => import('@/views/surveys/TriggerDetailView.vue'), props: (r) => ({ id: Number(r.params.id) }), meta: { permission: 'surveys.view_surveytrigger', title: 'surveyTriggers.detail' } },
      { path: 'properties', name: 'properties', component: () => import('@/views/properties/PropertiesView.vue'), meta: { permission: 'properties.view_project', title: 'menu.propertyGrid', menu: { group: 'properties', icon: 'OfficeBuilding' } } },
      { path: 'units', name: 'units', component: () => import('@/views/properties/UnitListView.vue'), meta: { permission: 'properties.view_unit', title: 'menu.units', menu: { group: 'properties', icon: 'List' } } },
      { path: 'users', name: 'users', component: () => import('@/views/admin/UserListView.vue'), meta: { permission: 'accounts.view_user', title: 'menu.users', menu: { group: 'system', icon: 'Avatar' } } },
      { path: 'departments', name: 'departments', component: () => import('@/views/admin/DepartmentsView.vue'), meta: { permission: 'accounts.view_department', title: 'menu.departments', menu: { group: 'system', icon: 'OfficeBuilding' } } },
      { path: 'sla-settings', name: 'sla-settings', component: () => import('@/views/sla/SlaSettingsView.vue'), meta: { permission: 'sla.view_workinghours', title: 'menu.sla', menu: { group: 'system', icon: 'Timer' } } },
      // development sites only: /auth/me/ grants the pseudo-permission when the server has the outbox screen on
      { path: 'dev-outbox', name: 'dev-outbox', component: () => import('@/views/admin/DevOutboxView.vue'), meta: { permission: 'notifications.dev_outbox', title: 'menu.devOutbox', menu: { group: 'system', icon: 'Notification' } } },
      { path: 'inbox', name: 'inbox', component: () => import('@/views/inbox/InboxView.vue'), meta: { title: 'inbox.title' } },
      { path: '403', name: 'forbidden', component: () => import('@/views/ForbiddenView.vue'), meta: { title: 'errors.forbiddenTitle' } },
      { path: ':pathMatch(.*)*', name: 'not-found', component: () => import('@/views/NotFoundView.vue'), meta: { title: 'errors.notFoundTitle' } },
    ],
  },
]

/** Where the guard sends a navigation: login (remembering the page), 403, or through. */
export function guard(
  to: Pick<RouteLocationNormalized, 'fullPath' | 'meta' | 'name'>,
  state: { authenticated: boolean; allowed: (rule: PermissionRule) => boolean },
): true | { name: string; query?: Record<string, string>; replace?: boolean } {
  if (to.meta.public) {
    if (to.name === 'login' && state.authenticated) return { name: 'home', replace: true }
    return true
  }
  if (!state.authenticated) return { name: 'login', query: to.fullPath !== '/' ? { redirect: to.fullPath } : {} }
  if (!state.allowed(to.meta.permission)) return { name: 'forbidden', replace: true }
  return true
}
