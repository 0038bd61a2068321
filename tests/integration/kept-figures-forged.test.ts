// The figures kept in the ledger file (the open month's 总览 and per-project figures, the 资金 figures) edited with a
// SQLite tool, as an outside tester did (总览 1-9月累计 10,140万 → 15,140万, 完成率 54.2% → 81.0%): `verify` said ok and
// a 领导's 总览 showed the forged figures in green. A reader now refuses a kept value whose MAC is not the program's
// (kept-mac.ts) and computes from the ledger.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { computePeriodFigures } from '../../electron/core/services/figures.service.ts';
import { lastRead } from '../../electron/core/services/figures-state.ts';
import { storedFigures } from '../../electron/core/services/figure-store.service.ts';
import { lastFundsRead } from '../../electron/core/services/funds-kept.ts';
import { figuresSlice, periodFigures } from '../../electron/core/services/period.service.ts';
import type { ProjectFigures } from '../../shared/schemas/figures.ts';
import type { ProjectFunds } from '../../shared/schemas/funds.ts';
import { useDemoCore } from '../helpers/demo-core.ts';
import { editAsTool } from '../helpers/kept-store.ts';

const demo = useDemoCore();
const PERIOD = '2017-09';
const AS_OF = '2017-09-30';
const ctx = () => demo.t.core.ctx;

const withTool = (edit: (tool: Database.Database) => void) => editAsTool(demo.t.file, edit);

/** The kept 总览's 1-9月累计 and 完成率 made 15,140万 and 81.0%, as the tester did. */
function forgeDashboard(): void {
  withTool((tool) => {
    const kept = JSON.parse(
      tool.prepare('SELECT dashboard FROM figure_store WHERE period = ?').pluck().get(PERIOD) as string,
    );
    kept.totals.ytdFen = 15_140_000_000;
    kept.totals.ytdPct = 81.0;
    tool.prepare('UPDATE figure_store SET dashboard = ? WHERE period = ?').run(JSON.stringify(kept), PERIOD);
  });
}

/**
 * A kept row with 50万 more 1-9月累计 for `other`, and the 红灯 project `red` listed as 绿灯 in the index the
 * 红黄绿灯 page picks its rows by.
 */
function forgeRows(other: ProjectFigures, red: ProjectFigures): void {
  withTool((tool) => {
    const layout = JSON.parse(
      tool.prepare('SELECT layout FROM figure_store WHERE period = ?').pluck().get(PERIOD) as string,
    ) as { keys: string[] };
    const at = layout.keys.indexOf('ytdFen');
    const row = tool
      .prepare('SELECT pos, data FROM figure_store_row WHERE period = ? AND project_id = ?')
      .get(PERIOD, other.id) as { pos: number; data: string };
    const a = JSON.parse(row.data) as unknown[];
    a[at] = (a[at] as number) + 50_000_000;
    tool
      .prepare('UPDATE figure_store_row SET data = ? WHERE period = ? AND pos = ?')
      .run(JSON.stringify(a), PERIOD, row.pos);
    tool.prepare(`UPDATE figure_store_row SET level = 'green' WHERE period = ? AND project_id = ?`).run(PERIOD, red.id);
  });
}

/** The kept 资金 figures at 2017-09-30 with 1,000万 more 到位 of `line` for `project`. */
function forgeFunds(project: ProjectFunds, line: ProjectFunds['bySource'][number]): void {
  withTool((tool) => {
    const kept = JSON.parse(tool.prepare('SELECT data FROM fund_store WHERE as_of = ?').pluck().get(AS_OF) as string);
    const p = (kept.projects as [number, ...unknown[]][]).find((x) => x[0] === project.id)!;
    const flat = p[8] as number[];
    const source = (kept.sources as string[]).indexOf(line.source);
    for (let i = 0; i < flat.length; i += 5) if (flat[i] === source) flat[i + 2] = flat[i + 2]! + 1_000_000_000;
    tool.prepare('UPDATE fund_store SET data = ? WHERE as_of = ?').run(JSON.stringify(kept), AS_OF);
  });
}

/** A 红灯 project without parts and another project with money reported this year (the sample has both). */
function twoProjects(): { red: ProjectFigures; other: ProjectFigures } {
  const truth = computePeriodFigures(ctx(), PERIOD);
  const red = truth.projects.find((p) => p.level === 'red' && !p.isParent)!;
  const other = truth.projects.find((p) => !p.isParent && p.id !== red.id && p.ytdFen > 0)!;
  return { red, other };
}

