import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import enUS from './locales/en-US'
import zhCN from './locales/zh-CN'
import { formatMoney } from './i18n'

type Tree = { [key: string]: string | Tree }

function keys(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [prefix + k] : keys(v, `${prefix}${k}.`)))
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return sources(path)
    return /\.(vue|ts)$/.test(entry.name) && !entry.name.endsWith('.test.ts') ? [path] : []
  })
}

describe('owner app', () => {
  it('has the same message keys in zh-CN and en-US, none empty', () => {
    expect(keys(enUS as Tree).sort()).toEqual(keys(zhCN as Tree).sort())
    for (const tree of [zhCN, enUS]) for (const key of keys(tree as Tree)) expect(key.split('.').reduce<unknown>((n, p) => (n as Tree)[p], tree)).not.toBe('')
  })

  it('never imports the staff app (Element Plus, ECharts, its stores, router or i18n)', () => {
    const text = sources(__dirname).map((file) => readFileSync(file, 'utf8')).join('\n')
    expect(text).not.toMatch(/from '(element-plus|@element-plus[^']*|echarts|vue-echarts|pinia|dayjs)'/)
    expect(text).not.toMatch(/from '@\/(stores|router|i18n|components|views|element)/)
  })

  it('formats money to two places with thousands separators', () => {
    expect(formatMoney('1000000.00')).toBe('¥1,000,000.00')
    expect(formatMoney('12.5')).toBe('¥12.50')
    expect(formatMoney(null)).toBe('—')
  })
})
