/**
 * Manual column page breaks (<colBreaks>) in a workbook ExcelJS writes. ExcelJS 4.4 models row breaks only, and a
 * report several pages wide must break its columns between header groups, where the office program would otherwise
 * cut a merged heading (资金构成) in two. The breaks are written into the sheet's XML as ExcelJS renders it, on the
 * way into the zip: reopening the finished file (JSZip) would inflate and deflate the whole sheet a second time,
 * a second or more on a county's 10,000 rows.
 */
import type ExcelJS from 'exceljs';

/** Elements the schema (CT_Worksheet) puts after <colBreaks>: the breaks go before the first of them. */
const AFTER_COL_BREAKS =
  /<(?:customProperties|cellWatches|ignoredErrors|smartTags|drawing|legacyDrawing|legacyDrawingHF|picture|oleObjects|controls|webPublishItems|tableParts|extLst)\b|<\/worksheet>/;

/**
 * The sheet XML with manual breaks before the given 0-based columns (a <brk id="N"> starts a page at column N,
 * the N+1-th; `max` spans every row, as Excel writes it).
 */
export function withColumnBreaks(xml: string, columns: readonly number[]): string {
  if (columns.length === 0) return xml;
  const brk = columns.map((c) => `<brk id="${c}" max="1048575" man="1"/>`).join('');
  const node = `<colBreaks count="${columns.length}" manualBreakCount="${columns.length}">${brk}</colBreaks>`;
  // Search only past the cells (their text is in sharedStrings, but an inline string could hold anything).
  const after = new RegExp(AFTER_COL_BREAKS.source, 'g');
  after.lastIndex = Math.max(0, xml.lastIndexOf('</sheetData>'));
  const at = after.exec(xml)?.index ?? xml.length;
  return xml.slice(0, at) + node + xml.slice(at);
}

interface SheetZip {
  append(data: unknown, options: { name: string }): unknown;
}
interface XlsxWriter {
  addWorksheets(zip: SheetZip, model: unknown): Promise<void>;
}

/**
 * Has `wb`'s next write put the breaks of each sheet (by worksheet id) into its XML. ExcelJS's writer adds each
 * sheet with `addWorksheets(zip, model)` as `xl/worksheets/sheet{id}.xml`; the hook is this workbook's own, not
 * ExcelJS's prototype. The export test reads the breaks back with openpyxl, so a change in ExcelJS shows there.
 */
export function writeColumnBreaks(wb: ExcelJS.Workbook, breaks: ReadonlyMap<number, readonly number[]>): void {
  if (![...breaks.values()].some((b) => b.length > 0)) return;
  const writer = wb.xlsx as unknown as XlsxWriter;
  const addWorksheets = writer.addWorksheets.bind(writer);
  writer.addWorksheets = (zip, model) =>
    addWorksheets(
      {
        append: (data, options) => {
          const id = /^xl\/worksheets\/sheet(\d+)\.xml$/.exec(options.name)?.[1];
          const cols = id === undefined ? undefined : breaks.get(Number(id));
          return zip.append(cols && typeof data === 'string' ? withColumnBreaks(data, cols) : data, options);
        },
      },
      model,
    );
}
