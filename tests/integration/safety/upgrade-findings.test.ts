// An upgrade must not launder an edit made behind the app's back: a ledger sealed and anchored by this version,
// edited with the sqlite3 tool while closed, then opened by a version with one more migration (which re-seals every
// row) — verify names the same rows, the same way, after the upgrade as before it, and the app's next write keeps them.
import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS, type Migration } from '../../../electron/core/db/migrations/index.ts';
import { tempCore, type TempCore } from '../../helpers/temp-core.ts';

let t: TempCore | null = null;
afterEach(() => {
  t?.cleanup();
  t = null;
});

/** Runs SQL on the ledger file with the sqlite3 command-line tool, as someone editing it behind the app would. */
const sqliteTool = (file: string, sql: string) => execFileSync('sqlite3', [file, sql], { encoding: 'utf8' }).trim();

/** The next version's migration: a column on a table the edits do not touch (or on `table`). */
const nextVersion = (table = 'org_unit'): Migration[] => [
  ...MIGRATIONS,
  { name: '9001_test_add_column', up: (s) => s.exec(`ALTER TABLE ${table} ADD COLUMN test_note TEXT`) },
];

async function ledger(): Promise<TempCore> {
  t = await tempCore();
  await t.ok('app:onboard', { mode: 'demo' });
  await t.ok('projects:create', {
    name: '升级测试项目',
    planYear: 2017,
    location: '镇区',
    scope: '测试用',
    totalWan: '12.5',
  });
  return t;
}

/** What verify names: each row problem and the count/anchor findings, in its words. */
async function findings(c: TempCore) {
  const v = await c.ok('audit:verify', {});
  return {
    ok: v.ok,
    problems: v.seals!.problems.map((p) => ({ table: p.table, rowKey: p.rowKey, kind: p.kind, message: p.message })),
    anchor: v.seals!.anchor?.message,
  };
}

/** Edits the closed ledger, reads verify with this version, then opens it with the next: verify as before. */
/** The app's next write (a new project), then verify's findings: the write must not clear them. */
async function findingsAfterWrite(c: TempCore) {
  await c.ok('projects:create', { name: '之后新建', planYear: 2017, location: '镇区', scope: '测试用', totalWan: '1' });
  return findings(c);
}

async function editThenUpgrade(c: TempCore, sql: string, migrations = nextVersion()) {
  c.core.close();
  sqliteTool(c.file, sql);
  await c.reopen();
  const before = await findings(c);
  await c.reopen({ migrations });
  return { before, after: await findings(c) };
}

const id = (c: TempCore, sql: string) => sqliteTool(c.file, sql);

