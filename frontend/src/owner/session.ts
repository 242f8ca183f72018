import { reactive } from 'vue'
import { getOwnerMe, type OwnerMe } from '@/api/owner'
import { ApiError } from '@/api/http'

/** The signed-in owner (null until known, false when signed out). */
export const session = reactive<{ me: OwnerMe | null; known: boolean }>({ me: null, known: false })

export async function loadSession(): Promise<OwnerMe | null> {
  try {
    session.me = await getOwnerMe()
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 401) throw error
    session.me = null
  }
  session.known = true
  return session.me
}

export function forgetSession(): void {
  session.me = null
  session.known = true
}
