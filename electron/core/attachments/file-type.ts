/**
 * What an uploaded file really is, from its first bytes (shared/domain/file-kind.ts): the name and the
 * renderer's word are not trusted. Only pictures and office/PDF documents are kept.
 */
import { detectFileKind, IMAGE_KINDS, type FileKind } from '../../../shared/domain/file-kind.ts';

export interface FileType {
  ext: FileKind;
  mime: string;
  image: boolean;
}

const MIME: Record<FileKind, string> = {
  jpg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  pdf: 'application/pdf',
  doc: 'application/msword',
  xls: 'application/vnd.ms-excel',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export function detectFileType(bytes: Uint8Array): FileType | null {
  const kind = detectFileKind(bytes);
  return kind ? { ext: kind, mime: MIME[kind], image: IMAGE_KINDS.includes(kind) } : null;
}
