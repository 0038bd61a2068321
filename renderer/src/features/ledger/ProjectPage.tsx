/**
 * The on-screen 一项目一档: basic information, sub-items (Σ ≠ total is a warning), funding by source group
 * with the derived 未落实 line, year plans with an optional monthly split, milestones plan vs actual with
 * overdue shown, attachments and photos, and the project's change history.
 */
import { ArrowLeftOutlined, EditOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, Card, Descriptions, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { formatDateCn, todayIso } from '../../../../shared/domain/dates.ts';
import { formatApproxWan, formatMonthCn, formatWanUnit, formatYearRange } from '../../../../shared/domain/display.ts';
import { milestoneState, milestoneText } from '../../../../shared/domain/milestone.ts';
import { formatWan, parseMoney, sumFen } from '../../../../shared/domain/money.ts';
import { FUND_SOURCE_GROUPS, FUND_SOURCES, MILESTONE_NODES, QTY_UNITS } from '../../../../shared/domain/vocab.ts';
import { moneyWan, optMoneyWan, optText } from '../../../../shared/schemas/common.ts';
import {
  FundingInputSchema,
  ItemInputSchema,
  MilestoneInputSchema,
  YearPlanInputSchema,
  type FundingRow,
  type ItemRow,
  type MilestoneRow,
  type YearPlanRow,
} from '../../../../shared/schemas/project-parts.ts';
import { labelOf, shortOf, titleOf } from '../../../../shared/fields/registry.ts';
import type { Lookups } from '../../../../shared/schemas/org.ts';
import type { Project } from '../../../../shared/schemas/project.ts';
import { call } from '../../lib/api.ts';
import { useChannelQuery, useRefresh } from '../../lib/use-channel-query.ts';
import { AttachmentsPanel } from './AttachmentsPanel.tsx';
import { HistoryTable } from '../history/HistoryTable.tsx';
import { namesOf } from './ledger-columns.ts';
import { byRule, ListSheet, type ListColumn, type ListTexts } from '../../components/sheet/ListSheet.tsx';
import { parseDay } from '../../components/sheet/cell-parse.ts';
import { ProjectForm } from './ProjectForm.tsx';
import { READ_ONLY_HINT, useCanEdit } from '../../app/session.tsx';
import { EditButton } from '../../components/EditButton.tsx';
import { InstructionsCard } from '../instructions/Instructions.tsx';

/** a cell's 万元 text: two decimals, as everywhere (a 分 amount always fits them exactly) */
const wan = (fen: number | null) => formatWan(fen);
/**
 * How a 万元 cell shows when not edited: with thousands grouped, as the summary above it and every table show money
 * (1,750.00); its editor and a copy keep the plain text (1750.00), as Excel does with a #,##0.00 cell.
 */
const wanShown = (text: string) => {
  const r = parseMoney(text, '万元');
  // an amount written as approximate keeps its mark (460.00余), as every page shows it
  return r.ok ? formatApproxWan(r.fen, r.approx, { grouping: true }) : text;
};
const MONTH_KEYS = Array.from({ length: 12 }, (_, i) => `m${i + 1}`);

export function ProjectPage({ id, onBack }: { id: number; onBack: () => void }) {
  const project = useChannelQuery('projects:get', { id });
  const instructions = useChannelQuery('instructions:list', { projectId: id });
  const canEdit = useCanEdit();
  const lookups = useChannelQuery('lookups:get', {});
  const refresh = useRefresh();
  const [formOpen, setFormOpen] = useState(false);
  const [historyKey, setHistoryKey] = useState(0);
  const p = project.data;
  const changed = () => setHistoryKey((k) => k + 1);

  if (project.error)
    return (
      <Alert
        type="error"
        showIcon
        message={project.error.message}
        action={<Button onClick={onBack}>返回台账</Button>}
      />
    );
  if (!p || !lookups.data) return <Card loading />;
  return (
    <Card
      title={
        <Space>
          <Button icon={<ArrowLeftOutlined />} onClick={onBack}>
            返回台账
          </Button>
          <span>一项目一档：{p.name}</span>
          {p.deletedAt && <Tag color="red">回收站中</Tag>}
        </Space>
      }
      extra={
        <EditButton
          channel="projects:update"
          icon={<EditOutlined />}
          onClick={() => setFormOpen(true)}
          disabled={!!p.deletedAt}
        >
          编辑基本信息
        </EditButton>
      }
    >
      <Tabs
        // The 领导 opens a project to read it and to write a 批示: their tab comes first for them.
        defaultActiveKey={canEdit ? 'basic' : 'instructions'}
        items={[
          { key: 'basic', label: '基本信息', children: <BasicInfo p={p} lookups={lookups.data} /> },
          {
            key: 'instructions',
            label: `领导批示${instructions.data?.length ? `（${instructions.data.length}）` : ''}`,
            children: (
              <InstructionsCard
                projectId={id}
                projectName={p.name}
                items={instructions.data ?? []}
                onChanged={() => {
                  void refresh('instructions:list');
                  changed();
                }}
              />
            ),
          },
          { key: 'items', label: labelOf('project', 'items'), children: <ItemsTab projectId={id} onSaved={changed} /> },
          {
            key: 'funding',
            label: labelOf('project', 'funding'),
            children: <FundingTab projectId={id} onSaved={changed} />,
          },
          { key: 'plans', label: labelOf('project', 'plans'), children: <PlansTab projectId={id} onSaved={changed} /> },
          {
            key: 'milestones',
            label: labelOf('project', 'milestones'),
            children: <MilestonesTab projectId={id} onSaved={changed} />,
          },
          { key: 'files', label: '附件与照片', children: <AttachmentsPanel projectId={id} onChanged={changed} /> },
          { key: 'history', label: '修改记录', children: <HistoryTable key={historyKey} projectId={id} /> },
        ]}
      />
      <ProjectForm
        open={formOpen}
        editing={p}
        defaultYear={p.planYear}
        lookups={lookups.data}
        onClose={() => setFormOpen(false)}
        onSaved={() => {
          setFormOpen(false);
          void refresh('projects:get');
          changed();
        }}
      />
    </Card>
  );
}

function BasicInfo({ p, lookups }: { p: Project; lookups: Lookups }) {
  const n = namesOf(lookups);
  const d = (s: string | null) => formatDateCn(s) || '—';
  // Labels come from the field registry (shared/fields/registry.ts): the same words as the form, grid and exports.
  const L = (key: string) => shortOf('project', key);
  const items: [string, React.ReactNode][] = [
    [L('code'), p.code],
    [L('planYear'), p.planYear],
    [L('category'), p.category],
    [L('subcategory'), p.subcategory],
    [L('stageGroup'), p.stageGroup],
    [L('nature'), p.nature],
    [L('status'), <Tag key="s">{p.status}</Tag>],
    [L('delivery'), p.delivery],
    [L('totalWan'), formatWanUnit(p.totalFen, p.approx)],
    ['至上年底累计完成', `${formatWanUnit(p.openingCumFen)}`],
    [L('location'), p.location],
    [L('villageOrgId'), n.org(p.villageOrgId)],
    [L('years'), formatYearRange(p.yearFrom, p.yearTo)],
    [L('planStart'), d(p.planStart)],
    [L('planEnd'), d(p.planEnd)],
    [L('actStart'), d(p.actStart)],
    [L('actEnd'), d(p.actEnd)],
    [L('approvalKind'), p.approvalKind],
    [L('approvalNo'), p.approvalNo],
    [L('approvalYm'), formatMonthCn(p.approvalYm)],
    [L('ownerOrgId'), n.org(p.ownerOrgId)],
    [L('leadOrgId'), n.org(p.leadOrgId)],
    [L('responsibleOrgIds'), p.responsibleOrgIds.map(n.org).join('、')],
    [L('leaderStaffId'), n.staff(p.leaderStaffId)],
    [L('managerStaffId'), n.staff(p.managerStaffId)],
    [L('contact'), p.contact],
    [L('phone'), p.phone],
    [labelOf('project', 'govFunded'), p.govFunded ? '是' : '否'],
    [L('inStats'), p.inStats ? `是${p.statsDate ? `（${d(p.statsDate)}）` : ''}` : '否'],
    ['用地 已取得/拟申请(亩)', `${p.landMuHave ?? '—'} / ${p.landMuNeed ?? '—'}`],
    [L('tags'), p.tags.join('、')],
  ];
  return (
    <Descriptions bordered size="small" column={3}>
      {items.map(([label, v]) => (
        <Descriptions.Item key={label} label={label}>
          {v ?? ''}
        </Descriptions.Item>
      ))}
      <Descriptions.Item label={L('scope')} span={3}>
        {p.scope}
      </Descriptions.Item>
      <Descriptions.Item label={L('note')} span={3}>
        {p.note}
      </Descriptions.Item>
    </Descriptions>
  );
}

/* The four lists as sheets (components/sheet/ListSheet.tsx): each cell checked with its field's rule from
   shared/schemas, the whole list sent through its own channel in one transaction. */

const money = (label: string) => byRule(moneyWan(label));
const optMoney = (label: string) => byRule(optMoneyWan(label));
const text = (label: string, max: number) => byRule(optText(label, max));
const showDay = (t: string) => formatDateCn(t) || t;
const orNull = (t: string | undefined) => (t && t.trim() !== '' ? t.trim() : null);
const lockedFor = (canEdit: boolean) => (canEdit ? null : READ_ONLY_HINT);
const SHEET_HINT =
  '与 Excel 相同：直接输入即覆盖，F2 或双击在格内修改，Esc 放弃；可从 Excel 复制多行多列粘贴，在末行（*）输入或粘贴即新增行；Delete 清除，Ctrl+D 向下填充，Ctrl+Enter 填入选区，Ctrl+; 填今天日期，右键行号或 Ctrl+- 删除所选行；每次修改立即保存，Ctrl+Z 撤销、Ctrl+Y 重做。';

function SheetHint() {
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
      {SHEET_HINT}
    </Typography.Text>
  );
}

