import type { ProjectRow } from '../../../../shared/schemas/project.ts';

export type TreeRow = ProjectRow & { children?: TreeRow[] };

/** Nests sub-projects under their parent; orphans (parent filtered out) stay at the top. */
export function toTree(rows: ProjectRow[]): TreeRow[] {
  const byId = new Map<number, TreeRow>(rows.map((r) => [r.id, { ...r }]));
  const roots: TreeRow[] = [];
  for (const r of byId.values()) {
    const parent = r.parentId !== null ? byId.get(r.parentId) : undefined;
    if (parent) (parent.children ??= []).push(r);
    else roots.push(r);
  }
  return roots;
}
