// Issue 14, deliverables 2–4 on real SQLite: one current period (the latest open for reporting, or the operator's
// pick, remembered across restarts), reads that never write (lights recorded by commands), 关账 that lists the
// unreported projects and needs them confirmed, and a 督办单 printout with every order issued up to now.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/main.ts';
import { changedTables, fingerprint } from '../helpers/db-fingerprint.ts';
import { tempCore, tempDir, type TempCore } from '../helpers/temp-core.ts';

let t: TempCore;
afterEach(() => t?.cleanup());

/** The sample as an 审核人 would find it; the clock is 2017-10-08 unless a test says otherwise. */
async function sample(now = '2017-10-08T09:00:00+08:00') {
  t = await tempCore({ role: '审核人', operator: '周志强', now: () => new Date(now) });
  await t.ok('app:onboard', { mode: 'demo' });
}
const sql = () => t.core.ctx.db.sqlite;
const idOf = (code: string) => sql().prepare('SELECT id FROM project WHERE code = ?').pluck().get(code) as number;
const warnings = () => sql().prepare('SELECT count(*) FROM warning').pluck().get() as number;

describe('the current period', () => {
  it('is the latest period open for reporting, whatever the PC clock says; every default follows it', async () => {
    await sample('2026-11-20T10:00:00+08:00'); // the clock of the issue: 导出 opened at 2026-11
    expect(await t.ok('periods:current', {})).toEqual({
      period: '2017-09',
      auto: '2017-09',
      basis: '最近填报月份',
      closed: false,
      note: '最近有月报的月份，尚未关账',
    });
    expect((await t.ok('dashboard:summary', {})).period).toBe('2017-09');
    expect((await t.ok('reports:options', {})).period).toBe('2017-09');
  });

  it('an empty ledger takes the PC clock', async () => {
    t = await tempCore({ now: () => new Date('2026-11-20T10:00:00+08:00') });
    await t.ok('app:onboard', { mode: 'empty' });
    expect(await t.ok('periods:current', {})).toMatchObject({ period: '2026-11', basis: '本机日期' });
  });

  it('a pick is remembered per operator across pages and restarts, until a newer month opens; 关账 moves it on', async () => {
    await sample();
    expect(await t.ok('periods:pick', { period: '2017-08' })).toMatchObject({
      period: '2017-08',
      auto: '2017-09',
      basis: '选定',
    });
    expect((await t.ok('dashboard:summary', {})).period).toBe('2017-08');
    expect((await t.ok('reports:options', {})).period).toBe('2017-08');
    await t.reopen(); // a restart
    expect((await t.ok('periods:current', {})).period).toBe('2017-08');
    // Another operator has their own current period.
    await t.reopen({ operator: '郑晓明', role: '录入员' });
    expect((await t.ok('periods:current', {})).period).toBe('2017-09');
    await t.reopen();
    // Picking the automatic month forgets the pick (and writes only when something changes).
    await t.ok('periods:pick', { period: '2017-09' });
    const quiet = fingerprint(sql());
    await t.ok('periods:pick', { period: '2017-09' });
    expect(changedTables(quiet, fingerprint(sql()))).toEqual([]);
    // Picking writes the operator's preference, nothing else.
    await t.ok('periods:pick', { period: '2017-07' });
    // The pick is one setting row; the seal tables follow every write (electron/core/audit/row-seal.ts).
    expect(changedTables(quiet, fingerprint(sql()))).toEqual(['row_seal', 'seal_state', 'setting']);
    expect(sql().prepare("SELECT key, value FROM setting WHERE key LIKE 'ui.%'").all()).toEqual([
      { key: 'ui.周志强.currentPeriod', value: JSON.stringify({ period: '2017-07', basis: '2017-09' }) },
    ]);
    // Closing September opens October for reporting: the pick made against September has served its purpose.
    await t.ok('periods:close', { period: '2017-09' });
    expect(await t.ok('periods:current', {})).toEqual({
      period: '2017-10',
      auto: '2017-10',
      basis: '关账后下月',
      closed: false,
      note: '2017年9月已关账，当前填报2017年10月',
    });
    // Reports in October keep October current; once it closes too, November.
    await t.ok('reports:save', {
      period: '2017-10',
      rows: [{ projectId: idOf('2017-02'), monthWan: '10', imageText: '施工中' }],
    });
    expect((await t.ok('periods:current', {})).period).toBe('2017-10');
    const preview = await t.ok('periods:closePreview', { period: '2017-10' });
    await t.ok('periods:close', { period: '2017-10', confirmUnreported: preview.unreported.map((p) => p.id) });
    expect((await t.ok('periods:current', {})).period).toBe('2017-11');
  });

  it('refuses a malformed pick in Chinese', async () => {
    await sample();
    const r = await t.call('periods:pick', { period: '2017-13' });
    expect(!r.ok && r.error.message).toContain('期别格式应为年-月，如 2017-09');
  });
});

