import { describe, expect, it } from 'vitest'
import { BAND_PALETTE, bandIndex, priceScale } from './priceBands'

const price = (unit: number, total_price: string) => ({ unit, total_price })

describe('price bands of a building', () => {
  const prices = [
    price(1, '2500000.00'), // the lowest
    price(2, '2600000.00'),
    price(3, '2625000.00'), // where the second of 4 bands starts
    price(4, '2624999.99'), // one fen below
    price(5, '2999999.99'),
    price(6, '3000000.00'), // the highest
  ]

  it('cuts min…max into five equal bands, light to dark', () => {
    const scale = priceScale(prices)!
    expect(scale.bands.map((b) => [b.fromWan, b.toWan])).toEqual([
      ['250.0', '260.0'],
      ['260.0', '270.0'],
      ['270.0', '280.0'],
      ['280.0', '290.0'],
      ['290.0', '300.0'],
    ])
    expect(scale.bands.map((b) => b.background)).toEqual(BAND_PALETTE.map((c) => c.background))
    expect(scale.bands[0].from).toBe('2500000.00')
    expect(scale.bands[4].to).toBe('3000000.00')
  })

  it('puts every unit in one band, the highest in the last one', () => {
    const scale = priceScale([...prices, price(7, '2700000.00')])!
    expect(scale.units.get(1)).toEqual({ total: '2500000.00', band: 0 })
    expect(scale.units.get(2)!.band).toBe(1) // on the edge: the band above
    expect(scale.units.get(7)!.band).toBe(2)
    expect(scale.units.get(5)!.band).toBe(4)
    expect(scale.units.get(6)!.band).toBe(4)
    expect(scale.bands.map((b) => b.count)).toEqual([1, 3, 1, 0, 2])
  })

  it('keeps a unit on a band edge in the band whose label starts there', () => {
    const scale = priceScale([price(1, '100.00'), price(2, '100.03'), price(3, '100.02'), price(4, '100.01')], 3)!
    // 3 fen over 3 bands: the bands start at 100.00, 100.01 and 100.02
    expect(scale.bands.map((b) => b.from)).toEqual(['100.00', '100.01', '100.02'])
    expect([1, 4, 3, 2].map((u) => scale.units.get(u)!.band)).toEqual([0, 1, 2, 2])
    for (const [, { total, band }] of scale.units) {
      expect(Number(total)).toBeGreaterThanOrEqual(Number(scale.bands[band].from))
    }
  })

  it('uses no more bands than there are distinct prices', () => {
    const two = priceScale([price(1, '1000000'), price(2, '1000000'), price(3, '2000000')])!
    expect(two.bands).toHaveLength(2)
    expect(two.bands.map((b) => b.background)).toEqual([BAND_PALETTE[0].background, BAND_PALETTE[4].background])
    expect(two.bands.map((b) => b.count)).toEqual([2, 1])
    const one = priceScale([price(1, '1000000'), price(2, '1000000.00')])!
    expect(one.bands).toHaveLength(1)
    expect(one.bands[0]).toMatchObject({ fromWan: '100.00', toWan: '100.00', count: 2 })
  })

  it('asks for 4 bands when told to', () => {
    const four = priceScale(prices, 4)!
    expect(four.bands.map((b) => b.fromWan)).toEqual(['250.0', '262.5', '275.0', '287.5'])
    expect(four.units.get(3)!.band).toBe(1)
    expect(four.units.get(4)!.band).toBe(0)
  })

  it('shows two places when the bands are narrower than 0.1 万', () => {
    const scale = priceScale([price(1, '1000000'), price(2, '1001000')])!
    expect(scale.bands.map((b) => [b.fromWan, b.toWan])).toEqual([['100.00', '100.05'], ['100.05', '100.10']])
  })

  it('has no scale without prices, and skips unreadable ones', () => {
    expect(priceScale([])).toBeNull()
    expect(priceScale([price(1, '')])).toBeNull()
    expect(priceScale([price(1, 'n/a'), price(2, '1000000')])!.units.has(1)).toBe(false)
  })

  it('clamps the band index', () => {
    expect(bandIndex(100n, 100n, 0n, 5)).toBe(0)
    expect(bandIndex(200n, 100n, 100n, 5)).toBe(4)
    expect(bandIndex(199n, 100n, 100n, 5)).toBe(4)
    expect(bandIndex(180n, 100n, 100n, 5)).toBe(4)
    expect(bandIndex(179n, 100n, 100n, 5)).toBe(3)
  })
})
