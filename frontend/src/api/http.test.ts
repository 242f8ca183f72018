import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { api, ApiError, buildUrl, filenameFrom, request, resetCsrf, setUnauthorizedHandler, unwrap } from './http'

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(body === null ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  })
}

describe('ApiError', () => {
  it('carries a 429 reply\'s Retry-After (the owner app counts it down on the code button)', async () => {
    const response = json(429, { code: 'owner.code_limited', message: '请 37 秒后再试。' }, { 'Retry-After': '37' })
    const failure = await unwrap(Promise.resolve({ error: { code: 'owner.code_limited', message: '请 37 秒后再试。' }, response }), { quiet401: true }).catch((e: unknown) => e)
    expect(failure).toBeInstanceOf(ApiError)
    expect((failure as ApiError).status).toBe(429)
    expect((failure as ApiError).retryAfter).toBe(37)
    expect(new ApiError(400, null, 'x').retryAfter).toBe(0)
    expect(new ApiError(429, null, 'x', 'soon').retryAfter).toBe(0)
  })

  it('keeps the server message, code, request id and flattens nested field errors', () => {
    const error = new ApiError(400, {
      code: 'validation_error',
      message: '输入有误。',
      request_id: 'r-1',
      fields: { name: ['必填。'], mobiles: { '0': ['手机号码格式不正确。'] }, items: [{ qty: ['太大。'] }] },
    }, 'fallback')
    expect(error.message).toBe('输入有误。')
    expect(error.code).toBe('validation_error')
    expect(error.requestId).toBe('r-1')
    expect(error.fields).toEqual({ name: ['必填。'], 'mobiles.0': ['手机号码格式不正确。'], 'items.0.qty': ['太大。'] })
    expect(error.fieldError('mobiles')).toBe('手机号码格式不正确。')
    expect(error.fieldError('name')).toBe('必填。')
    expect(error.fieldError('address')).toBeUndefined()
  })

  it('carries the per-row report of a failed import', () => {
    const rows = [{ line: 3, field: '手机号码', message: '手机号码格式不正确。' }]
    const error = new ApiError(400, { code: 'import.invalid_rows', message: 'x', fields: { file: ['…'] }, rows }, 'f')
    expect(error.rows).toEqual(rows)
  })

  it('falls back when the body is not the error shape', () => {
    const error = new ApiError(502, null, '502 Bad Gateway')
    expect(error.message).toBe('502 Bad Gateway')
    expect(error.code).toBe('http.502')
    expect(error.fields).toEqual({})
    expect(new ApiError(0, null, 'offline').code).toBe('network.error')
  })
})

describe('buildUrl', () => {
  it('prefixes /api/v1 and drops empty values', () => {
    expect(buildUrl('/customers/', { q: '张', tag: null, project: 3, empty: '' })).toBe('/api/v1/customers/?q=%E5%BC%A0&project=3')
    expect(buildUrl('/api/v1/health/')).toBe('/api/v1/health/')
    expect(buildUrl('units/', { status: ['available', 'delivered'] })).toBe('/api/v1/units/?status=available&status=delivered')
  })
})

describe('filenameFrom', () => {
  it('reads RFC 5987 and plain file names', () => {
    expect(filenameFrom("attachment; filename*=UTF-8''%E5%AE%A2%E6%88%B7.xlsx")).toBe('客户.xlsx')
    expect(filenameFrom('attachment; filename="anju-units.xlsx"')).toBe('anju-units.xlsx')
    expect(filenameFrom('inline')).toBeNull()
  })
})

describe('request', () => {
  const fetchMock = vi.fn()
  beforeEach(() => {
    resetCsrf()
    fetchMock.mockReset()
    vi.stubGlobal('fetch', fetchMock)
  })
  afterEach(() => {
    vi.unstubAllGlobals()
    setUnauthorizedHandler(null)
  })

  it('sends the CSRF token on unsafe methods and JSON bodies', async () => {
    fetchMock.mockResolvedValueOnce(json(200, { csrf_token: 'tok' })).mockResolvedValueOnce(json(201, { id: 1 }))
    const result = await api.post<{ id: number }>('/tags/', { name: 'VIP' })
    expect(result).toEqual({ id: 1 })
    const [url, init] = fetchMock.mock.calls[1]
    expect(url).toBe('/api/v1/tags/')
    expect(init.headers['X-CSRFToken']).toBe('tok')
    expect(init.headers['Content-Type']).toBe('application/json')
    expect(init.body).toBe('{"name":"VIP"}')
  })

  it('does not fetch a CSRF token for reads', async () => {
    fetchMock.mockResolvedValueOnce(json(200, { ok: true }))
    await api.get('/health/')
    expect(fetchMock).toHaveBeenCalledTimes(1)
  })

  it('turns an error response into ApiError with fields', async () => {
    fetchMock.mockResolvedValueOnce(json(400, { code: 'validation_error', message: 'Invalid input.', fields: { id_number: ["The ID number's check digit is wrong."] } }))
    const error = await request<never>('GET', '/customers/').catch((e: ApiError) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect(error.status).toBe(400)
    expect(error.fieldError('id_number')).toBe("The ID number's check digit is wrong.")
  })

  it('calls the unauthorized handler on 401 unless asked to stay quiet', async () => {
    const handler = vi.fn()
    setUnauthorizedHandler(handler)
    fetchMock.mockResolvedValue(json(401, { code: 'auth.not_authenticated', message: '请先登录。' }))
    await request('GET', '/customers/').catch(() => undefined)
    expect(handler).toHaveBeenCalledTimes(1)
    await request('GET', '/auth/me/', { quiet401: true }).catch(() => undefined)
    expect(handler).toHaveBeenCalledTimes(1)
  })

  it('fetches a fresh CSRF token and retries once when the token was rejected', async () => {
    fetchMock
      .mockResolvedValueOnce(json(200, { csrf_token: 'old' }))
      .mockResolvedValueOnce(json(403, { code: 'auth.csrf_failed', message: 'CSRF' }))
      .mockResolvedValueOnce(json(200, { csrf_token: 'new' }))
      .mockResolvedValueOnce(json(200, { done: true }))
    expect(await api.post('/auth/logout/')).toEqual({ done: true })
    expect(fetchMock.mock.calls[3][1].headers['X-CSRFToken']).toBe('new')
  })

  it('reports a network failure as ApiError with status 0', async () => {
    fetchMock.mockRejectedValueOnce(new TypeError('Failed to fetch'))
    const error = await api.get<never>('/customers/').catch((e: ApiError) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect(error.status).toBe(0)
  })

  it('returns undefined for 204', async () => {
    fetchMock.mockResolvedValueOnce(json(200, { csrf_token: 't' })).mockResolvedValueOnce(new Response(null, { status: 204 }))
    expect(await api.delete('/tags/1/')).toBeUndefined()
  })
})
