/**
 * 资金到位与拨付 (T4, domain.md §2.4): overall plan / 到位 / 拨付 / 支付 by source group, then per project
 * with 到位率, 支付率, the 1:1 配套 check and 以奖代补; the flow records below, with a drawer to add one.
 */
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Space,
  Spin,
  Table,
  Tag,
  Tooltip,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useEffect, useState } from 'react';
import { usePaintedOnce } from '../../lib/after-paint.ts';
import { formatApproxWan } from '../../../../shared/domain/display.ts';
import { formatDateCn } from '../../../../shared/domain/dates.ts';
import { T4_GROUPS, type MatchingSide } from '../../../../shared/domain/funds.ts';
import { formatPercent, formatWan } from '../../../../shared/domain/money.ts';
import { periodEnd } from '../../../../shared/domain/period.ts';
import type { FundFlow, GroupLineSchema, ProjectFunds } from '../../../../shared/schemas/funds.ts';
import type { z } from '../../../../shared/schemas/zod-zh.ts';
import { call } from '../../lib/api.ts';
import { PeriodPicker, useCurrentPeriod } from '../../lib/current-period.tsx';
import { useChannelQuery, useRefresh } from '../../lib/use-channel-query.ts';
import { useCanEdit } from '../../app/session.tsx';
import { FundFlowForm } from './FundFlowForm.tsx';
import { PlainTable, type PlainColumn } from '../../components/PlainTable.tsx';
import { labelOf } from '../../../../shared/fields/registry.ts';
import { UnitTitle } from '../../components/UnitTitle.tsx';

type GroupLine = z.infer<typeof GroupLineSchema>;
const money = (fen: number | null | undefined) => formatWan(fen, { grouping: true, empty: '' });
const dash = (fen: number) => (fen ? money(fen) : '—');
const FLOWS_PAGE_SIZE = 20;
const PROJECTS_PAGE_SIZE = 50;
const EXPAND_WIDTH = 32;
/** Rows drawn before the rest of the page (more than a screenful below the town's totals). */
const FIRST_ROWS = 15;
/** A project's split by source group (the line under its row). */
const sourceColumns: PlainColumn<GroupLine & { approx: boolean }>[] = [
  { key: 'group', title: '资金来源', width: 120, render: (x) => x.group },
  {
    key: 'plan',
    title: '计划（万元）',
    width: 120,
    align: 'right',
    // a plan written as approximate (460余) reads 460.00余; the row's 计划资金 above is a sum, exact
    render: (x) => (x.planFen ? formatApproxWan(x.planFen, x.approx, { grouping: true }) : '—'),
  },
  { key: 'arrived', title: '到位（万元）', width: 120, align: 'right', render: (x) => dash(x.arrivedFen) },
];
type OverallLine = GroupLine & { label: string };
const groupColumns: PlainColumn<OverallLine>[] = [
  { key: 'label', title: '资金来源', width: 120, render: (g) => g.label },
  { key: 'plan', title: '计划（万元）', align: 'right', render: (g) => money(g.planFen) },
  { key: 'arrived', title: '到位（万元）', align: 'right', render: (g) => money(g.arrivedFen) },
  { key: 'allocated', title: '已拨付（万元）', align: 'right', render: (g) => money(g.allocatedFen) },
  { key: 'paid', title: '已支付（万元）', align: 'right', render: (g) => money(g.paidFen) },
  { key: 'arrivedPct', title: '到位率', align: 'right', render: (g) => formatPercent(g.arrivedPct) },
  { key: 'paidPct', title: '支付率', align: 'right', render: (g) => formatPercent(g.paidPct) },
];
// 达标 / 不足 as coloured words, not tags: both fit beside the ratio in the narrow 配套 column (a tag's border and
// padding pushed 不足 out of it); the tooltip says against what.
const ratioWord = (ok: boolean) =>
  ok ? (
    <Typography.Text type="success">达标</Typography.Text>
  ) : (
    <Tooltip title="镇自筹与上级补助之比不足1:1">
      <Typography.Text type="danger" strong>
        不足
      </Typography.Text>
    </Tooltip>
  );
/**
 * One side of the 配套 check: the ratio and its tag; with no 上级 money on that side (none planned, or none arrived
 * yet) there is nothing to match, which is said instead of a “—:1 达标” that read as if the money were in place.
 */
