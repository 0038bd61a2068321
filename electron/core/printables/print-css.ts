/**
 * Page setup and typography shared by every document. Chromium (and so Electron's print/printToPDF)
 * honours @page size, margins and margin boxes, so page numbers are CSS counters and the same HTML
 * prints identically from the preview, the print dialog and the PDF writer.
 */
import { esc, type Markup } from './html.ts';
import { fontStack } from './fonts.ts';
import type { PrintableSettings } from '../../../shared/schemas/printables.ts';

export const PAPER_MM = { A4: { w: 210, h: 297 }, A3: { w: 297, h: 420 } } as const;

/** GB/T 9704: 天头 37 mm, 订口 28 mm, derived bottom 35 mm and right 26 mm (版心 156 × 225 mm). */
export const GB_MARGINS = { top: 37, right: 26, bottom: 35, left: 28 };
/** Landscape tables: narrow margins, the page number still below the text. */
export const TABLE_MARGINS = { top: 15, right: 12, bottom: 16, left: 15 };

export type Margins = typeof GB_MARGINS;

export interface PageSetup {
  paper: PrintableSettings['paper'];
  orientation: PrintableSettings['orientation'];
  margins: Margins;
  /** 'gb': "— 1 —" outside (odd right, even left) per GB/T 9704; 'of-total': 第X页 共Y页 centred; 'none'. */
  pageNumbers: 'gb' | 'of-total' | 'none';
}

/** Printable width in mm. */
export function contentWidthMm(p: PageSetup): number {
  const { w, h } = PAPER_MM[p.paper];
  return (p.orientation === 'landscape' ? h : w) - p.margins.left - p.margins.right;
}

export function contentHeightMm(p: PageSetup): number {
  const { w, h } = PAPER_MM[p.paper];
  return (p.orientation === 'landscape' ? w : h) - p.margins.top - p.margins.bottom;
}

function pageRule(p: PageSetup): string {
  const m = p.margins;
  const page = `size: ${p.paper} ${p.orientation}; margin: ${m.top}mm ${m.right}mm ${m.bottom}mm ${m.left}mm;`;
  if (p.pageNumbers === 'of-total') {
    const box = `@bottom-center { content: "第 " counter(page) " 页  共 " counter(pages) " 页"; font-family: ${fontStack('song')}; font-size: 10pt; }`;
    return `@page { ${page} ${box} }`;
  }
  if (p.pageNumbers === 'gb') {
    // 4号半角宋体 with a 一字线 each side, 7 mm below the text; odd pages right, even pages left, one character in.
    const num = `content: "— " counter(page) " —"; font-family: ${fontStack('song')}; font-size: 14pt; vertical-align: top; padding-top: 7mm;`;
    return `@page { ${page} } @page :right { @bottom-right { ${num} padding-right: 14pt; } } @page :left { @bottom-left { ${num} padding-left: 14pt; } }`;
  }
  return `@page { ${page} }`;
}

const BASE = `
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; color: #000; font-family: ${fontStack('body')}; font-size: 12pt; line-height: 1.5; }
h1, h2, h3, p { margin: 0; }
.title { font-family: ${fontStack('title')}; font-weight: normal; text-align: center; }
.hei { font-family: ${fontStack('hei')}; }
.kai { font-family: ${fontStack('kai')}; }
table { border-collapse: collapse; width: 100%; }
table.grid { table-layout: fixed; font-family: ${fontStack('song')}; }
table.grid th, table.grid td { border: 0.6pt solid #000; padding: 1.2pt 2pt; vertical-align: middle; overflow-wrap: anywhere; word-break: normal; }
table.grid th { font-family: ${fontStack('hei')}; font-weight: normal; text-align: center; }
thead { display: table-header-group; }
tfoot { display: table-footer-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
.c { text-align: center; }
.nowrap { white-space: nowrap; }
.page { break-after: page; page-break-after: always; }
.page:last-child { break-after: auto; page-break-after: auto; }
.avoid { break-inside: avoid; page-break-inside: avoid; }
.light { display: inline-block; width: 0.9em; height: 0.9em; border-radius: 50%; border: 0.5pt solid #555; vertical-align: -0.1em; }
.light.red { background: #d40000; } .light.yellow { background: #f2c200; } .light.green { background: #1a9a3a; } .light.none { background: #fff; }
.muted { color: #555; }
.chart svg { display: block; }
@media screen {
  html { background: #e9e9e9; }
  body { padding: 12px 0; }
}
`;

/** Screen preview: each .sheet looks like the chosen paper, so the user sees the printed proportions. */
function screenSheet(p: PageSetup): string {
  const { w, h } = PAPER_MM[p.paper];
  const [pw, ph] = p.orientation === 'landscape' ? [h, w] : [w, h];
  const m = p.margins;
  return `@media screen { .sheet { width: ${pw}mm; min-height: ${ph}mm; margin: 0 auto 12px; background: #fff; box-shadow: 0 1px 4px rgba(0,0,0,.3);
  padding: ${m.top}mm ${m.right}mm ${m.bottom}mm ${m.left}mm; } }`;
}

/** A complete, self-contained page: no external URL, no script, so it renders under the app's CSP in a sandboxed iframe. */
export function documentPage(opts: { title: string; setup: PageSetup; css: string; body: Markup }): string {
  const { title, setup, css, body } = opts;
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(title)}</title>
<style>${pageRule(setup)}${BASE}${screenSheet(setup)}${css}</style></head>
<body>${body.value}</body></html>`;
}
