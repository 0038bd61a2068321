/**
 * The project ledger (台账) grid: every field as a chosen column (saved per operator), sub-projects as a
 * tree, sort by any column (Chinese collation), filters and a pinyin-aware search, virtual rows for
 * 20,000 projects, spreadsheet-like in-place editing and keyboard moves, multi-select with bulk edit,
 * delete to the 回收站 and restore.
 *
 * The core does the filtering, searching and sorting (projects:page): the page holds the order of the
 * matching projects and the data of the rows fetched so far, a block at a time as the scroller reaches them.
 */
import {
  PlusOutlined, ReloadOutlined, SettingOutlined,
} from '@ant-design/icons';
import {
  App as AntApp, Button, Card, Checkbox, Popover, Segmented, Space, Statistic, Typography,
} from 'antd';
import { useCallback, useEffect, useMemo, useReducer, useRef, useState, type KeyboardEvent } from 'react';
import { formatWan } from '../../../../shared/domain/money.ts';
import { formatPeriodCn } from '../../../../shared/domain/period.ts';
import { LEVEL_CN, type Level } from '../../../../shared/domain/schedule.ts';
import type { LedgerPage as PageData, LedgerSortKey } from '../../../../shared/schemas/ledger-grid.ts';
import { projectFields, type Project, type ProjectRow } from '../../../../shared/schemas/project.ts';
import { useCanEdit } from '../../app/session.tsx';
import { call } from '../../lib/api.ts';
import { useCall } from '../../lib/use-call.ts';
import { BulkEditModal } from './BulkEditModal.tsx';
import { CellEditor, type Move } from './CellEditor.tsx';
import { DEFAULT_COLUMNS, FIXED_COLUMNS, LEDGER_COLUMNS, namesOf, type LedgerColumn, type Names } from './ledger-columns.ts';
import { LedgerFilterBar } from './LedgerFilterBar.tsx';
import { LedgerGrid, type GridColumn, type GridSort, type LedgerGridHandle } from './LedgerGrid.tsx';
import { visibleRows, type FlatRow, type LedgerFilters } from './ledger-view.ts';
import { ProjectForm } from './ProjectForm.tsx';

const COLUMNS_KEY = 'ledger.columns';
/** Rows fetched per call as the scroller reaches them; the first screen comes with the order. */
const BLOCK = 100;
const FIRST = 50;

interface Cell {
  id: number;
  col: string;
}

function useTableHeight(offset: number) {
  const [h, setH] = useState(() => Math.max(300, window.innerHeight - offset));
  useEffect(() => {
    const on = () => setH(Math.max(300, window.innerHeight - offset));
    window.addEventListener('resize', on);
    return () => window.removeEventListener('resize', on);
  }, [offset]);
  return h;
}