describe('reads never write; the light history is recorded by commands', () => {
  it('looking records nothing; saving a report records the lights before and after it, so a made-up red stays in the history', async () => {
    await sample();
    const center = idOf('2017-01-01'); // 新建旅游接待中心: red in October until its report
    await t.ok('figures:period', { period: '2017-10' });
    await t.ok('reports:batch', { period: '2017-10' });
    await t.ok('dashboard:summary', { period: '2017-10' });
    expect(warnings()).toBe(0);
    await t.ok('reports:save', {
      period: '2017-10',
      rows: [{ projectId: center, monthWan: '1500', imageText: '主体开工' }],
    });
    const invest = (await t.ok('lights:history', { projectId: center })).filter(
      (h) => h.period === '2017-10' && h.dimension === '投资进度',
    );
    expect(invest.map((h) => h.level)).toEqual(['yellow', 'red']);
    // A refused save writes nothing, the lights included.
    const before = fingerprint(sql());
    const bad = await t.call('reports:save', {
      period: '2017-10',
      rows: [{ projectId: center, monthWan: '-1', imageText: '错' }],
    });
    expect(bad.ok).toBe(false);
    expect(changedTables(before, fingerprint(sql()))).toEqual([]);
  });

  it('记录本期灯色: stores once, again only when a light changed; refused for a closed month and for a 领导', async () => {
    await sample();
    expect(await t.ok('lights:record', { period: '2017-09' })).toMatchObject({
      period: '2017-09',
      recorded: true,
      computedAt: expect.any(String),
    });
    const n = warnings();
    expect((await t.ok('lights:record', { period: '2017-09' })).recorded).toBe(false);
    expect(warnings()).toBe(n);
    await t.ok('periods:close', { period: '2017-09' });
    const closed = await t.call('lights:record', { period: '2017-09' });
    expect(!closed.ok && closed.error).toEqual({
      code: 'CONFLICT',
      message: '2017年9月已关账，灯色已在关账时记录，不再变化',
    });
    await t.reopen({ role: '领导', operator: '赵建国' });
    const leader = await t.call('lights:record', { period: '2017-10' });
    expect(!leader.ok && leader.error.code).toBe('FORBIDDEN');
  });
});

