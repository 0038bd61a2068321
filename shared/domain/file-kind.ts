/**
 * What a file really is, judged by its first bytes rather than its name: an attachment called
 * 合同.pdf that is really an .exe is refused. Office Open XML files are zip archives; docx and xlsx are
 * told apart by the entry names in the zip's local headers. Old .doc/.xls share the OLE2 container and
 * are told apart by the stream names stored in its directory (UTF-16LE).
 */
export type FileKind = 'jpg' | 'png' | 'gif' | 'webp' | 'pdf' | 'docx' | 'xlsx' | 'doc' | 'xls';

const startsWith = (b: Uint8Array, sig: readonly number[], at = 0) => sig.every((v, i) => b[at + i] === v);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));
const utf16 = (s: string) => [...s].flatMap((c) => [c.charCodeAt(0), 0]);

function indexOf(b: Uint8Array, needle: readonly number[], limit = b.length): number {
  const end = Math.min(limit, b.length) - needle.length;
  outer: for (let i = 0; i <= end; i++) {
    for (let j = 0; j < needle.length; j++) if (b[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

/**
 * Entry names from the zip's local file headers (PK\x03\x04), enough to recognise OOXML. Kept hand-written rather
 * than JSZip (which the import's sniff.ts uses to read a zip): JSZip needs the central directory at the end of the
 * file, and the question here is only "what does this file claim to be". Measured: of the 22 damaged .xlsx files
 * in the shared corpus (crash/), 11 are named xlsx from their local headers and refused by JSZip.loadAsync
 * ("can't find end of central directory"); an ExcelJS workbook cut at 50 % likewise. A sync check in shared/ (no
 * zip library there) that reads no data, only names.
 */
function zipEntryNames(b: Uint8Array, max = 200): string[] {
  const names: string[] = [];
  let i = 0;
  while (names.length < max && i + 30 <= b.length && startsWith(b, [0x50, 0x4b, 0x03, 0x04], i)) {
    const u16 = (o: number) => b[i + o]! | (b[i + o + 1]! << 8);
    const u32 = (o: number) => (u16(o) | (u16(o + 2) << 16)) >>> 0;
    const flags = u16(6);
    const compressed = u32(18);
    const nameLen = u16(26);
    const extraLen = u16(28);
    names.push(new TextDecoder().decode(b.subarray(i + 30, i + 30 + nameLen)));
    // With a data descriptor the size is only known after the data: fall back to scanning for the next header.
    if (flags & 0x08 || compressed === 0xffffffff) {
      const next = indexOf(b.subarray(i + 30 + nameLen), [0x50, 0x4b, 0x03, 0x04]);
      if (next < 0) break;
      i = i + 30 + nameLen + next;
    } else i = i + 30 + nameLen + extraLen + compressed;
  }
  return names;
}

/**
 * The names of the streams and storages at an OLE2 (CFB) container's root, or null when the directory cannot
 * be read. Only the root decides what the file is: an .xls with an embedded Word object carries a
 * "WordDocument" stream one storage down, and is still a workbook.
 */
export function cfbRootNames(b: Uint8Array): string[] | null {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  if (b.length < 512) return null;
  const shift = view.getUint16(0x1e, true);
  if (shift !== 9 && shift !== 12) return null;
  const size = 1 << shift;
  const sectorAt = (n: number) => (n + 1) * size;
  // The FAT from the header's first 109 DIFAT slots (enough for files up to ~7 MB of 512-byte sectors; more only
  // when the directory lies beyond, then null).
  const fatSectors: number[] = [];
  for (let i = 0; i < 109; i++) {
    const s = view.getUint32(0x4c + i * 4, true);
    if (s >= 0xfffffffa) break;
    fatSectors.push(s);
  }
  const next = (n: number): number | null => {
    const per = size / 4;
    const fs = fatSectors[Math.floor(n / per)];
    if (fs === undefined) return null;
    const at = sectorAt(fs) + (n % per) * 4;
    return at + 4 <= b.length ? view.getUint32(at, true) : null;
  };
  const entries: { name: string; left: number; right: number; child: number }[] = [];
  let sec: number | null = view.getUint32(0x30, true);
  for (let guard = 0; sec !== null && sec < 0xfffffffa && guard < 10_000; guard++) {
    const base = sectorAt(sec);
    if (base + size > b.length) return null;
    for (let off = base; off < base + size; off += 128) {
      const len = Math.min(view.getUint16(off + 64, true), 64);
      let name = '';
      for (let k = 0; k + 1 < len - 1; k += 2) name += String.fromCharCode(view.getUint16(off + k, true));
      entries.push({
        name,
        left: view.getUint32(off + 68, true),
        right: view.getUint32(off + 72, true),
        child: view.getUint32(off + 76, true),
      });
    }
    sec = next(sec);
  }
  const root = entries[0];
  if (!root) return null;
  const names: string[] = [];
  const seen = new Set<number>();
  const todo = [root.child];
  while (todo.length) {
    const i = todo.pop()!;
    if (i >= entries.length || seen.has(i)) continue;
    seen.add(i);
    const e = entries[i]!;
    names.push(e.name);
    todo.push(e.left, e.right);
  }
  return names;
}

export function detectFileKind(bytes: Uint8Array): FileKind | null {
  const b = bytes;
  if (b.length < 4) return null;
  if (startsWith(b, [0xff, 0xd8, 0xff])) return 'jpg';
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(b, ascii('GIF87a')) || startsWith(b, ascii('GIF89a'))) return 'gif';
  if (startsWith(b, ascii('RIFF')) && startsWith(b, ascii('WEBP'), 8)) return 'webp';
  if (startsWith(b, ascii('%PDF-'))) return 'pdf';
  if (startsWith(b, [0x50, 0x4b, 0x03, 0x04])) {
    const names = zipEntryNames(b);
    // The part folders are decisive; [Content_Types].xml may come anywhere in the archive.
    if (names.some((n) => n.startsWith('word/'))) return 'docx';
    if (names.some((n) => n.startsWith('xl/'))) return 'xlsx';
    return null;
  }
  if (startsWith(b, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    const root = cfbRootNames(b)?.map((n) => n.toLowerCase());
    if (root) {
      // CFB names compare case-insensitively (WPS writes "WorkBook" in some versions).
      if (root.includes('workbook') || root.includes('book')) return 'xls';
      if (root.includes('worddocument')) return 'doc';
      return null;
    }
    // A directory we cannot walk (truncated file): the stream names anywhere, the workbook first.
    if (indexOf(b, utf16('Workbook')) >= 0 || indexOf(b, utf16('Book')) >= 0) return 'xls';
    if (indexOf(b, utf16('WordDocument')) >= 0) return 'doc';
    return null;
  }
  return null;
}

/** The kinds accepted as a given attachment category's file. */
export const IMAGE_KINDS: readonly FileKind[] = ['jpg', 'png', 'gif', 'webp'];
export const DOCUMENT_KINDS: readonly FileKind[] = ['pdf', 'docx', 'xlsx', 'doc', 'xls'];
