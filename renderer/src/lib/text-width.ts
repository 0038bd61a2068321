/**
 * The width in CSS pixels a one-line text takes in the page's own font, measured on a canvas (no layout pass), so
 * a column can be sized from the longest value it shows instead of a guessed constant that cuts it at 125 %.
 */
let canvas: HTMLCanvasElement | null = null;

export function textWidthPx(text: string, font = getComputedStyle(document.body).font): number {
  canvas ??= document.createElement('canvas');
  const g = canvas.getContext('2d');
  if (!g) return text.length * 8; // no canvas (never in Chromium): a digit's width in 14 px text
  g.font = font;
  return Math.ceil(g.measureText(text).width);
}

/** The width of a table column showing `texts` on one line: the longest text, the cell's padding and border, within bounds. */
export function columnWidthPx(
  texts: readonly (string | null | undefined)[],
  o: { min: number; max: number; paddingPx?: number },
): number {
  let longest = 0;
  const font = getComputedStyle(document.body).font;
  for (const t of texts) if (t) longest = Math.max(longest, textWidthPx(t, font));
  // antd's small cell pads 8 px each side; a pixel of border and a few of slack for sub-pixel rounding at 125 %
  return Math.max(o.min, Math.min(o.max, longest + (o.paddingPx ?? 16) + 5));
}