const itemTexts = (r: ItemRow): ListTexts => ({
  name: r.name,
  qty: r.qty === null ? '' : String(r.qty),
  unit: r.unit ?? '',
  amountWan: wan(r.amountFen),
  approx: r.approx ? '是' : '',
});
const ITEM_COLUMNS: ListColumn[] = [
  { key: 'name', title: titleOf('project_item', 'name'), width: 220, parse: byRule(ItemInputSchema.shape.name) },
  {
    key: 'qty',
    title: titleOf('project_item', 'qty'),
    width: 90,
    align: 'right',
    parse: byRule(ItemInputSchema.shape.qty),
  },
  {
    key: 'unit',
    title: titleOf('project_item', 'unit'),
    width: 80,
    parse: byRule(ItemInputSchema.shape.unit),
    options: QTY_UNITS,
  },
  {
    key: 'amountWan',
    title: titleOf('project_item', 'amountWan'),
    width: 130,
    align: 'right',
    parse: money(labelOf('project_item', 'amountWan')),
    show: wanShown,
  },
  {
    key: 'approx',
    title: titleOf('project_item', 'approx'),
    width: 70,
    align: 'center',
    options: ['是', '否'],
    parse: (t) =>
      /^(是|约|√|y|yes)$/i.test(t)
        ? { ok: true, value: '是' }
        : /^(否|n|no)$/i.test(t)
          ? { ok: true, value: '' }
          : { ok: false, message: '约数请填“是”或留空' },
  },
];

