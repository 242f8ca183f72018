import dayjs from 'dayjs'
import { reactive, ref, shallowRef, watch } from 'vue'
import { useRouter, type LocationQuery, type LocationQueryRaw, type Router } from 'vue-router'
import { ApiError } from '@/api/http'
import type { Page } from '@/api/types'

export type Fetcher<T, F> = (args: { page: number; pageSize: number; filters: F }) => Promise<Page<T>>

/** How one filter is written in the URL. Inferred from the initial value (string, number, boolean, array of strings);
 * a filter that starts as ``null`` is a number unless said otherwise (``'dates'`` for a date range). */
export type UrlKind = 'string' | 'number' | 'boolean' | 'strings' | 'numbers' | 'dates'

export interface PagedListOptions<F> {
  /** Keep page, page size and filters in the URL (refresh and the browser's back button keep them): ``true`` uses
   * the app's router; tests pass their own. */
  url?: boolean | Router
  /** Filter kinds the initial value cannot tell. */
  urlKinds?: Partial<Record<keyof F & string, UrlKind>>
  /** Called when Back, Forward or an edited URL restores the filters (before the list loads): a view that shows more
   * than the list for the same filters (the 按揭 board) reloads it too. */
  onRestore?: () => void
}

// Own keys in the URL: ``page``, ``size`` and ``f.<filter>`` — the prefix keeps them apart from the API parameters a
// link puts in the URL (``useLinkedQuery``: ``status``, ``project``…), which stay as they are.
const PREFIX = 'f.'

function kindOf(initial: unknown, hint: UrlKind | undefined): UrlKind {
  if (hint) return hint
  if (Array.isArray(initial)) return typeof initial[0] === 'number' ? 'numbers' : 'strings'
  if (typeof initial === 'boolean') return 'boolean'
  if (typeof initial === 'string') return 'string'
  return 'number'
}

function encode(value: unknown, kind: UrlKind): string | null {
  if (value === null || value === undefined || value === '') return null
  switch (kind) {
    case 'boolean':
      return value ? '1' : '0'
    case 'strings':
    case 'numbers':
      return (value as unknown[]).length ? (value as unknown[]).join(',') : null
    case 'dates': {
      const [from, to] = value as [Date, Date]
      return `${dayjs(from).format('YYYY-MM-DD')},${dayjs(to).format('YYYY-MM-DD')}`
    }
    default:
      return String(value)
  }
}

/** The URL's text back into a filter value; ``undefined`` when it does not parse (the filter keeps its default). */
function decode(text: string, kind: UrlKind): unknown {
  switch (kind) {
    case 'string':
      return text
    case 'boolean':
      return text === '1' ? true : text === '0' ? false : undefined
    case 'strings':
      return text.split(',').filter(Boolean)
    case 'numbers': {
      const items = text.split(',').map(Number)
      return items.every((n) => Number.isInteger(n)) ? items : undefined
    }
    case 'dates': {
      const [from, to] = text.split(',').map((d) => dayjs(d))
      return from?.isValid() && to?.isValid() ? [from.toDate(), to.toDate()] : undefined
    }
    default: {
      const n = Number(text)
      return text !== '' && Number.isFinite(n) ? n : undefined
    }
  }
}

/** The list's own part of a URL query: page (when not 1), size (when not the default) and the filters that differ
 * from their initial value, in a stable order. */
export function listStateToQuery<F extends object>(
  state: { page: number; size: number; filters: F },
  initial: { size: number; filters: F },
  kinds: Partial<Record<string, UrlKind>> = {},
): Record<string, string> {
  const out: Record<string, string> = {}
  if (state.page !== 1) out.page = String(state.page)
  if (state.size !== initial.size) out.size = String(state.size)
  for (const key of Object.keys(initial.filters).sort()) {
    const kind = kindOf((initial.filters as Record<string, unknown>)[key], kinds[key])
    const now = encode((state.filters as Record<string, unknown>)[key], kind)
    const start = encode((initial.filters as Record<string, unknown>)[key], kind)
    if (now !== start) out[PREFIX + key] = now ?? ''
  }
  return out
}

