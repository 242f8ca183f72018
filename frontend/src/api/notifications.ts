import { client, type QueryOf } from './client'
import { unwrap } from './http'

export function listNotifications(query: QueryOf<'/api/v1/notifications/', 'get'>) {
  return unwrap(client.GET('/api/v1/notifications/', { params: { query: query as never } }))
}

export function getUnreadCount() {
  return unwrap(client.GET('/api/v1/notifications/unread-count/'))
}

export function markNotificationRead(id: number) {
  return unwrap(client.POST('/api/v1/notifications/{id}/read/', { params: { path: { id } } }))
}

export function markAllNotificationsRead() {
  return unwrap(client.POST('/api/v1/notifications/read-all/'))
}

/** The development outbox: the last texts and e-mails (system administrators, development sites only; else 404). */
export function getDevOutbox() {
  return unwrap(client.GET('/api/v1/dev-outbox/'))
}
