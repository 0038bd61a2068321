/**
 * 月报填报: one screen for a whole month. Every active project with last month beside this month's entry
 * fields; 1-N月累计, 开工以来累计 and 占年度计划% come from the core (never typed); flags and the light
 * with its reason. The table is a sheet (components/sheet): arrows, Tab and Enter move the cell cursor, a block
 * is selected, copied to Excel/WPS and pasted from it. Typing goes into the cell's draft, saved with 保存草稿;
 * a paste, Ctrl+D, Delete, undo and redo are saved at once (one reports:save call, one undo step), each cell
 * checked with the report's own rules and a refused one shown in its cell with the reason.
 */
import { LockOutlined, SaveOutlined, SendOutlined, SettingOutlined, UnlockOutlined } from '@ant-design/icons';
import { App as AntApp, Alert, Button, Card, Input, Space, Table, Tag, Tooltip, Typography, type InputRef } from 'antd';
import {
  memo,
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type MutableRefObject,
  type ReactNode,
} from 'react';
import { formatDateCn } from '../../../../shared/domain/dates.ts';
import { formatInstantDateCn, formatWanUnit } from '../../../../shared/domain/display.ts';
import { formatPercent, formatWan, formatWanExact } from '../../../../shared/domain/money.ts';
import {
  addMonths,
  formatPeriodCn,
  laterClosedText,
  monthsSpan,
  parsePeriod,
} from '../../../../shared/domain/period.ts';
import { LEVEL_CN } from '../../../../shared/domain/schedule.ts';
import { labelOf, titleOf } from '../../../../shared/fields/registry.ts';
import {
  ReportRowSchema,
  type PeriodClosePreview,
  type ReportBatchRow,
  type ReportRowRaw,
  type UnreportedProject,
} from '../../../../shared/schemas/monthly-report.ts';
import { READ_ONLY_HINT, useCanEdit, useMay } from '../../app/session.tsx';
import { FreezeSelect, frozenCount, useColumnLayout } from '../../components/sheet/column-layout.tsx';
import { SheetStatus } from '../../components/sheet/SheetStatus.tsx';
import {
  useSheetMouse,
  WindowedGrid,
  type GridColumn,
  type WindowedGridHandle,
} from '../../components/sheet/WindowedGrid.tsx';
import {
  useSheet,
  type Pos,
  type Refusal,
  type SheetModel,
  type SheetWrite,
  type UndoStep,
  type WriteOutcome,
  sheetNotify,
} from '../../components/sheet/use-sheet.ts';
import { ApiError, call } from '../../lib/api.ts';
import { onWrittenElsewhere } from '../../lib/use-written-elsewhere.ts';
import { PeriodPicker, useCurrentPeriod } from '../../lib/current-period.tsx';
import { useChannelQuery } from '../../lib/use-channel-query.ts';
import { useTableHeight } from '../../lib/use-table-height.ts';
import { CreateSupervisionModal, type SupervisionTarget } from '../supervision/CreateSupervisionModal.tsx';
import { BatchPages, useBatchVersion } from './batch-pages.ts';
import { DraftStore, FIELDS, toDraft, useCell, useDirtyIds, type Draft, type Field } from './draft-store.ts';
import { LightBadge } from './LightBadge.tsx';
import { LightRulesPanel } from './LightRulesPanel.tsx';
import { useLongCall } from '../../lib/use-long-call.ts';
import { CallProgressModal } from '../../components/CallProgressModal.tsx';

const FLAG_COLOR: Record<string, string> = {
  与上月雷同: 'purple',
  未填报: 'orange',
  未报送: 'orange',
  累计超总投资: 'red',
  有投资未开工: 'gold',
};
const STATE_COLOR: Record<string, string> = { 草稿: 'default', 已报送: 'blue', 退回: 'red' };
/**
 * What a save says but does not refuse (有投资未开工, dispatch.ts investedBeforeStart): the first three, and how many
 * more — each row's 标记 shows it too, so a batch of 30 does not fill the screen.
 */
function warnSaved(message: ReturnType<typeof AntApp.useApp>['message'], warnings: readonly string[]): void {
  if (!warnings.length) return;
  const more = warnings.length - 3;
  message.warning({
    content: (
      <div style={{ textAlign: 'left' }}>
        {warnings.slice(0, 3).map((w) => (
          <div key={w}>{w}</div>
        ))}
        {more > 0 ? <div>另有 {more} 个项目同样，见“标记”列</div> : null}
      </div>
    ),
    duration: 10,
  });
}

const money = (fen: number | null | undefined) => <span className="money">{formatWan(fen, { grouping: true })}</span>;

/** The period is also shown in the hash (#/reports/2017-10): a month typed or bookmarked there is a pick. */
const periodInHash = () => /^#\/reports\/(\d{4}-(0[1-9]|1[0-2]))$/.exec(window.location.hash)?.[1] ?? null;

export function MonthlyReportPage() {
  // The current period of every page (current-period.tsx): the one the operator picked, else the latest open one.
  const { period, pick } = useCurrentPeriod();
  const [wanted, setWanted] = useState<string | null>(periodInHash);
  useEffect(() => {
    if (!wanted || !period) return;
    if (wanted === period) setWanted(null);
    else pick(wanted).catch(() => setWanted(null));
  }, [wanted, period, pick]);
  useEffect(() => {
    // Only while the window is still on 月报: a pick answered after the clerk went to another page (总览 clicked just
    // after typing a month) rewrote that page's hash back to #/reports, and the page they went to never came.
    const onReports = /^#\/reports([/?]|$)/.test(window.location.hash);
    if (period && !wanted && onReports && periodInHash() !== period)
      window.history.replaceState(null, '', `#/reports/${period}`);
  }, [period, wanted]);
  // After 关账 or 重新开账 the month worked in stays the current one, even though another month opened for
  // reporting. (Saving or 报送 cannot move it: a report in this month makes it the latest, or leaves the pick valid.)
  const stay = useCallback(() => (period ? pick(period) : Promise.resolve()), [period, pick]);
  return period && !wanted ? (
    <ReportsGrid key={period} period={period} onPeriod={(p) => void pick(p)} onClosedOrReopened={stay} />
  ) : (
    <Card loading title="月报填报" />
  );
}

