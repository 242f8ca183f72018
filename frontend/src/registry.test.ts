import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import * as AllIcons from '@element-plus/icons-vue'
import { describe, expect, it } from 'vitest'
import { COMPONENTS, ICONS } from './element'

// Every Element Plus tag and icon the screens use must be registered in element.ts (only those are bundled).
// The owner app (src/owner/) uses no Element Plus (src/owner/owner.test.ts).
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return path === join(__dirname, 'owner') ? [] : sources(path)
    return /\.(vue|ts)$/.test(entry.name) && !entry.name.endsWith('.d.ts') && !entry.name.endsWith('.test.ts') ? [path] : []
  })
}
const files = sources(join(__dirname))
const text = files.map((file) => readFileSync(file, 'utf8')).join('\n')
const pascal = (tag: string) => tag.split('-').map((part) => part[0].toUpperCase() + part.slice(1)).join('')

describe('Element Plus registry', () => {
  it('registers every component used in a template', () => {
    const used = [...new Set([...text.matchAll(/<(el-[a-z-]+)/g)].map((m) => pascal(m[1])))]
    expect(used.length).toBeGreaterThan(20)
    expect(used.filter((name) => !(name in COMPONENTS))).toEqual([])
  })

  it('registers every icon named in the code', () => {
    const names = Object.keys(AllIcons).filter((name) => /^[A-Z]/.test(name))
    const used = names.filter((name) => new RegExp(`['"\`]${name}['"\`]|<${name}[ />]`).test(text))
    expect(used).toContain('Plus')
    expect(used.filter((name) => !(name in ICONS))).toEqual([])
  })
})
