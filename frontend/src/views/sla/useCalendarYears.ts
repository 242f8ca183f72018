import { computed, ref } from 'vue'
import { listCalendarDays, listCalendarYearDays, listCalendarYears, setCalendarYear } from '@/api/sla'
import type { CalendarDay, CalendarEntry, CalendarYear } from '@/api/types'
import { useResource } from '@/composables/useResource'

export type { CalendarEntry, CalendarYear }

/** One day of the chosen year as every period sees it, with the id of its table row when it has one (to delete). */
export interface YearDay extends CalendarEntry {
  rowId: number | null
}

/** Join the combined calendar's days with the table's rows of the same year (a row wins on its date). */
export function mergeRows(days: CalendarEntry[], rows: CalendarDay[]): YearDay[] {
  const ids = new Map(rows.map((row) => [row.date, row.id]))
  return days.map((day) => ({ ...day, rowId: ids.get(day.date) ?? null }))
}

/**
 * The 工作日历 tab: each year official (官方安排) or computed (按规则推算), the chosen year's days with their source,
 * and switching a year (the caller confirms first).
 */
export function useCalendarYears(initialYear: number) {
  const year = ref(initialYear)
  const years = useResource(listCalendarYears, [] as CalendarYear[], { initialLoading: true })
  const days = useResource(
    async () => {
      const [entries, rows] = await Promise.all([listCalendarYearDays(year.value), listCalendarDays(year.value)])
      return mergeRows(entries, rows)
    },
    [] as YearDay[],
    { initialLoading: true },
  )
  // A year the list does not show has no record: it is computed.
  const current = computed(() => years.data.value.find((row) => row.year === year.value) ?? null)
  const switching = ref<number | null>(null)

  async function show(value: number) {
    year.value = value
    await days.reload()
  }

  async function reload() {
    await Promise.all([years.reload(), days.reload()])
  }

  /** Mark ``value`` official (with the notice it follows) or computed, then reload both lists. */
  async function setOfficial(value: number, official: boolean, note = '') {
    switching.value = value
    try {
      await setCalendarYear(value, { official, note })
      await reload()
    } finally {
      switching.value = null
    }
  }

  return { year, years, days, current, switching, show, reload, setOfficial }
}