/** The body of the 关账 confirmation: what closing means, and the projects that have not reported, by name. */
function CloseConfirm({ preview }: { preview: PeriodClosePreview }) {
  const n = preview.unreported.length;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {n > 0 ? (
        <Alert
          type="warning"
          showIcon
          message={`本月应报送月报的${preview.mustReport}个项目中，以下${n}个尚未报送`}
          description="关账后这些项目本月不能再补报（须由审核人重新开账）。请核实后再关账。"
        />
      ) : (
        <Typography.Text>本月应报送月报的{preview.mustReport}个项目均已报送。</Typography.Text>
      )}
      {n > 0 && (
        <Table<UnreportedProject>
          rowKey="id"
          size="small"
          bordered
          pagination={false}
          scroll={{ y: 240 }}
          dataSource={preview.unreported}
          data-testid="unreported"
          columns={[
            { title: '编号', dataIndex: 'code', width: 100 },
            { title: '项目', key: 'name', render: (_, p) => (p.parentName ? `${p.parentName} / ${p.name}` : p.name) },
            { title: labelOf('project', 'responsibleOrgIds'), dataIndex: 'leadOrgName', width: 130 },
            {
              title: '状态',
              key: 'state',
              width: 80,
              render: (_, p) => <Tag color={p.state ? STATE_COLOR[p.state] : 'orange'}>{p.state ?? '未填报'}</Tag>,
            },
          ]}
        />
      )}
      <Typography.Text type="secondary">
        关账后本月数据冻结为快照，打印和导出均按快照重现；如需修改须由审核人重新开账并说明原因。
      </Typography.Text>
    </Space>
  );
}