function ItemsTab({ projectId, onSaved }: { projectId: number; onSaved: () => void }) {
  const data = useChannelQuery('items:list', { projectId });
  const refresh = useRefresh();
  const canEdit = useCanEdit();
  const d = data.data;
  const [initial, setInitial] = useState<ListTexts[] | null>(null);
  if (d && !initial) setInitial(d.items.map(itemTexts));
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {d?.warning && <Alert type="warning" showIcon message={d.warning} />}
      {d && (
        <Typography.Text>
          子项合计 {formatWanUnit(d.sumFen)} / 总投资 {formatWanUnit(d.totalFen)}
        </Typography.Text>
      )}
      {initial && (
        <ListSheet
          label={`${labelOf('project', 'items')}表格`}
          sheetKey="sheet.project-items"
          noun={labelOf('project', 'items')}
          listPath="items"
          columns={ITEM_COLUMNS}
          initial={initial}
          lockedReason={lockedFor(canEdit)}
          save={async (rows) => {
            const r = await call('items:save', {
              projectId,
              items: rows.map((t) => ({
                name: t.name ?? '',
                qty: orNull(t.qty),
                unit: orNull(t.unit),
                amountWan: t.amountWan ?? '',
                approx: t.approx === '是',
              })),
            });
            void refresh('items:list');
            onSaved();
            return r.items.map(itemTexts);
          }}
        />
      )}
      {canEdit && <SheetHint />}
    </Space>
  );
}

