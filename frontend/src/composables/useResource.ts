import { ref, type Ref } from 'vue'
import { ApiError } from '@/api/http'

export interface ResourceOptions {
  /** Start with `loading` true (for screens that load on mount and show a skeleton until then). */
  initialLoading?: boolean
}

/**
 * One thing loaded from the server (a record or a list): `data`, `loading`, `error` and `reload()`. A reply to an
 * older call than the latest is ignored, so a slow earlier reply never overwrites newer data. On failure the
 * previous `data` is kept and `error` is set (every failure becomes an ApiError).
 */
export function useResource<T>(fetcher: () => Promise<T>, initial: T, options: ResourceOptions = {}) {
  const data = ref(initial) as Ref<T>
  const loading = ref(options.initialLoading ?? false)
  const error = ref<ApiError | null>(null)
  let ticket = 0

  async function reload(): Promise<void> {
    const mine = ++ticket
    loading.value = true
    error.value = null
    try {
      const result = await fetcher()
      if (mine !== ticket) return
      data.value = result
    } catch (e) {
      if (mine !== ticket) return
      error.value = e instanceof ApiError ? e : new ApiError(0, null, e instanceof Error ? e.message : String(e))
    } finally {
      if (mine === ticket) loading.value = false
    }
  }

  return { data, loading, error, reload }
}
