// Issue 14, "Done when": a 领导 opens the 总览, 红黄绿灯 and 资金 pages and no row in the database changes.
// The channels are not listed by hand: they are read from the pages' sources (and every module of the renderer
// they import), so a channel added to one of these pages later is called here too — or fails the test until an
// input is given for it below. Reads are called as the page calls them; the page's commands are called as well
// and must be refused to the 领导 before anything is written.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { isChannel, type Channel } from '../../shared/ipc/channels.ts';
import { mutates } from '../../shared/ipc/contract.ts';
import { periodEnd } from '../../shared/domain/period.ts';
import { changedTables, fingerprint } from '../helpers/db-fingerprint.ts';
import { useDemoCore } from '../helpers/demo-core.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const PAGES = {
  总览: 'renderer/src/features/dashboard/DashboardPage.tsx',
  红黄绿灯: 'renderer/src/features/lights/LightsPage.tsx',
  资金: 'renderer/src/features/funds/FundsPage.tsx',
};
// The frame around every page: the header, the session and the current period's provider.
const SHELL = 'renderer/src/app/App.tsx';

/** The renderer modules a page is made of: the file and, recursively, every relative import inside renderer/src. */
function modulesOf(entry: string, seen = new Set<string>()): Set<string> {
  const file = resolve(ROOT, entry);
  if (seen.has(file)) return seen;
  seen.add(file);
  for (const m of readFileSync(file, 'utf8').matchAll(/from '(\.[^']+\.tsx?)'/g)) {
    const dep = resolve(dirname(file), m[1]!);
    // The navigation leads to every page: the shell is App.tsx and its own parts, not the other pages.
    if (dep.startsWith(resolve(ROOT, 'renderer/src')) && dep !== resolve(ROOT, 'renderer/src/app/nav.tsx'))
      modulesOf(dep, seen);
  }
  return seen;
}

