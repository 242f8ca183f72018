// English. Keys mirror zh-CN.ts (the default language).
// One module per domain under ./en-US/; this file only assembles them.
import core from './en-US/core'
import admin from './en-US/admin'
import home from './en-US/home'
import properties from './en-US/properties'
import customers from './en-US/customers'
import serviceDesk from './en-US/serviceDesk'
import sales from './en-US/sales'
import postSale from './en-US/postSale'
import reports from './en-US/reports'
import engagement from './en-US/engagement'

export default { ...core, ...admin, ...home, ...properties, ...customers, ...serviceDesk, ...sales, ...postSale, ...reports, ...engagement }
