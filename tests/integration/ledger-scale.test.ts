/** The ledger list with 20,000 projects: one lean SQL pass (indexed sub-queries), fast enough to open at once. */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { generateProjects } from '../helpers/generate-projects.ts';
import { tempCore, type TempCore } from '../helpers/temp-core.ts';

let t: TempCore;
beforeEach(async () => {
  t = await tempCore();
});
afterEach(() => t.cleanup());

it('lists 20,000 projects in one pass using the indexes', async () => {
  generateProjects(t.core.ctx.db, 20_000);
  const started = performance.now();
  const rows = await t.ok('projects:list', {});
  const ms = performance.now() - started;
  expect(rows).toHaveLength(20_000);
  expect(rows.filter((r) => r.parentId !== null).length).toBeGreaterThan(5000);
  console.log(`projects:list 20,000 rows: ${ms.toFixed(0)} ms`);
  expect(ms).toBeLessThan(30_000); // only a gross-regression guard: shared CI boxes vary tenfold; the figure is logged
  const plan = t.core.ctx.db.sqlite
    .prepare(`EXPLAIN QUERY PLAN SELECT (SELECT count(*) FROM project c WHERE c.parent_id = p.id AND c.deleted_at IS NULL),
      (SELECT coalesce(sum(i.amount_fen), 0) FROM project_item i WHERE i.project_id = p.id),
      (SELECT coalesce(sum(f.amount_fen), 0) FROM funding_plan f WHERE f.project_id = p.id),
      (SELECT group_concat(t.tag, '|') FROM project_tag t WHERE t.project_id = p.id),
      (SELECT group_concat(po.org_id) FROM project_org po WHERE po.project_id = p.id) FROM project p`)
    .all()
    .map((r) => (r as { detail: string }).detail)
    .join('\n');
  expect(plan).not.toMatch(/SCAN (c|i|f|t|po)\b/);
});
