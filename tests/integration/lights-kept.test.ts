// The lights kept beside the figure store's rows (migration 0010, figure-store.service.ts storedFiguresSlice): every
// kept row's light and parenthood, and the 红黄绿灯 page's slices served from them by a core that has just opened the
// ledger. Each case compares with an independent recomputation from the ledger's rows (computePeriodFigures), sliced
// here by hand, after writes through the core, a write by another core, the CLI's import and the app's import.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { Level } from '../../shared/domain/schedule.ts';
import type { PeriodFigures } from '../../shared/schemas/figures.ts';
import { createCore } from '../../electron/core/index.ts';
import { standardFiguresKey, storedFiguresSlice } from '../../electron/core/services/figure-store.service.ts';
import { computePeriodFigures } from '../../electron/core/services/figures.service.ts';
import { figuresKeptInMemory, lastRead } from '../../electron/core/services/figures-state.ts';
import { figuresSlice, periodFigures } from '../../electron/core/services/period.service.ts';
import { lightRulesInput } from '../../shared/schemas/lights.ts';
import { useDemoCore } from '../helpers/demo-core.ts';
import { cli } from '../helpers/run-cli.ts';

const demo = useDemoCore();
const { sql, idOf } = demo;
const PERIOD = '2017-09';
const journal = () => sql().prepare('SELECT n FROM derived_seq').pluck().get() as number;
const keptSeq = () =>
  sql().prepare('SELECT seq FROM figure_store WHERE period = ?').pluck().get(PERIOD) as number | undefined;
const keptLights = () =>
  sql()
    .prepare('SELECT pos, project_id, level, is_parent FROM figure_store_row WHERE period = ? ORDER BY pos')
    .raw(true)
    .all(PERIOD);

interface Slice {
  projectIds?: number[];
  level?: Level;
  page?: { offset: number; limit: number };
}

/** The slices the 红黄绿灯 page asks for: a page of all, a page of each light, a later page, a few projects by id. */
function slicesOf(all: PeriodFigures): Slice[] {
  const ids = all.projects.filter((_, i) => i % 3 === 0).map((p) => p.id);
  return [
    { page: { offset: 0, limit: 5 } },
    { page: { offset: 5, limit: 5 } },
    ...(['red', 'yellow', 'green'] as const).map((level) => ({ level, page: { offset: 0, limit: 4 } })),
    { level: 'yellow', page: { offset: 1, limit: 2 } },
    { projectIds: ids },
    { projectIds: [] },
  ];
}

/** A slice of figures computed from scratch, cut here without the code under test. */
function byHand(all: PeriodFigures, s: Slice): PeriodFigures {
  const listed = all.projects.filter(
    (p) => (!s.projectIds || s.projectIds.includes(p.id)) && (!s.level || p.level === s.level),
  );
  return s.page
    ? { ...all, projects: listed.slice(s.page.offset, s.page.offset + s.page.limit), projectsTotal: listed.length }
    : { ...all, projects: listed };
}

/** What the file keeps for the period (lights, and every slice served from it) equals a computation from scratch. */
function expectKeptLightsCurrent(): PeriodFigures {
  const ctx = demo.t.core.ctx;
  expect(keptSeq()).toBe(journal());
  const all = computePeriodFigures(ctx, PERIOD);
  expect(keptLights()).toEqual(all.projects.map((p, i) => [i, p.id, p.level, p.isParent ? 1 : 0]));
  for (const s of slicesOf(all)) expect(storedFiguresSlice(ctx, PERIOD, s), JSON.stringify(s)).toEqual(byHand(all, s));
  return all;
}

/** A freshly opened core answers the page from the file, without reading the figures into memory, equal to a computation. */
async function expectFreshCoreServesFromFile(): Promise<void> {
  await demo.t.reopen();
  const ctx = demo.t.core.ctx;
  const all = computePeriodFigures(ctx, PERIOD);
  for (const s of slicesOf(all)) {
    expect(await demo.t.ok('figures:period', { period: PERIOD, ...s }), JSON.stringify(s)).toEqual(byHand(all, s));
    expect(figuresKeptInMemory(ctx.db, standardFiguresKey(ctx, PERIOD))).toBe(false);
  }
  // …and the same slices once the figures are in memory.
  periodFigures(ctx, PERIOD);
  expect(figuresKeptInMemory(ctx.db, standardFiguresKey(ctx, PERIOD))).toBe(true);
  for (const s of slicesOf(all)) expect(figuresSlice(ctx, PERIOD, s)).toEqual(byHand(all, s));
}

const levels = (f: PeriodFigures) => f.projects.map((p) => p.level);

async function saveReport(id: number, monthWan: string): Promise<void> {
  await demo.t.ok('reports:return', { period: PERIOD, projectIds: [id], reason: '数字有误' });
  await demo.t.ok('reports:save', { period: PERIOD, rows: [{ projectId: id, monthWan, imageText: '主体施工' }] });
}

