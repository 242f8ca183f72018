import { describe, expect, it } from 'vitest'
import { apiQuery, drilldownQuery, periodAround, previousRange, quarterLabel, quarterList, readDrilldown, readFilters, routeQuery, shiftPeriod } from './period'

describe('report periods', () => {
  it('finds the week (Monday to Sunday), month and quarter around a day', () => {
    expect(periodAround('week', '2026-10-08')).toEqual({ from: '2026-10-05', to: '2026-10-11' })
    expect(periodAround('week', '2026-10-11')).toEqual({ from: '2026-10-05', to: '2026-10-11' })
    expect(periodAround('month', '2026-02-10')).toEqual({ from: '2026-02-01', to: '2026-02-28' })
    expect(periodAround('quarter', '2026-11-30')).toEqual({ from: '2026-10-01', to: '2026-12-31' })
    expect(periodAround('day', '2026-11-30')).toEqual({ from: '2026-11-30', to: '2026-11-30' })
  })

  it('steps periods and compares with the previous one of the same length', () => {
    expect(shiftPeriod('quarter', { from: '2026-10-01', to: '2026-12-31' }, -1)).toEqual({ from: '2026-07-01', to: '2026-09-30' })
    expect(shiftPeriod('month', { from: '2026-03-01', to: '2026-03-31' }, -1)).toEqual({ from: '2026-02-01', to: '2026-02-28' })
    expect(previousRange({ from: '2026-09-01', to: '2026-11-30' })).toEqual({ from: '2026-06-01', to: '2026-08-31' })
    expect(previousRange({ from: '2026-07-01', to: '2026-09-30' })).toEqual({ from: '2026-04-01', to: '2026-06-30' })
    expect(previousRange({ from: '2026-09-10', to: '2026-09-19' })).toEqual({ from: '2026-08-31', to: '2026-09-09' })
  })

  it('reads the URL and writes it back', () => {
    const f = readFilters({ period: 'custom', date_from: '2026-09-01', date_to: '2026-11-30', project: '3', by: 'technician' }, '2026-12-04', null, ['technician'])
    expect(f).toEqual({ kind: 'custom', from: '2026-09-01', to: '2026-11-30', project: 3, building: null, by: 'technician', compare: false })
    expect(readFilters(routeQuery(f), '2026-12-04', null, ['technician'])).toEqual(f)
    expect(apiQuery(f)).toEqual({ date_from: '2026-09-01', date_to: '2026-11-30', by: 'technician', project: '3' })
    const defaults = readFilters({ by: 'moon', date_from: 'x' }, '2026-12-04', 7, ['category', 'month'])
    expect(defaults).toMatchObject({ kind: 'month', from: '2026-12-01', to: '2026-12-31', project: 7, by: 'category' })
    expect(readFilters({ project: '' }, '2026-12-04', 7, []).project).toBeNull() // "all projects" chosen on purpose
  })

  it('turns a drill-down URL into the drill-down route and back, only for the report lists', () => {
    const query = drilldownQuery('/api/v1/work-orders/?assignee=4&completed_from=2026-09-01&type=repair')
    expect(query).toEqual({ list: 'work-orders', assignee: '4', completed_from: '2026-09-01', type: 'repair' })
    expect(readDrilldown(query!)).toEqual({ list: 'work-orders', filters: { assignee: '4', completed_from: '2026-09-01', type: 'repair' } })
    expect(drilldownQuery('/api/v1/users/?x=1')).toBeNull()
    expect(drilldownQuery('https://evil.example/api/v1/work-orders/?a=1')).toBeNull()
    expect(readDrilldown({ list: 'users' })).toBeNull()
  })

  it('lists quarters (not months) for the quarter picker, newest first', () => {
    expect(quarterLabel('2026-11-30')).toBe('2026Q4')
    expect(quarterLabel('2026-01-01')).toBe('2026Q1')
    expect(quarterList('2026-11-30', 5)).toEqual([
      { from: '2026-10-01', label: '2026Q4' },
      { from: '2026-07-01', label: '2026Q3' },
      { from: '2026-04-01', label: '2026Q2' },
      { from: '2026-01-01', label: '2026Q1' },
      { from: '2025-10-01', label: '2025Q4' },
    ])
  })
})