const fundingTexts = (r: FundingRow): ListTexts => ({
  source: r.source,
  // 460.00余 for an amount written as approximate: saved back as it is, it stays approximate (FundingSaveSchema)
  amountWan: formatApproxWan(r.amountFen, r.approx),
  note: r.note ?? '',
});
const FUNDING_COLUMNS: ListColumn[] = [
  {
    key: 'source',
    title: titleOf('funding_plan', 'source'),
    width: 200,
    parse: byRule(FundingInputSchema.shape.source),
    options: FUND_SOURCES,
  },
  {
    key: 'amountWan',
    title: titleOf('funding_plan', 'amountWan'),
    width: 130,
    align: 'right',
    // "460余", "约460": an amount the office states as approximate is kept so (the schema marks the row)
    parse: byRule(FundingInputSchema.shape.amountWan),
    show: wanShown,
  },
  {
    key: 'note',
    title: titleOf('funding_plan', 'note'),
    width: 260,
    parse: text(labelOf('funding_plan', 'note'), 200),
  },
];

function FundingTab({ projectId, onSaved }: { projectId: number; onSaved: () => void }) {
  const data = useChannelQuery('funding:list', { projectId });
  const refresh = useRefresh();
  const canEdit = useCanEdit();
  const d = data.data;
  const [initial, setInitial] = useState<ListTexts[] | null>(null);
  if (d && !initial) setInitial(d.rows.map(fundingTexts));
  const summary = useMemo(() => {
    if (!d) return [];
    const out: {
      key: string;
      group: string;
      source: string;
      fen: number;
      /** a single row written as approximate; subtotals and totals are exact sums of what was entered */
      approx: boolean;
      kind: 'row' | 'subtotal' | 'unfunded' | 'total';
    }[] = [];
    for (const [group, sources] of Object.entries(FUND_SOURCE_GROUPS)) {
      const rows = d.rows.filter((r) => (sources as readonly string[]).includes(r.source));
      if (!rows.length) continue;
      rows.forEach((r) =>
        out.push({ key: `r${r.id}`, group, source: r.source, fen: r.amountFen, approx: r.approx, kind: 'row' }),
      );
      out.push({
        key: `g${group}`,
        group,
        source: `${group}小计`,
        fen: sumFen(rows.map((r) => r.amountFen)),
        approx: false,
        kind: 'subtotal',
      });
    }
    if (d.unfundedFen > 0)
      out.push({ key: 'unfunded', group: '', source: '未落实', fen: d.unfundedFen, approx: false, kind: 'unfunded' });
    out.push({ key: 'total', group: '', source: '合计（总投资）', fen: d.totalFen, approx: false, kind: 'total' });
    return out;
  }, [d]);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {d?.warning && <Alert type={d.sumFen > d.totalFen ? 'warning' : 'info'} showIcon message={d.warning} />}
      {initial && (
        <ListSheet
          label={`${labelOf('project', 'funding')}表格`}
          sheetKey="sheet.project-funding"
          noun={labelOf('funding_plan', 'source')}
          listPath="funding"
          columns={FUNDING_COLUMNS}
          initial={initial}
          lockedReason={lockedFor(canEdit)}
          save={async (rows) => {
            const r = await call('funding:save', {
              projectId,
              funding: rows.map((t) => ({
                source: (t.source ?? '') as never,
                amountWan: t.amountWan ?? '',
                note: orNull(t.note),
              })),
            });
            void refresh('funding:list');
            onSaved();
            return r.rows.map(fundingTexts);
          }}
        />
      )}
      {canEdit && <SheetHint />}
      <Typography.Text strong>按类别汇总</Typography.Text>
      <Table
        size="small"
        bordered
        pagination={false}
        dataSource={summary}
        rowKey="key"
        style={{ maxWidth: 560 }}
        columns={[
          { title: '类别', dataIndex: 'group', width: 100 },
          {
            title: titleOf('funding_plan', 'source'),
            dataIndex: 'source',
            render: (s: string, r) =>
              r.kind === 'row' ? s : <b className={r.kind === 'unfunded' ? 'warn-text' : undefined}>{s}</b>,
          },
          {
            title: titleOf('funding_plan', 'amountWan'),
            dataIndex: 'fen',
            align: 'right',
            width: 140,
            render: (f: number, r) => <span className="money">{formatApproxWan(f, r.approx, { grouping: true })}</span>,
          },
        ]}
      />
    </Space>
  );
}

