/**
 * 月报填报: one screen for a whole month. Every active project with last month beside this month's entry
 * fields; 1-N月累计, 开工以来累计 and 占年度计划% come from the core (never typed); flags and the light
 * with its reason. Tab moves across a row, Enter down a column; 保存草稿 saves the changed rows in one go.
 */
import { CopyOutlined, LockOutlined, SaveOutlined, SendOutlined, SettingOutlined, UnlockOutlined, WarningOutlined } from '@ant-design/icons';
import { App as AntApp, Alert, Button, Card, Input, Space, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { memo, useCallback, useEffect, useMemo, useState, type KeyboardEvent } from 'react';
import { formatDateCn } from '../../../../shared/domain/dates.ts';
import { formatInstantDateCn } from '../../../../shared/domain/display.ts';
import { formatPercent, formatWan } from '../../../../shared/domain/money.ts';
import { addMonths, formatPeriodCn, parsePeriod } from '../../../../shared/domain/period.ts';
import type { PeriodClosePreview, ReportBatchRow, UnreportedProject } from '../../../../shared/schemas/report.ts';
import { useCanEdit, useMay } from '../../app/session.tsx';
import { ApiError, call } from '../../lib/api.ts';
import { PeriodPicker, useCurrentPeriod } from '../../lib/current-period.tsx';
import { useCall } from '../../lib/use-call.ts';
import { CreateSupervisionModal, type SupervisionTarget } from '../supervision/CreateSupervisionModal.tsx';
import { DraftStore, toDraft, useCell, useDirtyIds, type Field } from './draft-store.ts';
import { LightBadge } from './LightBadge.tsx';
import { LightRulesPanel } from './LightRulesPanel.tsx';

const FLAG_COLOR: Record<string, string> = { 与上月雷同: 'purple', 未填报: 'orange', 累计超总投资: 'red' };
const STATE_COLOR: Record<string, string> = { 草稿: 'default', 已报送: 'blue', 退回: 'red' };
const money = (fen: number | null | undefined) => <span className="money">{formatWan(fen, { grouping: true })}</span>;

/** Moves focus to the same field one row down (Enter) — the spreadsheet habit. */
function enterMovesDown(e: KeyboardEvent<HTMLInputElement>) {
  if (e.key !== 'Enter') return;
  e.preventDefault();
  const [row, col] = (e.currentTarget.dataset.cell ?? '').split(':').map(Number) as [number, number];
  const next = document.querySelector<HTMLInputElement>(`[data-cell="${row + (e.shiftKey ? -1 : 1)}:${col}"]`);
  next?.focus();
  next?.select();
}

/** The period is also shown in the hash (#/reports/2017-10): a month typed or bookmarked there is a pick. */
const periodInHash = () => /^#\/reports\/(\d{4}-(0[1-9]|1[0-2]))$/.exec(window.location.hash)?.[1] ?? null;

export function ReportsPage() {
  // The current period of every page (current-period.tsx): the one the operator picked, else the latest open one.
  const { period, pick } = useCurrentPeriod();
  const [wanted, setWanted] = useState<string | null>(periodInHash);
  useEffect(() => {
    if (!wanted || !period) return;
    if (wanted === period) setWanted(null);
    else pick(wanted).catch(() => setWanted(null));
  }, [wanted, period, pick]);
  useEffect(() => {
    if (period && !wanted && periodInHash() !== period) window.history.replaceState(null, '', `#/reports/${period}`);
  }, [period, wanted]);
  // After 关账 or 重新开账 the month worked in stays the current one, even though another month opened for
  // reporting. (Saving or 报送 cannot move it: a report in this month makes it the latest, or leaves the pick valid.)
  const stay = useCallback(() => (period ? pick(period) : Promise.resolve()), [period, pick]);
  return period && !wanted ? <ReportsGrid key={period} period={period} onPeriod={(p) => void pick(p)} onClosedOrReopened={stay} /> : <Card loading title="月报填报" />;
}

/** The body of the 关账 confirmation: what closing means, and the projects that have not reported, by name. */
function CloseConfirm({ preview }: { preview: PeriodClosePreview }) {
  const n = preview.unreported.length;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {n > 0 ? (
        <Alert type="warning" showIcon
          message={`本月应报送月报的${preview.mustReport}个项目中，以下${n}个尚未报送`}
          description="关账后这些项目本月不能再补报（须由审核人重新开账）。请核实后再关账。" />
      ) : (
        <Typography.Text>本月应报送月报的{preview.mustReport}个项目均已报送。</Typography.Text>
      )}
      {n > 0 && (
        <Table<UnreportedProject>
          rowKey="id" size="small" bordered pagination={false} scroll={{ y: 240 }} dataSource={preview.unreported} data-testid="unreported"
          columns={[
            { title: '编号', dataIndex: 'code', width: 100 },
            { title: '项目', key: 'name', render: (_, p) => (p.parentName ? `${p.parentName} / ${p.name}` : p.name) },
            { title: '责任单位', dataIndex: 'leadOrgName', width: 130 },
            { title: '状态', key: 'state', width: 80, render: (_, p) => <Tag color={p.state ? STATE_COLOR[p.state] : 'orange'}>{p.state ?? '未填报'}</Tag> },
          ]}
        />
      )}
      <Typography.Text type="secondary">关账后本月数据冻结为快照，打印和导出均按快照重现；如需修改须由审核人重新开账并说明原因。</Typography.Text>
    </Space>
  );
}

