// `verify` holds the figures kept in the ledger file (the open month's 总览, each project's row and its place in the
// lights index, the 资金 figures) against the same figures computed from the ledger rows. The MACs stop a value a
// SQLite tool edited from being shown; they cannot catch one re-stamped by someone holding the key, or kept wrong by
// the program itself — `verify` said ok to those. A kept value behind the journal is recomputed by its reader and is
// not a finding.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { verifyDatabase } from '../../electron/cli/commands/safety.ts';
import { verifyAudit } from '../../electron/core/audit/audit.service.ts';
import { CANCELLED_MESSAGE, runInCallScope } from '../../electron/core/progress.ts';
import { computePeriodFigures } from '../../electron/core/services/figures.service.ts';
import { fundMac, headMac, keptKey } from '../../electron/core/services/kept-mac.ts';
import { storeHead } from '../../electron/core/repositories/figure-store.repository.ts';
import { useDemoCore } from '../helpers/demo-core.ts';
import { editAsTool, restampFigureStore } from '../helpers/kept-store.ts';

const demo = useDemoCore();
const PERIOD = '2017-09';
const AS_OF = '2017-09-30';
const ctx = () => demo.t.core.ctx;

const withTool = (edit: (tool: Database.Database) => void) => editAsTool(demo.t.file, edit);

/** The 资金 figures at the month's end kept in the file (a session that wrote keeps them at close). */
async function keepFundsInFile(): Promise<void> {
  await demo.t.ok('funds:summary', { asOf: AS_OF });
  await demo.t.reopen();
}

/** The kept 总览's 1-9月累计 made 15,140万 (the ledger says 10,140万), its MAC computed again with the seal key. */
function forgeDashboardWithKey(): void {
  withTool((tool) => {
    const kept = JSON.parse(
      tool.prepare('SELECT dashboard FROM figure_store WHERE period = ?').pluck().get(PERIOD) as string,
    );
    kept.totals.ytdFen = 15_140_000_000;
    tool.prepare('UPDATE figure_store SET dashboard = ? WHERE period = ?').run(JSON.stringify(kept), PERIOD);
  });
  const db = ctx().db;
  const head = storeHead(db, PERIOD)!;
  db.sqlite.prepare('UPDATE figure_store SET mac = ? WHERE period = ?').run(headMac(keptKey(db)!, head), PERIOD);
}

/** A project's kept 1-9月累计 50万 higher and a 红灯 project's place in the lights index made 绿灯, re-stamped. */
function forgeRowWithKey(): { red: string; other: string } {
  const truth = computePeriodFigures(ctx(), PERIOD);
  const red = truth.projects.find((p) => p.level === 'red' && !p.isParent)!;
  const other = truth.projects.find((p) => !p.isParent && p.id !== red.id && p.ytdFen > 0)!;
  withTool((tool) => {
    const { keys } = JSON.parse(
      tool.prepare('SELECT layout FROM figure_store WHERE period = ?').pluck().get(PERIOD) as string,
    ) as { keys: string[] };
    const row = tool
      .prepare('SELECT pos, data FROM figure_store_row WHERE period = ? AND project_id = ?')
      .get(PERIOD, other.id) as { pos: number; data: string };
    const a = JSON.parse(row.data) as number[];
    a[keys.indexOf('ytdFen')] = a[keys.indexOf('ytdFen')]! + 50_000_000;
    tool
      .prepare('UPDATE figure_store_row SET data = ? WHERE period = ? AND pos = ?')
      .run(JSON.stringify(a), PERIOD, row.pos);
    tool.prepare(`UPDATE figure_store_row SET level = 'green' WHERE period = ? AND project_id = ?`).run(PERIOD, red.id);
  });
  restampFigureStore(ctx().db, PERIOD);
  return { red: red.name, other: other.name };
}

/** The kept 资金 figures with 1,000万 more 到位 of one source for one top-level project, re-stamped. */
function forgeFundsWithKey(): { project: string; source: string } {
  let project = '';
  let source = '';
  withTool((tool) => {
    const kept = JSON.parse(tool.prepare('SELECT data FROM fund_store WHERE as_of = ?').pluck().get(AS_OF) as string);
    const p = (kept.projects as [number, number | null, string | null, number, string, ...unknown[]][]).find(
      (x) => x[1] === null && (x[8] as number[]).some((v, i) => i % 5 === 2 && v > 0),
    )!;
    const flat = p[8] as number[];
    const at = flat.findIndex((v, i) => i % 5 === 2 && v > 0);
    flat[at] = flat[at]! + 1_000_000_000;
    project = p[4];
    source = kept.sources[flat[at - 2]!];
    tool.prepare('UPDATE fund_store SET data = ? WHERE as_of = ?').run(JSON.stringify(kept), AS_OF);
  });
  const db = ctx().db;
  const row = db.sqlite.prepare('SELECT seq, data FROM fund_store WHERE as_of = ?').get(AS_OF) as {
    seq: number;
    data: string;
  };
  db.sqlite
    .prepare('UPDATE fund_store SET mac = ? WHERE as_of = ?')
    .run(fundMac(keptKey(db)!, AS_OF, row.seq, row.data), AS_OF);
  return { project, source };
}

