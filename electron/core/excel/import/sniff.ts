/**
 * Looks at the bytes, not the file name: zip (xlsx/ods), CFB (xls/et, or an encrypted xlsx, or a Word file),
 * text (csv/txt/html/xml). Checks a zip's central directory before anything is inflated, so a zip bomb or a
 * truncated zip is refused without decompressing it.
 */
import type JSZip from 'jszip';
import { loadJSZip } from '../libraries.ts';
import { LIMITS, type ParseFailureKind } from './sheet-data.ts';

export type Sniff =
  | { kind: 'zip'; entries: string[] }
  | { kind: 'cfb' }
  | { kind: 'text' }
  | { kind: 'fail'; failure: ParseFailureKind; detail?: string };

const ZIP_LOCAL = 0x04034b50;

/** What JSZip knows of an entry before inflating it (its `_data`, typed only in a comment of JSZip's index.d.ts). */
interface EntrySizes {
  uncompressedSize?: number;
}

export async function sniff(bytes: Uint8Array): Promise<Sniff> {
  if (bytes.length === 0) return { kind: 'fail', failure: 'EMPTY' };
  if (bytes.length > LIMITS.fileBytes) return { kind: 'fail', failure: 'TOO_LARGE', detail: '文件超过 50MB' };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length >= 4 && view.getUint32(0, true) === ZIP_LOCAL) return zipDirectory(bytes);
  if (bytes.length >= 8 && view.getUint32(0, false) === 0xd0cf11e0 && view.getUint32(4, false) === 0xa1b11ae1)
    return { kind: 'cfb' };
  if (looksBinary(bytes)) return { kind: 'fail', failure: 'NOT_SPREADSHEET' };
  return { kind: 'text' };
}

/**
 * The zip's directory read by JSZip (the zip library ExcelJS uses; zip64, data descriptors, CP437/UTF-8 names):
 * loadAsync reads the central directory and every local header but inflates nothing until asked, so the sizes the
 * directory declares are summed before a byte is decompressed.
 */
async function zipDirectory(bytes: Uint8Array): Promise<Sniff> {
  let zip: JSZip;
  try {
    zip = await (await loadJSZip()).loadAsync(bytes, { checkCRC32: false, createFolders: false });
  } catch (e) {
    const text = e instanceof Error ? e.message : String(e);
    if (/end of central directory/i.test(text))
      return { kind: 'fail', failure: 'DAMAGED', detail: '压缩包不完整（缺少目录）' };
    if (/End of data reached|missing \d+ bytes/i.test(text))
      return { kind: 'fail', failure: 'DAMAGED', detail: '文件被截断' };
    const method = /compression (\S+) unknown/i.exec(text)?.[1];
    if (method) return { kind: 'fail', failure: 'DAMAGED', detail: `不支持的压缩方式 ${method}` };
    if (/encrypted/i.test(text)) return { kind: 'fail', failure: 'ENCRYPTED' };
    return { kind: 'fail', failure: 'DAMAGED', detail: '压缩包目录损坏' };
  }
  const entries: string[] = [];
  let total = 0;
  for (const file of Object.values(zip.files)) {
    total += (file as unknown as { _data?: EntrySizes })._data?.uncompressedSize ?? 0;
    if (total > LIMITS.unzippedBytes) return { kind: 'fail', failure: 'TOO_LARGE', detail: '解压后超过 200MB' };
    entries.push(file.name);
  }
  const has = (name: string) => entries.some((e) => e.toLowerCase() === name);
  if (has('xl/workbook.xml') || has('xl/workbook.bin')) {
    if (!has('[content_types].xml')) return { kind: 'fail', failure: 'DAMAGED', detail: '缺少 [Content_Types].xml' };
    return { kind: 'zip', entries };
  }
  if (has('content.xml') && has('mimetype')) return { kind: 'zip', entries };
  // OPC finds the workbook through _rels/.rels, not by folder: some systems keep the parts under book/ or the root.
  if (has('[content_types].xml') && entries.some((e) => /(^|\/)workbook\.(xml|bin)$/i.test(e)))
    return { kind: 'zip', entries };
  if (has('word/document.xml')) return { kind: 'fail', failure: 'WORD_DOCUMENT' };
  if (has('ppt/presentation.xml')) return { kind: 'fail', failure: 'NOT_SPREADSHEET' };
  if (entries.some((e) => /index\.zip$|^index\//i.test(e)))
    return { kind: 'fail', failure: 'UNSUPPORTED', detail: 'Apple Numbers 文档' };
  if (entries.some((e) => e.startsWith('xl/')))
    return { kind: 'fail', failure: 'DAMAGED', detail: '缺少 workbook.xml' };
  return { kind: 'fail', failure: 'NOT_SPREADSHEET' };
}

/** NUL bytes outside a UTF-16 pattern mean a binary file (image, pdf, exe…). */
function looksBinary(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, Math.min(bytes.length, 4096));
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) return false;
  let zeros = 0;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < head.length; i++) {
    if (head[i] === 0) {
      zeros++;
      if (i % 2 === 0) evenZeros++;
      else oddZeros++;
    }
  }
  if (zeros === 0) return false;
  // UTF-16 without BOM: zeros cluster on one parity.
  const half = head.length / 2;
  if (oddZeros > half * 0.3 && evenZeros < half * 0.05) return false;
  if (evenZeros > half * 0.3 && oddZeros < half * 0.05) return false;
  return true;
}
