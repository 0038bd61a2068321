// @vitest-environment happy-dom
// The window tells the core which calls the clerk caused (renderer/src/lib/api.ts): a call made with no key, click or
// scroll just before it is marked background and does not keep the session from its idle sign-out; the core's
// refusal then reaches the App's listener. A real core behind window.api, on its own clock (nothing sleeps).
import { renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { handleCall } from '../../electron/core/handle-call.ts';
import { call, onSignedOutIdle } from '../../renderer/src/lib/api.ts';
import { useTypingKeepsSession } from '../../renderer/src/lib/use-typing-keeps-session.ts';
import { tempCore, type TempCore } from '../helpers/temp-core.ts';

let t: TempCore;
let clock: Date;
const later = (minutes: number) => (clock = new Date(clock.getTime() + minutes * 60_000));
const marks: boolean[] = [];
const sent: string[] = [];
beforeEach(async () => {
  clock = new Date('2017-10-08T09:00:00+08:00');
  t = await tempCore({ now: () => clock });
  marks.length = 0;
  sent.length = 0;
  window.api = {
    invoke: (channel, input, _callId, background) => {
      marks.push(background === true);
      sent.push(`${channel}${background === true ? '（后台）' : ''}`);
      return handleCall(t.core, channel, input, { background: background === true });
    },
  };
  await t.signIn('录入员', '郑晓明');
});
afterEach(() => t.cleanup());

const press = () => window.dispatchEvent(new KeyboardEvent('keydown', { key: 'a' }));

describe('the window marks its own calls as background', () => {
  it('calls after a key press keep the session; calls nobody caused do not, and the refusal reaches the listener', async () => {
    for (let i = 0; i < 4; i++) {
      later(10);
      press();
      await call('orgs:list', {});
    }
    expect(marks).toEqual([false, false, false, false]);

    const heard: string[] = [];
    const stop = onSignedOutIdle((m) => heard.push(m));
    // The window judges by wall-clock time since the last key press (moved 11 s on here); the core by the test's clock.
    await new Promise((ok) => setTimeout(ok, 0));
    const realNow = Date.now;
    Date.now = () => realNow() + 11_000;
    try {
      for (let i = 0; i < 2; i++) {
        later(10);
        await call('orgs:list', {});
      }
      later(10);
      await expect(call('orgs:list', {})).rejects.toMatchObject({
        code: 'SIGNED_OUT_IDLE',
        message: '长时间未操作，已自动退出登录，请重新登录',
      });
    } finally {
      Date.now = realNow;
      stop();
    }
    expect(marks.slice(4)).toEqual([true, true, true]);
    expect(heard).toEqual(['长时间未操作，已自动退出登录，请重新登录']);
  });
});

describe('typing that calls nothing keeps the session (useTypingKeepsSession)', () => {
  afterEach(() => void vi.useRealTimers());

  it('once a minute while the clerk is at the window, as the clerk’s call; nothing once they stop', async () => {
    vi.useFakeTimers();
    const hook = renderHook(() => useTypingKeepsSession(true));
    // Forty minutes of typing in one box (the core's clock moves 10 minutes a window-minute): no other call.
    for (let minute = 0; minute < 4; minute++) {
      await vi.advanceTimersByTimeAsync(20_000);
      press(); // 40 s before the tick: past the 10 s a click's own calls are judged by
      later(10);
      await vi.advanceTimersByTimeAsync(40_000);
    }
    expect(sent).toEqual(Array(4).fill('session:active'));
    press();
    await call('orgs:list', {}); // 40 minutes after sign-in: still signed in
    // The clerk walks away: the window stops telling the core, and the session lapses.
    sent.length = 0;
    await vi.advanceTimersByTimeAsync(3 * 60_000);
    expect(sent).toEqual(['session:active']); // the minute of the last key press, then nothing
    later(31);
    await expect(call('orgs:list', {})).rejects.toMatchObject({ code: 'SIGNED_OUT_IDLE' });
    hook.unmount();
  });
});
