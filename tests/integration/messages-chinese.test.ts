/**
 * Every validation message a clerk can get is Chinese and names the field in Chinese: each channel of the
 * contract (new channels are covered by themselves) is called through handleCall, as the 管理员 so that no
 * permission answers first, with invalid inputs built from its own input schema — every field alone with wrong
 * kinds of values, list rows with wrong fields, wrong top-level values. No message may hold a Latin identifier
 * (tests/helpers/latin.ts lists the two acronyms allowed); every input field has a Chinese name in the registry.
 * The invalid values themselves hold no Latin letters, so a message that quotes the input is judged fairly.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CHANNELS, type Channel } from '../../shared/ipc/channels.ts';
import { contract } from '../../shared/ipc/contract.ts';
import { pathParts } from '../../shared/fields/labels.ts';
import { handleCall } from '../../electron/core/handle-call.ts';
import { latinWords } from '../helpers/latin.ts';
import { tempCore, type TempCore } from '../helpers/temp-core.ts';

type JS = {
  type?: string | string[];
  properties?: Record<string, JS>;
  items?: JS | JS[];
  anyOf?: JS[];
  oneOf?: JS[];
  allOf?: JS[];
};
type Path = (string | number)[];

/** Every field path of a channel's input (objects, list rows, alternatives), from zod's JSON Schema. */
function fieldPaths(channel: Channel): Path[] {
  const out: Path[] = [];
  const walk = (js: JS | undefined, path: Path) => {
    if (!js || typeof js !== 'object') return;
    for (const [k, v] of Object.entries(js.properties ?? {})) {
      out.push([...path, k]);
      walk(v, [...path, k]);
    }
    if (js.items && !Array.isArray(js.items)) walk(js.items, [...path, 0]);
    for (const s of [...(js.anyOf ?? []), ...(js.oneOf ?? []), ...(js.allOf ?? [])]) walk(s, path);
  };
  walk(z.toJSONSchema(contract[channel].input, { io: 'input', unrepresentable: 'any' }) as JS, []);
  return out;
}

const BAD_VALUES: unknown[] = [
  null,
  '',
  '乱码',
  '２０１７年１３月',
  123,
  -7,
  1.5,
  1e12,
  true,
  [],
  [null],
  {},
  { 某项: 1 },
];

/** An object with `value` at `path` (list indexes become one-row lists). */
function at(path: Path, value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  return typeof head === 'number' ? [at(rest, value)] : { [head!]: at(rest, value) };
}

function inputs(channel: Channel): unknown[] {
  const out: unknown[] = [undefined, null, 0, '乱码', [], {}, { 某项: 1 }];
  for (const p of fieldPaths(channel)) for (const v of BAD_VALUES) out.push(at(p, v));
  return out;
}

let t: TempCore;
beforeAll(async () => {
  t = await tempCore({ role: '管理员' });
  await t.ok('app:onboard', { mode: 'demo' });
});
afterAll(() => t.cleanup());

describe('validation messages', () => {
  it('name every input field of every channel in Chinese (the field registry covers the contract)', () => {
    const unnamed: string[] = [];
    for (const ch of CHANNELS)
      for (const p of fieldPaths(ch)) if (!pathParts(ch, p).leaf) unnamed.push(`${ch} ${p.join('.')}`);
    expect([...new Set(unnamed)]).toEqual([]);
  });

  it.each(CHANNELS.map((c) => [c]))('%s: no Latin identifier in any message for invalid input', async (channel) => {
    const bad = new Set<string>();
    let refused = 0;
    const session = t.core.ctx.session;
    for (const input of inputs(channel)) {
      const r = await handleCall(t.core, channel, input);
      t.core.ctx.session = session; // session:logout must not change who calls next
      if (r.ok) continue;
      refused++;
      for (const m of [r.error.message, ...(r.error.issues ?? []).map((i) => i.message)])
        if (latinWords(m).length) bad.add(`${JSON.stringify(input)?.slice(0, 80)} → ${m}`);
    }
    expect(refused).toBeGreaterThan(0);
    expect([...bad]).toEqual([]);
  });

  it('puts the Chinese field name in front of a generic message, never the key', async () => {
    const r = await t.call('reports:return', { period: '2017-09', projectIds: 1 as never, reason: null });
    expect(!r.ok && r.error.message).toBe('“所选项目”应为一组数据');
    const e = await t.call('supervision:escalate', { id: 1, reason: 5 as never });
    expect(!e.ok && e.error.message).toBe('“升级原因”应为文字');
    const f = await t.call('funds:saveFlow', {
      projectId: 1,
      date: '2017-09-30',
      type: '到位',
      source: '中央资金',
      amountWan: undefined as never,
    });
    expect(!f.ok && f.error.message).toBe('请填写金额');
    const p = await t.call('plans:save', { projectId: 1, plans: [{ year: 2017, planWan: '1', content: 7 as never }] });
    expect(!p.ok && p.error.message).toBe('年度计划第1行：“年度建设内容”应为文字');
  });
});
