import { client, pathOf, type BodyOf, type QueryOf } from './client'
import { download, unwrap, upload } from './http'

export function listCityCompanies(query: QueryOf<'/api/v1/city-companies/', 'get'>) {
  return unwrap(client.GET('/api/v1/city-companies/', { params: { query: query as never } }))
}

export function listProjects(query: QueryOf<'/api/v1/projects/', 'get'>) {
  return unwrap(client.GET('/api/v1/projects/', { params: { query: query as never } }))
}

export function downloadProjectImportTemplate(): Promise<string> {
  return download(pathOf('/api/v1/projects/import-template/'))
}

/** Imports a project's buildings and units from Excel; resolves with the counts, rejects with the per-row report. */
export function importProject(id: number, file: File, onProgress: (percent: number) => void) {
  return upload<Record<string, number>>(pathOf('/api/v1/projects/{id}/import/', { id }), file, onProgress)
}

export function listBuildings(query: QueryOf<'/api/v1/buildings/', 'get'>) {
  return unwrap(client.GET('/api/v1/buildings/', { params: { query: query as never } }))
}

export function getBuildingGrid(id: number) {
  return unwrap(client.GET('/api/v1/buildings/{id}/grid/', { params: { path: { id } } }))
}

export function listUnits(query: QueryOf<'/api/v1/units/', 'get'>) {
  return unwrap(client.GET('/api/v1/units/', { params: { query: query as never } }))
}

export function getUnit(id: number) {
  return unwrap(client.GET('/api/v1/units/{id}/', { params: { path: { id } } }))
}

export function exportUnits(query: QueryOf<'/api/v1/units/', 'get'>): Promise<string> {
  return download(pathOf('/api/v1/units/export/'), query as never)
}

export function listOwnerships(query: QueryOf<'/api/v1/ownerships/', 'get'>) {
  return unwrap(client.GET('/api/v1/ownerships/', { params: { query: query as never } }))
}

export function getServiceSettings(projectId: number) {
  return unwrap(client.GET('/api/v1/service-settings/{project_id}/', { params: { path: { project_id: projectId } } }))
}

export function saveServiceSettings(projectId: number, body: BodyOf<'/api/v1/service-settings/{project_id}/', 'put'>) {
  return unwrap(client.PUT('/api/v1/service-settings/{project_id}/', { params: { path: { project_id: projectId } }, body }))
}
