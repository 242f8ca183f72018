/**
 * Client-side mirrors of the server's rules in ``backend/anju/core/validators.py`` (the server stays the authority:
 * these only save a round trip and show the problem as it is typed). Each returns ``null`` when the value is fine,
 * else the i18n key of the message.
 *
 * - Resident ID (GB 11643-1999): 18 characters, ISO 7064 MOD 11-2 check character, a real birth date from 1880 and
 *   not in the future; lower-case x and full-width characters are normalised; a legacy 15-digit number is converted.
 * - Mobile: digits, a leading +, spaces and dashes only; +86 / 0086 / 86 prefixes; then ``^1[3-9]\d{9}$``.
 * - E-mail: a lenient mirror of Django's EmailValidator (``customers.services.customers.clean_email``): a name, one
 *   @, a dotted domain, at most 254 characters — what it lets through the server may still refuse, never the reverse.
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const CHECK = '10X98765432'

/** NFKC (full-width digits and letters → ASCII), trimmed. */
function normalise(value: string): string {
  return value.normalize('NFKC').trim()
}

/** The GB 11643 check character of the first 17 digits. */
export function idCheckCharacter(first17: string): string {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]
  return CHECK[sum % 11]
}

/** The normalised 18-character ID number, or the i18n key of what is wrong. */
export function checkIdNumber(value: string, today = new Date()): { value: string } | { error: string } {
  let number = normalise(value).replace(/ /g, '').toUpperCase()
  if (/^\d{15}$/.test(number)) {
    const body = `${number.slice(0, 6)}19${number.slice(6)}`
    number = body + idCheckCharacter(body)
  }
  if (!/^\d{17}[\dX]$/.test(number)) return { error: 'validation.idLength' }
  if (number[17] !== idCheckCharacter(number)) return { error: 'validation.idCheck' }
  const year = Number(number.slice(6, 10))
  const month = Number(number.slice(10, 12))
  const day = Number(number.slice(12, 14))
  const birth = new Date(year, month - 1, day)
  const real = birth.getFullYear() === year && birth.getMonth() === month - 1 && birth.getDate() === day
  const midnight = new Date(today.getFullYear(), today.getMonth(), today.getDate())
  if (!real || year < 1880 || birth > midnight) return { error: 'validation.idBirth' }
  return { value: number }
}

export function idNumberError(value: string, today = new Date()): string | null {
  const result = checkIdNumber(value, today)
  return 'error' in result ? result.error : null
}

/** The national 11-digit mobile, or null when it is not a mainland mobile the server would take. */
export function normaliseMobile(value: string): string | null {
  let raw = normalise(value)
  if (!/^\+?\d[\d -]*\d$/.test(raw)) return null
  raw = raw.replace(/[ -]/g, '')
  if (raw.startsWith('0086')) raw = `+86${raw.slice(4)}`
  let national = raw
  if (raw.startsWith('+')) {
    if (!raw.startsWith('+86')) return null
    national = raw.slice(3)
  } else if (raw.length === 13 && raw.startsWith('86')) {
    national = raw.slice(2)
  }
  return /^1[3-9]\d{9}$/.test(national) ? national : null
}

export function mobileError(value: string): string | null {
  return normaliseMobile(value) === null ? 'validation.mobile' : null
}

/** The i18n key of what is wrong with an e-mail address (empty is fine: it is optional), or null. */
export function emailError(value: string): string | null {
  const address = value.trim()
  if (!address) return null
  return address.length <= 254 && /^[^\s@]+@[^\s@]+\.[^\s@.]{2,}$/.test(address) ? null : 'validation.email'
}

/** Element Plus form rules built from these checks (``trigger: 'change'`` checks as typed; blur for the rest). */
type Translate = (key: string) => string
type Callback = (error?: Error) => void
export function idNumberRule(t: Translate, required = false) {
  return {
    trigger: ['change', 'blur'],
    validator: (_rule: unknown, value: string | null | undefined, callback: Callback) => {
      if (!value || !value.trim()) return callback(required ? new Error(t('validation.required')) : undefined)
      const error = idNumberError(value)
      callback(error ? new Error(t(error)) : undefined)
    },
  }
}

export function mobileRule(t: Translate, required = false) {
  return {
    trigger: ['change', 'blur'],
    validator: (_rule: unknown, value: string | null | undefined, callback: Callback) => {
      if (!value || !value.trim()) return callback(required ? new Error(t('validation.required')) : undefined)
      const error = mobileError(value)
      callback(error ? new Error(t(error)) : undefined)
    },
  }
}

export function requiredRule(t: Translate, trigger: 'change' | 'blur' = 'change') {
  return { required: true, message: t('validation.required'), trigger }
}
