import { client, type BodyOf, type QueryOf } from './client'
import { unwrap } from './http'

export function listUsers(query: QueryOf<'/api/v1/users/', 'get'>) {
  return unwrap(client.GET('/api/v1/users/', { params: { query: query as never } }))
}

export function createUser(body: BodyOf<'/api/v1/users/', 'post'>) {
  return unwrap(client.POST('/api/v1/users/', { body }))
}

export function updateUser(id: number, body: BodyOf<'/api/v1/users/{id}/', 'patch'>) {
  return unwrap(client.PATCH('/api/v1/users/{id}/', { params: { path: { id } }, body }))
}

export function getUserScope(id: number) {
  return unwrap(client.GET('/api/v1/users/{id}/scope/', { params: { path: { id } } }))
}

export function setUserScope(id: number, body: BodyOf<'/api/v1/users/{id}/scope/', 'put'>) {
  return unwrap(client.PUT('/api/v1/users/{id}/scope/', { params: { path: { id } }, body }))
}

export function setUserPassword(id: number, password: string) {
  return unwrap(client.POST('/api/v1/users/{id}/set-password/', { params: { path: { id } }, body: { password } }))
}

export function activateUser(id: number) {
  return unwrap(client.POST('/api/v1/users/{id}/activate/', { params: { path: { id } } }))
}

export function deactivateUser(id: number) {
  return unwrap(client.POST('/api/v1/users/{id}/deactivate/', { params: { path: { id } } }))
}

export function listRoles() {
  return unwrap(client.GET('/api/v1/roles/'))
}

/** 部门: the responsible departments and their contacts (company-wide). */
export function listDepartments() {
  return unwrap(client.GET('/api/v1/departments/'))
}

export function createDepartment(body: BodyOf<'/api/v1/departments/', 'post'>) {
  return unwrap(client.POST('/api/v1/departments/', { body }))
}

export function updateDepartment(id: number, body: BodyOf<'/api/v1/departments/{id}/', 'patch'>) {
  return unwrap(client.PATCH('/api/v1/departments/{id}/', { params: { path: { id } }, body }))
}
