// One way to call the API: same-origin cookies, CSRF on unsafe methods, and one error shape
// ({code, message, fields, request_id}) turned into ApiError for forms and messages.

export interface ImportRowError {
  line: number
  field: string
  message: string
}

export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly fields: Record<string, string[]>
  readonly requestId: string
  readonly rows: ImportRowError[]
  /** Seconds to wait before trying again (a 429's Retry-After header), else 0. */
  readonly retryAfter: number

  constructor(status: number, body: Record<string, unknown> | null, fallback: string, retryAfter: string | null = null) {
    const message = typeof body?.message === 'string' && body.message ? body.message : fallback
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.code = typeof body?.code === 'string' ? body.code : status === 0 ? 'network.error' : 'http.' + status
    this.fields = normaliseFields(body?.fields)
    this.requestId = typeof body?.request_id === 'string' ? body.request_id : ''
    this.rows = Array.isArray(body?.rows) ? (body.rows as ImportRowError[]) : []
    const seconds = Number.parseInt(retryAfter ?? '', 10)
    this.retryAfter = Number.isFinite(seconds) && seconds > 0 ? seconds : 0
  }

  /** First message for a form field (dotted paths such as `mobiles.0` count for `mobiles`). */
  fieldError(name: string): string | undefined {
    for (const [key, messages] of Object.entries(this.fields)) {
      if (key === name || key.startsWith(name + '.')) return messages[0]
    }
    return undefined
  }
}

function normaliseFields(raw: unknown): Record<string, string[]> {
  const out: Record<string, string[]> = {}
  if (!raw || typeof raw !== 'object') return out
  const walk = (prefix: string, value: unknown): void => {
    if (typeof value === 'string') {
      ;(out[prefix] ??= []).push(value)
    } else if (Array.isArray(value)) {
      value.forEach((item, index) =>
        typeof item === 'string' ? walk(prefix, item) : walk(`${prefix}.${index}`, item),
      )
    } else if (value && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) walk(prefix ? `${prefix}.${key}` : key, inner)
    }
  }
  walk('', raw)
  return out
}

export type Query = Record<string, string | number | boolean | null | undefined | Array<string | number>>

export function buildUrl(path: string, query?: Query): string {
  const url = path.startsWith('/api/') ? path : `/api/v1${path.startsWith('/') ? '' : '/'}${path}`
  if (!query) return url
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue
    if (Array.isArray(value)) value.forEach((v) => params.append(key, String(v)))
    else params.append(key, String(value))
  }
  const text = params.toString()
  return text ? `${url}?${text}` : url
}

let csrfToken = ''
let language = 'zh-hans'
let onUnauthorized: ((error: ApiError) => void) | null = null

export function setLanguage(lang: string): void {
  language = lang
}
export function setUnauthorizedHandler(handler: ((error: ApiError) => void) | null): void {
  onUnauthorized = handler
}
export function resetCsrf(): void {
  csrfToken = ''
}

async function ensureCsrf(): Promise<string> {
  if (!csrfToken) {
    const response = await fetch('/api/v1/auth/csrf/', { credentials: 'same-origin' })
    const body = (await response.json()) as { csrf_token: string }
    csrfToken = body.csrf_token
  }
  return csrfToken
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

export interface RequestOptions {
  query?: Query
  body?: unknown
  form?: FormData
  /** Do not redirect to the login page on 401 (the login form itself). */
  quiet401?: boolean
  /** Extra request headers, e.g. Idempotency-Key. */
  headers?: Record<string, string>
}

async function send(method: string, path: string, options: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { ...(options.headers ?? {}) }
  let body: BodyInit | undefined
  if (options.form) body = options.form
  else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json'
    body = JSON.stringify(options.body)
  }
  return transmit(method, buildUrl(path, options.query), headers, body)
}

/**
 * The one place a request leaves the browser: same-origin cookie, Accept-Language, the CSRF token on unsafe methods
 * (fetched again and the request sent once more when Django rejects it), and a network failure as ApiError(0).
 */
async function transmit(
  method: string,
  url: string,
  extra: Record<string, string>,
  body: BodyInit | undefined,
  signal?: AbortSignal,
  retried = false,
): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': language, ...extra }
  if (UNSAFE.has(method)) headers['X-CSRFToken'] = await ensureCsrf()
  let response: Response
  try {
    response = await fetch(url, { method, headers, body, credentials: 'same-origin', signal })
  } catch {
    throw new ApiError(0, null, networkMessage())
  }
  if (response.status === 403 && UNSAFE.has(method) && !retried) {
    const peek = (await response.clone().json().catch(() => null)) as { code?: string } | null
    if (peek?.code === 'auth.csrf_failed') {
      resetCsrf()
      return transmit(method, url, extra, body, signal, true)
    }
  }
  return response
}

