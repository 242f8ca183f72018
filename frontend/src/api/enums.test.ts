import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
// @ts-expect-error the generator is a plain .mjs script without types
import { render } from '../../scripts/gen-enums.mjs'

const read = (path: string) => readFileSync(fileURLToPath(new URL(path, import.meta.url)), 'utf-8')

describe('enums.ts', () => {
  it('is current with openapi.json (run `npm run gen:enums`)', () => {
    expect(read('./enums.ts')).toBe((render as (schema: unknown) => string)(JSON.parse(read('./openapi.json'))))
  })
})
