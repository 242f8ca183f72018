import { createRouter, createWebHistory } from 'vue-router'
import { useAuthStore } from '@/stores/auth'
import { guard, routes } from './routes'

export { guard, routes }

export const router = createRouter({
  history: createWebHistory(),
  routes,
  scrollBehavior: () => ({ top: 0 }),
})

router.beforeEach(async (to) => {
  if (to.meta.anonymous) return true
  const auth = useAuthStore()
  await auth.load()
  return guard(to, { authenticated: auth.isAuthenticated, allowed: auth.allowed })
})
