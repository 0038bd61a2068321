/**
 * What a file really is, from its first bytes: the name and the renderer's word are not trusted.
 * Only pictures and office/PDF documents are kept; everything else is refused with a Chinese message.
 */
export interface FileType {
  ext: 'jpg' | 'png' | 'gif' | 'webp' | 'pdf' | 'doc' | 'xls' | 'docx' | 'xlsx';
  mime: string;
  image: boolean;
}

const starts = (b: Uint8Array, sig: number[], at = 0) => sig.every((v, i) => b[at + i] === v);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

export function detectFileType(bytes: Uint8Array, fileName: string): FileType | null {
  const nameExt = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? '';
  if (starts(bytes, [0xff, 0xd8, 0xff])) return { ext: 'jpg', mime: 'image/jpeg', image: true };
  if (starts(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { ext: 'png', mime: 'image/png', image: true };
  if (starts(bytes, ascii('GIF87a')) || starts(bytes, ascii('GIF89a'))) return { ext: 'gif', mime: 'image/gif', image: true };
  if (starts(bytes, ascii('RIFF')) && starts(bytes, ascii('WEBP'), 8)) return { ext: 'webp', mime: 'image/webp', image: true };
  if (starts(bytes, ascii('%PDF-'))) return { ext: 'pdf', mime: 'application/pdf', image: false };
  // OLE2 compound file: legacy Word / Excel (WPS .wps/.et use the same container)
  if (starts(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    return ['xls', 'et'].includes(nameExt)
      ? { ext: 'xls', mime: 'application/vnd.ms-excel', image: false }
      : { ext: 'doc', mime: 'application/msword', image: false };
  }
  // OOXML is a zip whose entries name the kind of document
  if (starts(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    const head = Buffer.from(bytes.subarray(0, Math.min(bytes.length, 64 * 1024))).toString('latin1');
    if (head.includes('word/')) return { ext: 'docx', mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', image: false };
    if (head.includes('xl/')) return { ext: 'xlsx', mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', image: false };
  }
  return null;
}
