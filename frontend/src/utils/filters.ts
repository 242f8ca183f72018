/**
 * How many of ``keys`` are set in a list's filters: a value that is not empty (null, '', an empty array) and not the
 * list's default for it (e.g. the project the user is working in). 更多筛选 shows this count on its button while the
 * row is folded, and opens on arrival when it is not 0 (a refresh or a link set one of them).
 */
export function filtersSet<T extends object>(filters: T, keys: readonly (keyof T)[], defaults: Partial<T> = {}): number {
  return keys.filter((key) => {
    const value = filters[key] as unknown
    if (key in defaults) return value !== defaults[key]
    if (Array.isArray(value)) return value.length > 0
    return value !== null && value !== undefined && value !== ''
  }).length
}