/** The 资金 page's figures at the month's end, kept in the file (the session wrote: they go there at close). */
async function fundsKeptInFile() {
  const truth = await demo.t.ok('funds:summary', { asOf: AS_OF });
  await demo.t.reopen();
  expect(await demo.t.ok('funds:summary', { asOf: AS_OF })).toEqual(truth);
  expect(lastFundsRead.from).toBe('file');
  const project = truth.projects.find((p) => p.arrivedFen > 0 && p.parentId === null)!;
  return { truth, project, line: project.bySource.find((l) => l.arrivedFen > 0)! };
}

describe('a reader given kept figures a tool edited computes them from the ledger', () => {
  it('the 总览 a 领导 opens shows the ledger’s figures, not the forged ones, and the refusal is logged once', async () => {
    const truth = await demo.t.ok('dashboard:summary', { period: PERIOD });
    expect(truth.totals).toMatchObject({ ytdFen: 10_140_000_000, ytdPct: 54.2 });
    forgeDashboard();
    // The core open during the edit (its cached 总览 dropped by the other program's commit) and a fresh one alike.
    expect(await demo.t.ok('dashboard:summary', { period: PERIOD })).toEqual(truth);
    const logged: string[] = [];
    await demo.t.reopen({ log: (m) => logged.push(m) });
    await demo.t.signIn('领导', '赵领导');
    expect(await demo.t.ok('dashboard:summary', { period: PERIOD })).toEqual(truth);
    expect(await demo.t.ok('dashboard:summary', { period: PERIOD })).toEqual(truth);
    expect(logged.filter((m) => m.includes('统计数字缓存（2017年9月总览与各项目数字）的校验码不符'))).toHaveLength(1);
  });

  it('a forged row and a forged light in the index: the figures and the 红黄绿灯 page are the ledger’s; the next write heals the file', async () => {
    const { red, other } = twoProjects();
    const truth = computePeriodFigures(ctx(), PERIOD);
    forgeRows(other, red);
    await demo.t.reopen();
    const reds = figuresSlice(ctx(), PERIOD, { level: 'red', page: { offset: 0, limit: 100 } });
    expect(reds.projects.map((p) => p.id)).toContain(red.id);
    expect(reds.projects).toEqual(truth.projects.filter((p) => p.level === 'red'));
    expect(periodFigures(ctx(), PERIOD)).toEqual(truth);
    expect(lastRead.figuresFrom).toBe('none'); // not patched from the forged rows: computed

    // The next write through the core writes the kept rows afresh: a core opened after it reads them again.
    await demo.t.ok('reports:return', { period: PERIOD, projectIds: [other.id], reason: '数字有误' });
    await demo.t.reopen();
    expect(storedFigures(ctx(), PERIOD)?.read()?.rolled).toEqual(computePeriodFigures(ctx(), PERIOD).projects);
  });

  it('a forged row whose digest was left alone is refused as well (the data against its digest)', async () => {
    const { red, other } = twoProjects();
    forgeRows(other, red);
    withTool((tool) =>
      tool.prepare(`UPDATE figure_store_row SET level = 'red' WHERE period = ? AND project_id = ?`).run(PERIOD, red.id),
    );
    await demo.t.reopen();
    expect(periodFigures(ctx(), PERIOD)).toEqual(computePeriodFigures(ctx(), PERIOD));
    expect(lastRead.figuresFrom).toBe('none');
    // the 红黄绿灯 page of the row: the index is intact, the row's data is not
    const page = figuresSlice(ctx(), PERIOD, { projectIds: [other.id] });
    expect(page.projects).toEqual(computePeriodFigures(ctx(), PERIOD).projects.filter((p) => p.id === other.id));
  });

  it('forged 资金 figures kept at close: the 资金 page shows the ledger’s', async () => {
    const { truth, project, line } = await fundsKeptInFile();
    forgeFunds(project, line);
    await demo.t.reopen();
    expect(await demo.t.ok('funds:summary', { asOf: AS_OF })).toEqual(truth);
    expect(lastFundsRead.from).toBe('none');
  });
});
