import { client, type QueryOf } from './client'
import { unwrap } from './http'

export function getDashboard(query: QueryOf<'/api/v1/dashboard/', 'get'>) {
  return unwrap(client.GET('/api/v1/dashboard/', { params: { query: query as never } }))
}
