/**
 * A list of the 一项目一档 (建设子项, 资金构成, 年度计划, 节点) kept as a sheet: a RecordSheet that grows. Its rows are
 * cell texts; every block of cells (a typed cell, a paste, a fill, Delete, an undo, deleted rows) makes the list
 * anew and sends it WHOLE through the list's own channel (items:save, funding:save, plans:save, milestones:save),
 * which replaces the list in one transaction — so a paste that adds ten rows is one call and one undo step.
 *
 * A row left wholly empty leaves the list (this is how deleted rows and an undone paste's new rows go); an undo
 * writing into a row that left brings it back where it was. The core names a refused row by its place in the list
 * it was sent (`items.2.name`); that place is turned back into the row on screen, so the reason shows in the cell.
 */
import type { ReactNode } from 'react';
import { useCallback, useMemo, useRef, useState } from 'react';
import type { FieldIssue } from '../../../../shared/ipc/result.ts';
import { z } from '../../../../shared/schemas/zod-zh.ts';
import { ApiError } from '../../lib/api.ts';
import { readsDays } from './today-key.ts';
import { RecordSheet, type CellParse, type RecordSheetColumn, type SheetCellValue } from './RecordSheet.tsx';

export type ListTexts = Record<string, string>;

interface ListRow {
  key: number;
  t: ListTexts;
}

export interface ListColumn {
  key: string;
  title: string;
  width?: number;
  align?: 'left' | 'right' | 'center';
  /** the text kept for a non-empty cell (a day as 2017-09-30), or why it is refused; absent: a derived column */
  parse?: (text: string) => CellParse;
  /** what the cell shows, when not its text (a day as 2017年9月30日) */
  show?: (text: string, row: ListTexts) => ReactNode;
  /** what its editor opens on, when not its text (a day as it shows: RecordSheetColumn.editText) */
  editText?: (text: string) => string;
  /** a derived column's text, and why it is not typed into */
  derived?: { text: (row: ListTexts) => string; reason: string };
  options?: readonly string[];
}

export interface ListSheetProps {
  label: string;
  sheetKey: string;
  /** what one row is, for messages: 建设子项 */
  noun: string;
  /** the list's name in the core's issue paths (`items` in items.2.name) */
  listPath: string;
  columns: readonly ListColumn[];
  /** the list as the core has it, as cell texts (read once; then the sheet follows its own saves) */
  initial: ListTexts[];
  /** the rows in the order the core keeps them (年度计划 by year), so the list that comes back matches row by row */
  order?: (rows: ListTexts[]) => number[];
  /** sends the whole list; returns it as the core now has it, as cell texts */
  save: (rows: ListTexts[]) => Promise<ListTexts[]>;
  /** the column an issue's field shows in (年度计划's months.3 → m4); default the field itself */
  columnOf?: (field: string[]) => string | undefined;
  lockedReason: string | null;
  toolbar?: ReactNode;
}

/** A rule of shared/schemas as a cell's check: the text kept as typed (trimmed) when the rule takes its value. */
export const byRule =
  (rule: z.ZodType, toValue: (t: string) => unknown = (t) => t) =>
  (t: string): CellParse => {
    const r = rule.safeParse(toValue(t));
    return r.success ? { ok: true, value: t } : { ok: false, message: r.error.issues[0]?.message ?? '输入有误' };
  };

const isEmpty = (cols: readonly ListColumn[], t: ListTexts) =>
  cols.every((c) => !c.parse || (t[c.key] ?? '').trim() === '');

export function ListSheet(p: ListSheetProps) {
  const [rows, setRowsNow] = useState<ListRow[]>(() => p.initial.map((t, i) => ({ key: i + 1, t })));
  const rowsRef = useRef(rows);
  /** keys are never used twice: new rows, and rows that left (an undo may bring them back), keep theirs */
  const maxKey = useRef(rows.length);
  const [firstNewId, setFirstNewId] = useState(rows.length + 1);
  /** where each row that left the list stood, for an undo that brings it back */
  const gone = useRef(new Map<number, number>());
  const setRows = (next: ListRow[]) => {
    rowsRef.current = next;
    setRowsNow(next);
  };

  const save = async (cells: SheetCellValue[]) => {
    const list = rowsRef.current.map((r) => ({ key: r.key, t: { ...r.t } }));
    for (const c of [...cells].sort((a, b) => a.id - b.id)) {
      let row = list.find((r) => r.key === c.id);
      if (!row) {
        row = { key: c.id, t: {} };
        const at = gone.current.get(c.id);
        if (at !== undefined && at <= list.length) list.splice(at, 0, row);
        else list.push(row);
      }
      row.t[c.field] = typeof c.value === 'string' ? c.value : '';
    }
    const left = new Map<number, number>();
    list.forEach((r, i) => isEmpty(p.columns, r.t) && left.set(r.key, i));
    let kept = list.filter((r) => !left.has(r.key));
    if (p.order) {
      const byOrder = p.order(kept.map((r) => r.t));
      kept = byOrder.map((i) => kept[i]!);
    }
    let back: ListTexts[];
    try {
      back = await p.save(kept.map((r) => r.t));
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      // `items.2.name` → `row.<the row's key>.name`, as the sheet reads the core's refusals
      const issues: FieldIssue[] = e.issues.map((i) => {
        const [list0, at, ...field] = i.path.split('.');
        const row = list0 === p.listPath && at !== undefined ? kept[Number(at)] : undefined;
        if (!row) return i;
        const col = field.length ? (p.columnOf?.(field) ?? field[0]) : undefined;
        return { path: col ? `row.${row.key}.${col}` : `row.${row.key}`, message: i.message };
      });
      throw new ApiError(e.code, e.message, issues);
    }
    for (const [key, at] of left) gone.current.set(key, at);
    for (const c of cells) maxKey.current = Math.max(maxKey.current, c.id);
    setRows(kept.map((r, i) => ({ key: r.key, t: back[i] ?? r.t })));
    setFirstNewId(maxKey.current + 1);
  };

  const columns = useMemo(
    (): RecordSheetColumn<ListRow>[] =>
      p.columns.map((c) => {
        const parse = c.parse;
        return {
          key: c.key,
          title: c.title,
          width: c.width,
          align: c.align,
          options: c.options,
          date: readsDays(parse),
          text: (r) => (c.derived ? c.derived.text(r.t) : (r.t[c.key] ?? '')),
          render: c.show ? (r) => c.show!(c.derived ? c.derived.text(r.t) : (r.t[c.key] ?? ''), r.t) : undefined,
          editText: c.editText ? (r) => c.editText!(r.t[c.key] ?? '') : undefined,
          ...(parse
            ? { rule: z.string(), parse: (t: string): CellParse => (t === '' ? { ok: true, value: '' } : parse(t)) }
            : { readOnly: () => c.derived?.reason ?? `“${c.title}”由系统计算` }),
        };
      }),
    [p.columns],
  );
  const blank = useCallback((key: number): ListRow => ({ key, t: {} }), []);
  const grow = useMemo(() => ({ firstNewId, blank, noun: p.noun }), [firstNewId, blank, p.noun]);

  return (
    <RecordSheet<ListRow>
      label={p.label}
      sheetKey={p.sheetKey}
      rows={rows}
      rowId={rowKey}
      columns={columns}
      save={save}
      lockedReason={p.lockedReason}
      grow={grow}
      toolbar={p.toolbar}
      emptyText={p.lockedReason ? `暂无${p.noun}` : undefined}
    />
  );
}

const rowKey = (r: ListRow) => r.key;
