import { describe, expect, it } from 'vitest'
import { formatArea, formatDate, formatDateTime, formatMoney, toApiDate } from './format'

describe('formatMoney', () => {
  it.each([
    ['1234', '¥1,234.00'],
    ['1234.5', '¥1,234.50'],
    ['1234567.891', '¥1,234,567.89'],
    ['0', '¥0.00'],
    ['0.05', '¥0.05'],
    ['-2500.00', '-¥2,500.00'],
    ['007', '¥7.00'],
    [1234.5, '¥1,234.50'],
  ])('%s → %s', (input, expected) => {
    expect(formatMoney(input)).toBe(expected)
  })

  it('never rounds through a float: a long decimal string is cut, not binary-rounded', () => {
    expect(formatMoney('9007199254740993.10')).toBe('¥9,007,199,254,740,993.10')
  })

  it.each([null, undefined, '', 'abc', '1,000'])('shows a dash for %s', (input) => {
    expect(formatMoney(input as string)).toBe('—')
  })
})

describe('dates', () => {
  it('formats date-times as YYYY-MM-DD HH:mm in local time', () => {
    expect(formatDateTime('2026-11-27T09:05:00')).toBe('2026-11-27 09:05')
    expect(formatDate('2026-11-27T23:59:00')).toBe('2026-11-27')
  })
  it('shows a dash for empty and invalid values', () => {
    expect(formatDateTime(null)).toBe('—')
    expect(formatDateTime('not a date')).toBe('—')
    expect(formatDate('')).toBe('—')
  })
  it('sends dates to the API as YYYY-MM-DD', () => {
    expect(toApiDate(new Date(2026, 1, 28, 15, 0))).toBe('2026-02-28')
    expect(toApiDate(null)).toBeNull()
  })
})

describe('formatArea', () => {
  it('keeps the decimal string and adds the unit', () => {
    expect(formatArea('89.50')).toBe('89.50 m²')
    expect(formatArea(null)).toBe('—')
  })
})
