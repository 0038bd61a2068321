/**
 * The strict twin of a schema: the same schema with every object in it refusing keys it does not declare.
 *
 * zod objects strip unknown keys. At the channel boundary that turned a mistake into silence: a call
 * `projects:update {"id":1,"patch":{"totalFen":5}}` answered ok and changed nothing, and the caller believed the
 * 总投资 saved. The contract's schemas stay as they are (the same objects read package files and imported rows,
 * where a newer town's extra key must not stop a county), and the contract gives each channel the twin of its
 * input (shared/ipc/contract.ts), built once when the contract loads.
 *
 * Everything else is kept: refinements and checks (they live in the def, copied with its getters, so a default
 * still hands out a fresh `{}` each time), transforms, defaults, preprocesses (both sides of a pipe), unions,
 * record values (a record's keys are data, not fields), lazy schemas (their twin is taken when first parsed).
 * An object that already says what to do with other keys (.strict, .catchall, .passthrough) keeps that.
 * An intersection is left as it is: each side strict would refuse the other side's keys (the contract has none;
 * tests/unit/strict-input.test.ts would name one).
 */
import { z } from './zod-zh.ts';

type Def = z.core.$ZodTypeDef & Record<string, unknown>;

const twins = new WeakMap<z.ZodType, z.ZodType>();

export function strictTwin<T extends z.ZodType>(schema: T): T {
  return twinOf(schema) as T;
}

function twinOf(schema: z.ZodType): z.ZodType {
  const known = twins.get(schema);
  if (known) return known;
  const def = schema._zod.def as Def;
  let twin = schema;
  if (def.type === 'lazy') {
    const getter = def.getter as () => z.ZodType;
    twin = schema.clone(z.util.mergeDefs(def, { getter: () => twinOf(getter()) }) as never);
  } else {
    const changed: Record<string, unknown> = {};
    if (def.type === 'object') {
      // Each field's twin is taken when zod first reads it: a shape may name its own object through a getter.
      const shape = def.shape as Record<string, z.ZodType>;
      const strictShape = {};
      for (const k of Object.keys(shape))
        Object.defineProperty(strictShape, k, { enumerable: true, get: () => twinOf(shape[k]!) });
      changed.shape = strictShape;
      if (def.catchall === undefined) changed.catchall = z.never();
    }
    for (const key of ['element', 'innerType', 'in', 'out', 'valueType'] as const)
      if (def[key]) changed[key] = twinOf(def[key] as z.ZodType);
    if (def.type === 'union') changed.options = (def.options as z.ZodType[]).map(twinOf);
    if (def.type === 'tuple') {
      changed.items = (def.items as z.ZodType[]).map(twinOf);
      if (def.rest) changed.rest = twinOf(def.rest as z.ZodType);
    }
    // An object is always its twin (its fields' twins are taken later); anything else only when a part changed.
    if (def.type === 'object' || Object.entries(changed).some(([k, v]) => !sameParts(v, def[k])))
      twin = schema.clone(z.util.mergeDefs(def, changed) as never);
  }
  twins.set(schema, twin);
  return twin;
}

/** True when a part of the twin's def is the original's own (nothing inside it had to change). */
function sameParts(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => v === b[i]);
  return a === b;
}
