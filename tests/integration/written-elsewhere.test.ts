/**
 * Another program on the same ledger (the CLI, a second window): the window learns of its writes through
 * app:elsewhere, and a 月报 save standing on a report that was changed meanwhile is refused instead of overwriting it.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createCore, type Core } from '../../electron/core/index.ts';
import { handleCall } from '../../electron/core/handle-call.ts';
import type { ReportRowRaw } from '../../shared/schemas/monthly-report.ts';
import { tempCore, type TempCore } from '../helpers/temp-core.ts';

let t: TempCore;
let cli: Core;
beforeEach(async () => {
  t = await tempCore();
  await t.ok('app:onboard', { mode: 'demo' });
  // the CLI: its own process and connection on the same file, a minute later
  cli = await createCore({
    dbPath: t.file,
    now: () => new Date('2017-10-08T09:01:00+08:00'),
    operator: '命令行',
    role: '录入员',
    log: () => {},
  });
});
afterEach(() => {
  cli.close();
  t.cleanup();
});

const idOf = (code: string) =>
  (t.core.ctx.db.sqlite.prepare('SELECT id FROM project WHERE code = ?').get(code) as { id: number }).id;
const entry = (projectId: number, monthWan: string, imageText: string): ReportRowRaw => ({
  projectId,
  monthWan,
  imageText,
  imagePct: 50,
});
const stored = (id: number) =>
  t.core.ctx.db.sqlite
    .prepare(`SELECT month_fen, image_text FROM progress WHERE project_id = ? AND period = '2017-10'`)
    .get(id) as { month_fen: number; image_text: string } | undefined;

it('app:elsewhere moves when another program commits, never for this core’s own writes', async () => {
  const id = idOf('2017-01-01');
  const first = (await t.ok('app:elsewhere', {})).version;
  await t.ok('reports:save', { period: '2017-10', rows: [entry(id, '10', '本窗口')] });
  expect((await t.ok('app:elsewhere', {})).version).toBe(first);
  const r = await handleCall(cli, 'reports:save', { period: '2017-10', rows: [entry(id, '20', '命令行')] });
  expect(r.ok).toBe(true);
  expect((await t.ok('app:elsewhere', {})).version).not.toBe(first);
});

it('a 月报 save standing on a report changed meanwhile is refused, names who and what, and writes nothing', async () => {
  const id = idOf('2017-01-01');
  const seen = (await t.ok('reports:batch', { period: '2017-10' })).rows.find((r) => r.projectId === id)!;
  expect(seen.updatedAt).toBeNull();
  // the CLI saves the report while the clerk types over the empty row
  expect(
    (await handleCall(cli, 'reports:save', { period: '2017-10', rows: [entry(id, '77.77', '命令行填报')] })).ok,
  ).toBe(true);
  const r = await t.call('reports:save', {
    period: '2017-10',
    rows: [{ ...entry(id, '66', '窗口填报'), basedOn: seen.updatedAt }],
  });
  expect(r.ok).toBe(false);
  if (r.ok) return;
  expect(r.error.code).toBe('VALIDATION');
  expect(r.error.issues?.[0]?.path).toBe(`project.${id}.basedOn`);
  // the time is the office's local time (this machine's zone)
  expect(r.error.message).toMatch(
    /已被命令行于2017年10月8日 \d\d:01改为本月完成投资 77\.77万元、形象进度“命令行填报”；/,
  );
  expect(r.error.message).toContain('您的输入未保存');
  expect(stored(id)).toEqual({ month_fen: 77_770_000, image_text: '命令行填报' });

  // standing on the report as it is now (the window read it again), the clerk's save goes through
  const now = (await t.ok('reports:batch', { period: '2017-10' })).rows.find((r) => r.projectId === id)!;
  await t.ok('reports:save', { period: '2017-10', rows: [{ ...entry(id, '66', '窗口填报'), basedOn: now.updatedAt }] });
  expect(stored(id)).toEqual({ month_fen: 66_000_000, image_text: '窗口填报' });
  // without basedOn (the CLI's own saves) there is no check
  expect((await handleCall(cli, 'reports:save', { period: '2017-10', rows: [entry(id, '5', '再改')] })).ok).toBe(true);
});

it('a report deleted meanwhile refuses a save that stood on it', async () => {
  const id = idOf('2017-01-01');
  await t.ok('reports:save', { period: '2017-10', rows: [entry(id, '10', '草稿')] });
  const seen = (await t.ok('reports:batch', { period: '2017-10' })).rows.find((r) => r.projectId === id)!;
  expect(seen.updatedAt).not.toBeNull();
  const blank = { projectId: id, monthWan: '', imageText: '', imagePct: null, issues: '', nextSteps: '', needs: '' };
  expect((await handleCall(cli, 'reports:save', { period: '2017-10', rows: [blank] })).ok).toBe(true);
  const r = await t.call('reports:save', {
    period: '2017-10',
    rows: [{ ...entry(id, '12', '改'), basedOn: seen.updatedAt }],
  });
  expect(r.ok).toBe(false);
  if (!r.ok) expect(r.error.message).toContain('已被他人或其他程序删除');
  expect(stored(id)).toBeUndefined();
});
