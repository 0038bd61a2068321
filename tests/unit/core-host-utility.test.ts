/**
 * The utility-process side of the core host, driven through a stand-in for Electron's parentPort (no Electron binary
 * here): the config message opens the real core over a real ledger file, calls answer with the same envelopes as
 * handleCall, progress events carry the call's id, and a dialog the core needs is asked of the parent and answered.
 */
import { EventEmitter } from 'node:events';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { HostMessage, ParentMessage } from '../../electron/core-host/protocol.ts';
import { startUtilityHost, type UtilityParentPort } from '../../electron/core-host/utility-host.ts';
import { tempDir } from '../helpers/temp-core.ts';

class FakeParentPort extends EventEmitter implements UtilityParentPort {
  readonly sent: HostMessage[] = [];
  override on(event: 'message', listener: (e: { data: unknown }) => void): this {
    return super.on(event, listener);
  }
  postMessage(m: unknown): void {
    // What Electron does between processes: a structured clone.
    const copy = structuredClone(m) as HostMessage;
    this.sent.push(copy);
    this.emit('sent', copy);
  }
  /** The parent sends (structured clone, delivered as a MessageEvent's data). */
  send(m: ParentMessage | { type: 'config'; config: unknown }): void {
    this.emit('message', { data: structuredClone(m) });
  }
  next(pred: (m: HostMessage) => boolean): Promise<HostMessage> {
    const hit = this.sent.find(pred);
    if (hit) return Promise.resolve(hit);
    return new Promise((ok) => {
      const on = (m: HostMessage) => {
        if (!pred(m)) return;
        this.off('sent', on);
        ok(m);
      };
      this.on('sent' as 'message', on as never);
    });
  }
}

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

describe('core host in a utility process (fake parentPort)', () => {
  it('opens the ledger from the config message, answers calls with progress, and asks the parent for a dialog', async () => {
    const { dir, cleanup } = tempDir('utility-host-');
    const port = new FakeParentPort();
    const running = startUtilityHost(port);
    port.send({ type: 'config', config: { dbPath: join(dir, 'ledger.db'), ports: ['dialogs'], holder: 'app' } });
    const host = await running;
    cleanups.push(() => {
      host.close();
      cleanup();
    });
    expect(await port.next((m) => m.type === 'ready' || m.type === 'fatal')).toEqual({
      type: 'ready',
      mode: 'normal',
      started: [],
    });

    // Every session starts signed out: the first run sets up the ledger and signs its 管理员 in.
    port.send({
      type: 'call',
      id: 100,
      channel: 'app:onboard',
      input: { mode: 'empty', townName: '蒲州镇', fiscalYear: 2026, adminName: '王管理', adminPassword: '王管理2026' },
    });
    expect(await port.next((m) => m.type === 'result' && m.id === 100)).toMatchObject({ result: { ok: true } });

    port.send({
      type: 'call',
      id: 1,
      channel: 'projects:create',
      input: { name: '村道硬化', planYear: 2026, location: '镇区', scope: '硬化 1 公里', totalWan: '50' },
    });
    const created = await port.next((m) => m.type === 'result' && m.id === 1);
    expect(created).toMatchObject({ type: 'result', id: 1, result: { ok: true, data: { name: '村道硬化' } } });

    // A bad input is refused in Chinese by the same pipeline.
    port.send({ type: 'call', id: 2, channel: 'projects:create', input: { name: '' } });
    const refused = await port.next((m) => m.type === 'result' && m.id === 2);
    expect(refused).toMatchObject({ result: { ok: false, error: { code: 'VALIDATION' } } });

    // A backup reports progress under its call id.
    port.send({ type: 'call', id: 3, channel: 'backups:create', input: { target: 'auto' } });
    const backedUp = await port.next((m) => m.type === 'result' && m.id === 3);
    expect(backedUp).toMatchObject({ result: { ok: true } });
    expect(port.sent.some((m) => m.type === 'progress' && m.id === 3 && m.stage === '复制数据库')).toBe(true);

    // The core needs a save dialog: it asks the parent through the port, and the parent's answer comes back.
    port.send({ type: 'call', id: 4, channel: 'dialog:saveFile', input: { kind: 'xlsx', defaultName: '修改留痕' } });
    const ask = await port.next((m) => m.type === 'port');
    expect(ask).toMatchObject({ type: 'port', port: 'dialogs', method: 'saveFile' });
    port.send({ type: 'port-result', id: (ask as { id: number }).id, ok: true, value: join(dir, '修改留痕.xlsx') });
    const saved = await port.next((m) => m.type === 'result' && m.id === 4);
    expect(saved).toMatchObject({ result: { ok: true, data: { token: expect.any(String) } } });

    // A parent that cannot show it refuses with its own Chinese business error, kept as such.
    port.send({ type: 'call', id: 5, channel: 'dialog:saveFile', input: { kind: 'xlsx', defaultName: '修改留痕' } });
    const ask2 = await port.next((m) => m.type === 'port' && m.id !== (ask as { id: number }).id);
    port.send({
      type: 'port-result',
      id: (ask2 as { id: number }).id,
      ok: false,
      message: '浏览器方式不能弹出对话框',
      code: 'CONFLICT',
    });
    expect(await port.next((m) => m.type === 'result' && m.id === 5)).toMatchObject({
      result: { ok: false, error: { code: 'CONFLICT', message: '浏览器方式不能弹出对话框' } },
    });
  }, 60_000);
});
