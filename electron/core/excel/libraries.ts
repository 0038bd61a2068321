/**
 * The spreadsheet libraries of the main thread, loaded on first use. ExcelJS, JSZip and SheetJS together
 * cost the core about 45 MB the moment they are imported, and most sessions (open the ledger, read the
 * month, save reports) never export or fill a template: a county-size ledger kept the core above its memory
 * budget with them loaded at start. Imports read files in the parse worker (its own SheetJS), not here.
 */
import { createRequire } from 'node:module';
import type ExcelJS from 'exceljs';
import type JSZip from 'jszip';
import type * as XLSX from 'xlsx';

export async function loadExcelJS(): Promise<typeof ExcelJS> {
  return (await import('exceljs')).default;
}

export async function loadJSZip(): Promise<typeof JSZip> {
  return (await import('jszip')).default;
}

let utils: typeof XLSX.utils | null = null;
/**
 * SheetJS's cell-address helpers (A1 ↔ row/column), for the template writer's worksheet, whose constructor is
 * synchronous: required (its CommonJS build) the first time a template is read.
 */
export function sheetAddress(): typeof XLSX.utils {
  return (utils ??= (createRequire(import.meta.url)('xlsx') as typeof XLSX).utils);
}
