import { describe, expect, it, vi } from 'vitest'
import { ApiError } from '@/api/http'
import { useResource } from './useResource'

function deferred<T>() {
  let resolve!: (v: T) => void
  let reject!: (e: unknown) => void
  const promise = new Promise<T>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

describe('useResource', () => {
  it('starts with the initial value, and loading only when asked', () => {
    expect(useResource(() => Promise.resolve(1), 0).loading.value).toBe(false)
    const res = useResource(() => Promise.resolve(1), 0, { initialLoading: true })
    expect(res.loading.value).toBe(true)
    expect(res.data.value).toBe(0)
  })

  it('toggles loading around a call and stores the reply', async () => {
    const reply = deferred<{ id: number }>()
    const res = useResource(() => reply.promise, null as { id: number } | null)
    const call = res.reload()
    expect(res.loading.value).toBe(true)
    reply.resolve({ id: 7 })
    await call
    expect(res.loading.value).toBe(false)
    expect(res.data.value).toEqual({ id: 7 })
    expect(res.error.value).toBeNull()
  })

  it('keeps the error (and the previous data) when a call fails, and clears it on the next call', async () => {
    const fetcher = vi.fn()
      .mockResolvedValueOnce([1])
      .mockRejectedValueOnce(new ApiError(404, { code: 'not_found', message: '未找到。' }, 'x'))
      .mockRejectedValueOnce(new Error('offline'))
      .mockResolvedValueOnce([2])
    const res = useResource<number[]>(fetcher, [])
    await res.reload()
    await res.reload()
    expect(res.error.value?.status).toBe(404)
    expect(res.error.value?.message).toBe('未找到。')
    expect(res.data.value).toEqual([1])
    expect(res.loading.value).toBe(false)
    await res.reload()
    expect(res.error.value).toBeInstanceOf(ApiError)
    expect(res.error.value?.message).toBe('offline')
    await res.reload()
    expect(res.error.value).toBeNull()
    expect(res.data.value).toEqual([2])
  })

  it('ignores a slow earlier reply that arrives after a newer one', async () => {
    const first = deferred<string>()
    const fetcher = vi.fn().mockReturnValueOnce(first.promise).mockResolvedValueOnce('new')
    const res = useResource(fetcher, '')
    const slow = res.reload()
    await res.reload()
    first.resolve('old')
    await slow
    expect(res.data.value).toBe('new')
    expect(res.loading.value).toBe(false)
  })

  it('ignores a slow earlier failure, and keeps loading while the latest call runs', async () => {
    const first = deferred<string>()
    const second = deferred<string>()
    const fetcher = vi.fn().mockReturnValueOnce(first.promise).mockReturnValueOnce(second.promise)
    const res = useResource(fetcher, '')
    const slow = res.reload()
    const latest = res.reload()
    first.reject(new Error('late'))
    await slow
    expect(res.error.value).toBeNull()
    expect(res.loading.value).toBe(true)
    second.resolve('ok')
    await latest
    expect(res.data.value).toBe('ok')
    expect(res.loading.value).toBe(false)
  })
})