/** `fetch` for the typed client (src/api/client.ts): the Request it builds goes out through `transmit`. */
export async function fetchRequest(request: Request): Promise<Response> {
  const method = request.method.toUpperCase()
  const headers: Record<string, string> = {}
  request.headers.forEach((value, key) => {
    headers[key] = value
  })
  const json = (headers['content-type'] ?? '').includes('application/json')
  const body = request.body === null ? undefined : json ? await request.text() : await request.blob()
  // same-origin requests go out as a path, exactly as http.ts sends its own
  const url = new URL(request.url)
  const target = typeof location !== 'undefined' && url.origin !== location.origin ? request.url : url.pathname + url.search
  return transmit(method, target, headers, body, request.signal)
}

/** Turns the typed client's answer into the data, or throws ApiError (401 → the login page unless `quiet401`). */
export async function unwrap<D>(
  call: Promise<{ data?: D; error?: unknown; response: Response }>,
  options: { quiet401?: boolean } = {},
): Promise<D> {
  const { data, error, response } = await call
  if (!response.ok) {
    const body = error && typeof error === 'object' ? (error as Record<string, unknown>) : null
    const failure = new ApiError(response.status, body, `${response.status} ${response.statusText}`, response.headers.get('Retry-After'))
    if (failure.status === 401 && !options.quiet401) onUnauthorized?.(failure)
    throw failure
  }
  return data as D
}

function networkMessage(): string {
  return language.startsWith('zh') ? '无法连接服务器，请检查网络后重试。' : 'Cannot reach the server. Check the network and try again.'
}

export async function toError(response: Response): Promise<ApiError> {
  const body = (await response.json().catch(() => null)) as Record<string, unknown> | null
  return new ApiError(response.status, body, `${response.status} ${response.statusText}`, response.headers.get('Retry-After'))
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const response = await send(method, path, options)
  if (!response.ok) {
    const error = await toError(response)
    if (error.status === 401 && !options.quiet401) onUnauthorized?.(error)
    throw error
  }
  if (response.status === 204) return undefined as T
  return (await response.json()) as T
}

export const api = {
  get: <T>(path: string, query?: Query) => request<T>('GET', path, { query }),
  post: <T>(path: string, body?: unknown, query?: Query) => request<T>('POST', path, { body: body ?? {}, query }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, { body }),
  delete: (path: string) => request<void>('DELETE', path),
}

/** Download a file the API produces (exports, templates) under the name the server gives; ``body`` makes it a POST. */
export async function download(path: string, query?: Query, body?: unknown): Promise<string> {
  const response = await send(body === undefined ? 'GET' : 'POST', path, { query, body })
  if (!response.ok) {
    const error = await toError(response)
    if (error.status === 401) onUnauthorized?.(error)
    throw error
  }
  const disposition = response.headers.get('Content-Disposition') ?? ''
  const name = filenameFrom(disposition) ?? 'download.xlsx'
  const blob = await response.blob()
  const href = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = href
  link.download = name
  document.body.appendChild(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(href), 1000)
  return name
}

export function filenameFrom(disposition: string): string | null {
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition)
  if (star) return decodeURIComponent(star[1])
  const plain = /filename="?([^";]+)"?/i.exec(disposition)
  return plain ? plain[1] : null
}

/** Upload with progress (fetch cannot report upload progress); resolves with the JSON body. */
export async function upload<T>(
  path: string,
  file: File,
  onProgress: (percent: number) => void,
  fields: Record<string, string> = {},
): Promise<T> {
  const token = await ensureCsrf()
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open('POST', buildUrl(path))
    xhr.withCredentials = true
    xhr.setRequestHeader('X-CSRFToken', token)
    xhr.setRequestHeader('Accept', 'application/json')
    xhr.setRequestHeader('Accept-Language', language)
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(Math.round((event.loaded / event.total) * 100))
    }
    xhr.onerror = () => reject(new ApiError(0, null, networkMessage()))
    xhr.onload = () => {
      let body: Record<string, unknown> | null = null
      try {
        body = JSON.parse(xhr.responseText) as Record<string, unknown>
      } catch {
        body = null
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as T)
      else {
        const error = new ApiError(xhr.status, body, `${xhr.status} ${xhr.statusText}`)
        if (error.status === 401) onUnauthorized?.(error)
        reject(error)
      }
    }
    const form = new FormData()
    form.append('file', file)
    for (const [key, value] of Object.entries(fields)) form.append(key, value)
    xhr.send(form)
  })
}