function ReportsGrid({
  period,
  onPeriod,
  onClosedOrReopened,
}: {
  period: string;
  onPeriod: (p: string) => void;
  onClosedOrReopened: () => Promise<void>;
}) {
  const { message, modal } = AntApp.useApp();
  const lookups = useChannelQuery('lookups:get', {});
  const [store] = useState(() => new DraftStore());
  const sheetRef = useRef<HTMLDivElement>(null);
  // The batch a page at a time (batch-pages.ts): the first screen paints from one page, the rest as it is drawn.
  // The first page is asked for as the grid is made, not in an effect after its first render: the core answers
  // while the page's frame is being built, instead of after it (on the county, about 60 ms sooner).
  const [pages] = useState(() => {
    const made = new BatchPages(
      period,
      (read) =>
        store.merge(
          Object.fromEntries(read.map((r) => [r.projectId, toDraft(r.entry)])),
          new Map(read.map((r) => [r.projectId, r.updatedAt])),
        ),
      () =>
        [...(sheetRef.current?.querySelectorAll('[role="row"][aria-rowindex]') ?? [])]
          .map((el) => Number(el.getAttribute('aria-rowindex')) - 2)
          .filter((i) => i >= 0),
    );
    void made.start();
    return made;
  });
  const version = useBatchVersion(pages);
  // another program wrote (the CLI saved a report): the rows read again; typing not yet saved stays
  useEffect(() => onWrittenElsewhere(() => void pages.reload()), [pages]);
  const [selected, setSelected] = useState<number[]>([]);
  const [busy, setBusy] = useState(false);
  const [rulesOpen, setRulesOpen] = useState(false);
  const [target, setTarget] = useState<SupervisionTarget | null>(null);
  const data = pages.head;
  // every row by index: as read, or a stand-in until its page arrives (the windowed table draws only those in view)
  const rows = useMemo(() => pages.all(), [pages, version]);

  /** this month's own 关账 (its tag, the snapshot note, 关账 / 重新开账) */
  const ownClosed = data?.status.closed ?? false;
  /** a later month is closed: its 累计 hold this month's reports, so they are no longer changed */
  const lockedBy = data?.status.laterClosed ?? null;
  /** a month after the PC's current one: no 月报 and no 关账 yet (the core refuses them, saying so) */
  const notBegun = data?.notBegun ?? null;
  const closed = ownClosed || lockedBy !== null || notBegun !== null;
  const reviewer = useMay('periods:close'); // 审核人 and 管理员 (shared/ipc/permissions.ts)
  const dirtyIds = useDirtyIds(store);
  const canEdit = useCanEdit(); // the 领导 reads the month's reports: no inputs, no 保存/报送/督办
  const mayIssue = useMay('supervision:create');
  const editable = (r: ReportBatchRow) =>
    canEdit && !closed && !r.isParent && r.state !== '已报送' && !pages.isUnread(r);
  const { month } = parsePeriod(period);
  const mayEdit = useMay('reports:save');
  /** column widths and the frozen columns, remembered per operator (sheet.reports.widths, sheet.reports.frozen) */
  const layout = useColumnLayout('sheet.reports', 'name');
  const frozenN = frozenCount(SHEET_KEYS, layout.frozen);

  /* ---- the sheet: cell cursor, blocks, clipboard, undo (components/sheet) ---- */
  const editMode = useRef(false);
  const pending = useRef<{ id: number; f: Field; before: string } | null>(null);
  const recordRef = useRef<(s: UndoStep) => void>(() => {});
  const readOnly = (r: ReportBatchRow, key: SheetKey): string | null => {
    if (!ENTRY_KEYS.has(key)) return derivedReason(key as Exclude<SheetKey, Field>, period);
    if (!mayEdit) return READ_ONLY_HINT;
    if (notBegun) return notBegun;
    if (lockedBy) return laterClosedText(period, lockedBy);
    if (closed) return `${formatPeriodCn(period)}已关账，如需修改须由审核人重新开账`;
    if (r.isParent) return '汇总项目的数据由子项目合计，不能直接填报';
    if (r.state === '已报送') return '本月月报已报送，如需修改请先由审核人退回';
    return null;
  };
  const gridHandle = useRef<WindowedGridHandle>(null);
  const bodyHeight = useTableHeight(290);
  /** a drawn cell (the grid is windowed: a row out of view is not in the DOM) */
  const cellAt = (p: Pos) =>
    sheetRef.current?.querySelector<HTMLElement>(`[role="gridcell"][data-r="${p.row}"][data-c="${p.col}"]`) ?? null;
  /** Scrolls the grid so the cell is in view: its row by index (it may not be drawn yet), its column past the frozen ones. */
  const scrollToCell = (p: Pos) => gridHandle.current?.scrollToCell(p.row, SHEET_KEYS[p.col] ?? '');
  /**
   * The wheel can scroll the focused cell's row out of the window (its input leaves the DOM and the keyboard falls
   * to the page): the grid takes the keyboard back, so arrows, Ctrl+Z and Ctrl+V keep working as in Excel.
   */
  const keepKeyboard = () => {
    const grid = sheetRef.current;
    if (
      grid &&
      sheetNow.current.cursor &&
      (document.activeElement === document.body || !document.activeElement?.isConnected)
    )
      grid.focus({ preventScroll: true });
  };
  useEffect(() => {
    // scroll events do not bubble: the grid's own scroller is heard in the capture phase
    const grid = sheetRef.current;
    const onScroll = () => requestAnimationFrame(keepKeyboard);
    grid?.addEventListener('scroll', onScroll, true);
    return () => grid?.removeEventListener('scroll', onScroll, true);
  }, []); // keepKeyboard reads refs only
  /** Gives the keyboard to the cell once it is drawn (a few frames after a scroll); the grid itself keeps it meanwhile. */
  const focusCell = (p: Pos, frames = 12) => {
    const el = cellAt(p);
    if (!el) {
      const grid = sheetRef.current;
      if (grid && !grid.contains(document.activeElement)) grid.focus({ preventScroll: true });
      if (frames > 0) requestAnimationFrame(() => focusCell(p, frames - 1));
      else grid?.focus({ preventScroll: true });
      return;
    }
    const input = el.querySelector('input');
    if (input) {
      if (document.activeElement !== input) input.focus({ preventScroll: true });
      input.select(); // typing overwrites, as in a spreadsheet
    }
    // a derived or locked cell: the sheet holds the keyboard (typing there is refused with the reason)
    else if (document.activeElement !== sheetRef.current) sheetRef.current?.focus({ preventScroll: true });
  };
  const flush = () => {
    const p = pending.current;
    if (!p) return;
    const now = store.value(p.id, p.f);
    if (now !== p.before) {
      recordRef.current({ label: '输入', changes: [{ rowId: p.id, colKey: p.f, before: p.before, after: now }] });
      p.before = now;
    }
  };

  /**
   * A save refused because rows' reports were saved meanwhile by another program or operator: the rows are read
   * again (the clerk's typing stays on screen), and their next save stands on what was read. Rethrows.
   */
  const refusedAsChanged = (e: unknown): never => {
    const ids = (e instanceof ApiError ? e.issues : [])
      .map((i) => /^project\.(\d+)\.basedOn$/.exec(i.path)?.[1])
      .filter((id): id is string => !!id)
      .map(Number);
    if (ids.length) {
      store.rebase(ids);
      void pages.reload();
    }
    throw e;
  };

  /** Checks each cell, then each row as a whole, and saves the accepted rows in ONE reports:save call. */
  const writeCells = async (writes: SheetWrite[]): Promise<WriteOutcome> => {
    // the rows written may not have been read yet (a paste reaching past the rows in view, an undo far away)
    await pages.ensureIds(writes.map((w) => w.rowId));
    const byId = { get: pages.byId };
    const byRow = new Map<number, SheetWrite[]>();
    for (const w of writes) byRow.set(w.rowId, [...(byRow.get(w.rowId) ?? []), w]);
    const refused: Refusal[] = [];
    const changes: WriteOutcome['changes'] = [];
    const send: ReportRowRaw[] = [];
    const nextDrafts = new Map<number, Draft>();
    for (const [id, ws] of byRow) {
      const r = byId.get(id);
      const locked = r ? readOnly(r, 'monthWan') : '项目已不在本月的填报表中';
      if (locked) {
        refused.push(...ws.map((w) => ({ ...w, message: locked })));
        continue;
      }
      const before = store.row(id);
      // a cell showing refused text takes part with what the ledger holds, not with the refused text
      const next = { ...before };
      for (const f of FIELDS) if (store.error(id, f)) next[f] = store.savedRow(id)[f];
      const accepted: SheetWrite[] = [];
      for (const w of ws) {
        const f = w.colKey as Field;
        const issue = cellIssue(f, w.text);
        if (issue) refused.push({ ...w, message: issue });
        else {
          next[f] = w.text;
          accepted.push(w);
        }
      }
      if (!accepted.length) continue;
      const rowProblem = rowIssue(id, next);
      if (rowProblem) {
        refused.push(...accepted.map((w) => ({ ...w, message: `${rowProblem}（本行未保存）` })));
        continue;
      }
      send.push({ projectId: id, ...next, basedOn: store.basedOn(id) });
      nextDrafts.set(id, next);
      for (const w of accepted)
        if (before[w.colKey as Field] !== w.text)
          changes.push({ rowId: id, colKey: w.colKey, before: before[w.colKey as Field], after: w.text });
    }
    // A block with a refused cell is saved whole or not at all, as in every sheet (sheet-write.ts): its cells stay
    // on screen as drafts — the refused ones marked — and 保存草稿 saves them once corrected.
    if (refused.length > 0) {
      for (const w of writes)
        if (byId.get(w.rowId) && !readOnly(byId.get(w.rowId)!, 'monthWan'))
          store.set(w.rowId, w.colKey as Field, w.text);
      store.addErrors(Object.fromEntries(refused.map((x) => [`${x.rowId}.${x.colKey}`, x.message])));
      if (pending.current) pending.current.before = store.value(pending.current.id, pending.current.f);
      const held = writes.length - refused.length;
      return {
        changes: [],
        refused,
        held,
        heldAdvice: held ? `其余 ${held} 个单元格已填入草稿，改正后点“保存草稿”一起保存` : '改正后点“保存草稿”保存',
      };
    }
    // nothing refused: the whole block is saved in one call
    if (send.length)
      warnSaved(message, (await call('reports:save', { period, rows: send }).catch(refusedAsChanged)).warnings);
    for (const [id, ws] of byRow) if (nextDrafts.has(id)) for (const w of ws) store.set(id, w.colKey as Field, w.text);
    store.markSaved(nextDrafts);
    // what a write put into the focused cell is not typing: Esc and the next undo step start from it
    if (pending.current) pending.current.before = store.value(pending.current.id, pending.current.f);
    if (send.length) void pages.reload();
    return { changes, refused: [] };
  };

  const model: SheetModel = {
    rowCount: rows.length,
    colCount: SHEET_KEYS.length,
    rowId: (i) => pages.ids[i]!,
    colKey: (c) => SHEET_KEYS[c]!,
    rowOf: pages.indexOf,
    colOf: (key) => SHEET_KEYS.indexOf(key as SheetKey),
    text: (i, c) => cellText(pages.rowAt(i), SHEET_KEYS[c]!, store),
    readOnly: (i, c) => readOnly(pages.rowAt(i), SHEET_KEYS[c]!),
    has: pages.has,
    load: (top, bottom) => pages.ensureRows(top, bottom),
    write: writeCells,
    edit: (p, typed) => {
      // F2 or double-click (typed null): the arrows move inside the text until Enter, Tab or Esc. A key typed while
      // the active cell's input does not hold the keyboard (its row scrolled away with the wheel): the cell comes
      // back into view and the key overwrites it, as in Excel — the input takes the keyboard first, so Esc and
      // Ctrl+Z go back to what it held.
      const put = () => {
        const input = cellAt(p)?.querySelector('input');
        if (!input) return false;
        input.focus({ preventScroll: true });
        if (typed === null) editMode.current = true;
        else store.type(pages.rowAt(p.row).projectId, SHEET_KEYS[p.col] as Field, typed);
        input.setSelectionRange(input.value.length, input.value.length);
        return true;
      };
      if (put()) return;
      scrollToCell(p);
      let frames = 12;
      const again = () => {
        if (!put() && --frames > 0) requestAnimationFrame(again);
      };
      requestAnimationFrame(again);
    },
    editing: () => editMode.current,
    // an entry cell takes typed keys itself while its input holds the keyboard; otherwise a key opens it (edit)
    liveInput: (p) =>
      !readOnly(pages.rowAt(p.row), SHEET_KEYS[p.col]!) &&
      !!document.activeElement &&
      document.activeElement === cellAt(p)?.querySelector('input'),
    flush,
    takeTyping: () => {
      const p = pending.current;
      if (!p) return null;
      const now = store.value(p.id, p.f);
      if (now === p.before) return null;
      // Checked once before a block is filled, as the 台账's editor and the record sheets do: a text the column
      // refuses is said once, in the words its cell would show, and stays typed in its cell (Esc still takes it
      // back) — filled, every cell of the block was marked refused with the same reason and held as a draft.
      const issue = cellIssue(p.f, now);
      if (issue) {
        message.error(issue);
        return null;
      }
      store.set(p.id, p.f, p.before); // back as the cell was: the block write records it with the others
      return now;
    },
    reveal: (show, active) => {
      scrollToCell(show);
      // the active cell out of view (a block grown far with Shift): the grid holds the keyboard, nothing is lost
      focusCell(active, active.row === show.row && active.col === show.col ? 12 : 0);
    },
    pageRows: () => Math.max(1, Math.floor(bodyHeight / ROW_HEIGHT) - 1),
    notify: sheetNotify(message),
  };
  const sheet = useSheet(model, sheetRef);
  recordRef.current = sheet.record;
  /** the sheet as it is now, for the cells' handlers (the columns are not rebuilt for a cursor move) */
  const sheetNow = useRef(sheet);
  sheetNow.current = sheet;
  /** what the entry inputs call (one object for the page's life, so the memoised inputs do not re-render) */
  const ctl = useRef<InputControl>(null!);
  ctl.current = {
    focus: (pos, id, f) => {
      flush(); // what was typed in the cell before (if its blur was never heard) is an undo step of its own
      pending.current = { id, f, before: store.value(id, f) };
      sheet.place(pos);
    },
    blur: () => {
      flush();
      pending.current = null;
      editMode.current = false;
    },
    // React delivers no blur to an input being removed: what was typed in it is recorded here, then the sheet
    // takes the keyboard
    lost: () => {
      ctl.current.blur();
      sheetRef.current?.focus({ preventScroll: true });
    },
    key: (e, id, f) => {
      if (e.key === 'Escape' && pending.current) {
        store.set(id, f, pending.current.before); // Esc takes back what was typed in the cell
        editMode.current = false;
      } else if (editMode.current && ['Enter', 'Tab', 'ArrowUp', 'ArrowDown'].includes(e.key)) editMode.current = false;
    },
  };

  const long = useLongCall();
  const run = async (what: () => Promise<string>, after?: () => Promise<void>) => {
    setBusy(true);
    try {
      message.success(await what());
      await Promise.all([pages.reload(), after?.()]);
      setSelected([]);
    } catch (e) {
      const issues = e instanceof ApiError ? e.issues : [];
      const next: Record<string, string> = {};
      for (const i of issues) {
        const m = /^project\.(\d+)\.(\w+)$/.exec(i.path);
        if (m) next[`${m[1]}.${m[2]}`] = i.message;
      }
      store.setErrors(next);
      message.error({ content: (e as Error).message, duration: 6 });
    } finally {
      setBusy(false);
    }
  };
  const save = () =>
    run(async () => {
      const ids = dirtyIds;
      const r = await call('reports:save', {
        period,
        rows: ids.map((id) => ({ projectId: id, ...store.row(id), basedOn: store.basedOn(id) })),
      }).catch(refusedAsChanged);
      store.markSaved(ids);
      warnSaved(message, r.warnings);
      return `已保存草稿：${r.changed} 个项目`;
    });
  const submit = async () => {
    if (dirtyIds.length) return void message.warning('有未保存的修改，请先保存草稿再报送');
    let ids = selected;
    // nothing ticked: every draft of the month, over the whole batch (not only the rows read)
    if (!ids.length) {
      try {
        ids = await pages.pendingIds();
      } catch (e) {
        return void message.error((e as Error).message);
      }
    }
    if (!ids.length) return void message.info('没有待报送的月报');
    modal.confirm({
      title: `报送 ${ids.length} 个项目的${formatPeriodCn(period)}月报？`,
      content: '报送后如需修改，须由审核人退回。',
      okText: '报送',
      cancelText: '取消',
      onOk: () =>
        run(async () => `已报送 ${(await call('reports:submit', { period, projectIds: ids })).changed} 个项目`),
    });
  };
  const sendBack = () => {
    if (!selected.length) return void message.info('请先勾选要退回的项目');
    let reason = '';
    modal.confirm({
      title: `退回 ${selected.length} 个项目的月报`,
      content: (
        <Input.TextArea
          rows={3}
          placeholder={`${labelOf('progress', 'reason')}（必填）`}
          aria-label={labelOf('progress', 'reason')}
          onChange={(e) => (reason = e.target.value)}
        />
      ),
      okText: '退回',
      cancelText: '取消',
      onOk: () =>
        run(
          async () =>
            `已退回 ${(await call('reports:return', { period, projectIds: selected, reason })).changed} 个项目`,
        ),
    });
  };
  const closePeriod = async () => {
    if (dirtyIds.length) return void message.warning('有未保存的修改，请先保存草稿再关账');
    let preview: PeriodClosePreview;
    try {
      preview = await call('periods:closePreview', { period });
    } catch (e) {
      return void message.error((e as Error).message);
    }
    const n = preview.unreported.length;
    // The ids shown are the ids confirmed: a project that loses its report meanwhile makes the core refuse.
    const confirmUnreported = preview.unreported.map((p) => p.id);
    modal.confirm({
      title: n ? `关账：${formatPeriodCn(period)}（${n}个项目未报送）` : `关账：${formatPeriodCn(period)}`,
      width: n ? 680 : 460,
      content: <CloseConfirm preview={preview} />,
      okText: n ? `仍然关账（${n}个项目未报送）` : '关账',
      okButtonProps: { danger: n > 0 },
      cancelText: '取消',
      // The question closes at once: a county's month takes seconds to close, shown in stages and stoppable.
      onOk: () => {
        void run(
          async () => (
            await long.run(`关账：${formatPeriodCn(period)}`, 'periods:close', { period, confirmUnreported }),
            `${formatPeriodCn(period)}已关账`
          ),
          onClosedOrReopened,
        );
      },
    });
  };
  const reopen = () => {
    let reason = '';
    modal.confirm({
      title: `重新开账：${formatPeriodCn(period)}`,
      content: (
        <Input.TextArea
          rows={3}
          placeholder="重新开账原因（必填，记入留痕）"
          aria-label="重新开账原因"
          onChange={(e) => (reason = e.target.value)}
        />
      ),
      okText: '重新开账',
      cancelText: '取消',
      onOk: () =>
        run(
          async () => (await call('periods:reopen', { period, reason }), `${formatPeriodCn(period)}已重新开账`),
          onClosedOrReopened,
        ),
    });
  };
  const changePeriod = (p: string) => {
    if (!dirtyIds.length) return onPeriod(p);
    modal.confirm({
      title: '有未保存的修改',
      content: '切换期别将放弃这些修改。',
      okText: '放弃并切换',
      cancelText: '留在本页',
      onOk: () => onPeriod(p),
    });
  };

  const entry = (r: ReportBatchRow, f: Field, row: number) => {
    if (r.isParent || pages.isUnread(r)) return f === 'monthWan' && r.isParent ? money(r.monthFen) : null;
    if (!editable(r) || !mayEdit)
      return (
        <span>
          {f === 'monthWan'
            ? r.entry
              ? money(r.entry.monthFen)
              : ''
            : r.entry
              ? String(r.entry[ENTRY_KEY[f]] ?? '')
              : ''}
        </span>
      );
    // keyed by its project: a row scrolled out lends its place to another, and an input must not carry its
    // keyboard or its typing over to the row that takes its place
    return (
      <CellInput
        key={r.projectId}
        store={store}
        id={r.projectId}
        f={f}
        row={row}
        col={SHEET_KEYS.indexOf(f)}
        ctl={ctl}
        label={`${r.name} ${COLUMN_LABEL[f]}`}
        align={f === 'monthWan' || f === 'imagePct' ? 'right' : undefined}
      />
    );
  };
  const copyLast = (r: ReportBatchRow) => store.setRow(r.projectId, toDraft(r.last));

  /**
   * The sheet's columns: their widths (dragged at the header's edge) and the frozen ones come from the sheet's
   * remembered layout (column-layout.tsx, as the 项目台账).
   */
  const columns = useMemo((): GridColumn[] => {
    const title: Record<SheetKey, string> = {
      light: '灯',
      name: labelOf('project', 'name'),
      last: `上月（${parsePeriod(addMonths(period, -1)).month}月）`,
      monthWan: titleOf('progress', 'monthWan'),
      imageText: labelOf('progress', 'imageText'),
      imagePct: '进度%',
      issues: labelOf('progress', 'issues'),
      nextSteps: labelOf('progress', 'nextSteps'),
      needs: labelOf('progress', 'needs'),
      ytd: `${monthsSpan(period)}累计`,
      cum: '开工以来累计',
      ytdPct: labelOf('progress', 'ytdPct'),
      flags: labelOf('project', 'tags'),
      state: '状态',
    };
    return SHEET_KEYS.map((key, c) => ({
      key,
      title: title[key],
      width: layout.widths[key] ?? COLUMN_WIDTH[key],
      align: COLUMN_ALIGN[key],
      editable: ENTRY_KEYS.has(key) && mayEdit && !closed,
      pinned: c < frozenN,
    }));
  }, [period, month, layout.widths, frozenN, mayEdit, closed]);

  // What a cell shows, by column. Built again only when what the cells show changes (the month, 关账, the
  // operator's rights); a row read or saved arrives as a new row object, and a cursor move re-renders only the
  // rows it touches (the grid compares each row's props).
  const cell = useCallback(
    (col: GridColumn, r: ReportBatchRow, i: number): ReactNode => {
      const key = col.key as SheetKey;
      if (ENTRY_KEYS.has(key)) return entry(r, key as Field, i);
      if (pages.isUnread(r)) return key === 'name' ? <span className="cell-muted">读取中…</span> : null;
      switch (key) {
        case 'light':
          return <LightBadge projectId={r.projectId} name={r.name} level={r.level} reason={r.levelReason} />;
        case 'name':
          // plain spans, not Typography.Text: a screen of rows holds a hundred of these, and each antd Text
          // brought its own components to every first paint of the month
          return (
            <div className="cell-two-lines" style={{ paddingLeft: r.parentId ? 14 : 0 }}>
              <span className={r.isParent ? 'cell-name cell-strong' : 'cell-name'}>{r.name}</span>
              <span className="cell-muted cell-small">
                {r.code}
                {r.isParent ? ' · 子项目合计' : ''}
              </span>
            </div>
          );
        case 'last':
          return r.last ? (
            <div className="cell-two-lines" style={{ fontSize: 12 }}>
              <span className="money">{formatWanUnit(r.last.monthFen)}</span>
              {/* cut by CSS with the whole text in its title: measuring each row's text costs a layout per row */}
              <span className="cell-ellipsis cell-muted" title={lastImage(r.last)}>
                {lastImage(r.last)}
              </span>
            </div>
          ) : (
            <span className="cell-muted">—</span>
          );
        case 'ytd':
          return money(r.ytdFen);
        case 'cum':
          return (
            <span className="money" title={`至上年底累计 ${formatWanUnit(r.priorFen)}`}>
              {formatWan(r.cumFen, { grouping: true })}
            </span>
          );
        case 'ytdPct':
          return <span className="money">{formatPercent(r.ytdPct)}</span>;
        case 'flags':
          return r.flags.map((f) => (
            <Tag key={f} color={FLAG_COLOR[f] ?? 'default'}>
              {f}
            </Tag>
          ));
        case 'state':
          return r.state ? (
            <Tooltip title={stateTip(r)}>
              <Tag color={STATE_COLOR[r.state]}>{r.state}</Tag>
            </Tooltip>
          ) : r.isParent ? null : (
            <span className="cell-muted">未填</span>
          );
        default:
          return null;
      }
    },
    [period, closed, mayEdit, canEdit],
  ); // the rest the cells use is stable (store, ctl, pages) or follows from these
  const cellReadOnly = useCallback(
    (col: GridColumn, r: ReportBatchRow) => !!readOnly(r, col.key as SheetKey),
    [closed, mayEdit],
  );

  // 操作: text buttons, as in the 操作 column of office software (a button with an icon per row cost more to mount
  // than the rest of its row)
  const actions = useMemo(
    () => ({
      title: '操作',
      width: 150,
      render: (r: ReportBatchRow) =>
        pages.isUnread(r) ? null : (
          <>
            {editable(r) && (
              <button
                type="button"
                className="lg-link"
                disabled={!r.last}
                title={r.last ? '以上月的数据填入本月（可再修改）' : '上月没有月报'}
                onClick={() => copyLast(r)}
                aria-label={`复制上月 ${r.name}`}
              >
                复制上月
              </button>
            )}
            {mayIssue && (r.level === 'red' || r.level === 'yellow') && (
              <button
                type="button"
                className="lg-link"
                aria-label={`督办 ${r.name}`}
                onClick={() =>
                  setTarget({
                    projectId: r.projectId,
                    name: r.name,
                    period,
                    leadOrgName: r.leadOrgName,
                    reason: r.levelReason,
                  })
                }
              >
                督办
              </button>
            )}
          </>
        ),
    }),
    [period, closed, canEdit, mayIssue],
  );

  const freezeChoices = useMemo(() => columns.slice(0, 6).map((c) => ({ key: c.key, title: c.title })), [columns]);
  // a row drawn: its page is read if it is not at hand (or was read before the last write)
  const onRowsShown = useCallback(
    (from: number, to: number) => {
      for (let i = from; i < to; i++) pages.want(i);
    },
    [pages],
  );
  const rowLabel = useCallback((r: ReportBatchRow) => r.name, []);
  // 全选 and the check boxes: a parent's sum row is not reported itself, a closed month takes no 报送 or 退回;
  // rows not read yet may be ticked (全选 reaches the whole month, not only the rows read)
  const canSelect = useCallback((r: ReportBatchRow) => !closed && (pages.isUnread(r) || !r.isParent), [closed, pages]);
  const selectedSet = useMemo(() => (canEdit ? new Set(selected) : null), [canEdit, selected]);
  const mouse = useSheetMouse(sheetNow);

  return (
    <Card
      title={
        <Space size="middle" wrap>
          <span>月报填报</span>
          <PeriodPicker onChange={changePeriod} />
          {data && <Typography.Text type="secondary">报送截止：{formatDateCn(data.dueDate)}</Typography.Text>}
          {ownClosed && (
            <Tag icon={<LockOutlined />} color="volcano">
              已关账
            </Tag>
          )}
        </Space>
      }
      extra={
        <Space wrap>
          <Button icon={<SettingOutlined />} onClick={() => setRulesOpen(true)}>
            预警规则
          </Button>
          {canEdit && (
            <Button
              icon={<SaveOutlined />}
              type="primary"
              disabled={closed || !dirtyIds.length}
              loading={busy}
              onClick={save}
            >
              保存草稿{dirtyIds.length ? `（${dirtyIds.length}）` : ''}
            </Button>
          )}
          {canEdit && (
            <Button icon={<SendOutlined />} disabled={closed} onClick={() => void submit()}>
              报送{selected.length ? `所选（${selected.length}）` : ''}
            </Button>
          )}
          {reviewer && (
            <Button danger disabled={closed || !selected.length} onClick={sendBack}>
              退回
            </Button>
          )}
          {reviewer && !ownClosed && (
            <Button icon={<LockOutlined />} disabled={notBegun !== null} onClick={() => void closePeriod()}>
              关账
            </Button>
          )}
          {reviewer && ownClosed && (
            <Button icon={<UnlockOutlined />} onClick={reopen}>
              重新开账
            </Button>
          )}
        </Space>
      }
    >
      {/* in the body, not the header: beside the header's buttons it squeezed the title at 1366×768 and 125 % */}
      <div style={{ display: 'flex', justifyContent: 'flex-end', marginBottom: 8 }}>
        <FreezeSelect layout={layout} columns={freezeChoices} width={230} />
      </div>
      {notBegun && <Alert type="warning" showIcon style={{ marginBottom: 8 }} message={notBegun} />}
      {lockedBy && !ownClosed && (
        <Alert type="info" showIcon style={{ marginBottom: 8 }} message={laterClosedText(period, lockedBy)} />
      )}
      {ownClosed && data && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 8 }}
          message={`${formatPeriodCn(period)}已由${data.status.closedBy}于${formatInstantDateCn(data.status.closedAt)}关账，以下为关账快照；如需修改请先由审核人重新开账。`}
        />
      )}
      <CallProgressModal state={long.state} onCancel={long.cancel} />
      {pages.error && <Alert type="error" showIcon message={pages.error.message} style={{ marginBottom: 8 }} />}
      {/* the grid's keys (use-sheet.ts) are heard here; the grid itself is WindowedGrid's element */}
      <div ref={sheetRef} className="sheet-grid report-grid" onKeyDown={sheet.onKeyDown} tabIndex={-1}>
        <WindowedGrid
          ref={gridHandle}
          label="月报填报表格"
          rowHeight={ROW_HEIGHT}
          rowNoTitle="序号"
          columns={columns}
          rows={rows}
          rowId={rowIdOf}
          rowClass={rowClassOf}
          cell={cell}
          readOnly={cellReadOnly}
          rowLabel={rowLabel}
          actions={actions}
          selected={selectedSet}
          onSelect={setSelected}
          canSelect={canSelect}
          cursor={sheet.cursor}
          block={sheet.block}
          {...mouse}
          onResize={layout.onResize}
          onRowsShown={onRowsShown}
          height={bodyHeight}
          loading={pages.loading && !data}
          loadingText="正在读取本月月报…"
          empty="暂无在册项目"
        />
      </div>
      <SheetStatus block={sheet.block} text={model.text} has={model.has}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          与 Excel 相同：方向键、Tab、Enter 移动，直接输入即覆盖，F2 或双击在格内修改，Esc
          放弃；Shift+方向键或拖动选中区域，点列标题、序号选中整列、整行； Ctrl+C 复制、Ctrl+V 粘贴（立即保存）、Ctrl+D
          向下填充、Ctrl+Enter 填入选区、Delete 清除、Ctrl+Z 撤销、Ctrl+Y
          重做。累计、占年度计划、灯色等由系统计算，只读。
        </Typography.Text>
      </SheetStatus>
      <LightRulesPanel
        open={rulesOpen}
        period={period}
        onClose={() => setRulesOpen(false)}
        onSaved={() => {
          setRulesOpen(false);
          void pages.reload();
        }}
      />
      {target && lookups.data && (
        <CreateSupervisionModal
          target={target}
          orgs={lookups.data.orgs}
          onClose={() => setTarget(null)}
          onCreated={(no) => {
            setTarget(null);
            message.success(`已下达督办单 ${no}`);
          }}
        />
      )}
    </Card>
  );
}

