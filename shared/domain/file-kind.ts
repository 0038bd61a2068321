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

/** Entry names from the zip's local file headers (PK\x03\x04), enough to recognise OOXML. */
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
    if (indexOf(b, utf16('WordDocument')) >= 0) return 'doc';
    if (indexOf(b, utf16('Workbook')) >= 0 || indexOf(b, utf16('Book')) >= 0) return 'xls';
    return null;
  }
  return null;
}

/** The kinds accepted as a given attachment category's file. */
export const IMAGE_KINDS: readonly FileKind[] = ['jpg', 'png', 'gif', 'webp'];
export const DOCUMENT_KINDS: readonly FileKind[] = ['pdf', 'docx', 'xlsx', 'doc', 'xls'];
