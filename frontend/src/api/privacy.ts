// Personal data: full numbers on request (logged), the data-subject export and erasure.
import { client, pathOf, type BodyOf } from './client'
import { download, unwrap } from './http'

export function revealCustomer(id: number, body: BodyOf<'/api/v1/customers/{id}/reveal/', 'post'>) {
  return unwrap(client.POST('/api/v1/customers/{id}/reveal/', { params: { path: { id } }, body }))
}

/** Downloads everything held about a customer, with the stated purpose. */
export function downloadPersonalData(id: number, body: BodyOf<'/api/v1/customers/{id}/personal-data/', 'post'>): Promise<string> {
  return download(pathOf('/api/v1/customers/{id}/personal-data/', { id }), undefined, body)
}

export function eraseCustomer(id: number, body: BodyOf<'/api/v1/customers/{id}/erase/', 'post'>) {
  return unwrap(client.POST('/api/v1/customers/{id}/erase/', { params: { path: { id } }, body }))
}