/** rows of two lines (the name over its code, last month's sum over its 形象进度), fixed: the window is a division */
const ROW_HEIGHT = 48;
const rowIdOf = (r: ReportBatchRow) => r.projectId;
const rowClassOf = (r: ReportBatchRow) => (r.isParent ? 'row-parent' : '');

/** 上月形象进度 as shown: the text and its percentage */
const lastImage = (last: NonNullable<ReportBatchRow['last']>) =>
  `${last.imageText}${last.imagePct != null ? `（${last.imagePct}%）` : ''}`;

const ENTRY_KEY = {
  monthWan: 'monthFen',
  imageText: 'imageText',
  imagePct: 'imagePct',
  issues: 'issues',
  nextSteps: 'nextSteps',
  needs: 'needs',
} as const;

interface InputControl {
  focus: (pos: Pos, id: number, f: Field) => void;
  blur: () => void;
  /** the focused input is leaving the DOM (its row scrolled out) */
  lost: () => void;
  key: (e: KeyboardEvent<HTMLInputElement>, id: number, f: Field) => void;
}

/**
 * One entry field; subscribes to its own cell so typing does not re-render the table. Its keys bubble to the
 * sheet (moves, block keys); a refused value stays in the cell with its reason beside it.
 */
const CellInput = memo(function CellInput({
  store,
  id,
  f,
  row,
  col,
  ctl,
  label,
  align,
}: {
  store: DraftStore;
  id: number;
  f: Field;
  row: number;
  col: number;
  ctl: MutableRefObject<InputControl>;
  label: string;
  align?: 'right';
}) {
  const [value, error, typing] = useCell(store, id, f);
  const ref = useRef<InputRef>(null);
  // 本月完成投资 is shown as Excel shows a number cell — 1,200.00 for 1200, ￥300.5 or 12万 typed or pasted — except
  // while the clerk types in it (the store knows the keys from a write: a paste or an undo landing in the cell under
  // the cursor is shown as saved at once; judged by the text changing since the cursor came, it showed 1200 as
  // pasted until the cursor left). Shown formatted on arrival, the whole text the sheet selects stays selected, so
  // typing overwrites it.
  const shown = f === 'monthWan' && !error && !typing ? shownMonthWan(value) : value;
  // A text a write puts into the cell under the cursor (a paste, an undo, Esc) is selected whole, as on arrival: the
  // browser leaves the caret at its end, and the figure typed next was added to it — 88 after a paste of 1200 read
  // 1,200.0088, an amount the rule takes.
  const shownBefore = useRef(shown);
  useLayoutEffect(() => {
    const el = ref.current?.input;
    if (shownBefore.current !== shown && !typing && el && el === document.activeElement) el.select();
    shownBefore.current = shown;
  }, [shown, typing]);
  // The input leaves the DOM with its row when the window scrolls on (wheel, scroll bar): if it held the keyboard,
  // the sheet takes it before the browser drops it to the page, so arrows, Ctrl+Z and Ctrl+V go on working as in
  // Excel. A layout effect's clean-up runs while the input is still in the document.
  useLayoutEffect(() => {
    const el = ref.current?.input;
    return () => {
      if (el && el === document.activeElement) ctl.current.lost();
    };
  }, [ctl]);
  const input = (
    <Input
      ref={ref}
      size="small"
      value={shown}
      status={error ? 'error' : undefined}
      style={align ? { textAlign: align } : undefined}
      aria-label={label}
      aria-invalid={error ? true : undefined}
      title={error}
      onChange={(e) => store.type(id, f, e.target.value)}
      onFocus={() => {
        store.settle(id, f);
        ctl.current.focus({ row, col }, id, f);
      }}
      onBlur={() => {
        store.settle(id, f);
        ctl.current.blur();
      }}
      onKeyDown={(e) => ctl.current.key(e, id, f)}
    />
  );
  // Always in its tooltip, shown only with a reason: wrapped only while refused, the input was mounted anew at the
  // first key typed over a refused value (its reason cleared), and the keys after it were lost with the focus.
  return (
    <Tooltip title={error} open={!!error} color="red" placement="bottom">
      {input}
    </Tooltip>
  );
});

