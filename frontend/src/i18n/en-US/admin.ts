// en-US: system settings: departments, users, categories, project and sales settings, the development outbox.
export default {
  departments: { complaintMapping: 'Departments answering for complaint categories', title: 'Departments', new: 'New department', code: 'Code', name: 'Name', contacts: 'Contacts', emails: 'Report e-mails', emailsHint: 'Separate addresses with commas', active: 'Active' },
  users: {
    title: 'Users and roles', username: 'Username', displayName: 'Name', email: 'E-mail', roles: 'Roles',
    active: 'Status', enabled: 'Active', disabled: 'Inactive', lastLogin: 'Last sign-in', newUser: 'New user',
    editUser: 'Edit user', password: 'Initial password', passwordHint: 'At least 12 characters, not too common',
    setPassword: 'Reset password', newPassword: 'New password', scope: 'Data scope', allProjects: 'All projects',
    companies: 'City companies', projects: 'Projects', deactivate: 'Deactivate', activate: 'Activate',
    confirmDeactivate: '“{name}” will be signed out everywhere and cannot sign in. Deactivate?',
    scopeHint: 'A city company includes all of its projects', searchPlaceholder: 'Username or name',
    filterRole: 'Filter by role', passwordChanged: 'Password reset',
  },
  categoriesPage: { department: 'Responsible department', title: 'Work-order categories', new: 'New category', parent: 'Parent', code: 'Code', name: 'Name', warrantyItem: 'Warranty item', inherit: 'Inherit from parent', active: 'Active' },
  projectSettings: {
    callMode: 'Technician calls the owner by',
    title: 'Project service settings', open: 'Service and warranty', service: 'Service settings', autoDispatch: 'Auto-dispatch new orders',
    threshold: 'Minimum score to auto-dispatch', reopenDays: 'Days a completed order can be reopened', warranty: 'Warranty policy',
    isDefault: 'National default (条例 Art. 40, counted from delivery)', designLife: 'Structure design life (years)',
    roofMonths: 'Roof waterproofing (months)', leakageMonths: 'Leak-proofing (months)', electricalMonths: 'Electrical, plumbing, equipment (months)',
    decorationMonths: 'Decoration (months)', seasons: 'Heating/cooling (seasons)', seasonStart: 'Season starts (month-day)', seasonEnd: 'Ends (month-day)',
    minimumHint: 'Periods can be lengthened, never shortened below the national minimum', responsibilities: 'Warranty parties (contractors)',
    addResponsibility: 'Add a party', developerDefault: 'Where nothing is set, the developer is responsible',
    confirmRemove: 'Remove the party for “{item}” in {building}?',
  },
  devOutbox: {
    title: 'Development outbox', note: 'Development sites only: the last texts and e-mails sent (recipients masked), e.g. an owner’s sign-in code. A production site has no such page.',
    texts: 'Texts / WeChat', emails: 'E-mails', channel: 'Channel', to: 'To', body: 'Message text', subject: 'Subject', status: 'Status', at: 'Time',
    noTexts: 'No texts yet', noEmails: 'No e-mails yet', refresh: 'Refresh',
  },
}
