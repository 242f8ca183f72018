// zh-CN: the report centre, subscriptions, work summaries.
export default {
  reports: {
    export: '导出 Excel', exported: '已导出 {name}', unavailable: '没有可查看的报表。', empty: '该期间没有数据',
    periods: { day: '日', week: '周', month: '月', quarter: '季度', custom: '自定义' },
    previousPeriod: '上一期', nextPeriod: '下一期', from: '开始日期', to: '结束日期', weekFormat: 'YYYY 第ww周', quarterLabel: '{year} 年第 {q} 季度',
    allBuildings: '全部楼栋', groupBy: '按{what}', compare: '与上期对比',
    range: '{from} 至 {to}', previousRange: '上期 {from} 至 {to}', before: '上期 {value}', total: '合计', drill: '查看明细',
    drilldownTitle: '报表明细', drilldownCount: '共 {n} 条', backToReport: '返回报表', badDrilldown: '明细链接无效',
    number: '编号', category: '类别', status: '状态', where: '位置', assignee: '处理人', createdAt: '受理时间', severity: '严重程度',
    satisfaction: '满意度', technician: '维修人员', answeredAt: '回访时间',
  },
  subscriptions: {
    hint: '订阅的报表每天、每周一或每月 1 日 08:00 以 Excel 附件发送到邮箱，并在站内消息中提醒；只包含您当时有权查看的项目。',
    report: '报表', filters: '筛选条件', schedule: '发送周期', state: '状态', lastSent: '最近发送', active: '订阅中', pausedTag: '已暂停',
    pause: '暂停', resume: '恢复', delete: '删除', paused: '已暂停订阅', resumed: '已恢复订阅', deleted: '已删除订阅', empty: '还没有订阅。在报表页面点击“订阅”即可添加。',
    confirmDelete: '确定删除“{report}”的订阅吗？', subscribe: '订阅', dialogTitle: '订阅报表', dialogHint: '按当前筛选条件（项目、楼栋、分组）定期发送，期间为上一天、上一周或上一月；可在“我的订阅”中暂停或删除。',
    schedules: { daily: '每天 08:00（前一天）', weekly: '每周一 08:00（上周）', monthly: '每月 1 日 08:00（上月）' },
  },
  workSummary: {
    hint: '项目客服部的周、月工作总结：各项指标与上期对比，数据与各统计报表一致。每周一、每月 1 日自动发送给项目客服主管。',
    pdf: '下载 PDF', chooseProject: '请选择项目', week: '周', month: '月', period: '{project}：{from} 至 {to}（对比上期 {pfrom} 至 {pto}）',
    figures: '主要指标', figure: '指标', thisPeriod: '本期', previous: '上期', change: '变化', topProblems: '热点问题（按报修类别）',
    overdue: '期末超时未完成', due: '时限', noOverdue: '没有超时未完成的工单',
  },
}
