// en-US: the report centre, subscriptions, work summaries.
export default {
  reports: {
    export: 'Export to Excel', exported: 'Exported {name}', unavailable: 'There is no report you may open.', empty: 'Nothing in this period',
    periods: { day: 'Day', week: 'Week', month: 'Month', quarter: 'Quarter', custom: 'Custom' },
    previousPeriod: 'Previous period', nextPeriod: 'Next period', from: 'From', to: 'To', weekFormat: 'YYYY [week] ww', quarterLabel: 'Q{q} {year}',
    allBuildings: 'All buildings', groupBy: 'By {what}', compare: 'Compare with the previous period',
    range: '{from} to {to}', previousRange: 'previous {from} to {to}', before: 'previous {value}', total: 'Total', drill: 'Show the records',
    drilldownTitle: 'Report records', drilldownCount: '{n} records', backToReport: 'Back to the report', badDrilldown: 'This records link is not valid',
    number: 'Number', category: 'Category', status: 'Status', where: 'Where', assignee: 'Assignee', createdAt: 'Received', severity: 'Severity',
    satisfaction: 'Satisfaction', technician: 'Technician', answeredAt: 'Answered',
  },
  subscriptions: {
    hint: 'Subscribed reports arrive daily, on Mondays or on the 1st at 08:00 as an Excel attachment by e-mail, with a note in the inbox; they cover only the projects you may see at the time.',
    report: 'Report', filters: 'Filters', schedule: 'Schedule', state: 'State', lastSent: 'Last sent', active: 'Active', pausedTag: 'Paused',
    pause: 'Pause', resume: 'Resume', delete: 'Delete', paused: 'Subscription paused', resumed: 'Subscription resumed', deleted: 'Subscription deleted', empty: 'No subscriptions yet. Use “Subscribe” on a report screen to add one.',
    confirmDelete: 'Delete the subscription to “{report}”?', subscribe: 'Subscribe', dialogTitle: 'Subscribe to the report', dialogHint: 'Sent with the current filters (project, building, grouping) for the previous day, week or month; pause or delete it under “My subscriptions”.',
    schedules: { daily: 'Daily at 08:00 (yesterday)', weekly: 'Mondays at 08:00 (last week)', monthly: 'The 1st at 08:00 (last month)' },
  },
  workSummary: {
    hint: 'The weekly or monthly summary of a project’s customer service, compared with the previous period; the figures are the report centre’s. Sent to the project’s supervisors each Monday and each 1st.',
    pdf: 'Download PDF', chooseProject: 'Choose a project', week: 'Week', month: 'Month', period: '{project}: {from} to {to} (compared with {pfrom} to {pto})',
    figures: 'Figures', figure: 'Figure', thisPeriod: 'This period', previous: 'Previous', change: 'Change', topProblems: 'Top problems (repair categories)',
    overdue: 'Overdue at the period’s end', due: 'Due', noOverdue: 'Nothing was overdue',
  },
}
