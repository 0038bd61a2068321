/**
 * Hostile input: every channel of the contract (so new channels are covered automatically) gets ~40
 * generated invalid or random payloads through handleCall on a temp ledger holding the sample. Each
 * answer must be an envelope, never INTERNAL, never a throw, and the database must stay intact; an
 * input that happens to be valid is answered in the channel's declared output schema. FUZZ_SEED replays a run.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CHANNELS, type Channel } from '../../shared/ipc/channels.ts';
import { contract } from '../../shared/ipc/contract.ts';
import { AppError } from '../../electron/core/errors.ts';
import { handleCall } from '../../electron/core/handle-call.ts';
import { createRecoveryCore } from '../../electron/core/recovery.ts';
import { seeded } from '../helpers/crash.ts';
import { outputProblems } from '../helpers/output-check.ts';
import { tempCore, type TempCore } from '../helpers/temp-core.ts';

const SEED = Number(process.env.FUZZ_SEED ?? 4242);
const random = seeded(SEED);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;

const deep = (n: number): unknown => (n === 0 ? 'bottom' : { a: deep(n - 1), b: [n] });
const JUNK: readonly unknown[] = [
  undefined,
  null,
  0,
  -1,
  1.5,
  Number.MAX_SAFE_INTEGER,
  1e308,
  Number.NaN,
  Infinity,
  '',
  ' ',
  'x',
  '0',
  '-1',
  'null',
  '2017-02-30',
  'x'.repeat(100_000),
  '../../../etc/passwd',
  'C:\\Windows\\system32',
  "'; DROP TABLE project; --",
  '\u0000',
  '乡'.repeat(600),
  true,
  false,
  [],
  [1, 2, 3],
  [null],
  {},
  { id: 1 },
  deep(60),
  JSON.parse('{"__proto__": {"polluted": true}}'),
  { constructor: { prototype: { polluted: true } } },
  JSON.parse('{"__proto__": null}'),
];

/** Field names of the channel's input schema (from zod's JSON Schema, or by walking the shape). */
function fieldsOf(schema: z.ZodType): string[] {
  try {
    const js = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as {
      properties?: Record<string, unknown>;
      anyOf?: { properties?: Record<string, unknown> }[];
    };
    const props = js.properties ?? js.anyOf?.find((s) => s.properties)?.properties ?? {};
    return Object.keys(props);
  } catch {
    const shape = (schema as unknown as { shape?: Record<string, unknown> }).shape;
    return shape ? Object.keys(shape) : [];
  }
}

function payloads(channel: Channel): unknown[] {
  const fields = fieldsOf(contract[channel].input);
  const out: unknown[] = [...JUNK.slice(0, 14), ...JUNK.slice(20)];
  // Every field of the real schema, alone and wrongly typed.
  for (const f of fields)
    for (const v of [null, 123, -7, 'str', [], {}, true, 'x'.repeat(5000), 1.25]) out.push({ [f]: v });
  // Random combinations of real field names, junk values and unknown keys.
  for (let i = 0; i < 15; i++) {
    const o: Record<string, unknown> = {};
    for (let k = 0; k < 1 + Math.floor(random() * 5); k++)
      o[fields.length && random() < 0.8 ? pick(fields) : `k${k}`] = pick(JUNK);
    out.push(o);
  }
  return out;
}

let t: TempCore;
beforeAll(async () => {
  // As the 管理员, so that every channel's input is checked (a refused permission answers before the input).
  t = await tempCore({ role: '管理员' });
  await t.ok('app:onboard', { mode: 'demo' });
});
afterAll(() => t.cleanup());

describe(`fuzzing every channel (seed ${SEED})`, () => {
  it.each(CHANNELS.map((c) => [c]))('%s answers invalid input with an envelope, never INTERNAL', async (channel) => {
    const bad: string[] = [];
    const list = payloads(channel);
    expect(list.length).toBeGreaterThanOrEqual(30);
    const session = t.core.ctx.session;
    for (const input of list) {
      let r: Awaited<ReturnType<typeof handleCall>>;
      try {
        r = await handleCall(t.core, channel, input);
      } catch (e) {
        bad.push(`threw ${String(e)} for ${JSON.stringify(input)?.slice(0, 120)}`);
        continue;
      } finally {
        t.core.ctx.session = session; // session:logout (or a lucky login) must not change who fuzzes the next call
      }
      if (typeof r !== 'object' || r === null || typeof r.ok !== 'boolean')
        bad.push(`not an envelope for ${JSON.stringify(input)?.slice(0, 120)}`);
      else if (!r.ok && (r.error.code === 'INTERNAL' || typeof r.error.message !== 'string' || r.error.message === ''))
        bad.push(`${r.error.code} ${r.error.message} for ${JSON.stringify(input)?.slice(0, 120)}`);
      // An input the schema accepted (defaults filled in, unknown keys stripped) answers in the declared output schema too.
      else if (r.ok)
        for (const p of outputProblems(channel, r.data))
          bad.push(`答复不符合输出结构 ${p} for ${JSON.stringify(input)?.slice(0, 120)}`);
    }
    expect(bad).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('in recovery mode every channel answers with an envelope too', async () => {
    const rec = createRecoveryCore(
      { dbPath: t.file, log: () => {} },
      new AppError('DB_DAMAGED', '测试：数据库已损坏'),
      async () => {
        throw new Error('not reached');
      },
    );
    for (const channel of CHANNELS) {
      for (const input of [undefined, {}, null, { name: '../x.db' }, { name: 'nope.db' }, 'x']) {
        const r = await handleCall(rec, channel, input);
        expect(r.ok || r.error.code !== 'INTERNAL', `${channel} ${JSON.stringify(r)}`).toBe(true);
      }
    }
  });

  it('unknown channel names are refused', async () => {
    for (const name of ['', 'evil:channel', '__proto__', 'constructor', 'app:info ', 'x'.repeat(10_000)]) {
      const r = await handleCall(t.core, name, {});
      expect(!r.ok && r.error.code).toBe('VALIDATION');
    }
  });

  it('the database is intact and the audit chain unbroken afterwards', async () => {
    expect(t.core.ctx.db.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    expect((t.core.ctx.db.sqlite.pragma('foreign_key_check') as unknown[]).length).toBe(0);
    expect((await t.ok('audit:verify', {})).ok).toBe(true);
  });
});