const planTexts = (r: YearPlanRow): ListTexts => ({
  year: String(r.year),
  planWan: wan(r.planFen),
  nodeTarget: r.nodeTarget ?? '',
  content: r.content ?? '',
  ...Object.fromEntries(MONTH_KEYS.map((k, i) => [k, r.months ? wan(r.months[i] ?? null) : ''])),
});
const PLAN_COLUMNS: ListColumn[] = [
  {
    key: 'year',
    title: titleOf('year_plan', 'year'),
    width: 80,
    align: 'right',
    parse: byRule(YearPlanInputSchema.shape.year, (t) => (/^\d+$/.test(t) ? Number(t) : t)),
  },
  {
    key: 'planWan',
    title: titleOf('year_plan', 'planWan'),
    width: 130,
    align: 'right',
    parse: money(labelOf('year_plan', 'planWan')),
    show: wanShown,
  },
  {
    key: 'nodeTarget',
    title: titleOf('year_plan', 'nodeTarget'),
    width: 140,
    parse: text(labelOf('year_plan', 'nodeTarget'), 100),
  },
  {
    key: 'content',
    title: titleOf('year_plan', 'content'),
    width: 220,
    parse: text(labelOf('year_plan', 'content'), 500),
  },
  ...MONTH_KEYS.map(
    (k, i): ListColumn => ({
      key: k,
      title: `${i + 1}月`,
      width: 80,
      align: 'right',
      parse: optMoney(`${i + 1}月计划`),
      show: wanShown,
    }),
  ),
];

