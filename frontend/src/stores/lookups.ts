import { defineStore } from 'pinia'
import { ref } from 'vue'
import { listConsultants, listTags } from '@/api/customers'
import type { Consultant, Tag } from '@/api/types'

/** Small reference lists many screens share (tags, consultants), loaded once and refreshed on change. */
export const useLookupsStore = defineStore('lookups', () => {
  const tags = ref<Tag[]>([])
  const consultants = ref<Consultant[]>([])
  let tagsLoaded = false
  let consultantsLoaded = false

  async function loadTags(force = false): Promise<Tag[]> {
    if (!tagsLoaded || force) {
      tags.value = await listTags()
      tagsLoaded = true
    }
    return tags.value
  }

  async function loadConsultants(force = false): Promise<Consultant[]> {
    if (!consultantsLoaded || force) {
      consultants.value = await listConsultants()
      consultantsLoaded = true
    }
    return consultants.value
  }

  return { tags, consultants, loadTags, loadConsultants }
})
