/**
 * A table of records kept as a sheet (考核 自评表, 责任清单): an antd Table drawn as the ARIA grid of SheetTable.tsx,
 * driven by useSheet — the same moves, block selection, copy, paste, Ctrl+D, Delete and undo as the 项目台账 and the
 * 月报 — with an editor opened in place by typing, F2 or a double-click. A page gives its rows and columns (each
 * editable column with its field's own zod rule from shared/schemas) and a `save` that sends a block of cells in
 * ONE call to the core (assessments:updateCells, tasks:updateCells), which checks them again and saves them in one
 * transaction. A cell refused here or by the core keeps the text typed, with the reason beside it.
 */
import { App as AntApp, Table, type TableColumnsType } from 'antd';
import { useMemo, useRef, useState, type KeyboardEvent as ReactKeyboardEvent, type MouseEvent as ReactMouseEvent, type ReactNode } from 'react';
import type { z } from '../../../../shared/schemas/zod-zh.ts';
import { ApiError } from '../../lib/api.ts';
import { SHEET_TABLE_COMPONENTS, SheetContext, sheetCell, sheetHeader } from './SheetTable.tsx';
import { useSheet, type Refusal, type SheetModel, type SheetWrite, type WriteOutcome } from './use-sheet.ts';

export type CellParse = { ok: true; value: unknown } | { ok: false; message: string };

export interface RecordSheetColumn<R> {
  /** the field the core's channel takes (editable columns), or any unique key */
  key: string;
  title: string;
  width?: number;
  align?: 'left' | 'right' | 'center';
  /** the cell's text: what it copies, what its editor starts from, what an undo writes back */
  text: (r: R) => string;
  /** what the cell shows, when not its text */
  render?: (r: R) => ReactNode;
  /** the field's rule (shared/schemas); a column without one is read-only */
  rule?: z.ZodType;
  /** the text as the value the rule takes (a name to its id, a number); default: trimmed text, '' as null */
  parse?: (text: string) => CellParse;
  /** why this row's cell cannot be typed into, or null */
  readOnly?: (r: R) => string | null;
  /** choices offered while typing */
  options?: readonly string[];
}

export interface SheetCellValue {
  id: number;
  field: string;
  value: unknown;
}

export interface RecordSheetProps<R> {
  /** the grid's accessible name (and the tests' handle) */
  label: string;
  rows: readonly R[];
  rowId: (r: R) => number;
  columns: readonly RecordSheetColumn<R>[];
  /** the title of the row number column, which selects a whole row */
  rowHeader?: string;
  /** null when the operator may type; else why not (a 领导 reads) */
  lockedReason: string | null;
  /** saves a block of cells in one call; throws an ApiError whose issues name `<kind>.<id>[.<field>]` when refused */
  save: (cells: SheetCellValue[]) => Promise<void>;
  /** columns after the sheet's (actions): outside the grid's cells */
  extra?: TableColumnsType<R>;
  loading?: boolean;
  emptyText?: ReactNode;
  scrollY?: number | string;
}

const key = (rowId: number, colKey: string) => `${rowId}:${colKey}`;
const defaultParse = (t: string): CellParse => ({ ok: true, value: t === '' ? null : t });
/** the record and field an issue of the core names: `task.12.deadline` or `item.7` */
const ISSUE_PATH = /^[a-z_]+\.(\d+)(?:\.(\w+))?$/;

