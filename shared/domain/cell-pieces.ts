/**
 * A unit's or a person's name as the ledger compares it: full-width letters, digits and brackets as their half-width
 * forms, no blanks at all (王\u3000伟 is 王伟, 城 建 办 is 城建办, ＸＹ公司 is XY公司) — offices pad names to line them up.
 */
export const nameKey = (name: string): string => name.normalize('NFKC').replace(/\s+/g, '');

/**
 * A cell naming several units or people → its pieces: split on 、，,；;/ and line breaks outside brackets, so that
 * 永济市住建局（规划、建设） and 李四（副镇长、党委委员） each stay one. Blanks are left to the caller: 住建局 交通局 is two
 * units but 蒲州镇 水利站 one (org-name.ts blankParts), 张三 李四 two people but 王  伟 one (person-cell.ts).
 */
export function cellPieces(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of text) {
    if (ch === '(' || ch === '（') depth++;
    if ((ch === ')' || ch === '）') && depth > 0) depth--;
    if (depth === 0 && /[、，,；;/／\n\r|]/.test(ch)) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out.map((p) => p.trim()).filter(Boolean);
}
