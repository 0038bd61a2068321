/**
 * Tests only: an ok answer checked against the channel's declared output schema. Production handleCall does not
 * parse outputs (a 20 000-row answer would be walked twice on every call); the tests do, so a handler that drifts
 * from its schema fails the test that called it.
 *
 * Strict: besides zod's own issues, a key the handler sent that the schema does not declare is a mismatch too
 * (zod strips it silently, but the renderer receives it and its types do not know it).
 */
import type { Channel } from '../../shared/ipc/channels.ts';
import { contract } from '../../shared/ipc/contract.ts';

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

/** Paths of keys present (and not undefined) in the raw answer but dropped by the parse. */
function undeclaredKeys(raw: unknown, parsed: unknown, path: string, out: string[]): void {
  if (out.length >= 10) return;
  if (Array.isArray(raw) && Array.isArray(parsed)) {
    raw.forEach((v, i) => undeclaredKeys(v, parsed[i], `${path}[${i}]`, out));
  } else if (isPlainObject(raw) && isPlainObject(parsed)) {
    for (const [k, v] of Object.entries(raw)) {
      const at = path ? `${path}.${k}` : k;
      if (!(k in parsed)) {
        if (v !== undefined) out.push(at);
      } else undeclaredKeys(v, parsed[k], at, out);
    }
  }
}

/** The problems of `data` as an answer of `channel` (empty when it matches its output schema exactly). */
export function outputProblems(channel: Channel, data: unknown): string[] {
  const parsed = contract[channel].output.safeParse(data);
  if (!parsed.success) {
    return parsed.error.issues.slice(0, 10).map((i) => `${i.path.map(String).join('.') || '(根)'}: ${i.code} ${i.message}`);
  }
  const extra: string[] = [];
  undeclaredKeys(data, parsed.data, '', extra);
  return extra.map((p) => `${p}: 输出结构未声明此字段`);
}

/** Throws (failing the calling test) when the answer does not match the channel's output schema. */
export function assertOutput(channel: Channel, data: unknown): void {
  const problems = outputProblems(channel, data);
  if (problems.length) throw new Error(`${channel} 的答复不符合其输出结构（shared/ipc/contract.ts）：\n  ${problems.join('\n  ')}`);
}