/** A URL query → page, size and filters (anything missing or malformed keeps its initial value). */
export function listStateFromQuery<F extends object>(
  query: LocationQuery,
  initial: { size: number; filters: F },
  kinds: Partial<Record<string, UrlKind>> = {},
): { page: number; size: number; filters: F } {
  const text = (key: string): string | null => {
    const value = query[key]
    return typeof value === 'string' ? value : null
  }
  const whole = (key: string, fallback: number, max: number) => {
    const n = Number(text(key))
    return Number.isInteger(n) && n >= 1 && n <= max ? n : fallback
  }
  const filters = { ...initial.filters } as Record<string, unknown>
  for (const key of Object.keys(initial.filters)) {
    const raw = text(PREFIX + key)
    if (raw === null) continue
    const kind = kindOf(filters[key], kinds[key])
    const value = raw === '' ? (kind === 'strings' || kind === 'numbers' ? [] : kind === 'string' ? '' : null) : decode(raw, kind)
    if (value !== undefined) filters[key] = value
  }
  return { page: whole('page', 1, 100_000), size: whole('size', initial.size, 200), filters: filters as F }
}

function ownPart(query: LocationQuery): string {
  const own = Object.entries(query).filter(([key]) => key === 'page' || key === 'size' || key.startsWith(PREFIX))
  return JSON.stringify(Object.fromEntries(own.sort(([a], [b]) => a.localeCompare(b))))
}

/** Page state for a list: loading, error, rows, total, paging and filters, with stale replies ignored; with
 * ``{ url: true }`` the page, size and filters also live in the URL (each change is a history entry). */
export function usePagedList<T, F extends object>(fetcher: Fetcher<T, F>, initialFilters: F, pageSize = 20, options: PagedListOptions<F> = {}) {
  const rows = shallowRef<T[]>([])
  const total = ref(0)
  const capped = ref(false) // more rows than the server counts (10,000): narrow the filters
  const page = ref(1)
  const size = ref(pageSize)
  const loading = ref(false)
  const error = ref<ApiError | null>(null)
  const filters = reactive({ ...initialFilters }) as F
  const initial = { size: pageSize, filters: { ...initialFilters } }
  const kinds = (options.urlKinds ?? {}) as Partial<Record<string, UrlKind>>
  const router = options.url === true ? useRouter() : options.url || null
  const path = router?.currentRoute.value.path
  let ticket = 0

  function fromUrl(query: LocationQuery) {
    const state = listStateFromQuery(query, initial, kinds)
    page.value = state.page
    size.value = state.size
    Object.assign(filters, state.filters)
  }

  const ownQuery = () => listStateToQuery({ page: page.value, size: size.value, filters: filters as F }, initial, kinds)

  /** Write the state to the URL (a new history entry) unless it is there already. */
  function toUrl(): void {
    if (!router) return
    const current = router.currentRoute.value
    if (current.path !== path) return
    const own = ownQuery()
    if (ownPart(own) === ownPart(current.query)) return
    const others = Object.fromEntries(Object.entries(current.query).filter(([key]) => !(key === 'page' || key === 'size' || key.startsWith(PREFIX))))
    void router.push({ path: current.path, query: { ...others, ...own } as LocationQueryRaw })
  }

  if (router) {
    fromUrl(router.currentRoute.value.query)
    // Back, forward or an edited URL: take the state from it and load (our own pushes match the state already).
    watch(
      () => router.currentRoute.value,
      (route) => {
        if (route.path !== path || ownPart(route.query) === ownPart(ownQuery())) return
        fromUrl(route.query)
        options.onRestore?.()
        void load()
      },
    )
  }

  async function load(): Promise<void> {
    const mine = ++ticket
    loading.value = true
    error.value = null
    try {
      const result = await fetcher({ page: page.value, pageSize: size.value, filters: { ...filters } as F })
      if (mine !== ticket) return
      rows.value = result.results
      total.value = result.count
      capped.value = result.count_capped ?? false
    } catch (e) {
      if (mine !== ticket) return
      if (e instanceof ApiError && e.status === 404 && page.value > 1) {
        // a page past the end (an old link, rows gone since, a count capped lower): the first page, not an error
        page.value = 1
        toUrl()
        return load()
      }
      error.value = e instanceof ApiError ? e : new ApiError(0, null, String(e))
      rows.value = []
      total.value = 0
      capped.value = false
    } finally {
      if (mine === ticket) loading.value = false
    }
  }

  /** New filters: back to the first page. */
  function search(): Promise<void> {
    page.value = 1
    toUrl()
    return load()
  }

  function reset(): Promise<void> {
    Object.assign(filters, initialFilters)
    return search()
  }

  function setPage(value: number): Promise<void> {
    page.value = value
    toUrl()
    return load()
  }

  function setPageSize(value: number): Promise<void> {
    size.value = value
    page.value = 1
    toUrl()
    return load()
  }

  return { rows, total, capped, page, size, loading, error, filters, load, search, reset, setPage, setPageSize }
}
