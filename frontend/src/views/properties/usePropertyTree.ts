import type { Building, Project } from '@/api/types'

export interface TreeNode {
  key: string
  label: string
  kind: 'company' | 'project' | 'building'
  id: number
  projectId?: number
  count?: number
  isLeaf?: boolean
}

/** City company → project nodes from the (already scope-filtered) project list. */
export function companyNodes(projects: Project[]): TreeNode[] {
  const seen = new Map<number, TreeNode>()
  for (const p of projects) {
    if (!seen.has(p.city_company)) {
      seen.set(p.city_company, { key: `c${p.city_company}`, label: p.city_company_name, kind: 'company', id: p.city_company })
    }
  }
  return [...seen.values()]
}

export function projectNodes(projects: Project[], companyId: number): TreeNode[] {
  return projects
    .filter((p) => p.city_company === companyId)
    .map((p) => ({ key: `p${p.id}`, label: p.name, kind: 'project', id: p.id, count: p.building_count }))
}

export function buildingNodes(buildings: Building[]): TreeNode[] {
  return buildings.map((b) => ({
    key: `b${b.id}`, label: b.name, kind: 'building', id: b.id, projectId: b.project, count: b.unit_count, isLeaf: true,
  }))
}
