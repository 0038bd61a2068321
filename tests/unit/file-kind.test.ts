import { existsSync, readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { cfbRootNames, detectFileKind } from '../../shared/domain/file-kind.ts';

const bytes = (...parts: (number[] | string)[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...Buffer.from(p, 'latin1')] : p)));

/** A minimal stored (uncompressed) zip with the given entry names. */
function zip(names: string[]): Uint8Array {
  const chunks: Buffer[] = [];
  for (const n of names) {
    const name = Buffer.from(n, 'utf8');
    const data = Buffer.from('x');
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0);
    h.writeUInt32LE(data.length, 18);
    h.writeUInt32LE(data.length, 22);
    h.writeUInt16LE(name.length, 26);
    chunks.push(h, name, data);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

const ole = (stream: string) =>
  bytes(
    [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1],
    new Array(500).fill(0),
    [...stream].flatMap((c) => [c.charCodeAt(0), 0]),
  );

describe('detectFileKind (by content, not by name)', () => {
  it.each([
    ['jpg', bytes([0xff, 0xd8, 0xff, 0xe0], new Array(20).fill(0))],
    ['png', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0])],
    ['gif', bytes('GIF89a', [1, 0])],
    ['webp', bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8 ')],
    ['pdf', bytes('%PDF-1.7\n')],
    ['docx', zip(['[Content_Types].xml', '_rels/.rels', 'word/document.xml'])],
    ['xlsx', zip(['[Content_Types].xml', '_rels/.rels', 'xl/workbook.xml'])],
    ['doc', ole('WordDocument')],
    ['xls', ole('Workbook')],
  ] as const)('%s', (kind, b) => {
    expect(detectFileKind(b)).toBe(kind);
  });

  it('recognises a real ExcelJS workbook as xlsx', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('表1').addRow(['项目', 1]);
    expect(detectFileKind(new Uint8Array(await wb.xlsx.writeBuffer()))).toBe('xlsx');
  });

  it.each([
    ['an exe renamed to .pdf', bytes('MZ', new Array(60).fill(0))],
    ['a plain zip', zip(['a.txt'])],
    ['html', bytes('<!DOCTYPE html><script>')],
    ['empty', new Uint8Array()],
    ['3 bytes', bytes([0xff, 0xd8, 0xff])],
    ['an OLE file that is neither', ole('Other')],
    ['a truncated zip header', bytes([0x50, 0x4b, 0x03, 0x04, 1, 2])],
  ])('refuses %s', (_label, b) => {
    expect(detectFileKind(b)).toBeNull();
  });
});

describe('OLE2 containers: only the root streams decide', () => {
  /** A real CFB container (SheetJS's writer) with the given stream paths. */
  const container = (paths: string[]) => {
    const cfb = XLSX.CFB.utils.cfb_new();
    for (const p of paths) XLSX.CFB.utils.cfb_add(cfb, p, Buffer.from('x'.repeat(600)));
    return new Uint8Array(XLSX.CFB.write(cfb, { type: 'buffer' }) as Buffer);
  };

  it('an .xls with an embedded Word object is a workbook', () => {
    const b = container(['/Workbook', '/MBD0001/WordDocument', '/MBD0001/1Table']);
    expect(cfbRootNames(b)).toEqual(expect.arrayContaining(['Workbook', 'MBD0001']));
    expect(cfbRootNames(b)).not.toContain('WordDocument');
    expect(detectFileKind(b)).toBe('xls');
  });

  it('a Word file with an embedded sheet is a Word document', () => {
    expect(detectFileKind(container(['/WordDocument', '/1Table', '/ObjectPool/_1/Workbook']))).toBe('doc');
  });

  it('reads the corpus Word file as a Word document and a WPS .xls as a workbook', () => {
    const root = '/work/shared/corpora/spreadsheets';
    if (!existsSync(root)) return;
    expect(detectFileKind(new Uint8Array(readFileSync(`${root}/odd-formats/word_doc.xls`)))).toBe('doc');
    expect(detectFileKind(new Uint8Array(readFileSync(`${root}/crash/61300.xls`)))).toBe('xls');
  });
});
