// Display formats used everywhere: dates `YYYY-MM-DD HH:mm`, money `¥1,234.00`, areas `89.50 m²`.
import dayjs from 'dayjs'

type DateInput = string | number | Date | null | undefined

export function formatDateTime(value: DateInput): string {
  if (value === null || value === undefined || value === '') return '—'
  const d = dayjs(value)
  return d.isValid() ? d.format('YYYY-MM-DD HH:mm') : '—'
}

export function formatDate(value: DateInput): string {
  if (value === null || value === undefined || value === '') return '—'
  const d = dayjs(value)
  return d.isValid() ? d.format('YYYY-MM-DD') : '—'
}

export function formatTime(value: DateInput): string {
  if (value === null || value === undefined || value === '') return '—'
  const d = dayjs(value)
  return d.isValid() ? d.format('HH:mm') : '—'
}

/** Money from the API arrives as a decimal string; it is never turned into a float for arithmetic. */
export function formatMoney(value: string | number | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—'
  const text = typeof value === 'number' ? value.toFixed(2) : value.trim()
  const match = /^(-)?(\d+)(?:\.(\d+))?$/.exec(text)
  if (!match) return '—'
  const [, sign, whole, fraction = ''] = match
  const cents = (fraction + '00').slice(0, 2)
  const grouped = whole.replace(/^0+(?=\d)/, '').replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return `${sign ? '-' : ''}¥${grouped}.${cents}`
}

export function formatArea(value: string | number | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—'
  return `${value} m²`
}

/** Local date-time for the API (ISO 8601 with the browser's offset), from a picker value. */
export function toApiDateTime(value: DateInput): string | null {
  if (value === null || value === undefined || value === '') return null
  return dayjs(value).format('YYYY-MM-DDTHH:mm:ssZ')
}

export function toApiDate(value: DateInput): string | null {
  if (value === null || value === undefined || value === '') return null
  return dayjs(value).format('YYYY-MM-DD')
}
