/** What the parse worker hands back: plain, structured-clone-safe sheet data (no SheetJS objects). */

/** A cell value: text, number, boolean, an ISO date (from a date-formatted cell) or empty. */
export type CellValue = string | number | boolean | { date: string } | null;

export interface MergeRange {
  /** 0-based start/end row and column, inclusive. */
  s: { r: number; c: number };
  e: { r: number; c: number };
}

export interface SheetData {
  name: string;
  /** Non-empty rows only, each with its 0-based row index; trailing empty cells trimmed. */
  rows: { r: number; cells: CellValue[] }[];
  merges: MergeRange[];
  /** 0-based rows and columns the file hides (hidden by hand or filtered out); absent when none or unknown (csv) */
  hidden?: { rows: number[]; cols: number[] };
  /**
   * The format names no sheets (CSV, an HTML table, SYLK, DIF): `name` is the reader's stand-in, and the import shows
   * the sheet under the file's name instead (sheet-name.ts).
   */
  unnamed?: true;
}

export interface WorkbookData {
  sheets: SheetData[];
  date1904: boolean;
  /** How the bytes were read, e.g. "xlsx", "xls", "csv (GB18030)". */
  format: string;
}

export type ParseFailureKind =
  | 'EMPTY'
  | 'ENCRYPTED'
  | 'DAMAGED'
  | 'NOT_SPREADSHEET'
  | 'WORD_DOCUMENT'
  | 'UNSUPPORTED'
  | 'TOO_LARGE'
  | 'TIMEOUT'
  | 'NO_DATA';

export type ParseOutcome =
  | { ok: true; workbook: WorkbookData }
  | { ok: false; kind: ParseFailureKind; detail?: string };

/** The user-facing Chinese messages (shared corpus README, "Suggested user-facing messages"). */
export const PARSE_FAILURE_MESSAGES: Record<ParseFailureKind, string> = {
  EMPTY: '文件是空的（0 字节），没有可导入的数据。',
  ENCRYPTED: '该文件设置了打开密码（已加密），无法读取。请在 Excel 或 WPS 中取消密码并另存后，再重新导入。',
  DAMAGED: '文件已损坏或格式不正确，无法读取。请用 Excel 或 WPS 打开后另存为 .xlsx，再重新导入。',
  NOT_SPREADSHEET: '该文件不是电子表格（不是 Excel、WPS 表格或 CSV 文件）。请选择 .xlsx、.xls、.et 或 .csv 文件。',
  WORD_DOCUMENT:
    '该文件是 Word 文档，不是电子表格。请在 Word 中把表格复制到 Excel 或 WPS 表格并另存为 .xlsx 后再导入。',
  UNSUPPORTED: '暂不支持此文件格式。请在 Excel 或 WPS 中另存为 .xlsx 后再导入。',
  TOO_LARGE: '文件过大或结构异常（例如单元格内容超长），已停止导入，未导入任何数据。',
  TIMEOUT: '读取文件超过 60 秒，已停止导入，未导入任何数据。请检查文件后重试。',
  NO_DATA: '文件中没有找到可导入的数据',
};

/** Limits that keep a hostile file from exhausting the machine. */
export const LIMITS = {
  fileBytes: 50 * 1024 * 1024,
  /** Σ uncompressed sizes in a zip's central directory (zip bombs). */
  unzippedBytes: 200 * 1024 * 1024,
  /**
   * A file the parser cannot finish is stopped here. 60 s, not 10: a real 10,000-row county sheet took over 10 s on
   * a busy 2-core machine and was refused; the clerk can 取消 an import at any moment, so the limit only has to stop
   * a file that would never end. Kept in step with the TIMEOUT message above.
   */
  timeoutMs: 60_000,
  heapMb: 512,
  /** Excel's own limit for one cell's text. */
  cellChars: 32_767,
  rows: 20_000,
  cols: 256,
} as const;