describe('关账 lists the projects without a report and asks first', () => {
  it('previews the unreported projects; closing needs every one of them confirmed; nothing is written when refused', async () => {
    await sample();
    // October: nothing reported yet but one draft.
    await t.ok('reports:save', {
      period: '2017-10',
      rows: [{ projectId: idOf('2017-02'), monthWan: '10', imageText: '施工中' }],
    });
    const preview = await t.ok('periods:closePreview', { period: '2017-10' });
    expect(preview).toMatchObject({ period: '2017-10', closed: false, mustReport: 25 });
    expect(preview.unreported).toHaveLength(25);
    expect(preview.unreported.find((p) => p.code === '2017-02')).toEqual({
      id: idOf('2017-02'),
      code: '2017-02',
      name: '生态园林休闲区',
      parentName: null,
      leadOrgName: '蒲州镇林业站',
      state: '草稿',
    });
    expect(preview.unreported.find((p) => p.code === '2017-01-01')).toMatchObject({
      parentName: '蒲州镇旅游景区提升工程',
      state: null,
    });
    // Parents report through their parts and are never listed.
    expect(preview.unreported.some((p) => p.code === '2017-01')).toBe(false);

    const before = fingerprint(sql());
    const plain = await t.call('periods:close', { period: '2017-10' });
    expect(!plain.ok && plain.error).toMatchObject({ code: 'CONFLICT' });
    expect(!plain.ok && plain.error.message).toMatch(
      /^2017年10月还有25个项目未报送月报（“新建旅游接待中心”、.*等25个项目），请确认后再关账$/,
    );
    const partial = await t.call('periods:close', {
      period: '2017-10',
      confirmUnreported: preview.unreported.slice(1).map((p) => p.id),
    });
    expect(!partial.ok && partial.error.message).toContain('其中“新建旅游接待中心”不在已确认的名单中');
    expect(changedTables(before, fingerprint(sql()))).toEqual([]);

    const ok = await t.ok('periods:close', {
      period: '2017-10',
      confirmUnreported: preview.unreported.map((p) => p.id),
    });
    expect(ok.closed).toBe(true);
    const log = sql()
      .prepare("SELECT reason FROM change_log WHERE entity = 'period' AND action = '关账'")
      .pluck()
      .get() as string;
    expect(log).toMatch(/^2017年10月关账（36个项目快照），经确认25个项目未报送：“新建旅游接待中心”/);
    // September: every project that owed a report submitted it, so it closes without asking.
    expect((await t.ok('periods:closePreview', { period: '2017-09' })).unreported).toEqual([]);
    expect((await t.ok('periods:close', { period: '2017-09' })).closed).toBe(true);
  });

  it('CLI period-close prints the list and needs --force or --yes; --json refuses with the list on stdout', async () => {
    const d = tempDir();
    const db = join(d.dir, 'cli.db');
    const cli = async (...argv: string[]) => {
      const out: string[] = [];
      const err: string[] = [];
      const code = await runCli(argv, { out: (s) => out.push(s), err: (s) => err.push(s) });
      return { code, out: out.join('\n'), err: err.join('\n') };
    };
    try {
      expect((await cli('seed-demo', '--db', db)).code).toBe(0);
      const asked = await cli('period-close', '--db', db, '--period', '2017-10', '--role', '审核人');
      expect(asked.code).toBe(1);
      expect(asked.out).toContain('2017年10月应报送月报25个项目，以下25个尚未报送：');
      expect(asked.out).toContain('2017-01-01   蒲州镇旅游景区提升工程 / 新建旅游接待中心（未填报，蒲州镇城建办）');
      // The last line of stderr (a loaded machine may log a slow call before it).
      expect(asked.err.split('\n').at(-1)).toBe(
        '错误：2017年10月有25个项目未报送月报，未关账；确认仍要关账请加 --force（或 --yes）',
      );
      const json = await cli('period-close', '--db', db, '--period', '2017-10', '--role', '审核人', '--json');
      expect(json.code).toBe(1);
      // One JSON document on stdout: the refusal's envelope carrying the list.
      expect(JSON.parse(json.out)).toMatchObject({
        ok: false,
        error: { code: 'CONFLICT' },
        period: '2017-10',
        closed: false,
        mustReport: 25,
        unreported: expect.any(Array),
      });
      expect(json.err.split('\n').at(-1)).toMatch(/^错误：2017年10月有25个项目未报送月报/);
      const forced = await cli(
        'period-close',
        '--db',
        db,
        '--period',
        '2017-10',
        '--role',
        '审核人',
        '--yes',
        '--json',
      );
      expect(forced.code).toBe(0);
      const closed = JSON.parse(forced.out) as { closed: boolean; unreported: unknown[] };
      expect(closed.closed).toBe(true);
      expect(closed.unreported).toHaveLength(25);
      // Nothing unreported: no flag needed, as before.
      expect((await cli('period-close', '--db', db, '--period', '2017-09', '--role', '审核人')).code).toBe(0);
      const force = await cli('period-close', '--db', db, '--period', '2017-11', '--role', '审核人', '--force');
      expect(force.code).toBe(0);
      expect(force.out).toMatch(/^2017年11月已关账（命令行，.*）\n经确认，关账时以下\d+个项目未报送：/);
      // lights reads; lights --record is the command-line 记录本期灯色.
      const count = () => {
        const db2 = new Database(db, { readonly: true });
        try {
          return db2.prepare("SELECT count(*) FROM warning WHERE period = '2017-12'").pluck().get() as number;
        } finally {
          db2.close();
        }
      };
      expect((await cli('lights', '--db', db, '--period', '2017-12', '--json')).code).toBe(0);
      expect(count()).toBe(0);
      const rec = await cli('lights', '--db', db, '--period', '2017-12', '--record', '--json');
      expect(rec.code).toBe(0);
      expect(JSON.parse(rec.out)).toMatchObject({ period: '2017-12' });
      expect(rec.err).toContain('已记录2017年12月灯色');
      expect(count()).toBeGreaterThan(0);
    } finally {
      d.cleanup();
    }
  });
});

describe('督办单 printout', () => {
  it('includes an order issued a minute before printing, whichever period is printed', async () => {
    await sample('2026-12-03T11:00:00+08:00');
    const center = idOf('2017-02');
    const order = await t.ok('supervision:create', {
      projectId: center,
      period: '2017-09',
      deadline: '2026-12-20',
      content: '加快进度',
    });
    for (const period of ['2017-09', '2017-10']) {
      const { html } = await t.ok('reports:render', { doc: 'supervision', period });
      expect(html, period).toContain(order.no);
    }
    // Printed again after another order: both are there (nothing stale).
    const second = await t.ok('supervision:create', {
      projectId: idOf('2017-22'),
      period: '2017-09',
      deadline: '2026-12-20',
      content: '尽快打通',
    });
    const { html } = await t.ok('reports:render', { doc: 'supervision', period: '2017-09' });
    expect(html).toContain(order.no);
    expect(html).toContain(second.no);
  });
});