function PlansTab({ projectId, onSaved }: { projectId: number; onSaved: () => void }) {
  const data = useChannelQuery('plans:list', { projectId });
  const canEdit = useCanEdit();
  const [initial, setInitial] = useState<ListTexts[] | null>(null);
  if (data.data && !initial) setInitial(data.data.map(planTexts));
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Text type="secondary">
        按月分解可不填；填写时12个月合计须等于年度计划投资（单位：万元）。
      </Typography.Text>
      {initial && (
        <ListSheet
          label={`${labelOf('project', 'plans')}表格`}
          sheetKey="sheet.project-plans"
          noun={labelOf('project', 'plans')}
          listPath="plans"
          columns={PLAN_COLUMNS}
          initial={initial}
          lockedReason={lockedFor(canEdit)}
          // the core keeps the plans by year: sent in that order, they come back row by row
          order={(rows) =>
            rows
              .map((t, i) => ({ y: Number(t.year) || 0, i }))
              .sort((a, b) => a.y - b.y || a.i - b.i)
              .map((x) => x.i)
          }
          columnOf={(f) => (f[0] === 'months' ? (f[1] !== undefined ? `m${Number(f[1]) + 1}` : 'planWan') : f[0])}
          save={async (rows) => {
            const back = await call('plans:save', {
              projectId,
              plans: rows.map((t) => {
                const months = MONTH_KEYS.map((k) => orNull(t[k]));
                return {
                  year: /^\d+$/.test(t.year ?? '') ? Number(t.year) : (undefined as unknown as number),
                  planWan: t.planWan ?? '',
                  nodeTarget: orNull(t.nodeTarget),
                  content: orNull(t.content),
                  months: months.every((m) => m === null) ? null : months,
                };
              }),
            });
            onSaved();
            return back.map(planTexts);
          }}
        />
      )}
      {canEdit && <SheetHint />}
    </Space>
  );
}

const milestoneTexts = (r: MilestoneRow): ListTexts => ({
  node: r.node,
  planDate: r.planDate ?? '',
  actDate: r.actDate ?? '',
  note: r.note ?? '',
});

function MilestonesTab({ projectId, onSaved }: { projectId: number; onSaved: () => void }) {
  const data = useChannelQuery('milestones:list', { projectId });
  const canEdit = useCanEdit();
  const { message } = AntApp.useApp();
  const today = todayIso();
  const [initial, setInitial] = useState<ListTexts[] | null>(null);
  if (data.data && !initial) setInitial(data.data.map(milestoneTexts));
  const columns = useMemo((): ListColumn[] => {
    const state = (t: ListTexts) => milestoneState({ planDate: orNull(t.planDate), actDate: orNull(t.actDate) }, today);
    return [
      {
        key: 'node',
        title: titleOf('milestone', 'node'),
        width: 170,
        parse: byRule(MilestoneInputSchema.shape.node),
        options: MILESTONE_NODES,
      },
      {
        key: 'planDate',
        title: titleOf('milestone', 'planDate'),
        width: 140,
        parse: parseDay(shortOf('milestone', 'planDate')),
        show: showDay,
        editText: showDay,
      },
      {
        key: 'actDate',
        title: titleOf('milestone', 'actDate'),
        width: 140,
        parse: parseDay(shortOf('milestone', 'actDate')),
        show: showDay,
        editText: showDay,
      },
      {
        key: 'state',
        title: '状态',
        width: 120,
        derived: {
          text: (t) => (orNull(t.node) ? milestoneText(state(t)) : ''),
          reason: '状态由计划日期、实际日期自动判断',
        },
        show: (s, t) => {
          const k = state(t).kind;
          return <span className={k === '已逾期' || k === '逾期完成' ? 'overdue' : undefined}>{s}</span>;
        },
      },
      { key: 'note', title: titleOf('milestone', 'note'), width: 240, parse: text(labelOf('milestone', 'note'), 200) },
    ];
  }, [today]);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {initial && (
        <ListSheet
          label={`${labelOf('project', 'milestones')}表格`}
          sheetKey="sheet.project-milestones"
          noun={labelOf('project', 'milestones')}
          listPath="milestones"
          columns={columns}
          initial={initial}
          lockedReason={lockedFor(canEdit)}
          save={async (rows) => {
            const back = await call('milestones:save', {
              projectId,
              milestones: rows.map((t) => ({
                node: t.node ?? '',
                planDate: orNull(t.planDate),
                actDate: orNull(t.actDate),
                note: orNull(t.note),
              })),
            });
            onSaved();
            const overdue = back.filter((m) => milestoneState(m, today).kind === '已逾期');
            if (overdue.length)
              message.warning(`有 ${overdue.length} 个节点已逾期：${overdue.map((m) => m.node).join('、')}`);
            return back.map(milestoneTexts);
          }}
        />
      )}
      {canEdit && <SheetHint />}
    </Space>
  );
}
