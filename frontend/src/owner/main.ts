import './owner.css'
import { createApp } from 'vue'
import { setUnauthorizedHandler } from '@/api/http'
import App from './App.vue'
import { applyLocale, i18n, initialLocale } from './i18n'
import { router } from './router'
import { forgetSession } from './session'

const app = createApp(App)
app.use(i18n)
app.use(router)
applyLocale(initialLocale())

// The owner's sign-in ended (signed out elsewhere, 30 days passed): back to the sign-in page.
setUnauthorizedHandler(() => {
  forgetSession()
  const current = router.currentRoute.value
  if (!current.meta.public) void router.replace({ name: 'sign-in', query: { next: current.fullPath } })
})

app.mount('#owner-app')
