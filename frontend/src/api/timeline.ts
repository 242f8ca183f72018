import { client } from './client'
import { unwrap } from './http'

/** Whose timeline to show: records with a timeline endpoint. */
export interface TimelineSource {
  kind: 'customer' | 'unit' | 'project' | 'work-order' | 'subscription' | 'contract' | 'mortgage-case' | 'area-settlement' | 'certificate-case' | 'handover-batch'
  id: number
}

export function getTimeline(source: TimelineSource, page: number, pageSize: number) {
  const params = { path: { id: source.id }, query: { page, page_size: pageSize } }
  switch (source.kind) {
    case 'customer':
      return unwrap(client.GET('/api/v1/customers/{id}/timeline/', { params }))
    case 'unit':
      return unwrap(client.GET('/api/v1/units/{id}/timeline/', { params }))
    case 'project':
      return unwrap(client.GET('/api/v1/projects/{id}/timeline/', { params }))
    case 'work-order':
      return unwrap(client.GET('/api/v1/work-orders/{id}/timeline/', { params }))
    case 'subscription':
      return unwrap(client.GET('/api/v1/subscriptions/{id}/timeline/', { params }))
    case 'contract':
      return unwrap(client.GET('/api/v1/contracts/{id}/timeline/', { params }))
    case 'mortgage-case':
      return unwrap(client.GET('/api/v1/mortgage-cases/{id}/timeline/', { params }))
    case 'area-settlement':
      return unwrap(client.GET('/api/v1/area-settlements/{id}/timeline/', { params }))
    case 'certificate-case':
      return unwrap(client.GET('/api/v1/certificate-cases/{id}/timeline/', { params }))
    case 'handover-batch':
      return unwrap(client.GET('/api/v1/handover-batches/{id}/timeline/', { params }))
  }
}