/** A saved project back into its list row, with display names resolved from the lookups. */
function toRow(prev: ProjectRow, p: Project, names: Names): ProjectRow {
  return {
    ...prev, ...p,
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
  const [, rowsChanged] = useReducer((n: number) => n + 1, 0);
  const [reloads, setReloads] = useState(0);
  const staleRows = useRef(false);
  const requestSeq = useRef(0);
  const [filters, setFilters] = useState<LedgerFilters>(initialFilters);
  const [queryText, setQueryText] = useState('');
  const [sort, setSort] = useState<{ key: LedgerSortKey; desc: boolean } | null>(null);
  const [collapsed, setCollapsed] = useState<Set<number>>(new Set());
  const [chosen, setChosen] = useState<string[]>(DEFAULT_COLUMNS);
  const [selected, setSelected] = useState<number[]>([]);
  const [bulkOpen, setBulkOpen] = useState(false);
  const [active, setActive] = useState<Cell | null>(null);
  const [editing, setEditing] = useState<Cell | null>(null);
  const [editError, setEditError] = useState<string | null>(null);
  const [formOpen, setFormOpen] = useState(false);
  const [formProject, setFormProject] = useState<Project | null>(null);
  const gridRef = useRef<HTMLDivElement>(null);
  const gridHandle = useRef<LedgerGridHandle>(null);
  const height = useTableHeight(400);

  useEffect(() => {
    performance.mark('ledger:mount');
  }, []);

  /** Asks the core again; `fresh` also drops the row data held (after writes that may touch many rows). */
  const reload = useCallback((fresh = true) => {
    if (fresh) staleRows.current = true;
    setReloads((n) => n + 1);
  }, []);
  useEffect(() => {
    const seq = ++requestSeq.current;
    performance.mark('ledger:filter-start');
    call('projects:page', { filters: { ...filters, query: queryText }, sort, deleted: view === 'trash', first: FIRST }).then(
      (p) => {
        if (seq !== requestSeq.current) return; // a later keystroke's answer is on its way
        if (staleRows.current) {
          rowsRef.current = new Map();
          staleRows.current = false;
          setSelected([]);
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
  }, [filters, queryText, sort, view, reloads]);

  // After the page request: the first rows do not need the names lists (edits and hidden columns do).
  const lookups = useCall('lookups:get', {});
  const names = useMemo(() => namesOf(lookups.data), [lookups.data]);

  /* row data for the rest of the order, a block at a time, when a row of the block is rendered */
  const blocksAsked = useRef(new Set<number>());
  const orderRef = useRef(order);
  if (orderRef.current !== order) {
    // read during render by the cells of the new order (the columns are not rebuilt for a new order)
    orderRef.current = order;
    blocksAsked.current = new Set();
  }
  // reads only refs: one function for the page's life
  const needRow = useCallback((pos: number) => {
    const block = Math.floor(pos / BLOCK);
    const order = orderRef.current;
    if (!order || blocksAsked.current.has(block)) return;
    blocksAsked.current.add(block);
    const ids = order.ids.slice(block * BLOCK, (block + 1) * BLOCK).filter((id) => !rowsRef.current.has(id));
    if (ids.length === 0) return;
    const asked = blocksAsked.current; // the set of this order, even if another order arrives meanwhile
    call('projects:rows', { ids }).then(
      (rows) => {
        for (const r of rows) rowsRef.current.set(r.id, r);
        rowsChanged();
      },
      (e: Error) => {
        asked.delete(block);
        message.error(e.message);
      },
    );
  }, [message]);
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

  /* keyboard moves over the visible grid */
  const flatRef = useRef(flat);
  flatRef.current = flat;
  const move = (from: Cell, dir: Move | 'up') => {
    const flat = flatRef.current; // the rows on screen now (an edit's answer may have reordered them)
    const r = flat.findIndex((f) => f.id === from.id);
    const c = columnsShown.findIndex((col) => col.key === from.col);
    let nr = r;
    let nc = c;
    if (dir === 'down') nr = Math.min(flat.length - 1, r + 1);
    if (dir === 'up') nr = Math.max(0, r - 1);
    if (dir === 'right') nc = Math.min(columnsShown.length - 1, c + 1);
    if (dir === 'left') nc = Math.max(0, c - 1);
    const next = { id: flat[nr]!.id, col: columnsShown[nc]!.key };
    setActive(next);
    gridHandle.current?.scrollToCell(nr, next.col);
    return next;
  };
  const startEdit = (cell: Cell) => {
    const col = columnsShown.find((c) => c.key === cell.col);
    if (view !== 'active' || !col?.edit || !canEdit) return;
    setEditError(null);
    setEditing(cell);
  };
  const gridKeys = (e: KeyboardEvent<HTMLDivElement>) => {
    if (editing || !active) return;
    const dirs: Record<string, Move | 'up'> = { ArrowDown: 'down', ArrowUp: 'up', ArrowLeft: 'left', ArrowRight: 'right' };
    if (dirs[e.key]) {
      e.preventDefault();
      move(active, dirs[e.key]!);
    } else if (e.key === 'Tab') {
      e.preventDefault();
      move(active, e.shiftKey ? 'left' : 'right');
    } else if (e.key === 'Enter' || e.key === 'F2') {
      e.preventDefault();
      startEdit(active);
    }
  };
  const commit = async (cell: Cell, col: LedgerColumn, value: unknown, dir: Move): Promise<boolean> => {
    const field = col.edit!.field;
    const row = rowsRef.current.get(cell.id);
    if (!row) return false;
    const before = col.raw ? col.raw(row) : null;
    const normalised = value === '' ? null : value;
    const done = () => {
      setEditing(null);
      setEditError(null);
      if (dir !== 'none') move(cell, dir);
      gridRef.current?.focus();
      return true;
    };
    if (normalised === before || (normalised === null && before === null)) return done();
    const check = projectFields[field].safeParse(normalised);
    if (!check.success) {
      const msg = check.error.issues[0]?.message ?? '输入有误';
      setEditError(msg);
      message.error(msg);
      return false;
    }
    try {
      const saved = await call('projects:update', { id: cell.id, patch: { [field]: normalised } });
      rowsRef.current.set(saved.id, toRow(row, saved, names));
      rowsChanged();
      reload(false); // the edit may move the row or take it out of the filter
      message.success(`已保存“${saved.name}”的${col.title}`);
      return done();
    } catch (e) {
      setEditError((e as Error).message);
      message.error((e as Error).message);
      return false;
    }
  };

  const remove = (r: ProjectRow) =>
    modal.confirm({
      title: `删除项目“${r.name}”？`,
      content: r.childCount ? `其下 ${r.childCount} 个子项目将一并移入回收站。可在回收站中恢复。` : '项目将移入回收站，可在回收站中恢复。',
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
    if (!r) return col.key === 'name' ? <span className="lg-pending" style={{ paddingLeft: f.depth * 18 + 22 }}>…</span> : null;
    if (editing && editing.id === r.id && editing.col === col.key && lookups.data)
      return (
        <CellEditor
          col={col} row={r} lookups={lookups.data} error={editError}
          onCommit={(v, dir) => commit(editing, col, v, dir)}
          onCancel={() => { setEditing(null); gridRef.current?.focus(); }}
        />
      );
    const v = col.value(r, names);
    const shown = col.text ? col.text(r, names) : v === null ? '' : String(v);
    if (col.key !== 'name') return col.key === 'status' && shown ? <span className="lg-status">{shown}</span> : shown;
    const itemsDiffer = r.itemsSumFen > 0 && r.itemsSumFen !== r.totalFen;
    return (
      <span className="lg-name" style={{ paddingLeft: f.depth * 18 }} title={shown}>
        {f.hasChildren ? (
          <button type="button" className="tree-toggle" onClick={(e) => { e.stopPropagation(); toggle(f.id); }} aria-label={collapsed.has(r.id) ? '展开' : '收起'}>
            {collapsed.has(r.id) ? '▸' : '▾'}
          </button>
        ) : <span className="tree-toggle" />}
        <span className={r.parentId === null ? 'lg-name-text lg-name-top' : 'lg-name-text'}>{shown}</span>
        {itemsDiffer && (
          <span className="lg-mark" title={`建设子项合计 ${formatWan(r.itemsSumFen)} 万元，与总投资 ${formatWan(r.totalFen)} 万元不一致`}>子项≠总投资</span>
        )}
      </span>
    );
  };
  // The cells' renderer changes only with what cells show; rows re-render on their own data otherwise.
  const renderRef = useRef(renderCell);
  renderRef.current = renderCell;
  const cellVersion = [editing, editError, names, lookups.data, collapsed, view];
  const cell = useCallback((col: GridColumn, f: FlatRow) => renderRef.current(col as LedgerColumn, f), cellVersion);

  // The columns up to the project's name stay in view when the clerk scrolls sideways, as a frozen pane would.
  const gridColumns = useMemo(() => {
    const nameAt = columnsShown.findIndex((c) => c.key === 'name');
    return columnsShown.map((c, i) => ({ ...c, editable: !!c.edit && view === 'active' && canEdit, pinned: i <= nameAt }) as GridColumn & LedgerColumn);
  }, [columnsShown, view, canEdit]);
  const rowVersion = useCallback((id: number) => rowsRef.current.get(id), []);
  const onRowsShown = useCallback((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const f = flatRef.current[i];
      if (f && !rowsRef.current.has(f.id)) needRow(f.pos);
    }
  }, [needRow]);
  const rowLabel = useCallback((f: FlatRow) => rowsRef.current.get(f.id)?.name ?? String(f.id), []);
  const actions = useMemo(() => ({
    title: '操作',
    width: !canEdit ? 70 : view === 'trash' ? 80 : 150,
    render: (f: FlatRow) => {
      const r = rowsRef.current.get(f.id);
      if (!r) return null;
      // text buttons, as in the 操作 column of office software: three antd Buttons with icons per row cost
      // more to mount than the rest of the row together
      // The 领导 reads: the 档案 only, no 编辑, 删除 or 恢复.
      if (view === 'trash') return canEdit ? <button type="button" className="lg-link" onClick={() => restore(r)} aria-label={`恢复 ${r.name}`}>恢复</button> : null;
      return (
        <>
          <button type="button" className="lg-link" onClick={() => onOpen(r.id)} aria-label={`档案 ${r.name}`}>档案</button>
          {canEdit && <button type="button" className="lg-link" onClick={() => openForm(r.id)} aria-label={`编辑 ${r.name}`}>编辑</button>}
          {canEdit && <button type="button" className="lg-link lg-link-danger" onClick={() => remove(r)} aria-label={`删除 ${r.name}`}>删除</button>}
        </>
      );
    },
  }), [view, canEdit]);
  const selectedSet = useMemo(() => new Set(selected), [selected]);
  const onCellClick = useCallback((id: number, col: string) => setActive({ id, col }), []);
  const startEditRef = useRef(startEdit);
  startEditRef.current = startEdit;
  const onCellDoubleClick = useCallback((id: number, col: string) => startEditRef.current({ id, col }), []);
  const onSort = useCallback((s: GridSort | null) => setSort(s && { key: s.key as LedgerSortKey, desc: s.desc }), []);

  const anyFilter = queryText !== '' || Object.values(filters).some((v) => v != null);
  const onlyLabel = lightLabel(filters);

  // The parts of the page that a keystroke or a block of rows does not change are built once per change of
  // their own inputs: typing in the search box re-renders the box and, when the answer comes, the grid.
  const cardTitle = useMemo(() => (
    <Space size="large">
      <span>项目台账</span>
      <Segmented
        value={view}
        onChange={(v) => { setView(v as 'active' | 'trash'); setEditing(null); setActive(null); }}
        options={[{ value: 'active', label: '在册项目' }, { value: 'trash', label: '回收站' }]}
      />
    </Space>
  ), [view]);
  const cardExtra = useMemo(() => (
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
            options={LEDGER_COLUMNS.map((c) => ({ value: c.key, label: c.title, disabled: FIXED_COLUMNS.includes(c.key) }))}
          />
        }
      >
        <Button icon={<SettingOutlined />}>列</Button>
      </Popover>
      <Button icon={<ReloadOutlined />} onClick={() => reload()}>刷新</Button>
      {canEdit && <Button type="primary" icon={<PlusOutlined />} onClick={() => openForm(null)} disabled={!lookups.data}>新增项目</Button>}
    </Space>
  ), [chosen, lookups.data, canEdit]);
  const stats = useMemo(() => (
    <Space size={40} style={{ marginBottom: 8 }} align="end">
      <Statistic title="项目（顶层）" value={order?.tops ?? 0} suffix="个" />
      <Statistic title="子项目" value={order ? order.ids.length - order.tops : 0} suffix="个" />
      <Statistic title="总投资" value={formatWan(order?.topsTotalFen ?? 0, { grouping: true })} suffix="万元" />
      {selected.length > 0 && view === 'active' && (
        <Space>
          <Typography.Text>已选 {selected.length} 个项目</Typography.Text>
          <Button onClick={() => setBulkOpen(true)} disabled={!lookups.data}>批量修改</Button>
          <Button type="link" onClick={() => setSelected([])}>取消选择</Button>
        </Space>
      )}
    </Space>
  ), [order, selected.length, view, lookups.data]);
  const dialogs = useMemo(() => (
    lookups.data && (
      <>
        <ProjectForm
          open={formOpen}
          editing={formProject}
          defaultYear={defaultYear}
          lookups={lookups.data}
          onClose={() => setFormOpen(false)}
          onSaved={() => { setFormOpen(false); reload(); }}
        />
        <BulkEditModal
          ids={selected}
          lookups={lookups.data}
          open={bulkOpen}
          onClose={() => setBulkOpen(false)}
          onDone={() => { setBulkOpen(false); reload(); }}
        />
      </>
    )
  ), [lookups.data, formOpen, formProject, defaultYear, selected, bulkOpen]);

  return (
    <Card title={cardTitle} extra={cardExtra}>
      <LedgerFilterBar
        filters={filters} setFilters={setFilters} query={queryText} setQuery={setQueryText} years={years}
        lookups={lookups.data} onlyLabel={onlyLabel} onlyCount={onlyLabel && order ? order.ids.length : null} onClearOnly={onClearOnly}
        rowsShown={flat.length > 0 || (order !== null && order.ids.length === 0)}
      />
      {stats}
      {loadError && <Typography.Text type="danger">{loadError}</Typography.Text>}
      <div ref={gridRef} tabIndex={0} onKeyDown={gridKeys} className="ledger-grid" aria-label="项目台账表格">
        <LedgerGrid
          ref={gridHandle}
          columns={gridColumns}
          rows={flat}
          rowVersion={rowVersion}
          cell={cell}
          rowLabel={rowLabel}
          actions={actions}
          sort={sort}
          onSort={onSort}
          selected={view === 'active' && canEdit ? selectedSet : null}
          onSelect={setSelected}
          active={active}
          onCellClick={onCellClick}
          onCellDoubleClick={onCellDoubleClick}
          onRowsShown={onRowsShown}
          height={height}
          loading={order === null && !loadError}
          empty={view === 'trash' ? '回收站是空的' : anyFilter ? '没有符合条件的项目' : '暂无项目，请点击“新增项目”'}
        />
      </div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {canEdit ? '点选单元格后：方向键移动，Enter 或双击修改，Enter 保存并下移，Tab 保存并右移，Esc 放弃。' : '点“档案”查看一个项目的全部资料；领导可在档案中写批示。'}
      </Typography.Text>
      {dialogs}
    </Card>
  );
}
