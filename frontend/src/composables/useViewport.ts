import { onBeforeUnmount, onMounted, ref } from 'vue'

/** True while the window is phone-sized (the layout switches to a drawer menu and stacked forms). */
export function useIsMobile(breakpoint = 768) {
  const isMobile = ref(typeof window !== 'undefined' && window.innerWidth < breakpoint)
  const update = () => {
    isMobile.value = window.innerWidth < breakpoint
  }
  onMounted(() => window.addEventListener('resize', update))
  onBeforeUnmount(() => window.removeEventListener('resize', update))
  return isMobile
}
