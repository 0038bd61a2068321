// Every channel's input refuses keys it does not take (shared/schemas/strict.ts, shared/ipc/contract.ts): zod objects
// strip them, and a misspelt field was answered ok having done nothing. The twin keeps all the rest of a schema.
import { describe, expect, it } from 'vitest';
import { CHANNELS } from '../../shared/ipc/channels.ts';
import { contract } from '../../shared/ipc/contract.ts';
import { strictTwin } from '../../shared/schemas/strict.ts';
import { z } from '../../shared/schemas/zod-zh.ts';

type Def = Record<string, unknown> & { type: string };
const defOf = (s: unknown) => (s as { _zod: { def: Def } })._zod.def;

/**
 * The objects of a schema that let an unknown key through, by path, walking every part zod keeps in a def (not the
 * twin's own walk: a kind of part it does not know is still reached here), and the parts that cannot be made strict.
 */
function looseObjects(schema: unknown, path: string, found: string[], seen: Set<unknown>): void {
  if (seen.has(schema)) return;
  seen.add(schema);
  const def = defOf(schema);
  if (def.type === 'object' && defOf(def.catchall ?? z.unknown()).type !== 'never')
    found.push(`${path}: 不拒绝未知字段`);
  if (def.type === 'intersection') found.push(`${path}: intersection`);
  if (def.shape) for (const [k, v] of Object.entries(def.shape)) looseObjects(v, `${path}.${k}`, found, seen);
  for (const key of ['element', 'innerType', 'in', 'out', 'valueType', 'left', 'right', 'rest', 'catchall'])
    if (def[key]) looseObjects(def[key], path, found, seen);
  for (const key of ['options', 'items'])
    if (Array.isArray(def[key])) for (const v of def[key] as unknown[]) looseObjects(v, path, found, seen);
  if (def.type === 'lazy') looseObjects((def.getter as () => unknown)(), path, found, seen);
}

describe('strict channel inputs', () => {
  it('every object in every channel’s input refuses keys it does not declare', () => {
    const found: string[] = [];
    for (const channel of CHANNELS) looseObjects(contract[channel].input, channel, found, new Set());
    expect(found).toEqual([]);
  });

  it('the walk above finds a loose object wherever it sits', () => {
    const found: string[] = [];
    const loose = z.object({ a: z.string() });
    const schema = z.object({
      list: z.array(loose).optional(),
      either: z.union([z.string(), loose.transform((v) => v.a)]),
      map: z.record(z.string(), loose),
      later: z.lazy(() => loose),
    });
    looseObjects(strictTwin(schema), 'x', found, new Set());
    expect(found).toEqual([]);
    looseObjects(schema, 'x', found, new Set());
    expect(found).toEqual(['x: 不拒绝未知字段', 'x.list: 不拒绝未知字段']); // one schema, reached once
  });

  it('refuses an unknown key at any depth with its path, and keeps the schema’s own checks', () => {
    const row = z.object({ name: z.string().min(1, '请填写名称'), n: z.number().default(0) });
    const twin = strictTwin(
      z
        .object({
          id: z.number(),
          patch: z.preprocess((v) => v, z.object({ total: z.string().optional() })),
          rows: z.array(row).optional(),
          kind: z.discriminatedUnion('k', [
            z.object({ k: z.literal('a'), x: z.number() }),
            z.object({ k: z.literal('b') }),
          ]),
          counts: z.record(z.string(), z.number()).optional(),
          opts: z.object({ on: z.boolean() }).optional().default({ on: false }),
        })
        .refine((v) => v.id > 0, { message: '编号应大于0', path: ['id'] }),
    );
    const issues = (input: unknown) => {
      const r = twin.safeParse(input);
      return r.success ? [] : r.error.issues.map((i) => [i.code, i.path.join('.'), 'keys' in i ? i.keys : i.message]);
    };
    const good = { id: 1, patch: { total: '5' }, rows: [{ name: '甲' }], kind: { k: 'a', x: 1 }, counts: { 任意: 1 } };
    expect(twin.parse(good)).toEqual({ ...good, rows: [{ name: '甲', n: 0 }], opts: { on: false } });
    expect(issues({ ...good, patch: { totalFen: 5 } })).toEqual([['unrecognized_keys', 'patch', ['totalFen']]]);
    expect(issues({ ...good, asof: 1 })).toEqual([['unrecognized_keys', '', ['asof']]]);
    expect(issues({ ...good, rows: [{ name: '甲' }, { name: '乙', nmae: 1 }] })).toEqual([
      ['unrecognized_keys', 'rows.1', ['nmae']],
    ]);
    expect(issues({ ...good, kind: { k: 'b', x: 1 } })).toEqual([['unrecognized_keys', 'kind', ['x']]]);
    expect(issues({ ...good, opts: { on: true, off: true } })).toEqual([['unrecognized_keys', 'opts', ['off']]]);
    // the schema's own checks and messages are kept
    expect(issues({ ...good, id: -1 })).toEqual([['custom', 'id', '编号应大于0']]);
    expect(issues({ ...good, rows: [{ name: '' }] })).toEqual([['too_small', 'rows.0.name', '请填写名称']]);
  });

  it('a default is handed out fresh each time, as by the schema it was made from', () => {
    const twin = strictTwin(z.object({ tags: z.array(z.string()).default([]) }));
    const a = twin.parse({});
    a.tags.push('改过');
    expect(twin.parse({})).toEqual({ tags: [] });
  });

  it('an object that says what to do with other keys keeps it; a schema with nothing to make strict is itself', () => {
    const loose = z.looseObject({ a: z.string() });
    expect(strictTwin(loose).parse({ a: '甲', b: 1 })).toEqual({ a: '甲', b: 1 });
    const text = z.string().max(5);
    expect(strictTwin(text)).toBe(text);
    expect(strictTwin(z.array(text).optional())).toBeDefined();
  });

  it('a schema that names itself (a getter in its shape) is made strict without end', () => {
    const node = z.object({
      name: z.string(),
      get children(): z.ZodOptional<z.ZodArray<typeof node>> {
        return z.array(node).optional();
      },
    });
    const twin = strictTwin(node);
    expect(twin.parse({ name: '甲', children: [{ name: '乙' }] })).toEqual({ name: '甲', children: [{ name: '乙' }] });
    expect(twin.safeParse({ name: '甲', children: [{ name: '乙', x: 1 }] }).error?.issues[0]).toMatchObject({
      code: 'unrecognized_keys',
      path: ['children', 0],
      keys: ['x'],
    });
  });
});
