/**
 * The document properties of a printed PDF (标题, 创建者, 生成程序 in a reader's 文档属性). Chromium and
 * Electron's printToPDF write the browser's English user agent as Creator and “Skia/PDF” as Producer; the
 * PDF the app hands a clerk names the app in Chinese instead.
 *
 * No PDF library ships with the app, and none is needed: Skia writes one plain revision — the Info dictionary
 * as a small object, one classic cross-reference table (xref) with a single subsection from object 0, a
 * trailer without /Prev or /Encrypt, and no other byte offsets in the file (not linearized). The Info object
 * is replaced in place and every offset after it in the xref table, and startxref, moves by the difference —
 * the same file a writer would have written with these properties. Rewriting the object rather than appending
 * an incremental update leaves no English behind in the bytes. A PDF of any other shape is returned as it
 * came: its properties stay the printer's, but it is never damaged.
 */

export interface PdfDocumentInfo {
  /** 标题; null keeps the printer's. */
  title: string | null;
  creator: string;
  producer: string;
}

/** A PDF text string in UTF-16BE with its byte-order mark, as a hex string (the form Skia writes for Chinese). */
function pdfText(text: string): string {
  const utf16be = Buffer.from(text, 'utf16le').swap16();
  return `<FEFF${utf16be.toString('hex').toUpperCase()}>`;
}

const XREF_ENTRY = /^(\d{10}) (\d{5}) ([nf])( \r| \n|\r\n)$/;
/** The tail of the file: the last startxref and %%EOF (Skia writes no bytes after them but an end of line). */
const START_XREF = /startxref\s+(\d+)\s+%%EOF\s*$/;

export function withDocumentInfo(pdf: Buffer, info: PdfDocumentInfo): Buffer {
  const tailFrom = Math.max(0, pdf.length - 128);
  const startXref = START_XREF.exec(pdf.subarray(tailFrom).toString('latin1'));
  if (!startXref) return pdf;
  const xrefAt = Number(startXref[1]);
  const startXrefAt = tailFrom + startXref.index;
  if (!(xrefAt > 0 && xrefAt < startXrefAt)) return pdf;

  // The xref table: "xref", one subsection "0 N", N entries of exactly 20 bytes, then the trailer.
  const xrefText = pdf.subarray(xrefAt, startXrefAt).toString('latin1');
  const head = /^xref\r?\n0 (\d+)\r?\n/.exec(xrefText);
  if (!head) return pdf;
  const count = Number(head[1]);
  const entriesAt = head[0].length;
  const trailerText = xrefText.slice(entriesAt + count * 20);
  const trailer = /^trailer\s*<<([\s\S]*)>>\s*$/.exec(trailerText);
  if (!trailer || /\/(Prev|Encrypt|XRefStm)\b/.test(trailer[1]!)) return pdf;
  const infoRef = /\/Info\s+(\d+)\s+(\d+)\s+R/.exec(trailer[1]!);
  if (!infoRef) return pdf;
  const [infoNum, infoGen] = [Number(infoRef[1]), Number(infoRef[2])];

  const entries: { offset: number; gen: string; kind: string; eol: string }[] = [];
  for (let i = 0; i < count; i++) {
    const m = XREF_ENTRY.exec(xrefText.slice(entriesAt + i * 20, entriesAt + (i + 1) * 20));
    if (!m) return pdf;
    entries.push({ offset: Number(m[1]), gen: m[2]!, kind: m[3]!, eol: m[4]! });
  }
  const infoEntry = entries[infoNum];
  if (!infoEntry || infoEntry.kind !== 'n') return pdf;
  const infoAt = infoEntry.offset;

  // The Info object: a dictionary of strings, no stream, ending at its endobj.
  const objText = pdf.subarray(infoAt, Math.min(infoAt + 64 * 1024, xrefAt)).toString('latin1');
  const obj = new RegExp(`^${infoNum} ${infoGen} obj\\s*<<([\\s\\S]*?)>>\\s*endobj`).exec(objText);
  if (!obj || /\bstream\b|\bobj\b/.test(obj[1]!)) return pdf;
  const oldEnd = infoAt + obj[0].length;
  // The printer's dates stay: they are when the file was made.
  const dates = [...obj[1]!.matchAll(/\/(?:CreationDate|ModDate)\s*\([^()\\]*\)/g)].map((m) => m[0]);
  const title = info.title ? pdfText(info.title) : /\/Title\s*(<[^>]*>|\((?:[^()\\]|\\.)*\))/.exec(obj[1]!)?.[1];
  const fields = [
    ...(title ? [`/Title ${title}`] : []),
    `/Creator ${pdfText(info.creator)}`,
    `/Producer ${pdfText(info.producer)}`,
    ...dates,
  ];
  const newObj = Buffer.from(`${infoNum} ${infoGen} obj\n<<${fields.join('\n')}>>\nendobj`, 'latin1');
  const shift = newObj.length - (oldEnd - infoAt);

  const movedEntries = entries
    .map((e) => {
      const offset = e.kind === 'n' && e.offset > infoAt ? e.offset + shift : e.offset;
      return `${String(offset).padStart(10, '0')} ${e.gen} ${e.kind}${e.eol}`;
    })
    .join('');
  const xref = xrefText.slice(0, entriesAt) + movedEntries + trailerText;
  return Buffer.concat([
    pdf.subarray(0, infoAt),
    newObj,
    pdf.subarray(oldEnd, xrefAt),
    Buffer.from(`${xref}startxref\n${xrefAt + shift}\n%%EOF\n`, 'latin1'),
  ]);
}
