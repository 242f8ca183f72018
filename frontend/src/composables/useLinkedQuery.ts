import { computed } from 'vue'
import { useRoute, useRouter } from 'vue-router'

/**
 * API parameters a link put in the URL (a figure on the home page links to its list with the very query it was
 * counted with): merged over the list's own query, so the list shows exactly the rows that were counted.
 * Only the names in ``allowed`` are taken; ``clear`` drops them.
 */
export function useLinkedQuery(allowed: readonly string[]) {
  const route = useRoute()
  const router = useRouter()
  const query = computed<Record<string, string>>(() => {
    const out: Record<string, string> = {}
    for (const key of allowed) {
      const value = route.query[key]
      if (typeof value === 'string' && value !== '') out[key] = value
    }
    return out
  })
  const active = computed(() => Object.keys(query.value).length > 0)
  /** The linked parameters as one string: watch this, not ``query`` (a new object on every URL change, e.g. when the
   * list writes its page to the URL, which must not send the list back to page 1). */
  const key = computed(() => JSON.stringify(query.value))

  /** The list's own query with the linked parameters on top. */
  function merge<T extends object>(own: T): T {
    return { ...own, ...query.value } as unknown as T
  }

  function clear() {
    const rest = Object.fromEntries(Object.entries(route.query).filter(([key]) => !allowed.includes(key)))
    return router.replace({ path: route.path, query: rest })
  }

  return { query, key, active, merge, clear }
}
