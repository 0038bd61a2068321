// @vitest-environment happy-dom
/**
 * A question asked ahead (lib/ask-ahead.ts: 打印's first preview as the page is made, the 台账's search from the
 * keystroke): taken once by the next asker of the very same thing, asked afresh otherwise — another input, another
 * tag (a reload since), too old, or already taken — on a real core behind window.api.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { askAhead } from '../../renderer/src/lib/ask-ahead.ts';
import { openCoreBridge, type CoreBridge } from './core-bridge.ts';

let bridge: CoreBridge;
beforeEach(async () => {
  bridge = await openCoreBridge();
});
afterEach(() => bridge.close());

describe('askAhead', () => {
  it('answers the same question from the one asked ahead, once', async () => {
    const ahead = askAhead('orgs:list');
    ahead.ask({});
    expect(bridge.asked).toEqual(['orgs:list']);
    const first = await ahead.take({});
    expect(bridge.asked).toEqual(['orgs:list']);
    expect(first).toEqual(await bridge.t.ok('orgs:list', {}));
    await ahead.take({});
    expect(bridge.asked).toEqual(['orgs:list', 'orgs:list']);
  });

  it('asks afresh for another tag (a reload since), and after a write the answer is the new one', async () => {
    const ahead = askAhead('orgs:list');
    ahead.ask({}, 0);
    await bridge.t.ok('orgs:save', { name: '县住建局', level: '县', kind: '县直部门' });
    const after = await ahead.take({}, 1);
    expect(bridge.asked).toEqual(['orgs:list', 'orgs:list']);
    expect(after.map((o) => o.name)).toContain('县住建局');
  });

  it('asks afresh once the held answer is older than its limit', async () => {
    const ahead = askAhead('orgs:list', 20);
    ahead.ask({});
    await new Promise((r) => setTimeout(r, 40));
    await ahead.take({});
    expect(bridge.asked).toEqual(['orgs:list', 'orgs:list']);
  });
});
