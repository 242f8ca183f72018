// 楼盘表 "按价格着色": the building's list prices in force, from the lowest to the highest total, cut into equal
// bands (at most 5, no more than there are distinct prices), each with a colour from light to dark. Totals stay
// decimal strings (whole fen as BigInt), so a unit on a band's edge always falls in the same band as its label says.
import { toHundredths, toWan } from '@/utils/money'

/** Light (cheaper) to dark (dearer); `text` is the readable text colour on it. */
export const BAND_PALETTE: readonly { background: string; text: string }[] = [
  { background: '#fde9c4', text: '#5c3b00' },
  { background: '#fbc98a', text: '#5c3b00' },
  { background: '#f59a5b', text: '#3d2200' },
  { background: '#d4502a', text: '#ffffff' },
  { background: '#a52a1f', text: '#ffffff' },
]

/** The colour of a unit without a price in force. */
export const UNPRICED = { background: '#eef0f4', text: '#606266' }

export interface PriceBand {
  /** Lowest total of the band (yuan, "2500000.00"), inclusive. */
  from: string
  /** Where the next band starts (exclusive), or the building's highest total for the last band (inclusive). */
  to: string
  /** The band's limits in 万元 for the legend, e.g. "250.0" and "262.5". */
  fromWan: string
  toWan: string
  background: string
  text: string
  /** Units of the building in the band. */
  count: number
}

export interface PriceScale {
  bands: PriceBand[]
  /** unit id → its total (yuan) and band index */
  units: Map<number, { total: string; band: number }>
}

const ceilDiv = (a: bigint, b: bigint) => (a + b - 1n) / b

function fen(value: bigint): string {
  const negative = value < 0n
  const abs = negative ? -value : value
  return `${negative ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`
}

/** The palette entries for `n` bands, spread over the whole palette (2 bands: the lightest and the darkest). */
function colours(n: number) {
  const last = BAND_PALETTE.length - 1
  if (n <= 1) return [BAND_PALETTE[Math.floor(last / 2)]]
  return Array.from({ length: n }, (_, i) => BAND_PALETTE[Math.round((i * last) / (n - 1))])
}

/** The band a total falls in (0 … n − 1), given the lowest total and the spread, both in fen. */
export function bandIndex(total: bigint, min: bigint, range: bigint, n: number): number {
  if (range <= 0n || n <= 1) return 0
  const index = Number(((total - min) * BigInt(n)) / range)
  return Math.max(0, Math.min(n - 1, index))
}

/** Bands of the prices in force of a building, and each priced unit's band; null when no unit has a price. */
export function priceScale(prices: readonly { unit: number; total_price: string }[], maxBands = BAND_PALETTE.length): PriceScale | null {
  const read = prices.map((p) => ({ unit: p.unit, fen: toHundredths(p.total_price) })).filter((p): p is { unit: number; fen: bigint } => p.fen !== null)
  if (!read.length) return null
  let min = read[0].fen
  let max = read[0].fen
  for (const p of read) {
    if (p.fen < min) min = p.fen
    if (p.fen > max) max = p.fen
  }
  const distinct = new Set(read.map((p) => p.fen)).size
  const n = Math.max(1, Math.min(maxBands, distinct, BAND_PALETTE.length))
  const range = max - min
  // Band i starts at min + ⌈range·i/n⌉: a total is in band i exactly when (total − min)·n ÷ range rounds down to i.
  const starts = Array.from({ length: n }, (_, i) => min + ceilDiv(range * BigInt(i), BigInt(n)))
  // Tight bands (under 0.1 万 wide) get 2 places in the legend so neighbours do not read the same.
  const places = range / BigInt(n) < 100_000n ? 2 : 1
  const palette = colours(n)
  const bands: PriceBand[] = starts.map((start, i) => {
    const end = i === n - 1 ? max : starts[i + 1]
    return {
      from: fen(start), to: fen(end), fromWan: toWan(fen(start), places)!, toWan: toWan(fen(end), places)!,
      background: palette[i].background, text: palette[i].text, count: 0,
    }
  })
  const units = new Map<number, { total: string; band: number }>()
  for (const p of read) {
    const band = bandIndex(p.fen, min, range, n)
    bands[band].count += 1
    units.set(p.unit, { total: fen(p.fen), band })
  }
  return { bands, units }
}
