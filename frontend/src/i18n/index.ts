import dayjs from 'dayjs'
import 'dayjs/locale/zh-cn'
import { createI18n } from 'vue-i18n'
import { setLanguage } from '@/api/http'
import enUS from './en-US'
import zhCN from './zh-CN'

export type Locale = 'zh-CN' | 'en-US'
export const LOCALES: { value: Locale; label: string; api: string }[] = [
  { value: 'zh-CN', label: '中文', api: 'zh-hans' },
  { value: 'en-US', label: 'English', api: 'en' },
]
const STORAGE_KEY = 'anju.locale'

export function initialLocale(): Locale {
  const saved = typeof localStorage !== 'undefined' ? localStorage.getItem(STORAGE_KEY) : null
  return saved === 'en-US' ? 'en-US' : 'zh-CN'
}

export function rememberLocale(locale: Locale): void {
  localStorage.setItem(STORAGE_KEY, locale)
}

export function apiLanguage(locale: Locale): string {
  return LOCALES.find((l) => l.value === locale)?.api ?? 'zh-hans'
}

export const i18n = createI18n({
  legacy: false,
  locale: initialLocale(),
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zhCN, 'en-US': enUS },
  missingWarn: false,
  fallbackWarn: false,
})

/** Label of an API enum value, e.g. enumLabel('UnitStatusEnum', 'delivered') → 已交付. */
export function enumLabel(enumName: string, value: string | null | undefined): string {
  if (!value) return '—'
  const key = `enums.${enumName}.${value}`
  return i18n.global.te(key) ? i18n.global.t(key) : value
}

/** Switch the whole app's language: messages, API error language, dates (weekday names) and <html lang>. */
export function applyLocale(locale: Locale): void {
  i18n.global.locale.value = locale
  setLanguage(apiLanguage(locale))
  dayjs.locale(locale === 'zh-CN' ? 'zh-cn' : 'en')
  if (typeof document !== 'undefined') document.documentElement.lang = locale
  if (typeof localStorage !== 'undefined') rememberLocale(locale)
}
