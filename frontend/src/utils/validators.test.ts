import { describe, expect, it } from 'vitest'
import { checkIdNumber, emailError, idNumberError, idNumberRule, mobileError, normaliseMobile } from './validators'

// The same worked examples as backend/anju/core/tests/test_validators.py.
describe('ID numbers (GB 11643)', () => {
  it.each([
    ['11010519491231002X', true], // the standard's sample, check X
    ['440524188001010014', true], // the standard's sample, born 1880
    ['110101199003074477', true],
    ['110105194912310021', false], // check digit wrong
    ['11010519900307803X', false],
  ])('%s valid: %s', (number, valid) => {
    expect(idNumberError(number)).toBe(valid ? null : 'validation.idCheck')
  })

  it('normalises lower-case x and full-width digits', () => {
    expect(checkIdNumber('11010519491231002x')).toEqual({ value: '11010519491231002X' })
    expect(checkIdNumber('１１０１０１１９９００３０７４４７７')).toEqual({ value: '110101199003074477' })
  })

  it('refuses an impossible or future birth date, and the wrong length', () => {
    const withCheck = (body: string) => body + '10X98765432'[[...body].reduce((s, d, i) => s + Number(d) * [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2][i], 0) % 11]
    expect(idNumberError(withCheck('11010519900230001'))).toBe('validation.idBirth') // 30 February
    expect(idNumberError(withCheck('11010520990101001'), new Date(2026, 11, 4))).toBe('validation.idBirth')
    expect(idNumberError('1101051949123100')).toBe('validation.idLength')
    expect(idNumberError('11010519491231002Y')).toBe('validation.idLength')
  })

  it('converts a legacy 15-digit number to 18', () => {
    expect(checkIdNumber('110105491231002')).toEqual({ value: '11010519491231002X' })
  })

  it('as a form rule: blank passes unless required, a wrong number fails with its message', () => {
    const t = (key: string) => key
    const run = (rule: ReturnType<typeof idNumberRule>, value: string) => {
      let got: Error | undefined
      rule.validator(null, value, (e) => (got = e))
      return got?.message ?? null
    }
    expect(run(idNumberRule(t), '')).toBeNull()
    expect(run(idNumberRule(t, true), '')).toBe('validation.required')
    expect(run(idNumberRule(t), '110105194912310021')).toBe('validation.idCheck')
    expect(run(idNumberRule(t), '11010519491231002X')).toBeNull()
  })
})

describe('mainland mobiles', () => {
  it.each(['13800138000', '+8613800138000', '008613800138000', '138 0013 8000', '19912345678'])('%s is valid', (value) => {
    expect(['13800138000', '19912345678']).toContain(normaliseMobile(value))
  })
  it.each(['12800138000', '1380013800', '138001380001', '+85213800138000', 'abc', ''])('%s is not', (value) => {
    expect(mobileError(value)).toBe('validation.mobile')
  })
  it.each(['+8613700002021x', '8613700002021x', '13700002021 x', '+86(137)00002021', '+85213700002021', '１３７0000202１a'])('%s (anything else) is refused', (value) => {
    expect(normaliseMobile(value)).toBeNull()
  })
  it.each(['8613700002021', '+86 137-0000-2021', '１３７００００２０２１'])('%s is normalised', (value) => {
    expect(normaliseMobile(value)).toBe('13700002021')
  })
})

// The same examples as backend/anju/customers/tests/test_customer_email.py: what the server refuses is flagged here.
describe('e-mail addresses', () => {
  it.each(['zhangsan@example.com', ' Wang.Wu@Example.COM ', 'a+b@mail.qq.com', ''])('%s is accepted', (address) => {
    expect(emailError(address)).toBeNull()
  })

  it.each(['wangwu', 'wang@', 'wang wu@example.com', 'a@b', `${'x'.repeat(250)}@example.com`])('%s is refused', (address) => {
    expect(emailError(address)).toBe('validation.email')
  })
})
