// Arithmetic on the API's decimal strings (money, areas, shares: two places) without floats: values become whole
// hundredths (BigInt), results are rounded half up to the fen, the way the server's `rules.money` rounds.

/** "1234.5" → 123450n hundredths (more places are rounded half up); null for blank or unreadable text. */
export function toHundredths(value: string | number | null | undefined): bigint | null {
  if (value === null || value === undefined) return null
  const text = (typeof value === 'number' ? String(value) : value).trim().replace(/,/g, '')
  const match = /^(-)?(\d*)(?:\.(\d*))?$/.exec(text)
  if (!match || (!match[2] && !match[3])) return null
  const [, sign, whole = '', fraction = ''] = match
  let cents = BigInt(whole || '0') * 100n + BigInt((fraction + '00').slice(0, 2))
  if (fraction.length > 2 && Number(fraction[2]) >= 5) cents += 1n
  return sign ? -cents : cents
}

/** 123450n → "1234.50". */
export function fromHundredths(value: bigint): string {
  const negative = value < 0n
  const abs = negative ? -value : value
  const whole = abs / 100n
  const cents = String(abs % 100n).padStart(2, '0')
  return `${negative ? '-' : ''}${whole}.${cents}`
}

/** Rounds `numerator / denominator` half up (away from zero), both BigInt. */
function divideRounded(numerator: bigint, denominator: bigint): bigint {
  const negative = numerator < 0n !== denominator < 0n
  const n = numerator < 0n ? -numerator : numerator
  const d = denominator < 0n ? -denominator : denominator
  const q = (n * 2n + d) / (d * 2n)
  return negative ? -q : q
}

/** The value as the server writes it ("1234.50"), or null when it is blank or unreadable. */
export function normaliseMoney(value: string | number | null | undefined): string | null {
  const h = toHundredths(value)
  return h === null ? null : fromHundredths(h)
}

/** a + b + … (blank values count as 0). */
export function sumMoney(values: (string | number | null | undefined)[]): string {
  return fromHundredths(values.reduce<bigint>((acc, v) => acc + (toHundredths(v) ?? 0n), 0n))
}

/** a − b (blank values count as 0). */
export function subtractMoney(a: string | number | null | undefined, b: string | number | null | undefined): string {
  return fromHundredths((toHundredths(a) ?? 0n) - (toHundredths(b) ?? 0n))
}

/** −1, 0 or 1 (blank values count as 0). */
export function compareMoney(a: string | number | null | undefined, b: string | number | null | undefined): number {
  const x = toHundredths(a) ?? 0n
  const y = toHundredths(b) ?? 0n
  return x < y ? -1 : x > y ? 1 : 0
}

/** unit price × area, to the fen (null when either is missing). */
export function multiplyMoney(price: string | null | undefined, area: string | null | undefined): string | null {
  const p = toHundredths(price)
  const a = toHundredths(area)
  if (p === null || a === null) return null
  return fromHundredths(divideRounded(p * a, 100n))
}

/** total ÷ area, to the fen (null when either is missing or the area is 0). */
export function divideMoney(total: string | null | undefined, area: string | null | undefined): string | null {
  const t = toHundredths(total)
  const a = toHundredths(area)
  if (t === null || a === null || a === 0n) return null
  return fromHundredths(divideRounded(t * 100n, a))
}

/** How far `agreed` is below `list`, in percent with two places ("0.00" without a list price or at/above it). */
export function discountPercent(list: string | null | undefined, agreed: string | null | undefined): string {
  const l = toHundredths(list)
  const a = toHundredths(agreed)
  if (!l || a === null || a >= l) return '0.00'
  return fromHundredths(divideRounded((l - a) * 10000n, l))
}

/** Yuan → 万元 to `places` decimals, rounded half up: "2568000.00" → "256.8"; null when blank or unreadable. */
export function toWan(value: string | number | null | undefined, places = 1): string | null {
  const h = toHundredths(value)
  if (h === null) return null
  const scale = 10n ** BigInt(places)
  const units = divideRounded(h * scale, 1_000_000n)
  const negative = units < 0n
  const abs = negative ? -units : units
  const whole = abs / scale
  const fraction = places ? '.' + String(abs % scale).padStart(places, '0') : ''
  return `${negative ? '-' : ''}${whole}${fraction}`
}
