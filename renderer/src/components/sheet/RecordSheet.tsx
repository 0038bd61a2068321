/**
 * A table of records kept as a sheet (考核 自评表, 责任清单): an antd Table drawn as the ARIA grid of SheetTable.tsx,
 * driven by useSheet — the same moves, block selection, copy, paste, Ctrl+D, Delete and undo as the 项目台账 and the
 * 月报 — with an editor opened in place by typing, F2 or a double-click. A page gives its rows and columns (each
 * editable column with its field's own zod rule from shared/schemas) and a `save` that sends a block of cells in
 * ONE call to the core (assessments:updateCells, tasks:updateCells), which checks them again and saves them in one
 * transaction. A cell refused here or by the core keeps the text typed, with the reason beside it.
 *
 * Columns are widened by dragging a header's right edge and the first columns frozen, both remembered per sheet
 * (`sheetKey`, column-layout.tsx, the same mechanism as the 项目台账). A sheet that `grows` (the lists of the
 * 一项目一档) shows an empty last row: typing or pasting into it, or pasting more rows than there are, adds rows;
 * Ctrl+- or the row header's menu deletes the selected rows once confirmed (as one undoable step).
 */
import { App as AntApp, Dropdown, Space, Table, type TableColumnsType } from 'antd';
import {
  useEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent as ReactKeyboardEvent,
  type MouseEvent as ReactMouseEvent,
  type ReactNode,
} from 'react';
import { formatDateCn } from '../../../../shared/domain/dates.ts';
import type { z } from '../../../../shared/schemas/zod-zh.ts';
import { FreezeSelect, frozenCount, useColumnLayout } from './column-layout.tsx';
import { dismissRefused, markRefused, saveCells, withTheirBlocks } from './sheet-write.ts';
import { insertAtCaret, isFillKey, isTodayKey, readsDays, todayText } from './today-key.ts';
import { MarkedCell } from './MarkedCell.tsx';
import { SheetStatus } from './SheetStatus.tsx';
import { SHEET_PLAIN_TABLE_COMPONENTS, SheetContext, sheetCell, sheetHeader } from './SheetTable.tsx';
import {
  sheetNotify,
  useSheet,
  type Refusal,
  type SheetModel,
  type SheetWrite,
  type WriteOutcome,
} from './use-sheet.ts';

export type CellParse = { ok: true; value: unknown } | { ok: false; message: string };

export interface RecordSheetColumn<R> {
  /** the field the core's channel takes (editable columns), or any unique key */
  key: string;
  title: string;
  width?: number;
  align?: 'left' | 'right' | 'center';
  /** the cell's text: what it copies (a day as shown: copyText), what its editor opens on, what an undo writes back */
  text: (r: R) => string;
  /** what the cell shows, when not its text */
  render?: (r: R) => ReactNode;
  /**
   * what its editor opens on, when not its text (a date column's default: the day as the cell shows it, 2017年9月30日,
   * where the text written back by an undo is the day as stored, 2017-09-30)
   */
  editText?: (r: R) => string;
  /** the field's rule (shared/schemas); a column without one is read-only */
  rule?: z.ZodType;
  /** the text as the value the rule takes (a name to its id, a number); default: trimmed text, '' as null */
  parse?: (text: string) => CellParse;
  /** why this row's cell cannot be typed into, or null */
  readOnly?: (r: R) => string | null;
  /** choices offered while typing */
  options?: readonly string[];
  /** a column of days (Ctrl+; enters today); by default one whose `parse` is a parseDay */
  date?: boolean;
}

export interface SheetCellValue {
  id: number;
  field: string;
  value: unknown;
}

