/**
 * Text as SQLite will keep it. A lone UTF-16 surrogate (half of an emoji cut by a paste, a damaged file) cannot be
 * stored in UTF-8: SQLite keeps U+FFFD in its place. Making every incoming text well-formed first means what is
 * hashed into the change log, checked by validation and shown again is exactly what is stored — a text that
 * changed on its way into the file would break the audit chain for ever.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export const wellFormed = (text: string): string => text.replace(LONE_SURROGATE, '\uFFFD');

/** The same value with every string (object keys included) made well-formed; other values unchanged. */
export function wellFormedDeep(value: unknown): unknown {
  if (typeof value === 'string') return wellFormed(value);
  if (Array.isArray(value)) return value.map(wellFormedDeep);
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [wellFormed(k), wellFormedDeep(v)]));
  return value;
}
