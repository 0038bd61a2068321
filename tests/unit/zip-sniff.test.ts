/**
 * The import's look at a zip, through JSZip: a workbook whose entries carry data descriptors (sizes after the data,
 * as streaming writers and some WPS versions write them) is read; a zip bomb is refused from the sizes its
 * directory declares, before anything is inflated; a cut-off file is refused as damaged. The attachment check
 * (shared/domain/file-kind.ts) names such a workbook too.
 */
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { parseBytes } from '../../electron/core/excel/import/parse-core.ts';
import { sniff } from '../../electron/core/excel/import/sniff.ts';
import { detectFileKind } from '../../shared/domain/file-kind.ts';

/** A real SheetJS workbook, re-zipped by JSZip with data descriptors (general purpose flag bit 3) on every entry. */
async function workbookWithDataDescriptors(): Promise<Uint8Array> {
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(
    wb,
    XLSX.utils.aoa_to_sheet([
      ['项目名称', '总投资（万元）'],
      ['蒲州镇道路硬化', 120.5],
    ]),
    '项目',
  );
  const plain = await JSZip.loadAsync(XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
  return plain.generateAsync({ type: 'uint8array', compression: 'DEFLATE', streamFiles: true });
}

describe('sniff and parse a zip through JSZip', () => {
  it('reads a workbook whose entries use data descriptors', async () => {
    const bytes = await workbookWithDataDescriptors();
    const flags = bytes[6]! | (bytes[7]! << 8);
    expect(flags & 0x08).toBe(0x08);
    const s = await sniff(bytes);
    expect(s.kind).toBe('zip');
    const out = await parseBytes(bytes);
    if (!out.ok) throw new Error(`${out.kind} ${out.detail ?? ''}`);
    expect(out.workbook.sheets[0]!.rows[1]!.cells).toEqual(['蒲州镇道路硬化', 120.5]);
    expect(detectFileKind(bytes)).toBe('xlsx');
  });

  it('refuses a zip bomb from the sizes in its central directory, without inflating', async () => {
    const zip = new JSZip();
    zip.file('[Content_Types].xml', '<Types/>');
    zip.file('xl/workbook.xml', '<workbook/>');
    const bytes = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
    // Declare 300 MB uncompressed for the workbook in the central directory (offset 24 of its record).
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let p = bytes.length - 22;
    while (view.getUint32(p, true) !== 0x06054b50) p--;
    let entry = view.getUint32(p + 16, true);
    for (let n = 0; n < view.getUint16(p + 10, true); n++) {
      const name = new TextDecoder().decode(bytes.subarray(entry + 46, entry + 46 + view.getUint16(entry + 28, true)));
      if (name === 'xl/workbook.xml') view.setUint32(entry + 24, 300 * 1024 * 1024, true);
      entry +=
        46 + view.getUint16(entry + 28, true) + view.getUint16(entry + 30, true) + view.getUint16(entry + 32, true);
    }
    expect(await sniff(bytes)).toEqual({ kind: 'fail', failure: 'TOO_LARGE', detail: '解压后超过 200MB' });
  });

  it('refuses a workbook cut short (no directory) as damaged, in Chinese', async () => {
    const bytes = await workbookWithDataDescriptors();
    expect(await sniff(bytes.subarray(0, Math.floor(bytes.length / 2)))).toEqual({
      kind: 'fail',
      failure: 'DAMAGED',
      detail: '压缩包不完整（缺少目录）',
    });
    const out = await parseBytes(bytes.subarray(0, bytes.length - 30));
    expect(out.ok).toBe(false);
  });
});