/** The sheet's columns, left to right (the check box and 序号 before them, the actions after). */
const SHEET_KEYS = [
  'light',
  'name',
  'last',
  'monthWan',
  'imageText',
  'imagePct',
  'issues',
  'nextSteps',
  'needs',
  'ytd',
  'cum',
  'ytdPct',
  'flags',
  'state',
] as const;
type SheetKey = (typeof SHEET_KEYS)[number];
/** each column's width until the clerk drags it (remembered per operator) */
const COLUMN_WIDTH: Record<SheetKey, number> = {
  light: 48,
  name: 220,
  last: 170,
  monthWan: 110,
  imageText: 200,
  imagePct: 62,
  issues: 130,
  nextSteps: 130,
  needs: 130,
  ytd: 96,
  cum: 104,
  ytdPct: 80,
  flags: 110,
  state: 86,
};
const COLUMN_ALIGN: Partial<Record<SheetKey, 'right' | 'center'>> = {
  light: 'center',
  monthWan: 'right',
  imagePct: 'right',
  ytd: 'right',
  cum: 'right',
  ytdPct: 'right',
};
const ENTRY_KEYS = new Set<string>(FIELDS);

/** Why a derived or descriptive column cannot be typed into (the year-to-date named by its months, 1-9月). */
const derivedReason = (key: Exclude<SheetKey, Field>, period: string): string => {
  const span = monthsSpan(period);
  const reasons: Record<Exclude<SheetKey, Field>, string> = {
    light: '灯色由序时进度和预警规则自动判定，不能输入',
    name: '项目名称请在项目台账中修改',
    last: '上月数据来自上月月报，此处只读',
    ytd: `${span}累计由各月月报自动累计，不能直接输入`,
    cum: '开工以来累计由至上年底累计加各月月报自动计算，不能直接输入',
    ytdPct: `占年度计划由${span}累计除以年度计划自动计算，不能直接输入`,
    flags: '标记由系统按月报自动判定，不能输入',
    state: '状态随保存、报送、退回自动变化，不能输入',
  };
  return reasons[key];
};

