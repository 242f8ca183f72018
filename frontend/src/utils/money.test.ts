import { describe, expect, it } from 'vitest'
import { compareMoney, discountPercent, divideMoney, fromHundredths, multiplyMoney, normaliseMoney, subtractMoney, sumMoney, toHundredths, toWan } from './money'

describe('decimal strings without floats', () => {
  it.each([
    ['1234.5', 123450n],
    ['0.1', 10n],
    ['.5', 50n],
    ['12.345', 1235n],
    ['12.344', 1234n],
    ['-3.005', -301n],
    ['1,000', 100000n],
    [' 7 ', 700n],
    [42, 4200n],
  ])('reads %s as %s hundredths', (text, value) => {
    expect(toHundredths(text)).toBe(value)
  })

  it.each(['', 'abc', '1.2.3', '-', '.'])('refuses %j', (text) => {
    expect(toHundredths(text)).toBeNull()
    expect(normaliseMoney(text)).toBeNull()
  })

  it('writes hundredths back with two places', () => {
    expect(fromHundredths(123450n)).toBe('1234.50')
    expect(fromHundredths(5n)).toBe('0.05')
    expect(fromHundredths(-301n)).toBe('-3.01')
  })

  it('adds, subtracts and compares exactly where floats would not', () => {
    expect(sumMoney(['0.1', '0.2'])).toBe('0.30')
    expect(sumMoney(['33.34', '33.33', '33.33'])).toBe('100.00')
    expect(sumMoney(['', null, '5'])).toBe('5.00')
    expect(subtractMoney('9007199254740993.10', '0.10')).toBe('9007199254740993.00')
    expect(compareMoney('100', '100.00')).toBe(0)
    expect(compareMoney('99.99', '100')).toBe(-1)
  })

  it('multiplies and divides to the fen, half up', () => {
    expect(multiplyMoney('35000.00', '89.50')).toBe('3132500.00')
    expect(multiplyMoney('33333.33', '89.53')).toBe('2984333.03') // 2984333.0349 → .03
    expect(multiplyMoney('10.05', '0.50')).toBe('5.03') // 5.025 → 5.03
    expect(multiplyMoney('', '1')).toBeNull()
    expect(divideMoney('3132500.00', '89.50')).toBe('35000.00')
    expect(divideMoney('1000000', '118.20')).toBe('8460.24') // 8460.236… → .24
    expect(divideMoney('1', '0')).toBeNull()
  })

  it('gives the discount below the list price in percent', () => {
    expect(discountPercent('1000000', '950000')).toBe('5.00')
    expect(discountPercent('3000000', '2990000')).toBe('0.33')
    expect(discountPercent('1000000', '1000000')).toBe('0.00')
    expect(discountPercent('1000000', '1200000')).toBe('0.00')
    expect(discountPercent(null, '1')).toBe('0.00')
  })
})

describe('万元', () => {
  it.each([
    ['2568000.00', 1, '256.8'],
    ['2568499.99', 1, '256.8'],
    ['2568500.00', 1, '256.9'],
    ['999.99', 1, '0.1'],
    ['0', 1, '0.0'],
    ['12345678.9', 2, '1234.57'],
    ['30000', 0, '3'],
    ['-50000', 1, '-5.0'],
  ])('%s yuan is %s places of 万 → %s', (value, places, wan) => {
    expect(toWan(value, places)).toBe(wan)
  })

  it('has nothing to show for a blank price', () => {
    expect(toWan(null)).toBeNull()
    expect(toWan('')).toBeNull()
  })
})
