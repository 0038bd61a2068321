/**
 * What an import adds besides projects: the 人员 (import-people.ts) and 单位 (import-orgs.ts) its rows name that the
 * ledger does not have. Both are gathered and said the one way, before anything is written: each once, with the
 * columns and rows naming it, in a notice of the preview — the window shows it, the command line prints it, its --json
 * report carries it — and by name in the preview's newStaff / newOrgs.
 */

/** One row's mention of a name the import adds: in which column (包联领导, 牵头单位 …), with what it says of it. */
export interface NameUse {
  name: string;
  role: string;
  /** what the file says beside the name (a person's 职务), else null */
  detail?: string | null;
}

export interface NewName {
  name: string;
  detail: string | null;
  /** the columns naming it, in the order first met */
  roles: string[];
  rows: number[];
}

/** The names a run of rows adds, each once, in the order the file first names them. */
export function collectNewNames(rows: readonly { row: number; uses: readonly NameUse[] }[]): NewName[] {
  const out = new Map<string, NewName>();
  for (const { row, uses } of rows)
    for (const u of uses) {
      const n = out.get(u.name) ?? { name: u.name, detail: u.detail ?? null, roles: [], rows: [] };
      n.detail ??= u.detail ?? null;
      if (!n.roles.includes(u.role)) n.roles.push(u.role);
      if (n.rows[n.rows.length - 1] !== row) n.rows.push(row);
      out.set(u.name, n);
    }
  return [...out.values()];
}

/** How many are named in a notice (the others: 等), and how many rows of each. */
const SHOWN = 10;
const SHOWN_ROWS = 5;

/**
 * The preview's notice of names to be added: `head` before the list (given how many), `tail` after it (what to do
 * next). Each as 李四（副县长；包联领导，第5行）, 永济市交通局（牵头单位、责任单位，第2、3、4、5、6等 8 行）.
 */
export function newNamesNotice(list: readonly NewName[], head: (n: number) => string, tail: string): string | null {
  if (list.length === 0) return null;
  const shown = list.slice(0, SHOWN).map((n) => {
    const rows = `第${n.rows.slice(0, SHOWN_ROWS).join('、')}${n.rows.length > SHOWN_ROWS ? `等 ${n.rows.length} ` : ''}行`;
    return `${n.name}（${n.detail ? `${n.detail}；` : ''}${n.roles.join('、')}，${rows}）`;
  });
  return `${head(list.length)}：${shown.join('、')}${list.length > SHOWN ? '等' : ''}。${tail}`;
}
