import { client } from './client'
import { unwrap } from './http'

/** The signed-in user and permissions; a 401 here means "not signed in", not "send to the login page". */
export function getMe() {
  return unwrap(client.GET('/api/v1/auth/me/'), { quiet401: true })
}

export function login(username: string, password: string) {
  return unwrap(client.POST('/api/v1/auth/login/', { body: { username, password } }), { quiet401: true })
}

export async function logout(): Promise<void> {
  await unwrap(client.POST('/api/v1/auth/logout/'))
}
