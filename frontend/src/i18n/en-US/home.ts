// en-US: the role homes.
export default {
  home: {
    workOrdersOpen: 'Open work orders', pendingDispatch: '{n} to dispatch', mineOpen: '{n} mine', createdToday: '{n} new today', 
    greeting: 'Hello, {name}', today: 'Today is {date}', customers: 'Customers', newThisMonth: '{n} new this month',
    units: 'Units', unitStatus: 'Units by status', appointmentsToday: "Today's viewings", followUpsDue: 'My follow-ups due',
    overdue: '{n} overdue', noAppointments: 'No viewings today', noFollowUps: 'No follow-ups due. Well done!',
    viewAll: 'View all',
    noTiles: 'Nothing waiting for you', jobsToday: "Today's jobs", noJobs: 'No visits due today', notBooked: 'Not booked', bring: 'Bring: {category} tools and parts',
    slaDue: 'Due {at}', satisfaction: 'Satisfaction this week', outOf5: ' / 5', lastWeek: 'Last week {score}', trend: { up: 'Up', down: 'Down', flat: 'Level' },
    worst_buildings: 'Buildings with the lowest on-time rate (90 days)', worst_categories: 'Categories with the lowest on-time rate (90 days)', group: 'Name', noWorst: 'Too few targets finished in 90 days',
    tiles: {
      myOpenOrders: 'My open orders', myOverdueOrders: 'My overdue orders', myComplaints: 'Complaints I own', portalOrders: 'Portal repairs to dispatch',
      visitsDue: 'Return visits due today', overdue: 'Overdue orders', aboutToBreach: 'Due within 4 hours', unassigned: 'Waiting for dispatch', openIncidents: 'Group-complaint alerts',
      teamVisitsDue: 'Team visits due today', escalations: 'Unread escalations', mySubscriptions: 'My valid subscriptions', myUnfiled: 'My contracts past the filing deadline',
      myUnpaid: 'My contracts with a balance', myOverdueReceivables: 'My overdue receivables', myOpenCases: 'My loans in progress', myCasesAtBank: 'At the bank', myCasesApproved: 'Approved, awaiting disbursement',
      depositsToRecord: 'Deposits to record', overdueReceivables: 'Overdue receivables', unpaidContracts: 'Contracts with a balance', ordersThisMonth: 'Orders this month',
      openComplaints: 'Open complaints', contractsThisMonth: 'Contracts this month',
      handoverNoticesToSend: 'Handover notices to send', handoverDefectsOpen: 'Open handover defects', settlementsToReview: 'Area settlements to review',
      settlementsToApprove: 'Area settlements to approve', settlementsToNotify: 'Approved, buyers to notify', settlementsToPost: 'Notified, to post',
      settlementsOpen: 'Area settlements in progress', overdueAreaDifference: 'Overdue area-difference payments', certificatesAtRisk: 'Transfer registration due within 30 days',
      customers: 'Customers', customersNewThisMonth: 'New customers this month', units: 'Units', unitsAvailable: 'Units for sale',
      appointmentsToday: 'Viewings today', followUpsDue: 'My follow-ups due', followUpsOverdue: 'Follow-ups overdue', workOrdersOpen: 'Orders in progress',
      workOrdersToDispatch: 'Orders to dispatch', handoverToday: 'Handovers today',
      certificatesDocumentsAtRisk: "Developer's documents due within 30 days",
    },
  },
}
