/**
 * The PDF properties rewrite on a file laid out as Skia writes one (Info object first, one classic xref table):
 * every object the cross-reference table names is still where it says after the Info object changed length, and
 * a PDF of another shape comes back untouched. (The real printer's PDF is read by poppler in
 * tests/integration/printables/pdf-properties.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { withDocumentInfo } from '../../electron/core/printables/pdf-info.ts';

/** A PDF as Skia lays it out: objects in order, Info first, the xref's offsets computed from the bytes. */
function skiaLike(info: string): Buffer {
  const objects = [
    `1 0 obj\n<<${info}>>\nendobj\n`,
    `2 0 obj\n<</Type /Catalog\n/Pages 3 0 R>>\nendobj\n`,
    `3 0 obj\n<</Type /Pages\n/Count 0\n/Kids []>>\nendobj\n`,
  ];
  let body = '%PDF-1.4\n%\u00e2\u00e3\n';
  const offsets: number[] = [];
  for (const o of objects) {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += o;
  }
  const xrefAt = Buffer.byteLength(body, 'latin1');
  const entries = offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  body += `xref\n0 4\n0000000000 65535 f \n${entries}trailer\n<</Size 4\n/Root 2 0 R\n/Info 1 0 R>>\nstartxref\n${xrefAt}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** Each in-use xref entry's offset, checked against the object found there. */
function objectsWhereTheXrefSays(pdf: Buffer): boolean {
  const text = pdf.toString('latin1');
  const xrefAt = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(text)![1]);
  const entries = [...text.slice(xrefAt).matchAll(/^(\d{10}) (\d{5}) n /gm)];
  return entries.every((m, i) => text.startsWith(`${i + 1} 0 obj`, Number(m[1])));
}

const utf16Hex = (s: string) => `<FEFF${Buffer.from(s, 'utf16le').swap16().toString('hex').toUpperCase()}>`;
const INFO = { title: '蒲州镇重点项目简报', creator: '乡镇建设项目台账', producer: '乡镇建设项目台账' };

describe('the PDF properties rewrite', () => {
  it('replaces Creator and Producer, sets the Title, keeps the dates and moves every offset after the Info object', () => {
    for (const creator of ['(Mozilla/5.0 \\(X11\\) HeadlessChrome/156.0.0.0)', '(x)']) {
      const pdf = skiaLike(
        `/Title (a)\n/Creator ${creator}\n/Producer (Skia/PDF m156)\n/CreationDate (D:20171008090000+08'00')`,
      );
      expect(objectsWhereTheXrefSays(pdf)).toBe(true);
      const out = withDocumentInfo(pdf, INFO);
      const text = out.toString('latin1');
      expect(text).toContain(`/Title ${utf16Hex(INFO.title)}`);
      expect(text).toContain(`/Creator ${utf16Hex(INFO.creator)}`);
      expect(text).toContain(`/Producer ${utf16Hex(INFO.producer)}`);
      expect(text).toContain(`/CreationDate (D:20171008090000+08'00')`);
      expect(text).not.toMatch(/Mozilla|Skia/);
      expect(objectsWhereTheXrefSays(out)).toBe(true);
    }
  });

  it("keeps the printer's title when the page has none", () => {
    const out = withDocumentInfo(skiaLike(`/Title <FEFF5B57>\n/Producer (Skia/PDF m156)`), { ...INFO, title: null });
    expect(out.toString('latin1')).toContain('/Title <FEFF5B57>');
  });

  it('leaves a PDF of another shape as it came', () => {
    const updated = Buffer.from(
      skiaLike('/Producer (Skia)').toString('latin1').replace('/Size 4', '/Size 4\n/Prev 9'),
      'latin1',
    );
    for (const pdf of [Buffer.from('%PDF-1.7\nnot what Skia writes'), updated])
      expect(withDocumentInfo(pdf, INFO)).toBe(pdf);
  });
});
