import { client, type BodyOf, type QueryOf } from './client'
import { unwrap } from './http'

export function checkWarranty(body: BodyOf<'/api/v1/warranty/check/', 'post'>) {
  return unwrap(client.POST('/api/v1/warranty/check/', { body }))
}

export function getWarrantyPolicy(projectId: number) {
  return unwrap(client.GET('/api/v1/warranty/policies/{project_id}/', { params: { path: { project_id: projectId } } }))
}

export function saveWarrantyPolicy(projectId: number, body: BodyOf<'/api/v1/warranty/policies/{project_id}/', 'put'>) {
  return unwrap(client.PUT('/api/v1/warranty/policies/{project_id}/', { params: { path: { project_id: projectId } }, body }))
}

export function listResponsibilities(query: QueryOf<'/api/v1/warranty/responsibilities/', 'get'>) {
  return unwrap(client.GET('/api/v1/warranty/responsibilities/', { params: { query: query as never } }))
}

export function createResponsibility(body: BodyOf<'/api/v1/warranty/responsibilities/', 'post'>) {
  return unwrap(client.POST('/api/v1/warranty/responsibilities/', { body }))
}

export function deleteResponsibility(id: number) {
  return unwrap(client.DELETE('/api/v1/warranty/responsibilities/{id}/', { params: { path: { id } } }))
}
