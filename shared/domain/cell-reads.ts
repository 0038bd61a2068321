/**
 * A 是/否 cell and a 亩 cell as county sheets write them. Offices tick (√/×), type Y/N or 1/0, and Excel keeps a
 * checkbox as TRUE/FALSE (read as 是/否 before this); 亩 comes as 30, 12.5, 30亩 or ３０.
 */
import { toHalfWidth } from './money.ts';

const YES = new Set(['是', '√', '✓', '✔', '☑', 'Y', 'YES', '1', '是的', '对', 'TRUE']);
const NO = new Set(['否', '×', '✗', '✘', '✕', 'X', 'N', 'NO', '0', '不是', '非', 'FALSE']);

/** How T3 and a filled county template write the flag, so that readYesNo reads it back. */
export const yesNoText = (yes: boolean | number): '是' | '否' => (yes ? '是' : '否');

/** 是 → true, 否 → false, anything else → null (the caller says which cell). */
export function readYesNo(text: string): boolean | null {
  const t = toHalfWidth(text).replace(/\s+/g, '').toUpperCase();
  return YES.has(t) ? true : NO.has(t) ? false : null;
}

/** A dash or 无 in a 亩 column: nothing recorded (as an empty cell), not an error. */
const NONE = /^(无|—+|-+|－+|\/|／)$/;

/** 亩 as a number ≥ 0 (null for a dash or 无), or an error: the land fields are areas, not money, and keep decimals. */
export function readMu(input: string | number): { ok: true; mu: number | null } | { ok: false } {
  if (typeof input === 'number') return Number.isFinite(input) && input >= 0 ? { ok: true, mu: input } : { ok: false };
  const t = toHalfWidth(input)
    .replace(/[\s,，]/g, '')
    .replace(/亩$/, '');
  if (NONE.test(t)) return { ok: true, mu: null };
  return /^\d+(\.\d+)?$/.test(t) ? { ok: true, mu: Number(t) } : { ok: false };
}
