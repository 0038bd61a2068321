/**
 * What the window is told after the core host died and came back, and what the calls under way are answered: both
 * follow what the new core's start reported ('ready' → started), never 台账保持操作前的样子 over a ledger that start
 * changed (a restore cut off by the crash finished, a new ledger begun, the seals renewed) or could not open. The
 * client is driven through stand-in carriers: each start is one, and the test decides what its 'ready' says.
 */
import { describe, expect, it } from 'vitest';
import type { StartNote } from '../../electron/core/core-types.ts';
import {
  CoreHostClient,
  HOST_DIED_MESSAGE,
  HOST_RESTARTED_NOTICE,
  restartNotice,
  type Carrier,
  type StartReport,
} from '../../electron/core-host/client.ts';
import type { HostMessage, ParentMessage } from '../../electron/core-host/protocol.ts';

const FINISHED: StartNote = {
  kind: 'restore-finished',
  message:
    '上次从备份“台账-20261206-105500-手动.db”恢复时，在替换台账文件之后程序意外中断（如断电或被强行关闭）：再次打开台账时已把这次恢复做完，台账现在是这份备份的数据。',
};
const RESEALED: StartNote = {
  kind: 'resealed',
  message:
    '打开台账时发现外部锚点文件不见了：已为台账重新封签，台账中的数据没有改动。请在“数据安全”中点“校验留痕”查看。',
};

/** A carrier whose host answers 'ready' with the next of `starts` (or dies at once, for 'dies'). */
function standIns(starts: (StartReport | 'dies')[]) {
  const carriers: { kill(): void; posted: ParentMessage[] }[] = [];
  const make = (): Carrier => {
    const start = starts.shift() ?? { mode: 'normal', started: [] };
    let onMessage: (m: HostMessage) => void = () => {};
    let onExit: (reason: string) => void = () => {};
    const posted: ParentMessage[] = [];
    carriers.push({ kill: () => onExit('线程退出，代码 1'), posted });
    setTimeout(() => (start === 'dies' ? onExit('线程退出，代码 1') : onMessage({ type: 'ready', ...start })), 5);
    return {
      sharedMemory: false,
      post: (m) => posted.push(m),
      onMessage: (l) => (onMessage = l),
      onExit: (l) => (onExit = l),
      terminate: async () => {},
    };
  };
  return { make, carriers };
}

describe('the words of a restart follow what the new start did', () => {
  it('a start that did nothing: the ledger is as the crash left it (the words of before)', () => {
    expect(restartNotice({ mode: 'normal', started: [] })).toBe(HOST_RESTARTED_NOTICE);
    expect(HOST_RESTARTED_NOTICE).toContain('台账保持操作前的样子');
  });

  it('a restore the start finished: its own words, not 台账保持操作前的样子, then sign in again', () => {
    const said = restartNotice({ mode: 'normal', started: [FINISHED] });
    expect(said).toBe(`程序核心意外停止，已自动重新启动。${FINISHED.message}请重新登录后再继续。`);
    expect(said).not.toContain('台账保持操作前的样子');
  });

  it('other repairs: the operation under way did not finish, and what the start did is said', () => {
    expect(restartNotice({ mode: 'normal', started: [RESEALED] })).toBe(
      `程序核心意外停止，已自动重新启动。正在进行的操作没有完成。${RESEALED.message}请重新登录后再继续。`,
    );
  });

  it('a file the new core cannot open: said, and no sign-in asked for (the recovery screen comes up)', () => {
    const said = restartNotice({
      mode: 'recovery',
      started: [
        { kind: 'cannot-open', message: '台账文件“town-ledger.db”已损坏（文件头不是 SQLite 数据库），无法打开。' },
      ],
    });
    expect(said).toBe(
      '程序核心意外停止，已自动重新启动，但台账文件现在无法打开：台账文件“town-ledger.db”已损坏（文件头不是 SQLite 数据库），无法打开。请按窗口中的说明处理。',
    );
    expect(said).not.toContain('请重新登录');
  });
});

describe('the client answers the calls under way once the restart has reported', () => {
  it('with the words of that start; the restarted event carries its report', async () => {
    const { make, carriers } = standIns([
      { mode: 'normal', started: [] },
      { mode: 'normal', started: [FINISHED] },
    ]);
    const client = new CoreHostClient(make);
    expect(await client.start()).toBe('normal');
    const restarted = new Promise<unknown[]>((ok) => client.once('restarted', (...args: unknown[]) => ok(args)));
    const pending = client.call('backups:restore', { name: '台账-20261206-105500-手动.db' });
    carriers[0]!.kill();
    expect(await pending).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: `程序核心意外停止，已自动重新启动。${FINISHED.message}` },
    });
    expect(await restarted).toEqual(['normal', { mode: 'normal', started: [FINISHED] }]);
    expect(client.lastStart).toEqual({ mode: 'normal', started: [FINISHED] });
  });

  it('a start that did nothing: the answer of before', async () => {
    const { make, carriers } = standIns([]);
    const client = new CoreHostClient(make);
    await client.start();
    const pending = client.call('projects:list', {});
    carriers[0]!.kill();
    expect(await pending).toEqual({ ok: false, error: { code: 'INTERNAL', message: HOST_DIED_MESSAGE } });
  });

  it('a host that does not come back: the calls are told so, not that it was restarted', async () => {
    const { make, carriers } = standIns([{ mode: 'normal', started: [] }, 'dies']);
    const client = new CoreHostClient(make);
    await client.start();
    const failed = new Promise<string>((ok) => client.once('failed', ok));
    const pending = client.call('projects:list', {});
    carriers[0]!.kill();
    const r = await pending;
    expect(r.ok ? '' : r.error.message).toMatch(/^程序核心.*请关闭本程序后重新打开/);
    expect(r.ok ? '' : r.error.message).not.toContain('已自动重新启动');
    expect(r.ok ? '' : r.error.message).toContain(await failed);
  });
});
