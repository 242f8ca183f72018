import { describe, expect, it } from 'vitest'
import { filtersSet } from './filters'

describe('filtersSet', () => {
  interface Filters { q: string; project: number | null; tags: number[]; source: string | null; from: string }
  const blank: Filters = { q: '', project: 7, tags: [], source: null, from: '' }
  const withValues = (values: Partial<Filters>): Filters => ({ ...blank, ...values })

  it('counts nothing on a blank list (the default project is not a filter the user set)', () => {
    expect(filtersSet(blank, ['project', 'tags', 'source', 'from'], { project: 7 })).toBe(0)
  })

  it('counts each set value: a chosen item, a non-empty list, another project, a cleared default', () => {
    expect(filtersSet(withValues({ tags: [1], source: 'walk_in' }), ['project', 'tags', 'source', 'from'], { project: 7 })).toBe(2)
    expect(filtersSet(withValues({ project: 8 }), ['project', 'tags'], { project: 7 })).toBe(1)
    expect(filtersSet(withValues({ project: null }), ['project'], { project: 7 })).toBe(1)
  })

  it('only looks at the keys it is given (the main row is not counted)', () => {
    expect(filtersSet(withValues({ q: '张' }), ['tags', 'source'])).toBe(0)
  })
})
