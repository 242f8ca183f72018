import 'element-plus/dist/index.css'
import 'element-plus/theme-chalk/dark/css-vars.css'
import './styles.css'
import { createPinia } from 'pinia'
import { createApp } from 'vue'
import App from './App.vue'
import { setUnauthorizedHandler } from './api/http'
import { installElementPlus } from './element'
import { applyLocale, i18n, initialLocale } from './i18n'
import { router } from './router'
import { useAuthStore } from './stores/auth'

const app = createApp(App)
const pinia = createPinia()
app.use(pinia)
app.use(i18n)
app.use(router)
installElementPlus(app)

applyLocale(initialLocale())

// A 401 anywhere means the session ended (idle/absolute timeout, deactivation): back to login, page remembered.
setUnauthorizedHandler(() => {
  const auth = useAuthStore()
  const current = router.currentRoute.value
  if (current.meta.public) return
  auth.expire()
  void router.replace({ name: 'login', query: { redirect: current.fullPath, expired: '1' } })
})

app.mount('#app')
