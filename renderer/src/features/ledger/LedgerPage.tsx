/**
 * The project ledger (台账) grid: every field as a chosen column (saved per operator), sub-projects as a
 * tree, sort by any column (Chinese collation), filters and a pinyin-aware search, virtual rows for
 * 20,000 projects, spreadsheet-like in-place editing and keyboard moves, multi-select with bulk edit,
 * delete to the 回收站 and restore.
 *
 * The core does the filtering, searching and sorting (projects:page): the page holds the order of the
 * matching projects and the data of the rows fetched so far, a block at a time as the scroller reaches them.
 */
import type { In } from '../../../../shared/ipc/contract.ts';
import { formatDateCn, formatWanUnit } from '../../../../shared/domain/display.ts';
import { PlusOutlined, ReloadOutlined, SettingOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Card, Checkbox, Popover, Segmented, Space, Statistic, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { formatWan } from '../../../../shared/domain/money.ts';
import { formatPeriodCn } from '../../../../shared/domain/period.ts';
import { LEVEL_CN, type Level } from '../../../../shared/domain/schedule.ts';
import type { LedgerPage as PageData, LedgerSortKey } from '../../../../shared/schemas/ledger-grid.ts';
import { projectFields, type Project, type ProjectRow } from '../../../../shared/schemas/project.ts';
import { READ_ONLY_HINT, useCanEdit, useMay } from '../../app/session.tsx';
import {
  useSheet,
  type Pos,
  type Refusal,
  type SheetModel,
  type SheetWrite,
  type WriteOutcome,
  sheetNotify,
} from '../../components/sheet/use-sheet.ts';
import { call } from '../../lib/api.ts';
import { useAskAhead } from '../../lib/ask-ahead.ts';
import { useChannelQuery } from '../../lib/use-channel-query.ts';
import { onWrittenElsewhere } from '../../lib/use-written-elsewhere.ts';
import {
  dismissRefused,
  markRefused,
  saveCells,
  withTheirBlocks,
  type CellCheck,
} from '../../components/sheet/sheet-write.ts';
import { MarkedCell } from '../../components/sheet/MarkedCell.tsx';
import { SheetStatus } from '../../components/sheet/SheetStatus.tsx';
import { parseDay } from '../../components/sheet/cell-parse.ts';
import { ShownFirstReader } from '../../components/sheet/shown-first-reader.ts';
import { FreezeSelect, frozenCount, useColumnLayout } from '../../components/sheet/column-layout.tsx';
import { BulkEditModal } from './BulkEditModal.tsx';
import { CellEditor, type Move } from './CellEditor.tsx';
import {
  DEFAULT_COLUMNS,
  FIXED_COLUMNS,
  LEDGER_COLUMNS,
  namesOf,
  type LedgerColumn,
  type Names,
} from './ledger-columns.ts';
import { LedgerFilterBar } from './LedgerFilterBar.tsx';
import {
  useSheetMouse,
  WindowedGrid,
  type GridColumn,
  type GridSort,
  type WindowedGridHandle,
} from '../../components/sheet/WindowedGrid.tsx';
import { visibleRows, type FlatRow, type LedgerFilters } from './ledger-view.ts';
import { ProjectForm } from './ProjectForm.tsx';
import { useTableHeight } from '../../lib/use-table-height.ts';

const COLUMNS_KEY = 'ledger.columns';
/** one line per project: a scroll offset maps to a row by division */
const ROW_HEIGHT = 34;
/** the ledger's columns by key (a cell's write names its column) */
const COLUMN_BY_KEY = new Map(LEDGER_COLUMNS.map((c) => [c.key, c]));
/** Rows fetched per call as the scroller reaches them; the first screen comes with the order. */
const BLOCK = 100;
/** The most rows one projects:rows call takes (its contract), for the rows an action needs at once. */
const MOST_PER_CALL = 500;
const FIRST = 50;
/** How long an answer asked at a keystroke may wait for the render that takes it. */
const EARLY_ANSWER_MS = 1000;

/** The ledger's question for the rows in this order: every id, and the first rows' data. */
const pageRequest = (
  filters: LedgerFilters,
  query: string,
  sort: { key: LedgerSortKey; desc: boolean } | null,
  view: 'active' | 'trash',
): In<'projects:page'> => ({ filters: { ...filters, query }, sort, deleted: view === 'trash', first: FIRST });

/** Why a column shown in the grid is not typed into there. */
const LOCKED_REASON: Record<string, string> = {
  fundingSumFen: '资金构成合计由资金构成各项自动合计，请在项目档案的资金构成中修改',
  openingCumFen: '至上年底累计请在项目档案中修改（开工以来累计由它加各月月报自动计算）',
  planYear: '年度请点“编辑”修改',
  tags: '标记请用“批量修改”或项目档案修改',
};

interface Cell {
  id: number;
  col: string;
}

/** A saved project back into its list row, with display names resolved from the lookups. */
const rowIdOf = (f: FlatRow) => f.id;
/** a sub-project's row is drawn a shade lighter under its parent */
const rowClassOf = (f: FlatRow) => (f.depth === 0 ? '' : 'lg-row-child');

function toRow(prev: ProjectRow, p: Project, names: Names): ProjectRow {
  return {
    ...prev,
    ...p,
    leadOrgName: names.org(p.leadOrgId) || null,
    leaderName: names.staff(p.leaderStaffId) || null,
    villageName: names.org(p.villageOrgId) || null,
    responsibleOrgNames: p.responsibleOrgIds.map(names.org),
  };
}

/** The 总览 light slice the grid arrived with (#/ledger?light=red&period=2017-09), in words. */
function lightLabel(f: LedgerFilters): string | null {
  if (!f.light || !f.period) return null;
  const name = f.light === 'none' ? '未亮灯' : `${LEVEL_CN[f.light as Level] ?? f.light}灯`;
  return `${formatPeriodCn(f.period)}${name}项目`;
}

export interface LedgerPageProps {
  onOpen: (id: number) => void;
  initialFilters?: LedgerFilters;
  onClearOnly?: () => void;
}

type Order = Pick<PageData, 'ids' | 'depths' | 'tops' | 'topsTotalFen'>;

export function LedgerPage({ onOpen, initialFilters = {}, onClearOnly }: LedgerPageProps) {
  const { message, modal } = AntApp.useApp();
  const canEdit = useCanEdit();
  const [view, setView] = useState<'active' | 'trash'>('active');
  const [order, setOrder] = useState<Order | null>(null);
  const [years, setYears] = useState<number[]>([]);
  const [loadError, setLoadError] = useState<string | null>(null);
  /** Row data by id, as fetched; replaced on reload, patched on edits. */
  const rowsRef = useRef(new Map<number, ProjectRow>());
  const [rowsVersion, rowsChanged] = useReducer((n: number) => n + 1, 0);
  const [reloads, setReloads] = useState(0);
  const staleRows = useRef<boolean | 'keep-ticks'>(false);
  const requestSeq = useRef(0);
  const [filters, setFilters] = useState<LedgerFilters>(initialFilters);
  const [queryText, setQueryText] = useState('');
  const [sort, setSort] = useState<{ key: LedgerSortKey; desc: boolean } | null>(null);
  const [collapsed, setCollapsed] = useState<Set<number>>(new Set());
  const [chosen, setChosen] = useState<string[]>(DEFAULT_COLUMNS);
  const [selected, setSelected] = useState<number[]>([]);
  const [bulkOpen, setBulkOpen] = useState(false);
  const [editing, setEditing] = useState<(Cell & { typed: string | null }) | null>(null);
  /** cells refused by a paste, fill or Delete: the text refused and why, shown in the cell until it is changed */
  const [refused, setRefused] = useState<ReadonlyMap<string, Refusal>>(new Map());
  const refusedRef = useRef(refused);
  refusedRef.current = refused;
  /** column widths dragged by the operator, and the column the frozen pane ends at (per operator: ledger.widths, ledger.frozen) */
  const layout = useColumnLayout('ledger', 'name');
  const { widths, frozen, onResize } = layout;
  const mayEdit = useMay('projects:updateCells');
  const [editError, setEditError] = useState<string | null>(null);
  const [formOpen, setFormOpen] = useState(false);
  const [formProject, setFormProject] = useState<Project | null>(null);
  const gridRef = useRef<HTMLDivElement>(null);
  const gridHandle = useRef<WindowedGridHandle>(null);
  const height = useTableHeight(400);

  useEffect(() => {
    performance.mark('ledger:mount');
  }, []);

  /** Asks the core again; `fresh` also drops the row data held (after writes that may touch many rows). */
  const reload = useCallback((fresh = true) => {
    if (fresh) staleRows.current = true;
    setReloads((n) => n + 1);
  }, []);
  // Another program wrote (the CLI imported or edited): the rows are read again, the ticked ones stay ticked.
  useEffect(
    () =>
      onWrittenElsewhere(() => {
        staleRows.current = 'keep-ticks';
        setReloads((n) => n + 1);
      }),
    [],
  );
  // A keystroke in the search box asks the core at once, from its handler: the core looks while React renders the
  // keystroke (the page's render took 10–20 ms before the effect below asked; the search itself 14 ms in the core).
  // The effect takes that answer only when it asks the very same thing — same filters, text, order, view and no
  // reload since — within a second of the keystroke; otherwise it asks afresh.
  const ahead = useAskAhead('projects:page', EARLY_ANSWER_MS);
  const asked = useRef({ filters, sort, view, reloads });
  asked.current = { filters, sort, view, reloads };
  const setQuery = useCallback(
    (q: string) => {
      setQueryText(q);
      const now = asked.current;
      ahead.ask(pageRequest(now.filters, q, now.sort, now.view), now.reloads);
    },
    [ahead],
  );
  useEffect(() => {
    const seq = ++requestSeq.current;
    performance.mark('ledger:filter-start');
    const answer = ahead.take(pageRequest(filters, queryText, sort, view), reloads);
    answer.then(
      (p) => {
        if (seq !== requestSeq.current) return; // a later keystroke's answer is on its way
        if (staleRows.current) {
          rowsRef.current = new Map();
          if (staleRows.current !== 'keep-ticks') setSelected([]);
          staleRows.current = false;
        }
        for (const r of p.rows) rowsRef.current.set(r.id, r);
        setOrder({ ids: p.ids, depths: p.depths, tops: p.tops, topsTotalFen: p.topsTotalFen });
        setYears(p.years);
        setLoadError(null);
        requestAnimationFrame(() => {
          performance.mark('ledger:filter-end');
          performance.measure('ledger:filter', 'ledger:filter-start', 'ledger:filter-end');
        });
      },
      (e: Error) => seq === requestSeq.current && setLoadError(e.message),
    );
  }, [filters, queryText, sort, view, reloads, ahead]);

  // After the page request: the first rows do not need the names lists (edits and hidden columns do).
  const lookups = useChannelQuery('lookups:get', {});
  const names = useMemo(() => namesOf(lookups.data ?? null), [lookups.data]);

  useEffect(() => {
    call('settings:getUi', { key: COLUMNS_KEY }).then(
      ({ value }) => Array.isArray(value) && setChosen(value.filter((k): k is string => typeof k === 'string')),
      () => {},
    );
  }, []);

  const columnsShown = useMemo(
    () => LEDGER_COLUMNS.filter((c) => FIXED_COLUMNS.includes(c.key) || chosen.includes(c.key)),
    [chosen],
  );

  // The visible order is rebuilt only when the order or the collapsed set changes; arriving blocks of row data
  // re-render just their own rows (the grid compares each row's data object).
  const flat = useMemo(() => (order ? visibleRows(order, collapsed) : []), [order, collapsed]);

  useEffect(() => {
    if (flat.length === 0 || performance.getEntriesByName('ledger:first-rows').length) return;
    requestAnimationFrame(() => {
      performance.mark('ledger:first-rows');
      performance.measure('ledger:open', 'ledger:mount', 'ledger:first-rows');
    });
  }, [flat]);

  const defaultYear = years[0] ?? new Date().getFullYear();

  const saveColumns = (keys: string[]) => {
    setChosen(keys);
    call('settings:setUi', { key: COLUMNS_KEY, value: keys }).catch((e: Error) => message.error(e.message));
  };

  /* ---- the sheet: cell cursor, blocks, clipboard, undo (components/sheet) ---- */
  const flatRef = useRef(flat);
  flatRef.current = flat;

  /* row data for the rest of the order as the grid draws it, the rows in view first (shown-first-reader.ts) */
  const [reader] = useState(
    () =>
      new ShownFirstReader(
        {
          idsIn: (from, to) => flatRef.current.slice(from, to).map((f) => f.id),
          has: (id) => rowsRef.current.has(id),
          read: async (ids) => {
            const rows = await call('projects:rows', { ids });
            for (const r of rows) rowsRef.current.set(r.id, r);
            rowsChanged();
          },
        },
        BLOCK,
        MOST_PER_CALL,
        (e) => message.error(e.message),
      ),
  );
  const orderRef = useRef(order);
  if (orderRef.current !== order) {
    // a new order (a reload may also have dropped the data held): every row may be read again
    orderRef.current = order;
    reader.reset();
  }
  const lookupsRef = useRef(lookups.data);
  lookupsRef.current = lookups.data;
  const colsRef = useRef<LedgerColumn[]>([]);
  const readOnly = (f: FlatRow | undefined, col: LedgerColumn | undefined): string | null => {
    if (!f || !col) return '没有这个单元格';
    if (view === 'trash') return '回收站中的项目不能修改，请先恢复';
    if (!mayEdit) return READ_ONLY_HINT;
    if (!col.edit) return LOCKED_REASON[col.key] ?? `“${col.title}”不在表格中修改，请点“编辑”或打开项目档案`;
    if (!rowsRef.current.has(f.id)) return '这一行的数据还在读取，请稍候';
    return null;
  };
  /** the text a cell copies, and the text a write of it parses back (money and dates as typed, choices by name) */
  const textOf = (f: FlatRow | undefined, col: LedgerColumn | undefined): string => {
    const r = f && rowsRef.current.get(f.id);
    if (!r || !col) return '';
    if (col.edit && col.edit.kind !== 'select' && col.raw) {
      const raw = col.raw(r);
      // A day copies as the cell shows it (2017年3月1日), as Excel copies a date cell's text; parseDay reads it back
      // for a paste, an undo and Ctrl+D.
      if (col.edit.kind === 'date' && typeof raw === 'string' && raw !== '') return formatDateCn(raw);
      return String(raw ?? '');
    }
    const v = col.value(r, names);
    return col.text ? col.text(r, names) : v === null ? '' : String(v);
  };
  /** A cell's text as the value its field takes: '' is empty, a choice is found by its name (or number). */
  const valueOf = (col: LedgerColumn, text: string): { ok: true; value: unknown } | { ok: false; message: string } => {
    const t = text.trim();
    if (t === '') return { ok: true, value: null };
    const edit = col.edit!;
    // a day as clerks type it and as the grid shows it (2017/7/1, 2017年7月1日), read by the other sheets' reader
    if (edit.kind === 'date') return parseDay(col.title)(t);
    if (edit.kind !== 'select') return { ok: true, value: t };
    const options = lookupsRef.current ? edit.options(lookupsRef.current) : [];
    const hit =
      options.find((o) => o.label === t || String(o.value) === t) ??
      options.find((o) => String(o.label).startsWith(`${t}（`));
    return hit ? { ok: true, value: hit.value } : { ok: false, message: `“${t}”不是可选的${col.title}` };
  };

  /**
   * Checks every cell with the field's own zod rule (projectFields, as the form does) and saves the accepted
   * ones in ONE projects:updateCells call (one transaction); a block with a refused cell is held whole (sheet-write.ts).
   */
  /** A cell's own check, with the field's zod rule (projectFields, as the form does): its value, a refusal, or null (no change). */
  const checkCell = (w: SheetWrite): CellCheck<unknown> => {
    const col = COLUMN_BY_KEY.get(w.colKey);
    const row = rowsRef.current.get(w.rowId);
    if (!col?.edit || !row) return { ok: false, message: col ? `“${col.title}”不能在表格中修改` : '没有这个单元格' };
    const v = valueOf(col, w.text);
    const check = v.ok ? projectFields[col.edit.field].safeParse(v.value) : null;
    if (!v.ok || !check?.success) {
      const msg = !v.ok ? v.message : (check!.error!.issues[0]?.message ?? '输入有误');
      return { ok: false, message: msg.includes(col.title.replace(/\(.*\)$/, '')) ? msg : `${col.title}：${msg}` };
    }
    const before = textOf({ id: w.rowId } as FlatRow, col);
    // a day typed in another way (2017年6月1日 over 2017-06-01) is no change either
    const same = before === w.text.trim() || (col.edit.kind === 'date' && before === (v.value ?? ''));
    return same ? null : { ok: true, value: v.value, before };
  };

  const writeCells = async (typed: SheetWrite[]): Promise<WriteOutcome> => {
    const writes = withTheirBlocks(typed, refusedRef.current);
    const out = await saveCells(writes, {
      check: checkCell,
      // the core checks each project's merged record again (dates in order, units that exist): one call for all
      send: async (cells) => {
        const patches = new Map<number, Record<string, unknown>>();
        for (const c of cells)
          patches.set(c.rowId, { ...patches.get(c.rowId), [COLUMN_BY_KEY.get(c.colKey)!.edit!.field]: c.value });
        return (await call('projects:updateCells', { rows: [...patches].map(([id, patch]) => ({ id, patch })) }))
          .projects;
      },
      issueTarget: (i) => {
        const m = /^project\.(\d+)/.exec(i.path);
        return m ? { rowId: Number(m[1]) } : null;
      },
    });
    const saved = out.result ?? [];
    const savedIds = new Set(saved.map((p) => p.id));
    for (const p of saved) {
      const prev = rowsRef.current.get(p.id);
      if (prev) rowsRef.current.set(p.id, toRow(prev, p, names));
    }
    setRefused((old) => markRefused(old, writes, out.refused, out.held));
    if (saved.length) {
      rowsChanged();
      reload(false); // the edits may move rows or take them out of the filter
    } else rowsChanged();
    return {
      changes: out.changes.filter((c) => savedIds.has(c.rowId)),
      refused: out.refused,
      held: out.held.length,
    };
  };

  const model: SheetModel = {
    rowCount: flat.length,
    colCount: columnsShown.length,
    rowId: (i) => flatRef.current[i]!.id,
    colKey: (c) => colsRef.current[c]!.key,
    rowOf: (id) => flatRef.current.findIndex((f) => f.id === id),
    colOf: (key) => colsRef.current.findIndex((c) => c.key === key),
    text: (i, c) => textOf(flatRef.current[i], colsRef.current[c]),
    readOnly: (i, c) => readOnly(flatRef.current[i], colsRef.current[c]),
    write: writeCells,
    edit: (p, typed) => {
      if (!lookupsRef.current) return;
      setEditError(null);
      setEditing({ id: flatRef.current[p.row]!.id, col: colsRef.current[p.col]!.key, typed });
    },
    editing: () => editingRef.current !== null,
    reveal: (show: Pos, active: Pos) => {
      gridHandle.current?.scrollToCell(show.row, colsRef.current[show.col]?.key ?? '');
      if (active && !gridRef.current?.contains(document.activeElement)) gridRef.current?.focus({ preventScroll: true });
    },
    pageRows: () => Math.max(1, Math.floor(height / ROW_HEIGHT) - 1),
    // Only the rows read so far hold data: Ctrl+↓ scanning a column, a copy or a paste reads the rows it reaches
    // first (without this a Ctrl+↓ stopped at the last row read, and a copied column had blanks past it).
    has: (i) => {
      const f = flatRef.current[i];
      return !!f && rowsRef.current.has(f.id);
    },
    load: (top, bottom) => reader.ensure(top, bottom + 1),
    alwaysFilled: (c) => !!colsRef.current[c]?.alwaysFilled,
    dateColumn: (c) => !!colsRef.current[c]?.day,
    notify: sheetNotify(message),
    dismiss: (cells) => setRefused((old) => dismissRefused(old, cells)),
  };
  const editingRef = useRef(editing);
  editingRef.current = editing;
  const sheet = useSheet(model, gridRef);

  /**
   * The in-place editor's value, saved through the same path as a paste (one undo step). A value the cell's own rule
   * refuses keeps the editor open with the reason; otherwise the editor closes and the cursor moves at once, as in
   * Excel, while the value is saved: kept open until the core had answered, the editor took the keys typed for the
   * next cell and lost them (“1,234.50” typed after Tab saved as 4.50). What only the core refuses (a 计划开工 after
   * the 计划竣工) is marked in the cell with its reason, as a paste's refusals are.
   */
  const commit = async (cell: Cell, col: LedgerColumn, value: unknown, dir: Move): Promise<boolean> => {
    const edit = col.edit!;
    const text =
      value === null || value === undefined
        ? ''
        : edit.kind === 'select'
          ? String(lookups.data ? (edit.options(lookups.data).find((o) => o.value === value)?.label ?? value) : value)
          : String(value);
    const write = { rowId: cell.id, colKey: col.key, text };
    const own = checkCell(write);
    if (own && !own.ok) {
      setEditError(own.message);
      message.error(own.message);
      return false;
    }
    setEditing(null);
    setEditError(null);
    gridRef.current?.focus({ preventScroll: true });
    // Ctrl+Enter over a block: the value goes into all its cells in one write, which reports itself as a paste does
    if (dir === 'block' && sheet.fillBlock(text)) return true;
    if (dir === 'down' || dir === 'up') sheet.step('Enter', dir === 'up');
    else if (dir === 'right' || dir === 'left') sheet.step('Tab', dir === 'left');
    try {
      const out = await sheet.writeStep(`修改“${col.title}”`, [write]);
      const mine = out.refused.find((x) => x.rowId === cell.id && x.colKey === col.key);
      if (mine) message.error(mine.message);
      else if (out.refused.length)
        message.warning(`本格已通过校验，但同一块中还有未通过的格，整块尚未保存：${out.refused[0]!.message}`);
      else if (out.changes.length) message.success(`已保存“${rowsRef.current.get(cell.id)?.name ?? ''}”的${col.title}`);
    } catch (e) {
      // not saved (the core could not be reached): the text typed stays in its cell, marked with the reason
      setRefused((old) => markRefused(old, [write], [{ ...write, message: (e as Error).message }]));
      message.error((e as Error).message);
    }
    return true;
  };

  const remove = (r: ProjectRow) =>
    modal.confirm({
      title: `删除项目“${r.name}”？`,
      content: r.childCount
        ? `其下 ${r.childCount} 个子项目将一并移入回收站。可在回收站中恢复。`
        : '项目将移入回收站，可在回收站中恢复。',
      okText: '删除',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: async () => {
        try {
          const { deleted } = await call('projects:delete', { id: r.id });
          message.success(`已移入回收站（${deleted} 个项目）`);
          reload();
        } catch (e) {
          message.error((e as Error).message);
        }
      },
    });
  const restore = async (r: ProjectRow) => {
    try {
      await call('projects:restore', { id: r.id });
      message.success(`已恢复“${r.name}”`);
      reload();
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  const openForm = async (id: number | null) => {
    try {
      setFormProject(id === null ? null : await call('projects:get', { id }));
      setFormOpen(true);
    } catch (e) {
      message.error((e as Error).message);
    }
  };

  const toggle = (id: number) =>
    setCollapsed((s) => {
      const n = new Set(s);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });

  const renderCell = (col: LedgerColumn, f: FlatRow) => {
    const r = rowsRef.current.get(f.id);
    if (!r)
      return col.key === 'name' ? (
        <span className="lg-pending" style={{ paddingLeft: f.depth * 18 + 22 }}>
          …
        </span>
      ) : null;
    if (editing && editing.id === r.id && editing.col === col.key && lookups.data)
      return (
        <CellEditor
          col={col}
          row={r}
          lookups={lookups.data}
          error={editError}
          typed={editing.typed}
          onCommit={(v, dir) => commit(editing, col, v, dir)}
          onCancel={() => {
            setEditing(null);
            gridRef.current?.focus({ preventScroll: true });
          }}
        />
      );
    const bad = refused.get(`${r.id}:${col.key}`);
    if (bad) return <MarkedCell mark={bad} />;
    const v = col.value(r, names);
    const shown = col.text ? col.text(r, names) : v === null ? '' : String(v);
    if (col.key !== 'name') return col.key === 'status' && shown ? <span className="lg-status">{shown}</span> : shown;
    const itemsDiffer = r.itemsSumFen > 0 && r.itemsSumFen !== r.totalFen;
    return (
      <span className="lg-name" style={{ paddingLeft: f.depth * 18 }} title={shown}>
        {f.hasChildren ? (
          <button
            type="button"
            className="tree-toggle"
            onClick={(e) => {
              e.stopPropagation();
              toggle(f.id);
            }}
            aria-label={collapsed.has(r.id) ? '展开' : '收起'}
          >
            {collapsed.has(r.id) ? '▸' : '▾'}
          </button>
        ) : (
          <span className="tree-toggle" />
        )}
        <span className={r.parentId === null ? 'lg-name-text lg-name-top' : 'lg-name-text'}>{shown}</span>
        {itemsDiffer && (
          <span
            className="lg-mark"
            title={`建设子项合计 ${formatWanUnit(r.itemsSumFen)}，与总投资 ${formatWanUnit(r.totalFen)}不一致`}
          >
            子项≠总投资
          </span>
        )}
      </span>
    );
  };
  // The cells' renderer changes only with what cells show; rows re-render on their own data otherwise.
  const renderRef = useRef(renderCell);
  renderRef.current = renderCell;
  const cellVersion = [editing, editError, names, lookups.data, collapsed, view, refused];
  const cell = useCallback((col: GridColumn, f: FlatRow) => renderRef.current(col as LedgerColumn, f), cellVersion);

  // The leading columns up to the chosen one (the project's name unless the operator froze another) stay in view
  // when the clerk scrolls sideways, as a frozen pane would; widths dragged by the operator are kept.
  const gridColumns = useMemo(() => {
    const pinned = frozenCount(
      columnsShown.map((c) => c.key),
      frozen,
    );
    return columnsShown.map(
      (c, i) =>
        ({
          ...c,
          width: widths[c.key] ?? c.width,
          editable: !!c.edit && view === 'active' && mayEdit,
          pinned: i < pinned,
        }) as GridColumn & LedgerColumn,
    );
  }, [columnsShown, view, widths, frozen, mayEdit]);
  colsRef.current = gridColumns;
  const rowVersion = useCallback((f: FlatRow) => rowsRef.current.get(f.id), []);
  const onRowsShown = useCallback((from: number, to: number) => reader.show(from, to), [reader]);
  const rowLabel = useCallback((f: FlatRow) => rowsRef.current.get(f.id)?.name ?? String(f.id), []);
  const actions = useMemo(
    () => ({
      title: '操作',
      width: !canEdit ? 70 : view === 'trash' ? 80 : 150,
      render: (f: FlatRow) => {
        const r = rowsRef.current.get(f.id);
        if (!r) return null;
        // text buttons, as in the 操作 column of office software: three antd Buttons with icons per row cost
        // more to mount than the rest of the row together
        // The 领导 reads: the 档案 only, no 编辑, 删除 or 恢复.
        if (view === 'trash')
          return canEdit ? (
            <button type="button" className="lg-link" onClick={() => restore(r)} aria-label={`恢复 ${r.name}`}>
              恢复
            </button>
          ) : null;
        return (
          <>
            <button type="button" className="lg-link" onClick={() => onOpen(r.id)} aria-label={`档案 ${r.name}`}>
              档案
            </button>
            {canEdit && (
              <button type="button" className="lg-link" onClick={() => openForm(r.id)} aria-label={`编辑 ${r.name}`}>
                编辑
              </button>
            )}
            {canEdit && (
              <button
                type="button"
                className="lg-link lg-link-danger"
                onClick={() => remove(r)}
                aria-label={`删除 ${r.name}`}
              >
                删除
              </button>
            )}
          </>
        );
      },
    }),
    [view, canEdit],
  );
  const selectedSet = useMemo(() => new Set(selected), [selected]);
  const sheetNow = useRef(sheet);
  sheetNow.current = sheet;
  const mouse = useSheetMouse(sheetNow);
  const onSort = useCallback((s: GridSort | null) => setSort(s && { key: s.key as LedgerSortKey, desc: s.desc }), []);

  const anyFilter = queryText !== '' || Object.values(filters).some((v) => v != null);
  const onlyLabel = lightLabel(filters);

  // The parts of the page that a keystroke or a block of rows does not change are built once per change of
  // their own inputs: typing in the search box re-renders the box and, when the answer comes, the grid.
  const cardTitle = useMemo(
    () => (
      <Space size="large">
        <span>项目台账</span>
        <Segmented
          value={view}
          onChange={(v) => {
            setView(v as 'active' | 'trash');
            setEditing(null);
          }}
          options={[
            { value: 'active', label: '在册项目' },
            { value: 'trash', label: '回收站' },
          ]}
        />
      </Space>
    ),
    [view],
  );
  const cardExtra = useMemo(
    () => (
      <Space>
        <Popover
          trigger="click"
          placement="bottomRight"
          title="显示的列（按操作员保存）"
          content={
            <Checkbox.Group
              style={{ display: 'grid', gridTemplateColumns: 'repeat(3, 150px)', gap: 4 }}
              value={[...new Set([...chosen, ...FIXED_COLUMNS])]}
              onChange={(v) => saveColumns((v as string[]).filter((k) => !FIXED_COLUMNS.includes(k)))}
              options={LEDGER_COLUMNS.map((c) => ({
                value: c.key,
                label: c.title,
                disabled: FIXED_COLUMNS.includes(c.key),
              }))}
            />
          }
        >
          <Button icon={<SettingOutlined />}>列</Button>
        </Popover>
        <FreezeSelect layout={layout} columns={columnsShown} />
        <Button
          icon={<ReloadOutlined />}
          onClick={() => {
            setRefused(new Map()); // what the ledger holds, everywhere: refused texts were never saved
            reload();
          }}
        >
          刷新
        </Button>
        {canEdit && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => openForm(null)} disabled={!lookups.data}>
            新增项目
          </Button>
        )}
      </Space>
    ),
    [chosen, lookups.data, layout, columnsShown],
  );
  const stats = useMemo(
    () => (
      <Space size={40} style={{ marginBottom: 8 }} align="end">
        <Statistic title="项目（顶层）" value={order?.tops ?? 0} suffix="个" />
        <Statistic title="子项目" value={order ? order.ids.length - order.tops : 0} suffix="个" />
        <Statistic title="总投资" value={formatWan(order?.topsTotalFen ?? 0, { grouping: true })} suffix="万元" />
        {selected.length > 0 && view === 'active' && (
          <Space>
            <Typography.Text>已选 {selected.length} 个项目</Typography.Text>
            <Button onClick={() => setBulkOpen(true)} disabled={!lookups.data}>
              批量修改
            </Button>
            <Button type="link" onClick={() => setSelected([])}>
              取消选择
            </Button>
          </Space>
        )}
      </Space>
    ),
    [order, selected.length, view, lookups.data],
  );
  const dialogs = useMemo(
    () =>
      lookups.data && (
        <>
          <ProjectForm
            open={formOpen}
            editing={formProject}
            defaultYear={defaultYear}
            lookups={lookups.data}
            onClose={() => setFormOpen(false)}
            onSaved={() => {
              setFormOpen(false);
              reload();
            }}
          />
          <BulkEditModal
            ids={selected}
            lookups={lookups.data}
            open={bulkOpen}
            onClose={() => setBulkOpen(false)}
            onDone={() => {
              setBulkOpen(false);
              reload();
            }}
          />
        </>
      ),
    [lookups.data, formOpen, formProject, defaultYear, selected, bulkOpen],
  );

  return (
    <Card title={cardTitle} extra={cardExtra}>
      <LedgerFilterBar
        filters={filters}
        setFilters={setFilters}
        query={queryText}
        setQuery={setQuery}
        years={years}
        lookups={lookups.data ?? null}
        onlyLabel={onlyLabel}
        onlyCount={onlyLabel && order ? order.ids.length : null}
        onClearOnly={onClearOnly}
        rowsShown={flat.length > 0 || (order !== null && order.ids.length === 0)}
      />
      {stats}
      {loadError && <Typography.Text type="danger">{loadError}</Typography.Text>}
      <div ref={gridRef} tabIndex={0} onKeyDown={sheet.onKeyDown} className="ledger-grid">
        <WindowedGrid
          ref={gridHandle}
          label="项目台账表格"
          rowHeight={ROW_HEIGHT}
          rowId={rowIdOf}
          rowClass={rowClassOf}
          columns={gridColumns}
          rows={flat}
          rowVersion={rowVersion}
          dataVersion={rowsVersion}
          cell={cell}
          rowLabel={rowLabel}
          actions={actions}
          sort={sort}
          onSort={onSort}
          selected={view === 'active' && canEdit ? selectedSet : null}
          onSelect={setSelected}
          cursor={sheet.cursor}
          block={sheet.block}
          {...mouse}
          onResize={onResize}
          onRowsShown={onRowsShown}
          height={height}
          loading={order === null && !loadError}
          loadingText="正在读取台账…"
          empty={view === 'trash' ? '回收站是空的' : anyFilter ? '没有符合条件的项目' : '暂无项目，请点击“新增项目”'}
        />
        {sheet.typingSink}
      </div>
      <SheetStatus block={sheet.block} text={model.text} has={model.has}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          与 Excel 相同：方向键、Tab、Enter、Home/End、Ctrl+方向键、PageUp/PageDown 移动；直接输入即覆盖，F2
          或双击在格内修改，Esc 放弃； Shift+方向键、Shift+点击或拖动选中区域，点列标题、行号选中整列、整行；Ctrl+C
          复制、Ctrl+V 粘贴、Ctrl+D 向下填充、Ctrl+Enter 填入选区、Delete 清除（均立即保存）；Ctrl+; 填今天日期； Ctrl+Z
          撤销、Ctrl+Y 重做；拖动列标题右缘调整列宽（按操作员记住）。
        </Typography.Text>
      </SheetStatus>
      {dialogs}
    </Card>
  );
}