describe('the lights kept beside the figure store', () => {
  it('the sample has every light, parents among its projects; writes through the core keep the kept lights equal to a computation', async () => {
    const first = expectKeptLightsCurrent();
    for (const level of ['red', 'yellow', 'green'] as const)
      expect(
        first.projects.some((p) => p.level === level),
        level,
      ).toBe(true);
    expect(first.projects.some((p) => p.isParent)).toBe(true);
    await saveReport(idOf('2017-01-01'), '321.09');
    expectKeptLightsCurrent();
    await demo.t.ok('projects:update', { id: idOf('2017-01-02'), patch: { totalWan: '7000' } });
    expectKeptLightsCurrent();
    await demo.t.ok('projects:create', {
      name: '新建项目甲',
      planYear: 2017,
      location: '镇区',
      scope: '内容',
      totalWan: '100',
    });
    expectKeptLightsCurrent();
    // Stricter rules change lights across the ledger: the kept lights follow in the same transaction.
    const { rules } = await demo.t.ok('lights:rules:get', {});
    await demo.t.ok('lights:rules:save', {
      ...lightRulesInput(rules),
      paymentMinPct: 100,
    });
    const stricter = expectKeptLightsCurrent();
    expect(levels(stricter)).not.toEqual(levels(first));
    await expectFreshCoreServesFromFile();
  });

  it('another core (the CLI) writes in its own transaction: the kept lights are current, and this core serves them', async () => {
    const before = computePeriodFigures(demo.t.core.ctx, PERIOD);
    const other = await createCore({
      dbPath: demo.t.file,
      log: () => {},
      autoBackup: false,
      role: '审核人',
      operator: '周志强',
    });
    try {
      // Every project's month emptied: 投资进度 and 填报 lights change for many.
      other.ctx.db.tx(() =>
        other.ctx.db.sqlite.prepare('UPDATE progress SET month_fen = 0 WHERE period = ?').run(PERIOD),
      );
    } finally {
      other.close();
    }
    const after = expectKeptLightsCurrent();
    expect(levels(after)).not.toEqual(levels(before));
    await expectFreshCoreServesFromFile();
  });

  it('the CLI imports a county sheet (new projects): the kept lights are brought up to date by the import', async () => {
    const t2 = await demo.t.ok('excel:export', { template: 'T2', period: PERIOD });
    const dir = mkdtempSync(join(tmpdir(), 'lights-kept-'));
    try {
      const file = join(dir, '县里台账.xlsx');
      writeFileSync(file, Buffer.from(t2.base64, 'base64'));
      const projectsBefore = computePeriodFigures(demo.t.core.ctx, PERIOD).projects.length;
      const r = await cli('import', file, '--duplicates', 'create', '--year', '2017', '--json', '--db', demo.t.file);
      expect(r.code, r.err).toBe(0);
      const after = expectKeptLightsCurrent();
      expect(after.projects.length).toBeGreaterThan(projectsBefore);
      await expectFreshCoreServesFromFile();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the app imports a county sheet: the next read of the lights is a read of what the import kept, not a computation', async () => {
    const ctx0 = demo.t.core.ctx;
    periodFigures(ctx0, PERIOD);
    const t2 = await demo.t.ok('excel:export', { template: 'T2', period: PERIOD });
    const projectsBefore = computePeriodFigures(ctx0, PERIOD).projects.length;
    await demo.t.ok('excel:importApply', {
      fileName: '县里台账.xlsx',
      base64: t2.base64,
      year: 2017,
      duplicates: 'create',
    });
    const all = expectKeptLightsCurrent();
    expect(all.projects.length).toBeGreaterThan(projectsBefore);
    const ctx = demo.t.core.ctx;
    for (const s of slicesOf(all)) expect(figuresSlice(ctx, PERIOD, s)).toEqual(byHand(all, s));
    expect(lastRead.figures).toBe('kept');
    // Frozen at the write, as every reader shares them.
    expect(Object.isFrozen(periodFigures(ctx, PERIOD).projects[0]!.lights)).toBe(true);
    await expectFreshCoreServesFromFile();
  });

  it('a write around the core (the sqlite3 shell): the kept lights are behind the journal and not served; the page is still right', async () => {
    await demo.t.reopen();
    const ctx = demo.t.core.ctx;
    const raw = new Database(demo.t.file);
    try {
      raw.prepare('UPDATE progress SET month_fen = 0 WHERE period = ?').run(PERIOD);
    } finally {
      raw.close();
    }
    const all = computePeriodFigures(ctx, PERIOD);
    for (const s of slicesOf(all)) {
      expect(storedFiguresSlice(ctx, PERIOD, s)).toBeNull();
      expect(figuresSlice(ctx, PERIOD, s)).toEqual(byHand(all, s));
    }
    // The next write through the core catches the kept lights up.
    await saveReport(idOf('2017-01-01'), '1.00');
    expectKeptLightsCurrent();
  });
});
