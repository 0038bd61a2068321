/**
 * The name a clerk knows a sheet by. A CSV (or an HTML table, SYLK, DIF) names no sheets and the reader calls its
 * one sheet "Sheet1" — an English word the clerk never saw. Excel and WPS show such a file's sheet under the file's
 * own name (项目清单.csv opens as the sheet 项目清单), so the import does too: in the preview, its messages, the
 * command line's report and 修改记录, and when a sheet is asked for by name (--sheet 项目清单).
 */
import type { WorkbookData } from './sheet-data.ts';

/** The file name without folder and extension: /tmp/项目清单.csv → 项目清单 (a path from the command line too). */
export function fileStem(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  return base.replace(/\.[^.]*$/, '').trim();
}

/** When the file name gives none (".csv"): what the office calls a workbook's first sheet. */
const FALLBACK = '工作表1';

/**
 * The workbook with each sheet the format left unnamed named after the file (a second one, never seen so far,
 * 项目清单（2）). A new object: the workbook kept for the next call (workbook-reuse.ts) is frozen and the same bytes
 * may come again under another name.
 */
export function namedAfterFile(wb: WorkbookData, fileName: string): WorkbookData {
  if (!wb.sheets.some((s) => s.unnamed)) return wb;
  const stem = fileStem(fileName) || FALLBACK;
  let n = 0;
  return {
    ...wb,
    sheets: wb.sheets.map((s) => (s.unnamed ? { ...s, name: ++n === 1 ? stem : `${stem}（${n}）` } : s)),
  };
}