/** A cell's text as copied to Excel/WPS (money as plain 万元 with two decimals). */
function cellText(r: ReportBatchRow, key: SheetKey, store: DraftStore): string {
  switch (key) {
    case 'light':
      return r.level ? `${LEVEL_CN[r.level]}灯` : '';
    case 'name':
      return r.name;
    case 'last':
      return r.last ? formatWan(r.last.monthFen) : '';
    case 'ytd':
      return formatWan(r.ytdFen);
    case 'cum':
      return formatWan(r.cumFen);
    case 'ytdPct':
      return r.ytdPct == null ? '' : formatPercent(r.ytdPct);
    case 'flags':
      return r.flags.join('、');
    case 'state':
      return r.state ?? '';
    default:
      if (r.isParent) return key === 'monthWan' ? formatWan(r.monthFen) : '';
      // what the cell shows, not the text as typed: 12万 typed reads 12.00 in the cell and is copied so
      return key === 'monthWan' ? shownMonthWan(store.value(r.projectId, key), false) : store.value(r.projectId, key);
  }
}

const withLabel = (f: Field | 'monthFen', msg: string) => {
  const label = COLUMN_LABEL[f === 'monthFen' ? 'monthWan' : f];
  return msg.includes(label) ? msg : `${label}：${msg}`;
};