describe('verify compares the kept figures with the ledger', () => {
  it('an untouched ledger: the kept 总览, rows, lights index and 资金 figures agree with the ledger', async () => {
    await keepFundsInFile();
    const v = await demo.t.ok('audit:verify', {});
    expect(v.ok).toBe(true);
    // the 总览, 34 projects' rows and the 资金 figures at the month's end
    expect(v.figures).toMatchObject({ ok: true, stale: 0, problems: [] });
    expect(v.figures!.checked).toBeGreaterThan(30);
    expect(v.message).toContain('保存的统计数字与台账一致');
    expect(verifyDatabase(demo.t.file)).toMatchObject({ ok: true, audit: { figures: { ok: true, stale: 0 } } });
  });

  it('a kept 总览 re-stamped with the key: verify names the figure, the month, the kept value and the ledger’s', async () => {
    forgeDashboardWithKey();
    // The MAC passes: the 总览 page shows the forged figure. verify is what tells.
    expect((await demo.t.ok('dashboard:summary', { period: PERIOD })).totals.ytdFen).toBe(15_140_000_000);
    const v = await demo.t.ok('audit:verify', {});
    expect(v.ok).toBe(false);
    expect(v.seals!.ok).toBe(true);
    const said = '2017年9月总览的1-9月累计完成投资保存为 15,140.00 万元，按台账计算为 10,140.00 万元';
    expect(v.figures!.problems).toEqual([said]);
    expect(v.message).toContain(`保存的统计数字与台账不一致：${said}`);
    // the CLI's verify, on a read-only connection of its own, says the same
    const cli = verifyDatabase(demo.t.file);
    expect(cli.ok).toBe(false);
    expect(cli.audit.message).toContain(said);
  });

  it('a kept project row and its light in the index re-stamped with the key: both named with the project', async () => {
    const { red, other } = forgeRowWithKey();
    const v = await demo.t.ok('audit:verify', {});
    expect(v.ok).toBe(false);
    const problems = v.figures!.problems;
    expect(problems).toContainEqual(
      expect.stringMatching(new RegExp(`^2017年9月项目“${other}”的1-9月累计完成投资保存为 `)),
    );
    expect(problems).toContainEqual(`2017年9月项目“${red}”在红黄绿灯索引中保存为 绿灯，按台账计算为 红灯`);
  });

  it('kept 资金 figures re-stamped with the key: the project, the source and both amounts are named', async () => {
    await keepFundsInFile();
    const { project, source } = forgeFundsWithKey();
    const v = await demo.t.ok('audit:verify', {});
    expect(v.ok).toBe(false);
    expect(v.figures!.problems).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^资金数字（截至2017年9月30日）中项目“${project}”的“${source}”到位资金保存为 [\\d,.]+ 万元，按台账计算为 `,
        ),
      ),
    );
  });

  it('kept figures behind the journal are recomputed by their readers: not a finding, even when they differ', async () => {
    await keepFundsInFile();
    forgeDashboardWithKey();
    // the journal moves past what is kept (as a write around the core does), without touching a sealed row
    withTool((tool) => tool.prepare('UPDATE derived_seq SET n = n + 1 WHERE id = 1').run());
    const v = await demo.t.ok('audit:verify', {});
    expect(v.figures).toMatchObject({ ok: true, checked: 0, stale: 2, problems: [] });
    expect(v.ok).toBe(true);
  });

  it('reports its stage and stops at a cancel', () => {
    const seen: string[] = [];
    runInCallScope({ progress: (stage, pct) => seen.push(`${stage} ${pct}`) }, () => verifyAudit(ctx()));
    expect(seen.some((s) => s.startsWith('核对保存的统计数字'))).toBe(true);
    // a cancel asked for once the comparison has begun
    const stages: string[] = [];
    expect(() =>
      runInCallScope(
        { progress: (stage) => stages.push(stage), cancelRequested: () => stages.includes('核对保存的统计数字') },
        () => verifyAudit(ctx()),
      ),
    ).toThrow(CANCELLED_MESSAGE);
  });
});
