// A key a channel does not take is refused, named, and nothing is written — it was dropped silently, and
// `call projects:update {"id":1,"patch":{"totalFen":5}}` answered ok with the 总投资 as it was (the caller believed it
// saved). Through handleCall as the window calls it, and through the CLI's call as a script does.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Channel } from '../../shared/ipc/channels.ts';
import { handleCall } from '../../electron/core/handle-call.ts';
import { changedTables, fingerprint } from '../helpers/db-fingerprint.ts';
import { cli } from '../helpers/run-cli.ts';
import { cleanupAll, tempCore, tempDbFile, type TempCore } from '../helpers/temp-core.ts';

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('handleCall refuses a key its channel does not take', () => {
  let t: TempCore;
  let projectId: number;
  beforeAll(async () => {
    t = await tempCore({ role: '管理员' });
    await t.ok('app:onboard', { mode: 'demo' });
    projectId = (await t.ok('projects:list', {}))[0]!.id;
  });
  afterAll(() => t.cleanup());
  /** The ledger file's bytes, everything committed written into it. */
  const bytes = () => {
    t.core.ctx.db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    return sha256(t.file);
  };

  const cases: [string, Channel, () => unknown, string, string][] = [
    [
      'a patch’s field',
      'projects:update',
      () => ({ id: projectId, patch: { totalFen: 5 } }),
      'patch.totalFen',
      '不认识的字段“totalFen”（修改内容中）',
    ],
    [
      'a misspelt key at the top',
      'figures:period',
      () => ({ period: '2017-09', asof: '2017-10-01' }),
      'asof',
      '不认识的字段“asof”',
    ],
    [
      'a list row’s field',
      'plans:save',
      () => ({ projectId, plans: [{ year: 2017, planWan: '100', contnt: '主体施工' }] }),
      'plans.0.contnt',
      '年度计划第1行：不认识的字段“contnt”',
    ],
    [
      'a field of an optional part of an input that may be left out',
      'funds:summary',
      () => ({ asOf: null, page: { offset: 0, limit: 10, size: 10 } }),
      'page.size',
      '不认识的字段“size”（分页中）',
    ],
  ];

  it.each(cases)(
    '%s: VALIDATION naming it, its path, and the file byte for byte as it was',
    async (_, channel, input, path, message) => {
      const before = bytes();
      const r = await handleCall(t.core, channel, input());
      expect(r).toEqual({ ok: false, error: { code: 'VALIDATION', message, issues: [{ path, message }] } });
      expect(bytes()).toBe(before);
    },
  );

  it('the 总投资 stays as it was, and is saved when sent under the field the channel takes', async () => {
    const total = (await t.ok('projects:get', { id: projectId })).totalFen;
    expect((await t.call('projects:update', { id: projectId, patch: { totalFen: 5 } as never })).ok).toBe(false);
    expect((await t.ok('projects:get', { id: projectId })).totalFen).toBe(total);
    expect((await t.ok('projects:update', { id: projectId, patch: { totalWan: '5' } })).totalFen).toBe(5_000_000);
  });

  it('each unknown key is named, beside the other faults of the input', async () => {
    const r = await handleCall(t.core, 'plans:save', {
      projectId,
      plans: [
        { year: 2017, planWan: '100' },
        { year: '二〇一七', planWan: '1', a: 1, b: 2 },
      ],
    });
    expect(!r.ok && r.error.issues?.map((i) => i.path).sort()).toEqual(['plans.1.a', 'plans.1.b', 'plans.1.year']);
    expect(!r.ok && r.error.message).toContain('年度计划第2行：不认识的字段“a”；年度计划第2行：不认识的字段“b”');
  });

  it('a key whose value is undefined is no key (Electron’s structured clone carries it, JSON does not)', async () => {
    const r = await handleCall(t.core, 'projects:get', { id: projectId, asOf: undefined });
    expect(r.ok).toBe(true);
  });
});

describe('the CLI’s call refuses it too', () => {
  afterEach(() => {
    delete process.env.TOWN_LEDGER_PASSWORD;
    cleanupAll();
  });

  it('as an operator: exit 1, the envelope with the field’s path, no row changed but the sign-in’s own', async () => {
    const db = tempDbFile();
    expect((await cli('seed-demo', '--db', db, '--json')).code).toBe(0);
    process.env.TOWN_LEDGER_PASSWORD = '王管理2017';
    expect((await cli('user', 'add', '王管理', '--role', '管理员', '--db', db, '--json')).code).toBe(0);
    const list = await cli('call', 'projects:list', '{}', '--db', db, '--user', '王管理', '--json');
    const project = (JSON.parse(list.out) as { value: { id: number; totalFen: number }[] }).value[0]!;
    const rows = () => {
      const sql = new Database(db, { readonly: true });
      try {
        return fingerprint(sql);
      } finally {
        sql.close();
      }
    };
    const before = rows();

    const input = JSON.stringify({ id: project.id, patch: { totalFen: 5 } });
    const r = await cli('call', 'projects:update', input, '--db', db, '--user', '王管理', '--json');
    const message = '不认识的字段“totalFen”（修改内容中）';
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out)).toEqual({
      ok: false,
      error: { code: 'VALIDATION', message, issues: [{ path: 'patch.totalFen', message }] },
    });
    expect(r.err).toBe(`错误：${message}`);
    // --user signs in for the call, and a sign-in is written to the 登录记录 (and sealed) whatever the call then does
    expect(changedTables(before, rows())).toEqual(['row_seal', 'seal_state', 'sign_in_log']);
    const got = await cli(
      'call',
      'projects:get',
      JSON.stringify({ id: project.id }),
      '--db',
      db,
      '--user',
      '王管理',
      '--json',
    );
    expect((JSON.parse(got.out) as { value: { totalFen: number } }).value.totalFen).toBe(project.totalFen);
  });

  it('signed out: the ledger file and its anchor byte for byte as they were', async () => {
    const db = tempDbFile();
    expect((await cli('seed-demo', '--db', db, '--json')).code).toBe(0);
    const files = [db, `${db}-wal`, `${db}.anchor`].filter((f) => existsSync(f));
    const before = files.map(sha256);
    const r = await cli(
      'call',
      'session:login',
      '{"operatorId":1,"password":"x","remember":true}',
      '--db',
      db,
      '--signed-out',
      '--json',
    );
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out)).toEqual({
      ok: false,
      error: {
        code: 'VALIDATION',
        message: '不认识的字段“remember”',
        issues: [{ path: 'remember', message: '不认识的字段“remember”' }],
      },
    });
    expect([db, `${db}-wal`, `${db}.anchor`].filter((f) => existsSync(f))).toEqual(files);
    expect(files.map(sha256)).toEqual(before);
  });
});
