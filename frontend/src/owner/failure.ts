import { ApiError } from '@/api/http'

/** The message to show for a failed call, and the first message of a field when there is one. */
export function failureText(error: unknown): string {
  if (error instanceof ApiError) return error.message
  return error instanceof Error ? error.message : String(error)
}

export function fieldText(error: unknown, field: string): string {
  return error instanceof ApiError ? (error.fieldError(field) ?? '') : ''
}
