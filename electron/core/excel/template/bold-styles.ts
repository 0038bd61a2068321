/**
 * Bold copies of a template's cell styles, added to its styles.xml: the 合计 row a fill adds to a template that has
 * none takes the data row's borders, number formats and alignment, in bold as a 合计 is printed. The template's own
 * fonts and styles are never changed (other cells share them); each bold style is appended once, at the end of
 * <fonts> and <cellXfs>, with the counts kept right, so Excel and WPS open the workbook without a repair.
 */

/** The style index (cellXfs) of a cell's bold copy; `changed` is the new styles.xml, or null if nothing was added. */
export interface BoldStyles {
  boldOf(s: string | null): string | null;
  changed(): string | null;
}

export function boldStyles(stylesXml: string): BoldStyles {
  let xml = stylesXml;
  let added = false;
  const boldXf = new Map<string, string | null>();
  const boldFont = new Map<number, number>();

  const section = (name: string) => new RegExp(`<${name}\\b[^>]*>[\\s\\S]*?</${name}>`).exec(xml);
  const elements = (body: string, tag: string) =>
    [...body.matchAll(new RegExp(`<${tag}\\b[^>]*?(?:/>|>[\\s\\S]*?</${tag}>)`, 'g'))].map((m) => m[0]);
  /** Appends an element to a section, counting it; the new element's index. */
  const append = (name: string, tag: string, element: string): number | null => {
    const m = section(name);
    if (!m) return null;
    const index = elements(m[0], tag).length;
    const grown = m[0]
      .replace(new RegExp(`</${name}>$`), `${element}</${name}>`)
      .replace(/^(<[^>]*?\scount=")\d+(")/, `$1${index + 1}$2`);
    xml = xml.slice(0, m.index) + grown + xml.slice(m.index + m[0].length);
    added = true;
    return index;
  };

  const fontBold = (fontId: number): number | null => {
    const known = boldFont.get(fontId);
    if (known !== undefined) return known;
    const fonts = section('fonts');
    const font = fonts ? elements(fonts[0], 'font')[fontId] : undefined;
    if (font === undefined) return null;
    if (/<b\s*\/>|<b\s+val="(1|true)"/.test(font)) return fontId; // bold already
    const bold = font.endsWith('/>')
      ? font.replace(/\s*\/>$/, '><b/></font>')
      : font.replace(/^<font\b[^>]*>/, (open) => `${open}<b/>`).replace(/<b\s+val="(0|false)"\s*\/>/, '');
    const index = append('fonts', 'font', bold);
    if (index !== null) boldFont.set(fontId, index);
    return index;
  };

  const boldOf = (s: string | null): string | null => {
    const key = s ?? '0';
    if (boldXf.has(key)) return boldXf.get(key)!;
    const xfs = section('cellXfs');
    const xf = xfs ? elements(xfs[0], 'xf')[Number(key)] : undefined;
    let out: string | null = null;
    if (xf !== undefined) {
      const open = /^<xf\b[^>]*?(?=\/?>)/.exec(xf)![0];
      const fontId = Number(/\sfontId="(\d+)"/.exec(open)?.[1] ?? 0);
      const font = fontBold(fontId);
      if (font === fontId) out = key;
      else if (font !== null) {
        const reopened = setAttr(setAttr(open, 'fontId', String(font)), 'applyFont', '1');
        const index = append('cellXfs', 'xf', reopened + xf.slice(open.length));
        out = index === null ? null : String(index);
      }
    }
    boldXf.set(key, out);
    return out;
  };

  return { boldOf, changed: () => (added ? xml : null) };
}

function setAttr(open: string, name: string, value: string): string {
  const re = new RegExp(`\\s${name}="[^"]*"`);
  return re.test(open) ? open.replace(re, ` ${name}="${value}"`) : `${open} ${name}="${value}"`;
}