export function RecordSheet<R extends object>(p: RecordSheetProps<R>) {
  const { message } = AntApp.useApp();
  const container = useRef<HTMLDivElement>(null);
  const [refused, setRefused] = useState<ReadonlyMap<string, Refusal>>(new Map());
  const [editing, setEditing] = useState<{ rowId: number; colKey: string; typed: string | null } | null>(null);
  const editingRef = useRef(editing);
  editingRef.current = editing;
  // The rows keep the places they had on screen when the data comes back (a 单位 pasted would otherwise move a person
  // to another place in the list while the block is still selected, as no spreadsheet does); rows new to the
  // sheet follow in the core's order.
  const places = useRef(new Map<number, number>());
  const rows = useMemo(() => {
    const was = places.current;
    const sorted = p.rows.map((r, i) => ({ r, i, at: was.get(p.rowId(r)) ?? Infinity }))
      .sort((a, b) => a.at - b.at || a.i - b.i).map((x) => x.r);
    places.current = new Map(sorted.map((r, i) => [p.rowId(r), i]));
    return sorted;
  }, [p.rows, p.rowId]);
  const rowsRef = useRef(rows);
  rowsRef.current = rows;
  const byId = useMemo(() => new Map(rows.map((r) => [p.rowId(r), r])), [rows, p.rowId]);
  const byIdRef = useRef(byId);
  byIdRef.current = byId;
  const cols = p.columns;
  const colByKey = useMemo(() => new Map(cols.map((c) => [c.key, c])), [cols]);

  const readOnly = (r: R | undefined, c: RecordSheetColumn<R> | undefined): string | null => {
    if (!r || !c) return '没有这个单元格';
    if (p.lockedReason) return p.lockedReason;
    if (!c.rule) return c.readOnly?.(r) ?? `“${c.title}”不能在表格中修改`;
    return c.readOnly?.(r) ?? null;
  };
  const cellEl = (row: number, col: number) => container.current?.querySelector<HTMLElement>(`[data-r="${row}"][data-c="${col}"]`) ?? null;

  /**
   * Checks each cell with its field's rule, then sends the accepted ones in one call. When the core refuses some
   * records, their cells are marked with its reasons and the others sent once more (still one call, one transaction).
   */
  const write = async (writes: SheetWrite[]): Promise<WriteOutcome> => {
    const refusedNow: Refusal[] = [];
    let accepted: (SheetWrite & { before: string; value: unknown })[] = [];
    for (const w of writes) {
      const r = byIdRef.current.get(w.rowId);
      const c = colByKey.get(w.colKey);
      const why = readOnly(r, c);
      if (why || !r || !c?.rule) {
        refusedNow.push({ ...w, message: why ?? '不能修改' });
        continue;
      }
      const text = w.text.trim();
      const parsed = (c.parse ?? defaultParse)(text);
      const check = parsed.ok ? c.rule.safeParse(parsed.value) : null;
      if (!parsed.ok || !check?.success) {
        const msg = !parsed.ok ? parsed.message : check!.error!.issues[0]?.message ?? '输入有误';
        refusedNow.push({ ...w, message: msg.includes(c.title) ? msg : `${c.title}：${msg}` });
        continue;
      }
      const before = c.text(r);
      if (before === text) continue;
      accepted.push({ ...w, text, before, value: parsed.ok ? parsed.value : null });
    }
    for (let attempt = 0; attempt < 2 && accepted.length > 0; attempt++) {
      try {
        await p.save(accepted.map((a) => ({ id: a.rowId, field: a.colKey, value: a.value })));
        break;
      } catch (e) {
        const issues = e instanceof ApiError ? e.issues : [];
        const bad = new Map<number, { field?: string; message: string }[]>();
        for (const i of issues) {
          const m = ISSUE_PATH.exec(i.path);
          if (m) bad.set(Number(m[1]), [...(bad.get(Number(m[1])) ?? []), { field: m[2], message: i.message }]);
        }
        if (bad.size === 0 || attempt === 1) throw e;
        // a refused record is left out whole (its cells stay as typed, marked); the other records are sent again
        for (const [id, found] of bad)
          for (const a of accepted.filter((x) => x.rowId === id)) {
            const own = found.find((f) => f.field === a.colKey) ?? found.find((f) => !f.field);
            refusedNow.push({ rowId: a.rowId, colKey: a.colKey, text: a.text, message: own?.message ?? `${found[0]!.message}（本行未保存）` });
          }
        accepted = accepted.filter((a) => !bad.has(a.rowId));
      }
    }
    setRefused((old) => {
      const next = new Map(old);
      for (const w of writes) next.delete(key(w.rowId, w.colKey));
      for (const x of refusedNow) next.set(key(x.rowId, x.colKey), x);
      return next;
    });
    return { changes: accepted.map((a) => ({ rowId: a.rowId, colKey: a.colKey, before: a.before, after: a.text })), refused: refusedNow };
  };

  const model: SheetModel = {
    rowCount: rows.length,
    colCount: cols.length,
    rowId: (i) => p.rowId(rowsRef.current[i]!),
    colKey: (c) => cols[c]!.key,
    rowOf: (id) => rowsRef.current.findIndex((r) => p.rowId(r) === id),
    colOf: (k) => cols.findIndex((c) => c.key === k),
    text: (i, c) => {
      const r = rowsRef.current[i];
      const col = cols[c];
      if (!r || !col) return '';
      return refused.get(key(p.rowId(r), col.key))?.text ?? col.text(r);
    },
    readOnly: (i, c) => readOnly(rowsRef.current[i], cols[c]),
    write,
    edit: (pos, typed) => setEditing({ rowId: p.rowId(rowsRef.current[pos.row]!), colKey: cols[pos.col]!.key, typed }),
    editing: () => editingRef.current !== null,
    reveal: (show, active) => {
      cellEl(show.row, show.col)?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
      const el = cellEl(active.row, active.col);
      if (el && document.activeElement !== el) el.focus({ preventScroll: true });
    },
    pageRows: () => Math.max(1, Math.floor((container.current?.querySelector('.ant-table-body')?.clientHeight ?? 400) / 40)),
    notify: (kind, text) => void message[kind]({ content: text, duration: kind === 'error' || kind === 'warning' ? 6 : 3 }),
  };
  const sheet = useSheet(model, container);
  const sheetNow = useRef(sheet);
  sheetNow.current = sheet;

  /** The editor's text, saved through the same path as a paste (one undo step); then the cursor moves. */
  const commit = async (rowId: number, c: RecordSheetColumn<R>, text: string, move: 'Enter' | 'Tab' | 'ShiftTab' | null) => {
    setEditing(null);
    const row = rowsRef.current.findIndex((r) => p.rowId(r) === rowId);
    const col = cols.indexOf(c);
    cellEl(row, col)?.focus({ preventScroll: true });
    try {
      const out = await sheet.writeStep(`修改“${c.title}”`, [{ rowId, colKey: c.key, text }]);
      if (out.refused.length) message.error(out.refused[0]!.message);
    } catch (e) {
      message.error((e as Error).message);
    }
    if (move) sheet.step(move === 'Enter' ? 'Enter' : 'Tab', move === 'ShiftTab');
  };

  const editor = (r: R, c: RecordSheetColumn<R>, typed: string | null) => {
    const rowId = p.rowId(r);
    const start = typed ?? refused.get(key(rowId, c.key))?.text ?? c.text(r);
    const listId = c.options ? `sheet-options-${c.key}` : undefined;
    let done = false; // Enter or Esc closes the editor; the blur that follows must not save again
    const onKeyDown = (e: ReactKeyboardEvent<HTMLInputElement>) => {
      e.stopPropagation(); // the editor's keys are its own, not the grid's
      if (e.nativeEvent.isComposing) return;
      if (e.key === 'Escape') {
        done = true;
        setEditing(null);
        const row = rowsRef.current.indexOf(r);
        cellEl(row, cols.indexOf(c))?.focus({ preventScroll: true });
      } else if (e.key === 'Enter' || e.key === 'Tab') {
        e.preventDefault();
        done = true;
        void commit(rowId, c, e.currentTarget.value, e.key === 'Enter' ? 'Enter' : e.shiftKey ? 'ShiftTab' : 'Tab');
      }
    };
    return (
      <>
        <input
          className="ant-input ant-input-sm sheet-editor" autoFocus defaultValue={start} aria-label={`${c.title}（编辑中）`} list={listId}
          onFocus={(e) => (typed === null ? e.currentTarget.select() : e.currentTarget.setSelectionRange(start.length, start.length))}
          onKeyDown={onKeyDown} onMouseDown={(e) => e.stopPropagation()}
          onBlur={(e) => { if (!done) void commit(rowId, c, e.currentTarget.value, null); }}
        />
        {c.options && <datalist id={listId}>{c.options.map((o) => <option key={o} value={o} />)}</datalist>}
      </>
    );
  };

  const columns = useMemo((): TableColumnsType<R> => [
    {
      title: p.rowHeader ?? '行', key: '__row', width: 48, align: 'center', fixed: 'left',
      onHeaderCell: () => ({ 'aria-colindex': 1 }) as object,
      onCell: (_, i) => ({
        role: 'rowheader', 'aria-colindex': 1, className: 'sheet-rowhead', title: '点击选中整行',
        onMouseDown: (e: ReactMouseEvent) => { e.preventDefault(); sheetNow.current.selectRow(i ?? 0, e.shiftKey); },
      }) as object,
      render: (_v, _r, i) => i + 1,
    },
    ...cols.map((c, ci) => ({
      title: c.title, key: c.key, width: c.width, align: c.align,
      onHeaderCell: () => sheetHeader(sheetNow, ci, ci + 2),
      onCell: (r: R, i?: number) => sheetCell(sheetNow, i ?? 0, ci, ci + 2, readOnly(r, c) !== null),
      render: (_v: unknown, r: R) => {
        const id = p.rowId(r);
        if (editing && editing.rowId === id && editing.colKey === c.key) return editor(r, c, editing.typed);
        const bad = refused.get(key(id, c.key));
        if (bad)
          return (
            <span aria-invalid="true" title={bad.message}>
              <span className="cell-refused">{bad.text}</span><span className="cell-reason">{bad.message}</span>
            </span>
          );
        return c.render ? c.render(r) : c.text(r);
      },
    })),
    ...(p.extra ?? []),
  // the cells read the sheet through sheetNow: a cursor move redraws only the cells (SheetContext), not the columns
  ], [cols, editing, refused, p.lockedReason, p.extra, p.rowHeader]);

  return (
    <div
      ref={container} role="grid" aria-label={p.label} aria-multiselectable
      aria-rowcount={rows.length + 1} aria-colcount={cols.length + 1 + (p.extra?.length ?? 0)}
      className="sheet-grid" onKeyDown={sheet.onKeyDown}
    >
      <SheetContext.Provider value={sheet}>
        <Table<R>
          rowKey={(r) => p.rowId(r)} size="small" bordered pagination={false}
          components={SHEET_TABLE_COMPONENTS}
          onRow={(_, i) => ({ role: 'row', 'aria-rowindex': (i ?? 0) + 2 }) as object}
          onHeaderRow={() => ({ role: 'row', 'aria-rowindex': 1 }) as object}
          loading={p.loading} columns={columns} dataSource={rows as R[]}
          scroll={{ x: 'max-content', y: p.scrollY }}
          locale={p.emptyText ? { emptyText: p.emptyText } : undefined}
        />
      </SheetContext.Provider>
    </div>
  );
}
