// zh-CN: system settings: departments, users, categories, project and sales settings, the development outbox.
export default {
  departments: { complaintMapping: '投诉类别的责任部门', title: '部门管理', new: '新增部门', code: '编码', name: '名称', contacts: '联系人', emails: '通知邮箱', emailsHint: '多个地址用逗号分隔', active: '启用' },
  users: {
    title: '用户与角色', username: '用户名', displayName: '姓名', email: '邮箱', roles: '角色', active: '状态',
    enabled: '启用', disabled: '停用', lastLogin: '最近登录', newUser: '新建用户', editUser: '编辑用户',
    password: '初始密码', passwordHint: '至少 12 位，不能过于简单', setPassword: '重置密码', newPassword: '新密码',
    scope: '数据范围', allProjects: '全部项目', companies: '城市公司', projects: '项目', deactivate: '停用',
    activate: '启用', confirmDeactivate: '停用后“{name}”将立即退出所有会话且无法登录，确定停用吗？',
    scopeHint: '绑定城市公司即包含其下所有项目', searchPlaceholder: '用户名或姓名', filterRole: '按角色筛选',
    passwordChanged: '密码已重置',
  },
  categoriesPage: { department: '责任部门', title: '工单分类', new: '新增分类', parent: '上级分类', code: '编码', name: '名称', warrantyItem: '保修项目', inherit: '继承上级', active: '启用' },
  projectSettings: {
    callMode: '维修人员联系业主',
    title: '项目服务设置', open: '服务与保修设置', service: '服务设置', autoDispatch: '新建工单自动派单',
    threshold: '自动派单最低得分', reopenDays: '完工后可重开天数', warranty: '保修政策', isDefault: '当前为国家默认（《建设工程质量管理条例》第四十条，自交付之日起）',
    designLife: '主体结构设计使用年限（年）', roofMonths: '屋面防水（月）', leakageMonths: '防渗漏（月）', electricalMonths: '电气给排水设备（月）',
    decorationMonths: '装修工程（月）', seasons: '供热供冷（期）', seasonStart: '采暖/供冷期开始（月-日）', seasonEnd: '结束（月-日）',
    minimumHint: '只能延长，不能短于国家最低期限', responsibilities: '保修责任方（外包单位）', addResponsibility: '添加责任方',
    developerDefault: '未配置的楼栋与项目由开发商负责', confirmRemove: '确定移除 {building} 的“{item}”责任方吗？',
  },
  devOutbox: {
    title: '开发发件箱', note: '仅开发环境可见：最近发出的短信和邮件（收件人已脱敏），例如业主的登录验证码。生产环境不显示此页面。',
    texts: '短信 / 微信', emails: '邮件', channel: '渠道', to: '收件人', body: '内容', subject: '主题', status: '状态', at: '时间',
    noTexts: '还没有短信', noEmails: '还没有邮件', refresh: '刷新',
  },
}
