/**
 * Looks at the bytes, not the file name: zip (xlsx/ods), CFB (xls/et, or an encrypted xlsx, or a Word file),
 * text (csv/txt/html/xml). Checks a zip's central directory before anything is inflated, so a zip bomb or a
 * truncated zip is refused without decompressing it.
 */
import { LIMITS, type ParseFailureKind } from './sheet-data.ts';

export type Sniff =
  | { kind: 'zip'; entries: string[] }
  | { kind: 'cfb' }
  | { kind: 'text' }
  | { kind: 'fail'; failure: ParseFailureKind; detail?: string };

const ZIP_LOCAL = 0x04034b50;
const ZIP_EOCD = 0x06054b50;
const ZIP_CENTRAL = 0x02014b50;

export function sniff(bytes: Uint8Array): Sniff {
  if (bytes.length === 0) return { kind: 'fail', failure: 'EMPTY' };
  if (bytes.length > LIMITS.fileBytes) return { kind: 'fail', failure: 'TOO_LARGE', detail: '文件超过 50MB' };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length >= 4 && view.getUint32(0, true) === ZIP_LOCAL) return zipDirectory(bytes, view);
  if (bytes.length >= 8 && view.getUint32(0, false) === 0xd0cf11e0 && view.getUint32(4, false) === 0xa1b11ae1) return { kind: 'cfb' };
  if (looksBinary(bytes)) return { kind: 'fail', failure: 'NOT_SPREADSHEET' };
  return { kind: 'text' };
}

function zipDirectory(bytes: Uint8Array, view: DataView): Sniff {
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65_535); i--) {
    if (view.getUint32(i, true) === ZIP_EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return { kind: 'fail', failure: 'DAMAGED', detail: '压缩包不完整（缺少目录）' };
  const count = view.getUint16(eocd + 10, true);
  const dirOffset = view.getUint32(eocd + 16, true);
  const entries: string[] = [];
  let total = 0;
  let p = dirOffset;
  const decoder = new TextDecoder('utf-8');
  for (let n = 0; n < count; n++) {
    if (p + 46 > bytes.length || view.getUint32(p, true) !== ZIP_CENTRAL) return { kind: 'fail', failure: 'DAMAGED', detail: '压缩包目录损坏' };
    const method = view.getUint16(p + 10, true);
    const compressed = view.getUint32(p + 20, true);
    const size = view.getUint32(p + 24, true);
    const nameLen = view.getUint16(p + 28, true);
    const extraLen = view.getUint16(p + 30, true);
    const commentLen = view.getUint16(p + 32, true);
    const localOffset = view.getUint32(p + 42, true);
    if (method !== 0 && method !== 8) return { kind: 'fail', failure: 'DAMAGED', detail: `不支持的压缩方式 ${method}` };
    if (localOffset + compressed > bytes.length) return { kind: 'fail', failure: 'DAMAGED', detail: '文件被截断' };
    total += size;
    if (total > LIMITS.unzippedBytes) return { kind: 'fail', failure: 'TOO_LARGE', detail: '解压后超过 200MB' };
    entries.push(decoder.decode(bytes.subarray(p + 46, p + 46 + nameLen)));
    p += 46 + nameLen + extraLen + commentLen;
  }
  const has = (name: string) => entries.some((e) => e.toLowerCase() === name);
  if (has('xl/workbook.xml') || has('xl/workbook.bin')) {
    if (!has('[content_types].xml')) return { kind: 'fail', failure: 'DAMAGED', detail: '缺少 [Content_Types].xml' };
    return { kind: 'zip', entries };
  }
  if (has('content.xml') && has('mimetype')) return { kind: 'zip', entries };
  // OPC finds the workbook through _rels/.rels, not by folder: some systems keep the parts under book/ or the root.
  if (has('[content_types].xml') && entries.some((e) => /(^|\/)workbook\.(xml|bin)$/i.test(e))) return { kind: 'zip', entries };
  if (has('word/document.xml')) return { kind: 'fail', failure: 'WORD_DOCUMENT' };
  if (has('ppt/presentation.xml')) return { kind: 'fail', failure: 'NOT_SPREADSHEET' };
  if (entries.some((e) => /index\.zip$|^index\//i.test(e))) return { kind: 'fail', failure: 'UNSUPPORTED', detail: 'Apple Numbers 文档' };
  if (entries.some((e) => e.startsWith('xl/'))) return { kind: 'fail', failure: 'DAMAGED', detail: '缺少 workbook.xml' };
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