function channelsOf(entry: string): Channel[] {
  const found = new Set<Channel>();
  for (const file of modulesOf(entry)) {
    for (const m of readFileSync(file, 'utf8').matchAll(/\b(?:useChannelQuery|call)\(\s*'([\w:]+)'/g)) {
      if (!isChannel(m[1]!)) throw new Error(`${file} 调用了未知通道 ${m[1]}`);
      found.add(m[1]);
    }
  }
  return [...found].sort();
}

const demo = useDemoCore();

describe('a 领导 looking at the 总览, 红黄绿灯 and 资金 pages', () => {
  it('changes no row of any table (every table hashed), no commit is seen by another connection, and the file bytes stay the same', async () => {
    const { t, sql } = demo;
    // A real 领导 operator, signed in with a password as at the window (the sign-in writes nothing it is asked to read).
    await t.signIn('领导', '赵建国');
    const { period } = await t.ok('periods:current', {});
    expect(period).toBe('2017-09');
    const ids = sql().prepare('SELECT id FROM project WHERE deleted_at IS NULL ORDER BY id').pluck().all() as number[];
    const flowId = sql().prepare('SELECT min(id) FROM fund_flow').pluck().get() as number;

    // The inputs the pages send (reads), one or several per channel.
    const reads: Partial<Record<Channel, unknown[]>> = {
      'app:info': [{}],
      'app:elsewhere': [{}],
      'session:current': [{}],
      'session:active': [{}],
      'backups:list': [{}],
      'periods:current': [{}],
      'dashboard:summary': [{ period }, {}],
      'figures:period': [
        { period },
        { period, projectIds: ids.slice(0, 3) },
        { period, level: 'red', page: { offset: 0, limit: 100 } },
      ],
      'figures:set': [{ period }],
      'lights:history': ids.map((projectId) => ({ projectId })),
      'lights:rules:get': [{}],
      'funds:summary': [{ asOf: periodEnd(period) }, {}, { asOf: periodEnd(period), page: { offset: 0, limit: 50 } }],
      'funds:listFlows': [{}],
      'funds:pageFlows': [{ offset: 0, limit: 20 }],
      'projects:pick': [{ query: '', scope: 'all', ids: [], limit: 50 }],
      'operators:list': [{}],
      'recovery:status': [{}],
      'backups:preview': [],
    };
    // Not looking but choosing: signing in (done above) and out (the session lives in memory), and another month,
    // which stores the operator's preference (current-period.test.ts shows that is the only row it writes).
    const choices = new Set<Channel>(['periods:pick', 'session:login', 'session:logout']);

    const called = new Map<string, Channel[]>();
    for (const [page, entry] of Object.entries({ ...PAGES, 框架: SHELL })) called.set(page, channelsOf(entry));
    expect(called.get('总览')).toContain('dashboard:summary');
    expect(called.get('红黄绿灯')).toEqual(
      expect.arrayContaining(['figures:period', 'lights:history', 'lights:record']),
    );
    expect(called.get('资金')).toEqual(expect.arrayContaining(['funds:summary', 'funds:pageFlows']));
    const all = [...new Set([...called.values()].flat())].sort();
    const commands = all.filter((c) => mutates(c));
    const looks = all.filter((c) => !mutates(c) && !choices.has(c));
    expect(
      looks.filter((c) => !reads[c]),
      '页面调用的读取通道须在上面给出输入',
    ).toEqual([]);

    // Before: every table's rows, the second connection's data_version, the file's bytes after a checkpoint.
    const before = fingerprint(sql());
    const other = new Database(t.file, { readonly: true });
    const version = () => other.pragma('data_version', { simple: true }) as number;
    const bytes = () => {
      sql().pragma('wal_checkpoint(TRUNCATE)');
      return createHash('sha256').update(readFileSync(t.file)).digest('hex');
    };
    try {
      const bytesBefore = bytes();
      const versionBefore = version(); // after the checkpoint, which the other connection would see
      // Twice: the first look computes (cold cache), the second is served from memory.
      for (let round = 0; round < 2; round++) {
        for (const c of looks)
          for (const input of reads[c]!) {
            const r = await t.call(c, input as never);
            expect(r.ok, `${c} ${JSON.stringify(input)}：${r.ok ? '' : r.error.message}`).toBe(true);
          }
        for (const c of commands) {
          // Refused either way, nothing written: the input is checked before the role (handle-call.ts).
          const r = await t.call(
            c,
            (c === 'funds:removeFlow' ? { id: flowId } : c === 'lights:record' ? { period } : {}) as never,
          );
          expect(!r.ok && r.error.code, c).toMatch(/^(FORBIDDEN|VALIDATION)$/);
          if (c === 'lights:record' || c === 'funds:removeFlow') expect(!r.ok && r.error.code, c).toBe('FORBIDDEN');
        }
      }
      expect(changedTables(before, fingerprint(sql()))).toEqual([]);
      expect(version()).toBe(versionBefore);
      expect(bytes()).toBe(bytesBefore);
      // The history, the snapshots and the log stayed as they were: none of the reads recorded anything.
      expect(before.tables.warning!.rows).toBe(0);
      expect(commands).toEqual(expect.arrayContaining(['lights:record', 'funds:saveFlow', 'funds:removeFlow']));
    } finally {
      other.close();
    }
  });

  it('the same reads as a clerk record no light history either: only commands do', async () => {
    const { t, sql } = demo;
    const warnings = () => sql().prepare('SELECT count(*) FROM warning').pluck().get() as number;
    await t.ok('dashboard:summary', {});
    await t.ok('figures:period', { period: '2017-09' });
    await t.ok('reports:batch', { period: '2017-09' });
    await t.ok('reports:render', { doc: 'lagging', period: '2017-09' });
    await t.ok('excel:export', { template: 'T1', period: '2017-09' });
    expect(warnings()).toBe(0);
    expect((await t.ok('lights:record', { period: '2017-09' })).recorded).toBe(true);
    expect(warnings()).toBeGreaterThan(0);
  });
});