function ReportsGrid({ period, onPeriod, onClosedOrReopened }: { period: string; onPeriod: (p: string) => void; onClosedOrReopened: () => Promise<void> }) {
  const { message, modal } = AntApp.useApp();
  const batch = useCall('reports:batch', { period });
  const lookups = useCall('lookups:get', {});
  const [store] = useState(() => new DraftStore());
  const [selected, setSelected] = useState<number[]>([]);
  const [busy, setBusy] = useState(false);
  const [rulesOpen, setRulesOpen] = useState(false);
  const [target, setTarget] = useState<SupervisionTarget | null>(null);
  const data = batch.data;
  const rows = useMemo(() => data?.rows ?? [], [data]);
  useEffect(() => store.reset(Object.fromEntries(rows.map((r) => [r.projectId, toDraft(r.entry)]))), [rows, store]);

  const closed = data?.status.closed ?? false;
  const reviewer = useMay('periods:close'); // 审核人 and 管理员 (shared/ipc/permissions.ts)
  const dirtyIds = useDirtyIds(store);
  const canEdit = useCanEdit(); // the 领导 reads the month's reports: no inputs, no 保存/报送/督办
  const mayIssue = useMay('supervision:create');
  const editable = (r: ReportBatchRow) => canEdit && !closed && !r.isParent && r.state !== '已报送';
  const { month } = parsePeriod(period);

  const run = async (what: () => Promise<string>, after?: () => Promise<void>) => {
    setBusy(true);
    try {
      message.success(await what());
      await Promise.all([batch.reload(), after?.()]);
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
      const r = await call('reports:save', { period, rows: dirtyIds.map((id) => ({ projectId: id, ...store.row(id) })) });
      return `已保存草稿：${r.changed} 个项目`;
    });
  const submit = () => {
    const ids = selected.length ? selected : rows.filter((r) => r.state === '草稿' || r.state === '退回').map((r) => r.projectId);
    if (dirtyIds.length) return void message.warning('有未保存的修改，请先保存草稿再报送');
    if (!ids.length) return void message.info('没有待报送的月报');
    modal.confirm({
      title: `报送 ${ids.length} 个项目的${formatPeriodCn(period)}月报？`,
      content: '报送后如需修改，须由审核人退回。',
      okText: '报送', cancelText: '取消',
      onOk: () => run(async () => `已报送 ${(await call('reports:submit', { period, projectIds: ids })).changed} 个项目`),
    });
  };
  const sendBack = () => {
    if (!selected.length) return void message.info('请先勾选要退回的项目');
    let reason = '';
    modal.confirm({
      title: `退回 ${selected.length} 个项目的月报`,
      content: <Input.TextArea rows={3} placeholder="退回原因（必填）" aria-label="退回原因" onChange={(e) => (reason = e.target.value)} />,
      okText: '退回', cancelText: '取消',
      onOk: () => run(async () => `已退回 ${(await call('reports:return', { period, projectIds: selected, reason })).changed} 个项目`),
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
      okText: n ? `仍然关账（${n}个项目未报送）` : '关账', okButtonProps: { danger: n > 0 }, cancelText: '取消',
      onOk: () => run(async () => (await call('periods:close', { period, confirmUnreported }), `${formatPeriodCn(period)}已关账`), onClosedOrReopened),
    });
  };
  const reopen = () => {
    let reason = '';
    modal.confirm({
      title: `重新开账：${formatPeriodCn(period)}`,
      content: <Input.TextArea rows={3} placeholder="重新开账原因（必填，记入留痕）" aria-label="重新开账原因" onChange={(e) => (reason = e.target.value)} />,
      okText: '重新开账', cancelText: '取消',
      onOk: () => run(async () => (await call('periods:reopen', { period, reason }), `${formatPeriodCn(period)}已重新开账`), onClosedOrReopened),
    });
  };
  const changePeriod = (p: string) => {
    if (!dirtyIds.length) return onPeriod(p);
    modal.confirm({ title: '有未保存的修改', content: '切换期别将放弃这些修改。', okText: '放弃并切换', cancelText: '留在本页', onOk: () => onPeriod(p) });
  };

  let cellRow = 0;
  const rowIndex = new Map(rows.filter(editable).map((r) => [r.projectId, cellRow++]));
  const cell = (r: ReportBatchRow, f: Field, col: number, opts: { width?: number; align?: 'right' } = {}) => {
    if (r.isParent) return f === 'monthWan' ? money(r.monthFen) : null;
    if (!editable(r)) return <span>{f === 'monthWan' ? (r.entry ? money(r.entry.monthFen) : '') : (r.entry ? String(r.entry[ENTRY_KEY[f]] ?? '') : '')}</span>;
    return <CellInput store={store} id={r.projectId} f={f} cell={`${rowIndex.get(r.projectId)}:${col}`} label={`${r.name} ${COLUMN_LABEL[f]}`} width={opts.width} align={opts.align} />;
  };
  const copyLast = (r: ReportBatchRow) => store.setRow(r.projectId, toDraft(r.last));

  const columns: TableColumnsType<ReportBatchRow> = [
    { title: '灯', key: 'light', width: 48, fixed: 'left', align: 'center', render: (_, r) => <LightBadge projectId={r.projectId} name={r.name} level={r.level} reason={r.levelReason} /> },
    {
      title: '项目名称', key: 'name', width: 220, fixed: 'left',
      render: (_, r) => (
        <div style={{ paddingLeft: r.parentId ? 14 : 0 }}>
          <Typography.Text strong={r.isParent} style={{ fontSize: 13 }}>{r.name}</Typography.Text>
          <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.code}{r.isParent ? ' · 子项目合计' : ''}</Typography.Text></div>
        </div>
      ),
    },
    {
      title: `上月（${parsePeriod(addMonths(period, -1)).month}月）`, key: 'last', width: 170,
      render: (_, r) => r.last ? (
        <div style={{ fontSize: 12 }}>
          <div className="money">{formatWan(r.last.monthFen, { grouping: true })} 万元</div>
          <Typography.Text type="secondary" ellipsis={{ tooltip: r.last.imageText }} style={{ fontSize: 12, width: 160 }}>{r.last.imageText}{r.last.imagePct != null ? `（${r.last.imagePct}%）` : ''}</Typography.Text>
        </div>
      ) : <Typography.Text type="secondary">—</Typography.Text>,
    },
    { title: '本月完成投资(万元)', key: 'monthWan', width: 110, align: 'right', render: (_, r) => cell(r, 'monthWan', 0, { width: 96, align: 'right' }) },
    { title: '形象进度', key: 'imageText', width: 200, render: (_, r) => cell(r, 'imageText', 1, { width: 186 }) },
    { title: '进度%', key: 'imagePct', width: 62, align: 'right', render: (_, r) => cell(r, 'imagePct', 2, { width: 50, align: 'right' }) },
    { title: '存在问题', key: 'issues', width: 130, render: (_, r) => cell(r, 'issues', 3, { width: 116 }) },
    { title: '下步计划', key: 'nextSteps', width: 130, render: (_, r) => cell(r, 'nextSteps', 4, { width: 116 }) },
    { title: '需协调解决事项', key: 'needs', width: 130, render: (_, r) => cell(r, 'needs', 5, { width: 116 }) },
    { title: `1-${month}月累计`, dataIndex: 'ytdFen', width: 96, align: 'right', render: money },
    {
      title: '开工以来累计', key: 'cum', width: 104, align: 'right',
      render: (_, r) => <Tooltip title={`至上年底累计 ${formatWan(r.priorFen)} 万元`}>{money(r.cumFen)}</Tooltip>,
    },
    { title: '占年度计划', dataIndex: 'ytdPct', width: 80, align: 'right', render: (p: number | null) => <span className="money">{formatPercent(p)}</span> },
    { title: '标记', key: 'flags', width: 110, render: (_, r) => <Space size={2} wrap>{r.flags.map((f) => <Tag key={f} color={FLAG_COLOR[f] ?? 'default'}>{f}</Tag>)}</Space> },
    {
      title: '状态', key: 'state', width: 86,
      render: (_, r) => r.state ? (
        <Tooltip title={stateTip(r)}><Tag color={STATE_COLOR[r.state]}>{r.state}</Tag></Tooltip>
      ) : r.isParent ? null : <Typography.Text type="secondary">未填</Typography.Text>,
    },
    {
      title: '操作', key: 'ops', width: 196, fixed: 'right',
      render: (_, r) => (
        <Space size={4}>
          {editable(r) && (
            <Button size="small" icon={<CopyOutlined />} disabled={!r.last} onClick={() => copyLast(r)} aria-label={`复制上月 ${r.name}`}>复制上月</Button>
          )}
          {mayIssue && (r.level === 'red' || r.level === 'yellow') && (
            <Button size="small" icon={<WarningOutlined />} aria-label={`督办 ${r.name}`}
              onClick={() => setTarget({ projectId: r.projectId, name: r.name, period, leadOrgName: r.leadOrgName, reason: r.levelReason })}>督办</Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Card
      title={
        <Space size="middle" wrap>
          <span>月报填报</span>
          <PeriodPicker onChange={changePeriod} />
          {data && <Typography.Text type="secondary">报送截止：{formatDateCn(data.dueDate)}</Typography.Text>}
          {closed && <Tag icon={<LockOutlined />} color="volcano">已关账</Tag>}
        </Space>
      }
      extra={
        <Space wrap>
          <Button icon={<SettingOutlined />} onClick={() => setRulesOpen(true)}>预警规则</Button>
          {canEdit && (
            <Button icon={<SaveOutlined />} type="primary" disabled={closed || !dirtyIds.length} loading={busy} onClick={save}>
              保存草稿{dirtyIds.length ? `（${dirtyIds.length}）` : ''}
            </Button>
          )}
          {canEdit && <Button icon={<SendOutlined />} disabled={closed} onClick={submit}>报送{selected.length ? `所选（${selected.length}）` : ''}</Button>}
          {reviewer && <Button danger disabled={closed || !selected.length} onClick={sendBack}>退回</Button>}
          {reviewer && !closed && <Button icon={<LockOutlined />} onClick={() => void closePeriod()}>关账</Button>}
          {reviewer && closed && <Button icon={<UnlockOutlined />} onClick={reopen}>重新开账</Button>}
        </Space>
      }
    >
      {closed && data && (
        <Alert type="info" showIcon style={{ marginBottom: 8 }}
          message={`${formatPeriodCn(period)}已由${data.status.closedBy}于${formatInstantDateCn(data.status.closedAt)}关账，以下为关账快照；如需修改请先由审核人重新开账。`} />
      )}
      {batch.error && <Alert type="error" showIcon message={batch.error.message} style={{ marginBottom: 8 }} />}
      <Table<ReportBatchRow>
        rowKey="projectId"
        size="small"
        bordered
        loading={batch.loading}
        columns={columns}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 1900, y: 'calc(100vh - 290px)' }}
        rowClassName={(r) => (r.isParent ? 'row-parent' : '')}
        rowSelection={canEdit ? { selectedRowKeys: selected, onChange: (k) => setSelected(k as number[]), getCheckboxProps: (r) => ({ disabled: r.isParent || closed, 'aria-label': `选择 ${r.name}` }), columnWidth: 36, fixed: true } : undefined}
        locale={{ emptyText: '暂无在册项目' }}
      />
      <LightRulesPanel open={rulesOpen} onClose={() => setRulesOpen(false)} onSaved={() => { setRulesOpen(false); void batch.reload(); }} />
      {target && lookups.data && (
        <CreateSupervisionModal target={target} orgs={lookups.data.orgs} onClose={() => setTarget(null)}
          onCreated={(no) => { setTarget(null); message.success(`已下达督办单 ${no}`); }} />
      )}
    </Card>
  );
}

const ENTRY_KEY = { monthWan: 'monthFen', imageText: 'imageText', imagePct: 'imagePct', issues: 'issues', nextSteps: 'nextSteps', needs: 'needs' } as const;

/** One entry field; subscribes to its own cell so typing does not re-render the table. */
const CellInput = memo(function CellInput({ store, id, f, cell, label, width, align }: { store: DraftStore; id: number; f: Field; cell: string; label: string; width?: number; align?: 'right' }) {
  const [value, error] = useCell(store, id, f);
  const input = (
    <Input size="small" value={value} status={error ? 'error' : undefined} style={{ width, textAlign: align }} data-cell={cell} aria-label={label}
      onChange={(e) => store.set(id, f, e.target.value)} onKeyDown={enterMovesDown} />
  );
  return error ? <Tooltip title={error} open color="red" placement="bottom">{input}</Tooltip> : input;
});

const COLUMN_LABEL: Record<Field, string> = { monthWan: '本月完成投资', imageText: '形象进度', imagePct: '形象进度%', issues: '存在问题', nextSteps: '下步计划', needs: '需协调解决事项' };

function stateTip(r: ReportBatchRow): string {
  const when = (iso: string | null) => formatInstantDateCn(iso);
  if (r.state === '已报送') return `${r.filledBy ?? ''} 于 ${when(r.filledAt)} 报送`;
  if (r.state === '退回') return `${r.reviewedBy ?? ''} 于 ${when(r.updatedAt)} 退回：${r.returnReason ?? ''}`;
  return `${r.filledBy ?? ''} 于 ${when(r.updatedAt)} 保存`;
}
