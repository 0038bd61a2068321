/**
 * Tests only: an ok answer checked against the channel's declared output schema. Production handleCall does not
 * parse outputs (a 20 000-row answer would be walked twice on every call); the tests do, so a handler that drifts
 * from its schema fails the test that called it.
 *
 * Strict: besides zod's own issues, a key the handler sent that the schema does not declare is a mismatch too
 * (zod strips it silently, but the renderer receives it and its types do not know it), and so is a value the
 * schema's transform or default would change (the renderer's types describe the parsed value it never gets).
 */
import type { Channel } from '../../shared/ipc/channels.ts';
import { contract } from '../../shared/ipc/contract.ts';

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * Where the parse changed the answer: a key the schema does not declare (zod drops it), or a value a transform or
 * default rewrote. Production does not parse outputs, so the renderer receives the raw answer, not the parsed one.
 */
function differences(raw: unknown, parsed: unknown, path: string, out: string[]): void {
  if (out.length >= 10) return;
  const at = (k: string | number) => (typeof k === 'number' ? `${path}[${k}]` : path ? `${path}.${k}` : k);
  if (Array.isArray(raw) && Array.isArray(parsed)) {
    raw.forEach((v, i) => differences(v, parsed[i], at(i), out));
  } else if (isPlainObject(raw) && isPlainObject(parsed)) {
    for (const [k, v] of Object.entries(raw)) {
      if (!(k in parsed)) {
        if (v !== undefined) out.push(`${at(k)}: 输出结构未声明此字段`);
      } else differences(v, parsed[k], at(k), out);
    }
    for (const k of Object.keys(parsed))
      if (!(k in raw) && parsed[k] !== undefined) out.push(`${at(k)}: 答复缺少此字段（输出结构用默认值补上了）`);
  } else if (!Object.is(raw, parsed)) {
    out.push(`${path || '(根)'}: 输出结构把值转换了（生产中不解析输出，界面拿到的是转换前的值）`);
  }
}

/** The problems of `data` as an answer of `channel` (empty when it matches its output schema exactly). */
export function outputProblems(channel: Channel, data: unknown): string[] {
  const parsed = contract[channel].output.safeParse(data);
  if (!parsed.success) {
    return parsed.error.issues
      .slice(0, 10)
      .map((i) => `${i.path.map(String).join('.') || '(根)'}: ${i.code} ${i.message}`);
  }
  const changed: string[] = [];
  differences(data, parsed.data, '', changed);
  return changed;
}

/** Throws (failing the calling test) when the answer does not match the channel's output schema. */
export function assertOutput(channel: Channel, data: unknown): void {
  const problems = outputProblems(channel, data);
  if (problems.length)
    throw new Error(`${channel} 的答复不符合其输出结构（shared/ipc/contract.ts）：\n  ${problems.join('\n  ')}`);
}
