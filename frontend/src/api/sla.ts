import { client, type BodyOf, type QueryOf } from './client'
import { unwrap } from './http'

/** SLA clocks of up to 100 work orders in one request. */
export function listSlaClocks(workOrders: number[]) {
  return unwrap(client.GET('/api/v1/sla/clocks/', { params: { query: { work_order: workOrders } } }))
}

/** One page of the SLA board, most urgent first. */
export function getSlaBoard(query: QueryOf<'/api/v1/sla/board/', 'get'>) {
  return unwrap(client.GET('/api/v1/sla/board/', { params: { query: query as never } }))
}

export function listSlaPolicies() {
  return unwrap(client.GET('/api/v1/sla/policies/'))
}

export function createSlaPolicy(body: BodyOf<'/api/v1/sla/policies/', 'post'>) {
  return unwrap(client.POST('/api/v1/sla/policies/', { body }))
}

export function updateSlaPolicy(id: number, body: BodyOf<'/api/v1/sla/policies/{id}/', 'patch'>) {
  return unwrap(client.PATCH('/api/v1/sla/policies/{id}/', { params: { path: { id } }, body }))
}

export function getWorkingHours() {
  return unwrap(client.GET('/api/v1/sla/working-hours/'))
}

export function saveWorkingHours(body: BodyOf<'/api/v1/sla/working-hours/', 'put'>) {
  return unwrap(client.PUT('/api/v1/sla/working-hours/', { body }))
}

export function listCalendarDays(year: number) {
  return unwrap(client.GET('/api/v1/sla/calendar/', { params: { query: { year } } }))
}

export function addCalendarDay(body: BodyOf<'/api/v1/sla/calendar/', 'post'>) {
  return unwrap(client.POST('/api/v1/sla/calendar/', { body }))
}

export function deleteCalendarDay(id: number) {
  return unwrap(client.DELETE('/api/v1/sla/calendar/{id}/', { params: { path: { id } } }))
}

/** Each year of the calendar: official (the State Council's arrangement as entered) or computed by the rules. */
export function listCalendarYears() {
  return unwrap(client.GET('/api/v1/sla/calendar-years/'))
}

/** Mark a year official or computed. */
export function setCalendarYear(year: number, body: BodyOf<'/api/v1/sla/calendar-years/{year}/', 'put'>) {
  return unwrap(client.PUT('/api/v1/sla/calendar-years/{year}/', { params: { path: { year } }, body }))
}

/** The days of a year that depart from the weekly pattern, as every period sees them, with their source. */
export function listCalendarYearDays(year: number) {
  return unwrap(client.GET('/api/v1/sla/calendar-years/{year}/days/', { params: { path: { year } } }))
}
