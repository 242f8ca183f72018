import { client, type QueryOf } from './client'
import { unwrap } from './http'

export function getDashboard(query: QueryOf<'/api/v1/dashboard/', 'get'>) {
  return unwrap(client.GET('/api/v1/dashboard/', { params: { query: query as never } }))
}

/** The signed-in user's role home: per role, figures each counted by the list its link opens. */
export function getWorkspace(query: QueryOf<'/api/v1/workspace/', 'get'>) {
  return unwrap(client.GET('/api/v1/workspace/', { params: { query: query as never } }))
}