export interface RecordSheetProps<R> {
  /** the grid's accessible name (and the tests' handle) */
  label: string;
  /** the sheet's name in the ui-settings (widths and frozen columns remembered): `sheet.tasks` */
  sheetKey: string;
  /** the column frozen through at first ('' none; default the first column) */
  defaultFrozen?: string;
  /** a list that grows: rows past the last are `blank(id)` with ids from `firstNewId` on; rows may be deleted */
  grow?: { firstNewId: number; blank: (id: number) => R; noun?: string };
  /** controls beside the 冻结列 choice above the grid */
  toolbar?: ReactNode;
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
const isDateColumn = <R,>(c: RecordSheetColumn<R> | undefined) => !!c && (c.date ?? readsDays(c.parse));
/**
 * A cell's text as Ctrl+C copies it (and Ctrl+D fills down): a day as the cell shows it (2017年9月30日), as Excel
 * copies a date cell's text and the 项目台账 does — it copied 2017-09-30; the column's day reader (parseDay) takes it
 * back on a paste. An undo still writes back the text as stored (`text`).
 */
const copyText = <R,>(c: RecordSheetColumn<R>, r: R) => (isDateColumn(c) ? formatDateCn(c.text(r)) : c.text(r));
const defaultParse = (t: string): CellParse => ({ ok: true, value: t === '' ? null : t });
/** the record and field an issue of the core names: `task.12.deadline` or `item.7` */
const ISSUE_PATH = /^[a-z_]+\.(\d+)(?:\.(\w+))?$/;

export function RecordSheet<R extends object>(p: RecordSheetProps<R>) {
  const { message, modal } = AntApp.useApp();
  const container = useRef<HTMLDivElement>(null);
  const [refused, setRefused] = useState<ReadonlyMap<string, Refusal>>(new Map());
  const [editing, setEditing] = useState<{ rowId: number; colKey: string; typed: string | null } | null>(null);
  const editingRef = useRef(editing);
  editingRef.current = editing;
  // The rows keep the places they had on screen when the data comes back (a 单位 pasted would otherwise move a person
  // to another place in the list while the block is still selected, as no spreadsheet does); rows new to the
  // sheet follow in the core's order.
  const places = useRef(new Map<number, number>());
  const listed = useMemo(() => {
    if (p.grow) return p.rows as R[]; // a list keeps its own order
    const was = places.current;
    const sorted = p.rows
      .map((r, i) => ({ r, i, at: was.get(p.rowId(r)) ?? Infinity }))
      .sort((a, b) => a.at - b.at || a.i - b.i)
      .map((x) => x.r);
    places.current = new Map(sorted.map((r, i) => [p.rowId(r), i]));
    return sorted;
  }, [p.rows, p.rowId]);
  const byId = useMemo(() => new Map(listed.map((r) => [p.rowId(r), r])), [listed, p.rowId]);
  const byIdRef = useRef(byId);
  byIdRef.current = byId;
  const refusedRef = useRef(refused);
  refusedRef.current = refused;
  /**
   * What the cells saved last now hold, until the rows are read again: a Ctrl+Z pressed before the list comes back
   * compared the undo with the rows as they were before the save, found nothing to change, and said 已撤销.
   */
  const savedText = useRef(new Map<string, string>());
  useEffect(() => savedText.current.clear(), [p.rows]);
  /**
   * A growing list's new rows the core refused (a 子项 pasted without its amount) stay on screen below the list,
   * their texts marked with the reason, until the clerk completes them (then the row is sent whole) or clears them.
   */
  const pending = useMemo(
    () =>
      p.grow && !p.lockedReason
        ? [...new Set([...refused.values()].map((x) => x.rowId))].filter((id) => !byId.has(id)).sort((a, b) => a - b)
        : [],
    [p.grow, p.lockedReason, refused, byId],
  );
  /** a growing list takes new rows (not for a 领导, who reads); new ids come after those of the pending rows */
  const grow = useMemo(
    () =>
      p.grow && !p.lockedReason
        ? { ...p.grow, firstNewId: Math.max(p.grow.firstNewId, ...pending.map((id) => id + 1)) }
        : null,
    [p.grow, p.lockedReason, pending],
  );
  const rows = useMemo(() => (grow ? [...listed, ...pending.map(grow.blank)] : listed), [listed, pending, grow]);
  const rowsRef = useRef(rows);
  rowsRef.current = rows;
  const cols = p.columns;
  const colByKey = useMemo(() => new Map(cols.map((c) => [c.key, c])), [cols]);
  const layout = useColumnLayout(p.sheetKey, p.defaultFrozen ?? cols[0]?.key ?? '');
  const growRef = useRef(grow);
  growRef.current = grow;
  /** the row at a screen index: past the list's end, a new row of a growing list */
  const rowAt = (i: number): R | undefined =>
    rowsRef.current[i] ?? (growRef.current && i >= 0 ? growRef.current.blank(idAt(i)) : undefined);
  const idAt = (i: number) =>
    i < rowsRef.current.length
      ? p.rowId(rowsRef.current[i]!)
      : growRef.current!.firstNewId + i - rowsRef.current.length;
  /** a record by id: a row of a growing list that is not (or no longer) there is a blank one (an undo brings it back) */
  const recordOf = (id: number): R | undefined => byIdRef.current.get(id) ?? growRef.current?.blank(id);

  const readOnly = (r: R | undefined, c: RecordSheetColumn<R> | undefined): string | null => {
    if (!r || !c) return '没有这个单元格';
    if (p.lockedReason) return p.lockedReason;
    if (!c.rule) return c.readOnly?.(r) ?? `“${c.title}”不能在表格中修改`;
    return c.readOnly?.(r) ?? null;
  };
  const cellEl = (row: number, col: number) =>
    container.current?.querySelector<HTMLElement>(`[data-r="${row}"][data-c="${col}"]`) ?? null;

  /** A text by the column's own reader and its field's rule: the value saved, or the reason named with the column. */
  const checkText = (c: RecordSheetColumn<R>, text: string): CellParse => {
    if (!c.rule) return { ok: false, message: `“${c.title}”不能在表格中修改` };
    const parsed = (c.parse ?? defaultParse)(text);
    const check = parsed.ok ? c.rule.safeParse(parsed.value) : null;
    if (parsed.ok && check?.success) return parsed;
    const msg = !parsed.ok ? parsed.message : (check!.error!.issues[0]?.message ?? '输入有误');
    return { ok: false, message: msg.includes(c.title) ? msg : `${c.title}：${msg}` };
  };

  /** Checks each cell with its field's rule, then saves the accepted ones in one call (sheet-write.ts). */
  const write = async (typed: SheetWrite[]): Promise<WriteOutcome> => {
    // a held block is saved whole, and a pending new row too: the texts marked before go with the cells written now
    const writes = withTheirBlocks(typed, refusedRef.current);
    const has = (id: number, k: string) => writes.some((w) => w.rowId === id && w.colKey === k);
    if (growRef.current)
      for (const x of refusedRef.current.values())
        if (!byIdRef.current.has(x.rowId) && typed.some((w) => w.rowId === x.rowId) && !has(x.rowId, x.colKey))
          writes.push({ rowId: x.rowId, colKey: x.colKey, text: x.text });
    const out = await saveCells(writes, {
      check: (w) => {
        const r = recordOf(w.rowId);
        const c = colByKey.get(w.colKey);
        const why = readOnly(r, c);
        if (why || !r || !c) return { ok: false, message: why ?? '不能修改' };
        const text = w.text.trim();
        const parsed = checkText(c, text);
        if (!parsed.ok) return parsed;
        const before = savedText.current.get(key(w.rowId, w.colKey)) ?? c.text(r);
        // the editor closed on the text it opened on (2017年9月30日 over 2017-09-30) is no change either, nor a day
        // filled down or pasted back as it was copied
        const same =
          before === text ||
          (!savedText.current.has(key(w.rowId, w.colKey)) && (c.editText?.(r) === text || copyText(c, r) === text));
        return same ? null : { ok: true, value: parsed.value, before };
      },
      send: (cells) => p.save(cells.map((a) => ({ id: a.rowId, field: a.colKey, value: a.value }))),
      issueTarget: (i) => {
        const m = ISSUE_PATH.exec(i.path);
        return m ? { rowId: Number(m[1]), field: m[2] } : null;
      },
    });
    for (const ch of out.changes) savedText.current.set(key(ch.rowId, ch.colKey), ch.after);
    setRefused((old) => markRefused(old, writes, out.refused, out.held));
    return { changes: out.changes, refused: out.refused, held: out.held.length };
  };

  /** Ctrl+- or the row header's menu: the rows' cells cleared in one step, which takes the rows out of the list. */
  const deleteRows = (top: number, bottom: number) => {
    const g = growRef.current;
    const last = Math.min(bottom, rowsRef.current.length - 1);
    if (!g || top > last) return;
    const n = last - top + 1;
    modal.confirm({
      title: `删除所选的 ${n} 行${g.noun ?? ''}？`,
      content: '删除后立即保存，可按 Ctrl+Z 撤销。',
      okText: '删除',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: async () => {
        const writes: SheetWrite[] = [];
        for (let i = top; i <= last; i++)
          for (const c of cols) if (c.rule) writes.push({ rowId: idAt(i), colKey: c.key, text: '' });
        try {
          const out = await sheet.writeStep('删除行', writes);
          if (out.refused.length) message.error(out.refused[0]!.message);
          else message.success(`已删除 ${n} 行，可按 Ctrl+Z 撤销`);
        } catch (e) {
          message.error((e as Error).message);
        }
        container.current?.focus({ preventScroll: true });
      },
    });
  };

  const model: SheetModel = {
    rowCount: rows.length + (grow ? 1 : 0),
    colCount: cols.length,
    rowId: idAt,
    colKey: (c) => cols[c]!.key,
    rowOf: (id) => {
      const i = rowsRef.current.findIndex((r) => p.rowId(r) === id);
      return i < 0 && grow && id >= grow.firstNewId ? rowsRef.current.length + id - grow.firstNewId : i;
    },
    colOf: (k) => cols.findIndex((c) => c.key === k),
    dateColumn: (i) => isDateColumn(cols[i]),
    text: (i, c) => {
      const r = rowAt(i);
      const col = cols[c];
      if (!r || !col) return '';
      return refused.get(key(p.rowId(r), col.key))?.text ?? copyText(col, r);
    },
    readOnly: (i, c) => readOnly(rowAt(i), cols[c]),
    write,
    edit: (pos, typed) => setEditing({ rowId: idAt(pos.row), colKey: cols[pos.col]!.key, typed }),
    editing: () => editingRef.current !== null,
    reveal: (show, active) => {
      cellEl(show.row, show.col)?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
      const el = cellEl(active.row, active.col);
      if (el && document.activeElement !== el) el.focus({ preventScroll: true });
    },
    pageRows: () =>
      Math.max(1, Math.floor((container.current?.querySelector('.ant-table-body')?.clientHeight ?? 400) / 40)),
    notify: sheetNotify(message),
    dismiss: (cells) => setRefused((old) => dismissRefused(old, cells)),
    grows: !!grow,
    deleteRows: grow ? deleteRows : undefined,
  };
  const sheet = useSheet(model, container);
  const sheetNow = useRef(sheet);
  sheetNow.current = sheet;

  /** The editor's text, saved through the same path as a paste (one undo step); then the cursor moves. */
  const commit = async (
    rowId: number,
    c: RecordSheetColumn<R>,
    text: string,
    /** the key that closed the editor (Shift held: back, up or left), null when it lost the keyboard */
    move: { key: 'Enter' | 'Tab'; back: boolean } | null,
  ) => {
    setEditing(null);
    const row = model.rowOf(rowId);
    const col = cols.indexOf(c);
    cellEl(row, col)?.focus({ preventScroll: true });
    // Excel moves on the moment Enter or Tab is pressed, and the keys typed next are the next cell's: moved only once
    // the core had answered, the letters typed meanwhile were written over the cell just left. A refusal still shows
    // in that cell. A new row of a growing list moves after its save: the row below it exists only then.
    const moveNow = move !== null && byIdRef.current.has(rowId);
    const moveOn = () => move && sheet.step(move.key, move.back);
    if (moveNow) moveOn();
    try {
      const out = await sheet.writeStep(`修改“${c.title}”`, [{ rowId, colKey: c.key, text }]);
      const own = out.refused.find((x) => x.rowId === rowId && x.colKey === c.key);
      if (own) message.error(own.message);
      else if (out.refused.length)
        message.warning(`本格已通过校验，但同一块中还有未通过的格，整块尚未保存：${out.refused[0]!.message}`);
    } catch (e) {
      message.error((e as Error).message);
    }
    if (!moveNow) moveOn();
  };

  const editor = (r: R, c: RecordSheetColumn<R>, typed: string | null) => {
    const rowId = p.rowId(r);
    // a day opens as the cell shows it (2017年9月30日), as Excel's editor does, unless the column says otherwise
    const start = typed ?? refused.get(key(rowId, c.key))?.text ?? (c.editText ? c.editText(r) : copyText(c, r));
    const listId = c.options ? `sheet-options-${c.key}` : undefined;
    let done = false; // Enter or Esc closes the editor; the blur that follows must not save again
    const onKeyDown = (e: ReactKeyboardEvent<HTMLInputElement>) => {
      e.stopPropagation(); // the editor's keys are its own, not the grid's
      if (e.nativeEvent.isComposing) return;
      if (e.key === 'Escape') {
        done = true;
        setEditing(null);
        cellEl(model.rowOf(rowId), cols.indexOf(c))?.focus({ preventScroll: true });
      } else if (isTodayKey(e)) {
        e.preventDefault();
        if (isDateColumn(c)) insertAtCaret(e.currentTarget, todayText());
      } else if (isFillKey(e)) {
        // Ctrl+Enter: into every cell of the selected block (one write), or this cell alone; the cursor stays
        e.preventDefault();
        const text = e.currentTarget.value;
        // Checked once before a block is filled, as the 台账's editor does: a text the column refuses is said once
        // and the editor stays on it — filled, every cell of the block was marked refused with the same reason.
        // One cell alone is saved as Enter saves it (a refusal marked in the cell).
        const b = sheetNow.current.block;
        const own = b && (b.bottom > b.top || b.right > b.left) ? checkText(c, text.trim()) : null;
        if (own && !own.ok) {
          message.error(own.message);
          return;
        }
        done = true;
        if (!sheet.fillBlock(text)) void commit(rowId, c, text, null);
        else {
          setEditing(null);
          cellEl(model.rowOf(rowId), cols.indexOf(c))?.focus({ preventScroll: true });
        }
      } else if (e.key === 'Enter' || e.key === 'Tab') {
        e.preventDefault();
        done = true;
        void commit(rowId, c, e.currentTarget.value, { key: e.key, back: e.shiftKey });
      }
    };
    return (
      <>
        <input
          className="ant-input ant-input-sm sheet-editor"
          autoFocus
          defaultValue={start}
          aria-label={`${c.title}（编辑中）`}
          list={listId}
          // the caret at the end, as Excel and WPS open a cell: F2 adds to the text rather than replacing it
          onFocus={(e) => e.currentTarget.setSelectionRange(start.length, start.length)}
          onKeyDown={onKeyDown}
          onMouseDown={(e) => e.stopPropagation()}
          onBlur={(e) => {
            if (!done) void commit(rowId, c, e.currentTarget.value, null);
          }}
        />
        {c.options && (
          <datalist id={listId}>
            {c.options.map((o) => (
              <option key={o} value={o} />
            ))}
          </datalist>
        )}
      </>
    );
  };

  const rowMenu = (i: number) => ({
    items: [{ key: 'delete', danger: true, label: `删除所选行（Ctrl+-）` }],
    onClick: () => {
      const b = sheetNow.current.block;
      if (b && i >= b.top && i <= b.bottom && b.left === 0 && b.right === cols.length - 1) deleteRows(b.top, b.bottom);
      else deleteRows(i, i);
    },
  });
  const frozenN = frozenCount(
    cols.map((c) => c.key),
    layout.frozen,
  );
  const columns = useMemo(
    (): TableColumnsType<R> => [
      {
        title: p.rowHeader ?? '行',
        key: '__row',
        width: 48,
        align: 'center',
        fixed: 'left',
        onHeaderCell: () => ({ 'aria-colindex': 1 }) as object,
        onCell: (_, i) =>
          ({
            role: 'rowheader',
            'aria-colindex': 1,
            className: 'sheet-rowhead',
            title: '点击选中整行',
            onMouseDown: (e: ReactMouseEvent) => {
              if (e.button !== 0) return; // the right button opens the row's menu (the selection stays)
              e.preventDefault();
              sheetNow.current.selectRow(i ?? 0, e.shiftKey);
            },
          }) as object,
        render: (_v, _r, i) => {
          if (!grow) return i + 1;
          if (i >= rows.length) return <span title={`在此行输入或粘贴，即新增${grow.noun ?? '一行'}`}>*</span>;
          return (
            <Dropdown trigger={['contextMenu']} menu={rowMenu(i)}>
              <div className="sheet-rowhead-menu" title="点击选中整行；右键可删除所选行">
                {i + 1}
              </div>
            </Dropdown>
          );
        },
      },
      ...cols.map((c, ci) => {
        const width = layout.widths[c.key] ?? c.width;
        return {
          title: c.title,
          key: c.key,
          width,
          align: c.align,
          fixed: ci < frozenN ? ('left' as const) : undefined,
          onHeaderCell: () => sheetHeader(sheetNow, ci, ci + 2, { colKey: c.key, width, onResize: layout.onResize }),
          onCell: (r: R, i?: number) => sheetCell(sheetNow, i ?? 0, ci, ci + 2, readOnly(r, c) !== null),
          render: (_v: unknown, r: R) => {
            const id = p.rowId(r);
            if (editing && editing.rowId === id && editing.colKey === c.key) return editor(r, c, editing.typed);
            const bad = refused.get(key(id, c.key));
            if (bad) return <MarkedCell mark={bad} />;
            return c.render ? c.render(r) : c.text(r);
          },
        };
      }),
      ...(p.extra ?? []),
      // the cells read the sheet through sheetNow: a cursor move redraws only the cells (SheetContext), not the columns
    ],
    [cols, editing, refused, p.lockedReason, p.extra, p.rowHeader, layout.widths, frozenN, rows, grow],
  );

  const shown = useMemo(() => (grow ? [...rows, grow.blank(grow.firstNewId)] : rows), [rows, grow]);
  // the table's width from its columns' (an empty list would otherwise show its row header column alone)
  const scrollX = useMemo(() => {
    const all = [...columns].map((c) => c.width);
    return all.every((w) => typeof w === 'number') ? (all as number[]).reduce((a, b) => a + b, 0) : 'max-content';
  }, [columns]);
  return (
    <div className="sheet-block">
      <Space className="sheet-toolbar" wrap>
        {p.toolbar}
        <FreezeSelect layout={layout} columns={cols} />
      </Space>
      <div
        ref={container}
        role="grid"
        aria-label={p.label}
        aria-multiselectable
        aria-readonly={p.lockedReason ? true : undefined}
        aria-rowcount={shown.length + 1}
        aria-colcount={cols.length + 1 + (p.extra?.length ?? 0)}
        className="sheet-grid"
        onKeyDown={sheet.onKeyDown}
        tabIndex={-1}
      >
        <SheetContext.Provider value={sheet}>
          <Table<R>
            rowKey={(r) => p.rowId(r)}
            size="small"
            bordered
            pagination={false}
            components={SHEET_PLAIN_TABLE_COMPONENTS}
            onRow={(_, i) => ({ role: 'row', 'aria-rowindex': (i ?? 0) + 2 }) as object}
            onHeaderRow={() => ({ role: 'row', 'aria-rowindex': 1 }) as object}
            loading={p.loading}
            columns={columns}
            dataSource={shown as R[]}
            scroll={{ x: scrollX, y: p.scrollY }}
            locale={p.emptyText ? { emptyText: p.emptyText } : undefined}
          />
        </SheetContext.Provider>
        {sheet.typingSink}
      </div>
      <SheetStatus block={sheet.block} text={model.text} />
    </div>
  );
}
