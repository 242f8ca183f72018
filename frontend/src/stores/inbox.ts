import { defineStore } from 'pinia'
import { ref } from 'vue'
import { getUnreadCount } from '@/api/notifications'

/** The unread count in the header, refreshed every minute while the app is open. */
export const useInboxStore = defineStore('inbox', () => {
  const unread = ref(0)
  let timer: ReturnType<typeof setInterval> | null = null

  async function refresh(): Promise<void> {
    try {
      unread.value = (await getUnreadCount()).unread
    } catch {
      // offline or signed out: keep the last number
    }
  }

  function start(): void {
    void refresh()
    if (!timer) timer = setInterval(() => void refresh(), 60_000)
  }

  function stop(): void {
    if (timer) clearInterval(timer)
    timer = null
  }

  return { unread, refresh, start, stop }
})
