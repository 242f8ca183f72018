import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { getMe, login as signIn, logout as signOut } from '@/api/auth'
import { resetCsrf } from '@/api/http'
import type { Me } from '@/api/types'
import { can, type PermissionRule } from '@/utils/permissions'

const PROJECT_KEY = 'anju.project'

export const useAuthStore = defineStore('auth', () => {
  const me = ref<Me | null>(null)
  const loaded = ref(false)
  const projectId = ref<number | null>(null)

  // ``notifications.dev_outbox``: not a server permission but the server's word that this user has the development
  // outbox screen (a development site and the right to read it); a route asks for it like any permission
  const permissions = computed(() => new Set([...(me.value?.permissions ?? []), ...(me.value?.dev_outbox ? ['notifications.dev_outbox'] : [])]))
  const isAuthenticated = computed(() => me.value !== null)
  const projects = computed(() => me.value?.projects ?? [])
  const currentProject = computed(() => projects.value.find((p) => p.id === projectId.value) ?? null)

  function allowed(rule: PermissionRule): boolean {
    return can(permissions.value, rule)
  }

  function adopt(user: Me | null): void {
    me.value = user
    loaded.value = true
    const saved = Number(localStorage.getItem(PROJECT_KEY) || 0)
    projectId.value = user && user.projects.some((p) => p.id === saved) ? saved : null
  }

  /** Load the signed-in user once; a 401 simply means "not signed in". */
  async function load(): Promise<void> {
    if (loaded.value) return
    try {
      adopt(await getMe())
    } catch {
      adopt(null)
    }
  }

  async function login(username: string, password: string): Promise<Me> {
    resetCsrf()
    const user = await signIn(username, password)
    resetCsrf() // Django rotates the token at login
    adopt(user)
    return user
  }

  async function logout(): Promise<void> {
    try {
      await signOut()
    } finally {
      expire()
    }
  }

  /** Forget the user locally (after logout or when the server says the session ended). */
  function expire(): void {
    me.value = null
    loaded.value = true
    resetCsrf()
  }

  function selectProject(id: number | null): void {
    projectId.value = id
    if (id) localStorage.setItem(PROJECT_KEY, String(id))
    else localStorage.removeItem(PROJECT_KEY)
  }

  return {
    me, loaded, projectId, permissions, isAuthenticated, projects, currentProject,
    allowed, load, login, logout, expire, selectProject, adopt,
  }
})
