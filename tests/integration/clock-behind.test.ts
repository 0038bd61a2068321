// The PC's clock set back (a flat CMOS battery: years back) is told to the window (app:info clockBehind), judged
// against the latest time the ledger recorded — its 修改记录 and its 登录记录 — on the core's own clock.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cli } from '../helpers/run-cli.ts';
import { tempCore, type TempCore } from '../helpers/temp-core.ts';

let t: TempCore;
let clock: Date;
const at = (iso: string) => (clock = new Date(iso));
beforeEach(async () => {
  at('2026-12-05T16:30:00+08:00');
  t = await tempCore({ role: '管理员', operator: '命令行', now: () => clock });
});
afterEach(() => t.cleanup());

const behind = async () => (await t.ok('app:info', {})).clockBehind;

describe('电脑日期不对', () => {
  it('is said when the clock reads earlier than the latest record, by more than ten minutes', async () => {
    expect(await behind()).toBeNull(); // a new ledger has no record to go by
    await t.ok('orgs:save', { name: '蒲州镇城建办' });
    at('2026-12-05T16:21:00+08:00'); // nine minutes back: a clock put right by the network, not a wrong one
    expect(await behind()).toBeNull();
    at('2009-01-01T08:00:00+08:00');
    expect(await behind()).toEqual({ now: '2009-01-01T00:00:00.000Z', latestAt: '2026-12-05T08:30:00.000Z' });
    // What is written meanwhile, dated 2009, does not hide it; once the clock is put right it goes.
    await t.ok('orgs:save', { name: '蒲州镇农业办' });
    expect((await behind())?.latestAt).toBe('2026-12-05T08:30:00.000Z');
    at('2026-12-06T09:00:00+08:00');
    expect(await behind()).toBeNull();
  });

  it('goes by the 登录记录 too: a sign-in is a record of when the PC was used', async () => {
    at('2026-12-05T16:00:00+08:00');
    const { id } = await t.ok('operators:save', { name: '郑晓明', role: '录入员', password: '郑晓明2017' });
    at('2026-12-05T16:30:00+08:00');
    await t.ok('session:login', { operatorId: id, password: '郑晓明2017' });
    t.core.ctx.session = { operatorId: null, operator: '命令行', role: '管理员' };
    at('2026-12-05T16:10:00+08:00'); // after every 修改记录 (16:00), 20 minutes before the sign-in
    expect(await behind()).toEqual({ now: '2026-12-05T08:10:00.000Z', latestAt: '2026-12-05T08:30:00.000Z' });
  });

  it('the CLI says it on stderr, and its --json document stays the one thing on stdout', async () => {
    at('2099-01-01T09:00:00+08:00'); // the ledger's records dated ahead of this machine's real clock
    await t.ok('orgs:save', { name: '蒲州镇城建办' });
    t.core.close();
    const r = await cli('stats', '--db', t.file, '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ projects: 0 });
    expect(r.err).toContain('警告：电脑的日期时间可能不对：本机现在是');
    expect(r.err).toContain('而台账里已有2099年1月1日 09:00的记录');
    await t.reopen({ role: '管理员', operator: '命令行' }); // for afterEach's cleanup
  });
});