const matchingSideText = (label: string, side: MatchingSide) =>
  side.ratio === null ? (
    <span className="cell-secondary">{label === '到位' ? '到位 上级未到 ' : '计划 无上级补助 '}</span>
  ) : (
    <>
      {label} {side.ratio}:1 {ratioWord(side.ok)}
    </>
  );

/** The figures stand at the end of the current period (current-period.tsx), as on the 总览 and in T4. */
export function FundsPage() {
  const { period } = useCurrentPeriod();
  return period ? <FundsView period={period} /> : <Spin />;
}

function FundsView({ period }: { period: string }) {
  const { message, modal } = AntApp.useApp();
  const canEdit = useCanEdit();
  // The projects a page at a time from the core (a county has 20 000); the town's totals come with every page.
  const [projectsPage, setProjectsPage] = useState(1);
  const summary = useChannelQuery('funds:summary', {
    asOf: periodEnd(period),
    page: { offset: (projectsPage - 1) * PROJECTS_PAGE_SIZE, limit: PROJECTS_PAGE_SIZE },
  });
  // The flows a page at a time from the core (a county keeps 100 000 of them); the page number is kept across reloads.
  // Asked for once the projects have come: the core answers one call at a time, and the newest flows of a county
  // (100 000 put in date order) took longer than the projects' page the clerk came for.
  const [flowsPage, setFlowsPage] = useState(1);
  const flowsAsked = summary.data !== undefined || summary.error !== null;
  const flows = useChannelQuery(
    'funds:pageFlows',
    { offset: (flowsPage - 1) * FLOWS_PAGE_SIZE, limit: FLOWS_PAGE_SIZE },
    { enabled: flowsAsked },
  );
  const flowsTotal = flows.data?.total ?? 0;
  // After a delete the last page may be gone: step back to the last one there is.
  useEffect(() => {
    if (flows.data && flowsPage > 1 && (flowsPage - 1) * FLOWS_PAGE_SIZE >= flowsTotal)
      setFlowsPage(Math.max(1, Math.ceil(flowsTotal / FLOWS_PAGE_SIZE)));
  }, [flows.data, flowsPage, flowsTotal]);

  const [formOpen, setFormOpen] = useState(false);
  const [editing, setEditing] = useState<FundFlow | null>(null);
  const [forProject, setForProject] = useState<number | null>(null);
  const [warnings, setWarnings] = useState<string[]>([]);

  const s = summary.data;
  // The core lists only the projects with any money (funds.service.ts hasMoney).
  // At the page's opening its first rows are drawn first and the rest in the frames after (PlainTable firstRows), and
  // the flow records under them once those first rows have been painted: the first screenful (a card above it) shows
  // without waiting for the 50 rows below it. Once drawn, everything stays: another page of projects or a reload
  // after a save is drawn whole, so the page never shrinks under the clerk's scroll position.
  const drawnOnce = usePaintedOnce(s !== undefined);
  const rows = s?.projects ?? [];
  const projectsOffset = (projectsPage - 1) * PROJECTS_PAGE_SIZE;
  const refresh = useRefresh();
  const reload = () => refresh('funds:summary', 'funds:pageFlows');
  const openNew = (projectId: number | null) => {
    setEditing(null);
    setForProject(projectId);
    setFormOpen(true);
  };
  const remove = (f: FundFlow) =>
    modal.confirm({
      title: `删除这笔资金记录？`,
      content: `${f.projectName}：${formatDateCn(f.date)} ${f.type} ${f.source} ${money(f.amountFen)} 万元`,
      okText: '删除',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: async () => {
        try {
          await call('funds:removeFlow', { id: f.id });
          message.success('已删除资金记录');
          await reload();
        } catch (e) {
          message.error((e as Error).message);
        }
      },
    });

  // The split by source (上级补助, 县级配套, 镇自筹, 其他) opens under each project row: with it in the row the table
  // was 2,100 px wide and had to be scrolled sideways at 1366×768.
  const bySource = (r: ProjectFunds) => (
    <PlainTable
      style={{ maxWidth: 360 }}
      rowKey={(x) => x.group}
      rows={T4_GROUPS.map((g) => ({
        ...r.byGroup.find((x) => x.group === g)!,
        approx: !!r.approxPlanGroups?.includes(g),
      }))}
      columns={sourceColumns}
    />
  );

  const projectColumns: PlainColumn<ProjectFunds>[] = [
    { key: 'no', title: '序号', width: 48, fixed: 'left', render: (r, i) => r.seq ?? projectsOffset + i + 1 },
    {
      key: 'name',
      title: labelOf('project', 'name'),
      width: 150,
      fixed: 'left',
      render: (r) => (
        <div className="cell-ellipsis" title={r.name}>
          {r.warnings.length > 0 && (
            <Tooltip title={r.warnings.join('；')}>
              <Tag color="orange">提示</Tag>
            </Tooltip>
          )}
          {/* a part's money is in its project's row above: 其中, as T4 writes it, so nobody adds it twice */}
          {r.seq?.includes('-') ? <span className="funds-part">其中：{r.name}</span> : r.name}
        </div>
      ),
    },
    {
      key: 'total',
      title: labelOf('project', 'totalWan'),
      width: 90,
      align: 'right',
      render: (r) => money(r.totalFen),
    },
    { key: 'plan', title: '计划资金', width: 90, align: 'right', render: (r) => <b>{dash(r.planFen)}</b> },
    { key: 'arrived', title: '到位资金', width: 90, align: 'right', render: (r) => <b>{dash(r.arrivedFen)}</b> },
    { key: 'arrivedPct', title: '到位率', width: 68, align: 'right', render: (r) => formatPercent(r.arrivedPct) },
    { key: 'allocated', title: '已拨付', width: 80, align: 'right', render: (r) => dash(r.allocatedFen) },
    { key: 'paid', title: '已支付', width: 80, align: 'right', render: (r) => dash(r.paidFen) },
    { key: 'paidPct', title: '支付率', width: 68, align: 'right', render: (r) => formatPercent(r.paidPct) },
    {
      // 计划 over 到位, two short lines: side by side they took 196 px, and at 1366×768 the table ran under the 操作
      // column and 以奖代补 had to be scrolled to.
      key: 'matching',
      title: '配套（自筹:上级）',
      width: 140,
      render: (r) =>
        !r.matching ? (
          <span className="cell-secondary">不需配套</span>
        ) : (
          <>
            <div className="cell-ellipsis">{matchingSideText('计划', r.matching.plan)}</div>
            <div className="cell-ellipsis">{matchingSideText('到位', r.matching.arrived)}</div>
          </>
        ),
    },
    {
      key: 'award',
      title: '以奖代补',
      width: 88,
      // Three lines of plain text (a Space per row was one more styled component on each of 50 rows).
      render: (r) =>
        r.award ? (
          <div style={{ fontSize: 12 }}>
            <div>申请 {money(r.award.appliedFen)}</div>
            <div>预拨 {money(r.award.advancedFen)}</div>
            <div>兑现 {money(r.award.redeemedFen)}</div>
          </div>
        ) : (
          ''
        ),
    },
    // The 领导 reads: no 操作 column (canEdit below).
    ...(canEdit
      ? [
          {
            key: 'op',
            title: '操作',
            // The button's own width and the cell's padding: at 84 "＋ 记一笔" was cut at the table's right edge.
            width: 104,
            fixed: 'right' as const,
            render: (r: ProjectFunds) => (
              <Button size="small" icon={<PlusOutlined />} onClick={() => openNew(r.id)}>
                记一笔
              </Button>
            ),
          },
        ]
      : []),
  ];

  const flowColumns: TableColumnsType<FundFlow> = [
    { title: '日期', dataIndex: 'date', width: 130, render: (d: string) => formatDateCn(d) },
    { title: '项目', dataIndex: 'projectName', width: 220 },
    {
      title: '类型',
      dataIndex: 'type',
      width: 70,
      render: (t: string) => <Tag color={t === '到位' ? 'blue' : t === '支付' ? 'green' : 'gold'}>{t}</Tag>,
    },
    { title: '资金来源', dataIndex: 'source', width: 110 },
    { title: '批次', dataIndex: 'batch', width: 90 },
    { title: <UnitTitle text="金额（万元）" />, dataIndex: 'amountFen', width: 120, align: 'right', render: money },
    { title: '凭证号', dataIndex: 'voucherNo', width: 170 },
    { title: '备注', dataIndex: 'note' },
    ...(!canEdit
      ? []
      : [
          {
            title: '操作',
            key: 'op',
            width: 150,
            render: (_v: unknown, f: FundFlow) => (
              <Space size={4}>
                <Button
                  size="small"
                  icon={<EditOutlined />}
                  onClick={() => {
                    setEditing(f);
                    setFormOpen(true);
                  }}
                >
                  编辑
                </Button>
                <Button size="small" danger icon={<DeleteOutlined />} onClick={() => remove(f)}>
                  删除
                </Button>
              </Space>
            ),
          },
        ]),
  ];

  if (summary.error)
    return <Alert type="error" showIcon message="无法载入资金情况" description={summary.error.message} />;
  const overallRows = s
    ? [
        ...s.overall.byGroup.map((g) => ({ ...g, label: g.group })),
        { ...s.overall, group: '其他' as const, label: '合计' },
      ]
    : [];
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Space align="center">
        <Typography.Title level={4} style={{ margin: 0 }}>
          资金到位与拨付
        </Typography.Title>
        <PeriodPicker />
        <Typography.Text type="secondary">截至{formatDateCn(periodEnd(period))}</Typography.Text>
        {canEdit && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => openNew(null)}>
            记录资金
          </Button>
        )}
      </Space>
      {warnings.length > 0 && (
        <Alert
          type="warning"
          showIcon
          closable
          message="已保存，但请注意"
          description={warnings.join('；')}
          onClose={() => setWarnings([])}
        />
      )}
      <Card
        size="small"
        title="全镇合计（按资金来源）"
        extra={
          s && (
            <Space>
              {s.overall.matchingFailures > 0 && (
                <Tag color="red">配套不足1:1的项目 {s.overall.matchingFailures} 个</Tag>
              )}
              {s.overall.unfundedFen !== 0 && (
                <Tag data-testid="funds-unfunded">资金构成未落实 {money(s.overall.unfundedFen)} 万元</Tag>
              )}
              <Tag>
                以奖代补 申请 {money(s.overall.award.appliedFen)} · 预拨 {money(s.overall.award.advancedFen)} · 兑现{' '}
                {money(s.overall.award.redeemedFen)} 万元
              </Tag>
            </Space>
          )
        }
      >
        <PlainTable
          data-testid="funds-overall"
          rowKey={(r) => r.label}
          loading={summary.isFetching}
          columns={groupColumns}
          rows={overallRows}
          rowClassName={(r) => (r.label === '合计' ? 'row-total' : '')}
        />
      </Card>
      <Card size="small" title="分项目资金到位及拨付情况（万元；点 + 看分来源计划与到位）">
        {/* A page of projects at a time from the core (a county has 20 000): the page draws as fast as the sample's.
            Laid out at the columns' own widths, not measured from every cell's text; long names end in … with the
            whole name on hover. */}
        <PlainTable
          data-testid="funds-projects"
          rowKey={(r) => r.id}
          bordered
          loading={summary.isFetching}
          columns={projectColumns}
          rows={rows}
          firstRows={FIRST_ROWS}
          expand={{ render: bySource, width: EXPAND_WIDTH }}
          pager={{
            current: projectsPage,
            pageSize: PROJECTS_PAGE_SIZE,
            total: s?.projectsTotal ?? 0,
            onChange: setProjectsPage,
            noun: '个项目',
            totalText:
              s?.topProjects !== undefined && s.topProjects !== s.projectsTotal
                ? `共 ${s.topProjects} 个项目（另有其中子项目 ${(s.projectsTotal ?? 0) - s.topProjects} 行）`
                : undefined,
          }}
        />
      </Card>
      {/* The flow records sit below the 50 project rows, out of sight at first: drawn with the rest of the page, a frame
          after the first rows, not with them (an empty antd table and its pager were a fifth of that first render). */}
      {drawnOnce && (
        <Card size="small" title="资金到位、拨付、支付记录">
          <Table
            rowKey="id"
            size="small"
            loading={flows.isPending || flows.isFetching}
            columns={flowColumns}
            dataSource={flows.data?.rows ?? []}
            pagination={{
              current: flowsPage,
              pageSize: FLOWS_PAGE_SIZE,
              total: flowsTotal,
              showSizeChanger: false,
              showTotal: (n) => `共 ${n} 条`,
              onChange: setFlowsPage,
            }}
          />
        </Card>
      )}
      <FundFlowForm
        open={formOpen}
        editing={editing}
        defaultProjectId={forProject}
        onClose={() => setFormOpen(false)}
        onSaved={async (w) => {
          setFormOpen(false);
          setWarnings(w);
          await reload();
        }}
      />
    </Space>
  );
}
