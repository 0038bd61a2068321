/**
 * Escaping for the documents: every interpolated value is escaped unless it is already markup made
 * by this module, so a project name like `<script>` or `a & b` prints as text and never as HTML.
 */
export class Markup {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function esc(text: string | number | null | undefined): string {
  if (text === null || text === undefined) return '';
  return String(text).replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

const UNESCAPES = Object.fromEntries(Object.entries(ESCAPES).map(([c, e]) => [e, c]));

/** The text of a page's <title> (documentPage writes it with esc), or null when the page has none. */
export function pageTitle(page: string): string | null {
  const m = /<title>([^<]*)<\/title>/i.exec(page);
  const title = m?.[1]!.replace(/&(?:amp|lt|gt|quot|#39);/g, (e) => UNESCAPES[e]!).trim();
  return title || null;
}

type Value = Markup | string | number | null | undefined | false | readonly Value[];

function render(v: Value): string {
  if (v === null || v === undefined || v === false) return '';
  if (v instanceof Markup) return v.value;
  if (Array.isArray(v)) return v.map(render).join('');
  return esc(v as string | number);
}

/** Tagged template: html`<td>${name}</td>` escapes `name`; nested html`` and arrays of them pass through. */
export function html(strings: TemplateStringsArray, ...values: Value[]): Markup {
  let out = strings[0]!;
  values.forEach((v, i) => {
    out += render(v) + strings[i + 1]!;
  });
  return new Markup(out);
}

/** Trusted markup produced by code (ECharts SVG, generated CSS) — never user text. */
export const trusted = (s: string): Markup => new Markup(s);

/** Multi-line user text → escaped paragraphs. */
export function paragraphs(text: string | null | undefined, cls = ''): Markup {
  const lines = (text ?? '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  return html`${lines.map((l) => html`<p class="${cls}">${l}</p>`)}`;
}
