import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import enUS from './en-US'
import zhCN from './zh-CN'

type Tree = { [key: string]: string | Tree }

function keys(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [prefix + k] : keys(v, `${prefix}${k}.`)))
}

function lookup(tree: Tree, path: string): unknown {
  return path.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Tree)[part] : undefined), tree)
}

const schema = JSON.parse(readFileSync(fileURLToPath(new URL('../api/openapi.json', import.meta.url)), 'utf-8')) as {
  components: { schemas: Record<string, { enum?: (string | null)[] }> }
}

describe('messages', () => {
  it('has the same keys in zh-CN and en-US', () => {
    expect(keys(enUS as Tree).sort()).toEqual(keys(zhCN as Tree).sort())
  })

  it('has no empty message', () => {
    for (const tree of [zhCN, enUS]) for (const key of keys(tree as Tree)) expect(lookup(tree as Tree, key), key).not.toBe('')
  })

  const enums = Object.entries(schema.components.schemas).filter(([, s]) => Array.isArray(s.enum))
  it('finds the API enums in the schema', () => {
    expect(enums.length).toBeGreaterThan(5)
  })

  it.each(enums)('labels every value of %s in zh-CN and en-US', (name, s) => {
    for (const value of s.enum!.filter((v): v is string => typeof v === 'string' && v !== '')) {
      expect(lookup(zhCN as Tree, `enums.${name}.${value}`), `zh-CN enums.${name}.${value}`).toEqual(expect.any(String))
      expect(lookup(enUS as Tree, `enums.${name}.${value}`), `en-US enums.${name}.${value}`).toEqual(expect.any(String))
    }
  })
})