/**
 * 本月完成投资 as the cell shows it when the clerk is not typing in it (with thousands commas) and as Ctrl+C copies it
 * (plain, as the sheet's other amounts): the amount the report's own rule reads from the text (what 保存 writes), in
 * 万元 with two decimals; a text the rule refuses, as it is.
 */
function shownMonthWan(text: string, grouping = true): string {
  if (text.trim() === '') return text;
  const r = ReportRowSchema.shape.monthFen.safeParse(text);
  return r.success ? formatWanExact(r.data, { grouping }) : text;
}

/** One cell checked with the report's own field rule (shared/schemas/monthly-report.ts); an empty cell is checked with its row. */
function cellIssue(f: Field, text: string): string | null {
  if (text.trim() === '') return null;
  const shape = ReportRowSchema.shape;
  const r = (f === 'monthWan' ? shape.monthFen : shape[f]).safeParse(text);
  return r.success ? null : withLabel(f, r.error.issues[0]?.message ?? '输入有误');
}

/** The whole row with the same rules the core applies; a row with every field empty takes back its draft. */
function rowIssue(id: number, d: Draft): string | null {
  if (FIELDS.every((f) => d[f].trim() === '')) return null;
  const r = ReportRowSchema.safeParse({ projectId: id, ...d, monthFen: d.monthWan });
  if (r.success) return null;
  const is = r.error.issues[0]!;
  return withLabel(String(is.path[0] ?? 'monthFen') as Field, is.message);
}

/** The 月报 fields' names in messages, from the field registry. */
const COLUMN_LABEL = Object.fromEntries(FIELDS.map((f) => [f, labelOf('progress', f)])) as Record<Field, string>;

function stateTip(r: ReportBatchRow): string {
  const when = (iso: string | null) => formatInstantDateCn(iso);
  if (r.state === '已报送') return `${r.filledBy ?? ''} 于 ${when(r.filledAt)} 报送`;
  if (r.state === '退回') return `${r.reviewedBy ?? ''} 于 ${when(r.updatedAt)} 退回：${r.returnReason ?? ''}`;
  return `${r.filledBy ?? ''} 于 ${when(r.updatedAt)} 保存`;
}
