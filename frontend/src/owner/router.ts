import { createRouter, createWebHistory } from 'vue-router'
import { loadSession, session } from './session'

export const router = createRouter({
  history: createWebHistory('/owner/'),
  routes: [
    { path: '/sign-in', name: 'sign-in', component: () => import('./views/SignInView.vue'), meta: { public: true } },
    { path: '/', name: 'start', component: () => import('./views/StartView.vue') },
    { path: '/homes/:id', name: 'home', component: () => import('./views/HomeView.vue'), props: (r) => ({ id: Number(r.params.id) }) },
    { path: '/report', name: 'report', component: () => import('./views/ReportView.vue') },
    { path: '/orders', name: 'orders', component: () => import('./views/OrdersView.vue') },
    { path: '/orders/:id', name: 'order', component: () => import('./views/OrderView.vue'), props: (r) => ({ id: Number(r.params.id) }) },
    { path: '/surveys', name: 'surveys', component: () => import('./views/SurveysView.vue') },
    { path: '/surveys/:id', name: 'survey', component: () => import('./views/SurveyView.vue'), props: (r) => ({ id: Number(r.params.id) }) },
    { path: '/activities', name: 'activities', component: () => import('./views/ActivitiesView.vue') },
    { path: '/:rest(.*)*', redirect: '/' },
  ],
  scrollBehavior: () => ({ top: 0 }),
})

router.beforeEach(async (to) => {
  if (!session.known) await loadSession()
  if (to.meta.public) return session.me ? { name: 'start' } : true
  if (!session.me) return { name: 'sign-in', query: to.fullPath !== '/' ? { next: to.fullPath } : {} }
  return true
})
