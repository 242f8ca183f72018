import { createI18n } from 'vue-i18n'
import { setLanguage } from '@/api/http'
import enUS from './locales/en-US'
import zhCN from './locales/zh-CN'

export type OwnerLocale = 'zh-CN' | 'en-US'
const STORAGE_KEY = 'anju.owner.locale'

export function initialLocale(): OwnerLocale {
  const saved = typeof localStorage !== 'undefined' ? localStorage.getItem(STORAGE_KEY) : null
  return saved === 'en-US' ? 'en-US' : 'zh-CN'
}

export const i18n = createI18n({
  legacy: false,
  locale: initialLocale(),
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zhCN, 'en-US': enUS },
  missingWarn: false,
  fallbackWarn: false,
})

/** Messages, the API's error language and <html lang> together. */
export function applyLocale(locale: OwnerLocale): void {
  i18n.global.locale.value = locale
  setLanguage(locale === 'zh-CN' ? 'zh-hans' : 'en')
  if (typeof document !== 'undefined') document.documentElement.lang = locale
  if (typeof localStorage !== 'undefined') localStorage.setItem(STORAGE_KEY, locale)
}

/** Dates and times the owner's way, without a date library. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '—'
  const locale = i18n.global.locale.value
  return new Intl.DateTimeFormat(locale, { year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(value.length === 10 ? value + 'T00:00:00' : value))
}

export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '—'
  const locale = i18n.global.locale.value
  return new Intl.DateTimeFormat(locale, { month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).format(new Date(value))
}

export function formatMoney(value: string | null | undefined): string {
  if (value === null || value === undefined) return '—'
  const [whole, fraction = '00'] = value.split('.')
  return '¥' + whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + '.' + fraction.padEnd(2, '0').slice(0, 2)
}
