import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import zhCN from './zh-CN'

type Tree = { [key: string]: string | Tree }

function entries(tree: Tree, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [[prefix + k, v] as [string, string]] : entries(v, `${prefix}${k}.`)))
}

// Chinese text takes full-width punctuation (；：，): an ASCII ; : , between two Chinese characters (or between a
// Chinese character and a placeholder in the sentence) reads as a typo. Times (09:00) and English text keep theirs.
const CJK = '[\\u3400-\\u9fff\\u3001-\\u303f\\uff01-\\uff60]'
const ASCII_IN_CHINESE = new RegExp(`${CJK}\\s*[;:,]\\s*(${CJK}|\\{)|\\}\\s*[;:,]\\s*${CJK}`)

describe('zh-CN punctuation', () => {
  it('the check catches ASCII punctuation inside Chinese text and leaves the rest alone', () => {
    for (const bad of ['原因: 漏水', '投诉; 已处理', '张三, 李四', '类别：其他,服务', '原因: {reason}', '{n},已超时']) expect(ASCII_IN_CHINESE.test(bad), bad).toBe(true)
    for (const good of ['原因：漏水', '截止 12-14 18:00', 'Anju, 安居', 'Excel: 客户', '{n} 条']) expect(ASCII_IN_CHINESE.test(good), good).toBe(false)
  })

  it('has no ASCII ; : , inside Chinese text', () => {
    const offending = entries(zhCN as Tree).filter(([, text]) => ASCII_IN_CHINESE.test(text)).map(([key, text]) => `${key}: ${text}`)
    expect(offending).toEqual([])
  })
})

describe('labels in templates', () => {
  // "{{ t('complaints.owner') }}: {{ name }}" reads "负责人: 张三" in Chinese: the colon comes from the locale
  // (common.colon: "：" in zh-CN, ": " in English).
  it('take their colon from the locale, not a hard-coded ASCII one', () => {
    const root = fileURLToPath(new URL('..', import.meta.url))
    const files = readdirSync(root, { recursive: true, encoding: 'utf-8' }).filter((name) => name.endsWith('.vue'))
    expect(files.length).toBeGreaterThan(50)
    const offending = files.flatMap((name) =>
      readFileSync(`${root}/${name}`, 'utf-8').split('\n').flatMap((line, i) => (/\}\}\s*[:;,]\s*(\{\{|<)/.test(line) ? [`${name}:${i + 1}`] : [])),
    )
    expect(offending).toEqual([])
  })
})