describe('an upgrade keeps what the seals said before it', () => {
  it('改动: a row changed with a SQLite tool is named after the upgrade as before; the start and the change log say so', async () => {
    const c = await ledger();
    const p = id(c, `SELECT id FROM project WHERE name = '升级测试项目'`);
    const { before, after } = await editThenUpgrade(c, `UPDATE project SET total_fen = total_fen * 10 WHERE id = ${p}`);
    expect(before.problems).toEqual([expect.objectContaining({ table: 'project', rowKey: p, kind: '改动' })]);
    expect(after).toEqual(before);
    expect(c.core.started.map((n) => n.kind)).toEqual(['migrated', 'changed-before-upgrade']);
    expect(c.core.started[1]!.message).toBe(
      '数据库结构升级前发现台账中有 1 条记录在程序之外被改动、加入或删除：升级后重新封签时保留了这些标记，没有把它们当作程序自己的修改。请在“数据安全”中点“校验留痕”查看。',
    );
    const log = c.core.ctx.db.sqlite
      .prepare(`SELECT operator, reason FROM change_log ORDER BY id DESC LIMIT 2`)
      .all()
      .reverse();
    expect(log).toEqual([
      { operator: '系统', reason: '数据库结构升级后重新封签' },
      {
        operator: '系统',
        reason: '升级前的校验发现台账中有 1 条记录在程序之外被改动、加入或删除：重新封签时保留了这些标记，校验仍会指出',
      },
    ]);
    // the app's next writes — elsewhere, and on that very row — do not clear it
    expect((await findingsAfterWrite(c)).problems).toEqual(before.problems);
    await c.ok('projects:update', { id: Number(p), patch: { location: '镇区东街' } });
    const later = await findings(c);
    expect(later.ok).toBe(false);
    expect(later.problems).toEqual([expect.objectContaining({ table: 'project', rowKey: p, kind: '改动' })]);
  });

  it('改动: the migration adds a column to the changed row’s own table: the row is still named, in the same words', async () => {
    const c = await ledger();
    const p = id(c, `SELECT id FROM project WHERE name = '升级测试项目'`);
    const { before, after } = await editThenUpgrade(
      c,
      `UPDATE project SET total_fen = total_fen * 10 WHERE id = ${p}`,
      nextVersion('project'),
    );
    expect(before.problems).toHaveLength(1);
    expect(after).toEqual(before);
  });

  it('改动: a row changed behind the app’s back and written by the app afterwards keeps its words too', async () => {
    const c = await ledger();
    const p = id(c, `SELECT id FROM project WHERE name = '升级测试项目'`);
    c.core.close();
    sqliteTool(c.file, `UPDATE project SET total_fen = total_fen * 10 WHERE id = ${p}`);
    await c.reopen();
    await c.ok('projects:update', { id: Number(p), patch: { location: '镇区东街' } });
    const before = await findings(c);
    expect(before.problems).toEqual([
      expect.objectContaining({ rowKey: p, message: expect.stringContaining('之后又经程序修改') }),
    ]);
    await c.reopen({ migrations: nextVersion('project') });
    expect(await findings(c)).toEqual(before);
  });

  it('新增: a row added without a seal stays without one', async () => {
    const c = await ledger();
    const { before, after } = await editThenUpgrade(
      c,
      `INSERT INTO project_tag (project_id, tag) SELECT id, '以奖代补' FROM project WHERE name = '升级测试项目'`,
    );
    expect(before.problems).toEqual([expect.objectContaining({ table: 'project_tag', kind: '新增' })]);
    expect(after).toEqual(before);
    expect((await findingsAfterWrite(c)).problems).toEqual(before.problems);
  });

  it('删除: a row deleted (its seal left) is named after the upgrade as before', async () => {
    const c = await ledger();
    const f = id(c, 'SELECT id FROM fund_flow ORDER BY id LIMIT 1');
    const { before, after } = await editThenUpgrade(c, `DELETE FROM fund_flow WHERE id = ${f}`);
    expect(before.problems).toEqual([expect.objectContaining({ table: 'fund_flow', rowKey: f, kind: '删除' })]);
    expect(after).toEqual(before);
    expect((await findingsAfterWrite(c)).problems).toEqual(before.problems);
  });

  it('a row deleted together with its seal: the table’s count still disagrees with its seals', async () => {
    const c = await ledger();
    const f = id(c, 'SELECT id FROM fund_flow ORDER BY id LIMIT 1');
    const { before, after } = await editThenUpgrade(
      c,
      `DELETE FROM fund_flow WHERE id = ${f}; DELETE FROM row_seal WHERE tbl = 'fund_flow' AND rk = '${f}'`,
    );
    expect(before.problems).toEqual([
      expect.objectContaining({ table: '', message: expect.stringContaining('封签记载') }),
    ]);
    expect(after).toEqual(before);
    expect(c.core.started.map((n) => n.kind)).toEqual(['migrated', 'changed-before-upgrade']);
    expect(c.core.started[1]!.message).toMatch(
      /^数据库结构升级前发现“资金到位与拨付”表有记录连同封签在程序之外被删除或加入：/,
    );
    expect((await findingsAfterWrite(c)).problems).toEqual(before.problems);
  });

  it('a row deleted with its seal and the count lowered to match: the anchor set aside at opening and the XOR still tell', async () => {
    const c = await ledger();
    const f = id(c, 'SELECT id FROM fund_flow ORDER BY id LIMIT 1');
    const { before, after } = await editThenUpgrade(
      c,
      `DELETE FROM fund_flow WHERE id = ${f}; DELETE FROM row_seal WHERE tbl = 'fund_flow' AND rk = '${f}';
       UPDATE seal_state SET n = n - 1 WHERE tbl = 'fund_flow'`,
    );
    expect(before.ok).toBe(false);
    expect(after.problems).toEqual(before.problems);
    expect(after.ok).toBe(false);
    expect(c.core.started.map((n) => n.kind)).toEqual(['migrated', 'anchor-mismatch', 'changed-before-upgrade']);
  });

  it('a row the migration itself removes is passed over: nothing is put back, nothing noted', async () => {
    const c = await ledger();
    const tag = `SELECT id, '以奖代补' FROM project WHERE name = '升级测试项目'`;
    const { before, after } = await editThenUpgrade(c, `INSERT INTO project_tag (project_id, tag) ${tag}`, [
      ...MIGRATIONS,
      {
        name: '9001_test_drop_tag',
        up: (s) => s.exec(`DELETE FROM project_tag WHERE (project_id, tag) IN (${tag})`),
      },
    ]);
    expect(before.problems).toHaveLength(1);
    expect(after.ok).toBe(true);
    expect(c.core.started.map((n) => n.kind)).toEqual(['migrated']);
  });

  it('a clean ledger upgraded verifies clean, with no note but the upgrade’s', async () => {
    const c = await ledger();
    c.core.close();
    await c.reopen({ migrations: nextVersion() });
    expect(c.core.started.map((n) => n.kind)).toEqual(['migrated']);
    const after = await findings(c);
    expect(after.ok).toBe(true);
    expect(after.problems).toEqual([]);
    expect(sqliteTool(c.file, `SELECT count(*) FROM change_log WHERE reason LIKE '升级前的校验%'`)).toBe('0');
  });
});
