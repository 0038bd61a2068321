/**
 * What counts as an English identifier on screen or in a message: two or more Latin letters or underscores in
 * a row (`reason`, `projectId`, `object`, `YYYY`). Allowed are only the acronyms the domain's own Chinese
 * vocabulary uses, each listed with its reason:
 * - EPC, PPP: 建设模式 values (shared/domain/vocab.ts DELIVERY_MODES), the names used in county documents;
 *   PPP is also a 资金来源 group.
 * - Excel, PDF, WPS: the file kinds and the office program as clerks name them (导出 Excel, 另存 PDF, WPS 表格); the
 *   county's own instructions use these words. File extensions (xlsx, csv), IDs and keys are not allowed.
 */
export const ALLOWED_ACRONYMS = ['EPC', 'PPP', 'Excel', 'PDF', 'WPS'] as const;

const LATIN = /[A-Za-z_]{2,}/g;

/** The Latin words in a text that are not allowed (empty when the text is fit to show). */
export function latinWords(text: string, allowed: readonly string[] = ALLOWED_ACRONYMS): string[] {
  return [...text.matchAll(LATIN)].map((m) => m[0]).filter((w) => !allowed.includes(w));
}
