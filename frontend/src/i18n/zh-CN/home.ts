// zh-CN: the role homes.
export default {
  home: {
    workOrdersOpen: '处理中的工单', pendingDispatch: '待派单 {n}', mineOpen: '我的在手 {n}', createdToday: '今日新建 {n}', 
    greeting: '{name}，您好', today: '今天是 {date}', customers: '客户总数', newThisMonth: '本月新增 {n}',
    units: '房源总数', unitStatus: '房源状态', appointmentsToday: '今日看房预约', followUpsDue: '我的待跟进',
    overdue: '其中逾期 {n}', noAppointments: '今天没有看房预约', noFollowUps: '没有到期的跟进，做得好！',
    viewAll: '查看全部',
    noTiles: '暂无需要处理的事项', jobsToday: '今日工作', noJobs: '今天没有待上门的工单', notBooked: '未预约', bring: '带上：{category} 工具与配件',
    slaDue: '时效截止 {at}', satisfaction: '本周满意度', outOf5: ' / 5', lastWeek: '上周 {score}', trend: { up: '上升', down: '下降', flat: '持平' },
    worst_buildings: '按时率最低的楼栋（近 90 天）', worst_categories: '按时率最低的工单分类（近 90 天）', group: '名称', noWorst: '近 90 天完成的时效项不足',
    tiles: {
      myOpenOrders: '我的在手工单', myOverdueOrders: '我的已超时工单', myComplaints: '我负责的投诉', portalOrders: '业主线上报修待派单',
      visitsDue: '今日待回访', overdue: '已超时工单', aboutToBreach: '4 小时内将超时', unassigned: '待派单工单', openIncidents: '群诉预警（处理中）',
      teamVisitsDue: '团队今日待回访', escalations: '未读升级提醒', mySubscriptions: '我的有效认购', myUnfiled: '我的逾期未备案合同',
      myUnpaid: '我的未结清合同', myOverdueReceivables: '我的逾期应收', myOpenCases: '我的在办按揭', myCasesAtBank: '已提交银行', myCasesApproved: '已批贷待放款',
      depositsToRecord: '待登记定金', overdueReceivables: '逾期应收款', unpaidContracts: '未结清合同', ordersThisMonth: '本月工单量',
      openComplaints: '处理中的投诉', contractsThisMonth: '本月签约',
      handoverNoticesToSend: '待发出的入伙通知书', handoverDefectsOpen: '入伙验房未修复问题', settlementsToReview: '待审核的面积补差',
      settlementsToApprove: '待财务审批的面积补差', settlementsToNotify: '已审批待通知买受人', settlementsToPost: '已通知待入账',
      settlementsOpen: '办理中的面积补差', overdueAreaDifference: '逾期未付的面积补差款', certificatesAtRisk: '转移登记将到期（30 天内）',
      customers: '客户总数', customersNewThisMonth: '本月新增客户', units: '房源总数', unitsAvailable: '待售房源',
      appointmentsToday: '今日看房预约', followUpsDue: '我的待跟进', followUpsOverdue: '逾期未跟进', workOrdersOpen: '处理中的工单',
      workOrdersToDispatch: '待派单工单', handoverToday: '今日入伙',
      certificatesDocumentsAtRisk: '开发商办证资料将到期（30 天内）',
    },
  },
}
