// The typed client: openapi-fetch on the generated `paths`, so vue-tsc checks every URL, path parameter, query,
// request body and response against the API schema. Requests go out through http.ts (`fetchRequest`: session cookie,
// CSRF with one retry, Accept-Language, network failures as ApiError) and `unwrap` turns every error answer into
// ApiError (401 → login page). Only the domain modules in src/api/ use it; screens call their verb-first functions.
import createClient from 'openapi-fetch'
import type { paths } from './schema'
import { buildUrl, fetchRequest, type Query } from './http'

export type { paths }

// openapi-fetch needs an absolute base to build its Request (relative URLs only work in a browser).
const origin = typeof location === 'undefined' ? 'http://localhost' : location.origin

export const client = createClient<paths>({
  baseUrl: origin,
  fetch: fetchRequest,
  // As http.ts: empty, null and undefined values are left out; lists go comma-separated, the way the server reads them.
  querySerializer: (query) => buildUrl('/api/', joinLists(query as Query)).slice('/api/'.length + 1),
})

function joinLists(query: Query): Query {
  const out: Query = {}
  for (const [key, value] of Object.entries(query)) out[key] = Array.isArray(value) ? value.join(',') : value
  return out
}

type PathParams<P extends string> = P extends `${string}{${infer Name}}${infer Rest}`
  ? { [K in Name]: string | number } & PathParams<Rest>
  : unknown

/**
 * A schema path with its parameters filled in, for the requests openapi-fetch does not make (file downloads with
 * the server's file name, uploads with progress). The path itself is checked against the schema.
 */
export function pathOf<P extends keyof paths & string>(path: P, params?: PathParams<P>): string {
  const values = (params ?? {}) as Record<string, string | number>
  return path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(String(values[name])))
}

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete'

/** Query values as screens hold them: null and '' mean "no filter", lists may already be comma-joined. */
type LooseValue<T> = T extends boolean ? T | 'true' | 'false' : T extends (infer E)[] ? E[] | string : T

/** The query parameters of an operation (the server reads list values comma-separated). */
export type QueryOf<P extends keyof paths, M extends Method> = paths[P][M] extends { parameters: { query?: infer Q } }
  ? { [K in keyof NonNullable<Q>]?: LooseValue<NonNullable<NonNullable<Q>[K]>> | null | '' }
  : never

/** The JSON request body of an operation. */
export type BodyOf<P extends keyof paths, M extends Method> = paths[P][M] extends {
  requestBody?: { content: { 'application/json': infer B } }
}
  ? B
  : never
