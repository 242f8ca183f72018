// 中文（默认）。Keys mirror en-US.ts; a Vitest test fails when the two differ or an API enum lacks a label.
// One module per domain under ./zh-CN/; this file only assembles them.
import core from './zh-CN/core'
import admin from './zh-CN/admin'
import home from './zh-CN/home'
import properties from './zh-CN/properties'
import customers from './zh-CN/customers'
import serviceDesk from './zh-CN/serviceDesk'
import sales from './zh-CN/sales'
import postSale from './zh-CN/postSale'
import reports from './zh-CN/reports'
import engagement from './zh-CN/engagement'

export default { ...core, ...admin, ...home, ...properties, ...customers, ...serviceDesk, ...sales, ...postSale, ...reports, ...engagement }
