/**
 * What counts as an English identifier on screen or in a message: two or more Latin letters or underscores in
 * a row (`reason`, `projectId`, `object`, `YYYY`). Allowed are only words clerks read as Chinese text, each
 * listed with its reason:
 * - EPC, PPP: 建设模式 values (shared/domain/vocab.ts DELIVERY_MODES), the names used in county documents;
 *   PPP is also a 资金来源 group.
 * - Excel, PDF, WPS, Word: the file kinds and office programs as clerks name them (导出 Excel, 另存 PDF, WPS 表格);
 *   the county's own instructions use these words. File extensions (xlsx, csv), IDs and keys are not allowed.
 */
export const ALLOWED_ACRONYMS = ['EPC', 'PPP', 'Excel', 'PDF', 'WPS', 'Word'] as const;

/**
 * On screen, besides: the names printed on the keys the hints refer to (Enter, Tab, Esc …); GDP and GB (国家标准,
 * in 仿宋_GB2312 and GB/T 9704), as the provincial documents quoted in the 指标 catalogue write them; MB, the
 * file-size unit every Chinese program shows; pzz, the example of a 拼音首字母 search (typing pzz finds 蒲州镇).
 */
export const SCREEN_ALLOWED = [
  ...ALLOWED_ACRONYMS,
  'Enter',
  'Tab',
  'Esc',
  'Shift',
  'Ctrl',
  'Delete',
  'Del',
  'Home',
  'End',
  'PageUp',
  'PageDown',
  'Backspace',
  'GDP',
  'GB',
  'MB',
  'pzz',
] as const;

const LATIN = /[A-Za-z_]{2,}/g;

/** The Latin words in a text that are not allowed (empty when the text is fit to show). */
export function latinWords(text: string, allowed: readonly string[] = ALLOWED_ACRONYMS): string[] {
  return [...text.matchAll(LATIN)]
    .map((m) => m[0].replace(/^_+|_+$/g, ''))
    .filter((w) => w.length >= 2 && !allowed.includes(w));
}
