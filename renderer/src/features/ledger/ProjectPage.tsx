/**
 * The on-screen 一项目一档: basic information, sub-items (Σ ≠ total is a warning), funding by source group
 * with the derived 未落实 line, year plans with an optional monthly split, milestones plan vs actual with
 * overdue shown, attachments and photos, and the project's change history.
 */
import { ArrowLeftOutlined, EditOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, Card, Descriptions, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { formatDateCn, todayIso } from '../../../../shared/domain/dates.ts';
import { formatMonthCn } from '../../../../shared/domain/display.ts';
import { milestoneState, milestoneText } from '../../../../shared/domain/milestone.ts';
import { formatWan, formatWanExact, sumFen } from '../../../../shared/domain/money.ts';
import { FUND_SOURCE_GROUPS, MILESTONE_NODES, QTY_UNITS } from '../../../../shared/domain/vocab.ts';
import { labelOf, shortOf, titleOf } from '../../../../shared/fields/registry.ts';
import type { Lookups } from '../../../../shared/schemas/org.ts';
import type { Project } from '../../../../shared/schemas/project.ts';
import { call } from '../../lib/api.ts';
import { useChannelQuery, useRefresh } from '../../lib/use-channel-query.ts';
import { AttachmentsPanel } from './AttachmentsPanel.tsx';
import { HistoryTable } from '../history/HistoryTable.tsx';
import { namesOf } from './ledger-columns.ts';
import { ListEditor, newKey, textOrNull, type EditRow } from './ListEditor.tsx';
import { ProjectForm } from './ProjectForm.tsx';
import { useCanEdit } from '../../app/session.tsx';
import { EditButton } from '../../components/EditButton.tsx';
import { InstructionsCard } from '../instructions/Instructions.tsx';

const wan = (fen: number | null) => (fen === null ? '' : formatWanExact(fen));
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

  if (project.error) return <Alert type="error" showIcon message={project.error.message} action={<Button onClick={onBack}>返回台账</Button>} />;
  if (!p || !lookups.data) return <Card loading />;
  return (
    <Card
      title={
        <Space>
          <Button icon={<ArrowLeftOutlined />} onClick={onBack}>返回台账</Button>
          <span>一项目一档：{p.name}</span>
          {p.deletedAt && <Tag color="red">回收站中</Tag>}
        </Space>
      }
      extra={<EditButton channel="projects:update" icon={<EditOutlined />} onClick={() => setFormOpen(true)} disabled={!!p.deletedAt}>编辑基本信息</EditButton>}
    >
      <Tabs
        // The 领导 opens a project to read it and to write a 批示: their tab comes first for them.
        defaultActiveKey={canEdit ? 'basic' : 'instructions'}
        items={[
          { key: 'basic', label: '基本信息', children: <BasicInfo p={p} lookups={lookups.data} /> },
          {
            key: 'instructions', label: `领导批示${instructions.data?.length ? `（${instructions.data.length}）` : ''}`,
            children: <InstructionsCard projectId={id} projectName={p.name} items={instructions.data ?? []} onChanged={() => { void refresh('instructions:list'); changed(); }} />,
          },
          { key: 'items', label: labelOf('project', 'items'), children: <ItemsTab projectId={id} onSaved={changed} /> },
          { key: 'funding', label: labelOf('project', 'funding'), children: <FundingTab projectId={id} onSaved={changed} /> },
          { key: 'plans', label: labelOf('project', 'plans'), children: <PlansTab projectId={id} onSaved={changed} /> },
          { key: 'milestones', label: labelOf('project', 'milestones'), children: <MilestonesTab projectId={id} onSaved={changed} /> },
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
        onSaved={() => { setFormOpen(false); void refresh('projects:get'); changed(); }}
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
    [L('code'), p.code], [L('planYear'), p.planYear], [L('category'), p.category], [L('subcategory'), p.subcategory], [L('stageGroup'), p.stageGroup],
    [L('nature'), p.nature], [L('status'), <Tag key="s">{p.status}</Tag>], [L('delivery'), p.delivery],
    [L('totalWan'), `${p.approx ? '约' : ''}${formatWan(p.totalFen, { grouping: true })} 万元`], ['至上年底累计完成', `${formatWan(p.openingCumFen, { grouping: true })} 万元`],
    [L('location'), p.location], [L('villageOrgId'), n.org(p.villageOrgId)], [L('years'), p.yearFrom ? `${p.yearFrom}-${p.yearTo ?? ''}` : ''],
    [L('planStart'), d(p.planStart)], [L('planEnd'), d(p.planEnd)], [L('actStart'), d(p.actStart)], [L('actEnd'), d(p.actEnd)],
    [L('approvalKind'), p.approvalKind], [L('approvalNo'), p.approvalNo], [L('approvalYm'), formatMonthCn(p.approvalYm)],
    [L('ownerOrgId'), n.org(p.ownerOrgId)], [L('leadOrgId'), n.org(p.leadOrgId)], [L('responsibleOrgIds'), p.responsibleOrgIds.map(n.org).join('、')],
    [L('leaderStaffId'), n.staff(p.leaderStaffId)], [L('managerStaffId'), n.staff(p.managerStaffId)], [L('contact'), p.contact], [L('phone'), p.phone],
    [labelOf('project', 'govFunded'), p.govFunded ? '是' : '否'], [L('inStats'), p.inStats ? `是${p.statsDate ? `（${d(p.statsDate)}）` : ''}` : '否'],
    ['用地 已取得/拟申请(亩)', `${p.landMuHave ?? '—'} / ${p.landMuNeed ?? '—'}`], [L('tags'), p.tags.join('、')],
  ];
  return (
    <Descriptions bordered size="small" column={3}>
      {items.map(([label, v]) => <Descriptions.Item key={label} label={label}>{v ?? ''}</Descriptions.Item>)}
      <Descriptions.Item label={L('scope')} span={3}>{p.scope}</Descriptions.Item>
      <Descriptions.Item label={L('note')} span={3}>{p.note}</Descriptions.Item>
    </Descriptions>
  );
}

function ItemsTab({ projectId, onSaved }: { projectId: number; onSaved: () => void }) {
  const data = useChannelQuery('items:list', { projectId });
  const refresh = useRefresh();
  const initial = useMemo<EditRow[]>(
    () => (data.data?.items ?? []).map((r) => ({ _k: newKey(), name: r.name, qty: r.qty === null ? '' : String(r.qty), unit: r.unit, amountWan: wan(r.amountFen), approx: r.approx })),
    [data.data],
  );
  const d = data.data;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {d?.warning && <Alert type="warning" showIcon message={d.warning} />}
      {d && <Typography.Text>子项合计 {formatWan(d.sumFen, { grouping: true })} 万元 / 总投资 {formatWan(d.totalFen, { grouping: true })} 万元</Typography.Text>}
      <ListEditor
        name={labelOf('project', 'items')}
        initial={initial}
        blank={() => ({ _k: newKey(), name: '', qty: '', unit: null, amountWan: '', approx: false })}
        columns={[
          { key: 'name', title: titleOf('project_item', 'name'), width: 220, kind: 'text' },
          { key: 'qty', title: titleOf('project_item', 'qty'), width: 90, kind: 'number' },
          { key: 'unit', title: titleOf('project_item', 'unit'), width: 90, kind: 'auto', options: QTY_UNITS.map((u) => ({ value: u, label: u })) },
          { key: 'amountWan', title: titleOf('project_item', 'amountWan'), width: 130, kind: 'money' },
          { key: 'approx', title: titleOf('project_item', 'approx'), width: 60, kind: 'check' },
        ]}
        onSave={async (rows) => {
          const r = await call('items:save', {
            projectId,
            items: rows.map((x) => ({ name: (x.name as string) ?? '', qty: textOrNull(x.qty), unit: textOrNull(x.unit), amountWan: (x.amountWan as string) ?? '', approx: !!x.approx })),
          });
          await refresh('items:list');
          onSaved();
          return r.warning;
        }}
      />
    </Space>
  );
}

const SOURCE_OPTIONS = Object.entries(FUND_SOURCE_GROUPS).map(([g, list]) => ({ label: g, options: list.map((s) => ({ value: s, label: s })) }));

function FundingTab({ projectId, onSaved }: { projectId: number; onSaved: () => void }) {
  const data = useChannelQuery('funding:list', { projectId });
  const refresh = useRefresh();
  const initial = useMemo<EditRow[]>(
    () => (data.data?.rows ?? []).map((r) => ({ _k: newKey(), source: r.source, amountWan: wan(r.amountFen), note: r.note })),
    [data.data],
  );
  const d = data.data;
  const summary = useMemo(() => {
    if (!d) return [];
    const out: { key: string; group: string; source: string; fen: number; kind: 'row' | 'subtotal' | 'unfunded' | 'total' }[] = [];
    for (const [group, sources] of Object.entries(FUND_SOURCE_GROUPS)) {
      const rows = d.rows.filter((r) => (sources as readonly string[]).includes(r.source));
      if (!rows.length) continue;
      rows.forEach((r) => out.push({ key: `r${r.id}`, group, source: r.source, fen: r.amountFen, kind: 'row' }));
      out.push({ key: `g${group}`, group, source: `${group}小计`, fen: sumFen(rows.map((r) => r.amountFen)), kind: 'subtotal' });
    }
    if (d.unfundedFen > 0) out.push({ key: 'unfunded', group: '', source: '未落实', fen: d.unfundedFen, kind: 'unfunded' });
    out.push({ key: 'total', group: '', source: '合计（总投资）', fen: d.totalFen, kind: 'total' });
    return out;
  }, [d]);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {d?.warning && <Alert type={d.sumFen > d.totalFen ? 'warning' : 'info'} showIcon message={d.warning} />}
      <Table
        size="small" bordered pagination={false} dataSource={summary} rowKey="key" style={{ maxWidth: 560 }}
        columns={[
          { title: '类别', dataIndex: 'group', width: 100 },
          { title: titleOf('funding_plan', 'source'), dataIndex: 'source', render: (s: string, r) => (r.kind === 'row' ? s : <b className={r.kind === 'unfunded' ? 'warn-text' : undefined}>{s}</b>) },
          { title: titleOf('funding_plan', 'amountWan'), dataIndex: 'fen', align: 'right', width: 140, render: (f: number) => <span className="money">{formatWan(f, { grouping: true })}</span> },
        ]}
      />
      <ListEditor
        name={labelOf('project', 'funding')}
        initial={initial}
        blank={() => ({ _k: newKey(), source: null, amountWan: '', note: null })}
        columns={[
          { key: 'source', title: titleOf('funding_plan', 'source'), width: 180, kind: 'select', options: SOURCE_OPTIONS },
          { key: 'amountWan', title: titleOf('funding_plan', 'amountWan'), width: 130, kind: 'money' },
          { key: 'note', title: titleOf('funding_plan', 'note'), width: 240, kind: 'text' },
        ]}
        onSave={async (rows) => {
          const r = await call('funding:save', {
            projectId,
            funding: rows.map((x) => ({ source: (x.source as never) ?? '', amountWan: (x.amountWan as string) ?? '', note: textOrNull(x.note) })),
          });
          await refresh('funding:list');
          onSaved();
          return r.sumFen > r.totalFen ? r.warning : null;
        }}
      />
    </Space>
  );
}

function PlansTab({ projectId, onSaved }: { projectId: number; onSaved: () => void }) {
  const data = useChannelQuery('plans:list', { projectId });
  const refresh = useRefresh();
  const initial = useMemo<EditRow[]>(
    () => (data.data ?? []).map((r) => ({
      _k: newKey(), year: String(r.year), planWan: wan(r.planFen), nodeTarget: r.nodeTarget, content: r.content,
      ...Object.fromEntries(MONTH_KEYS.map((k, i) => [k, r.months ? wan(r.months[i] ?? null) : ''])),
    })),
    [data.data],
  );
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Text type="secondary">按月分解可不填；填写时12个月合计须等于年度计划投资（单位：万元）。</Typography.Text>
      <ListEditor
        name={labelOf('project', 'plans')}
        initial={initial}
        blank={() => ({ _k: newKey(), year: String(new Date().getFullYear()), planWan: '', nodeTarget: null, content: null, ...Object.fromEntries(MONTH_KEYS.map((k) => [k, ''])) })}
        columns={[
          { key: 'year', title: titleOf('year_plan', 'year'), width: 80, kind: 'number' },
          { key: 'planWan', title: titleOf('year_plan', 'planWan'), width: 120, kind: 'money' },
          { key: 'nodeTarget', title: titleOf('year_plan', 'nodeTarget'), width: 120, kind: 'text' },
          { key: 'content', title: titleOf('year_plan', 'content'), width: 200, kind: 'text' },
          ...MONTH_KEYS.map((k, i) => ({ key: k, title: `${i + 1}月`, width: 80, kind: 'money' as const })),
        ]}
        onSave={async (rows) => {
          await call('plans:save', {
            projectId,
            plans: rows.map((x) => {
              const months = MONTH_KEYS.map((k) => textOrNull(x[k]));
              return {
                year: Number(x.year), planWan: (x.planWan as string) ?? '', nodeTarget: textOrNull(x.nodeTarget), content: textOrNull(x.content),
                months: months.every((m) => m === null) ? null : months,
              };
            }),
          });
          await refresh('plans:list');
          onSaved();
          return null;
        }}
      />
    </Space>
  );
}

function MilestonesTab({ projectId, onSaved }: { projectId: number; onSaved: () => void }) {
  const data = useChannelQuery('milestones:list', { projectId });
  const refresh = useRefresh();
  const { message } = AntApp.useApp();
  const today = todayIso();
  const initial = useMemo<EditRow[]>(
    () => (data.data ?? []).map((r) => ({ _k: newKey(), node: r.node, planDate: r.planDate, actDate: r.actDate, note: r.note })),
    [data.data],
  );
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Table
        size="small" bordered pagination={false} rowKey="id" dataSource={data.data ?? []} style={{ maxWidth: 760 }}
        locale={{ emptyText: '暂无节点' }}
        columns={[
          { title: labelOf('project', 'milestones'), dataIndex: 'node' },
          { title: titleOf('milestone', 'planDate'), dataIndex: 'planDate', render: (s: string | null) => formatDateCn(s) },
          { title: titleOf('milestone', 'actDate'), dataIndex: 'actDate', render: (s: string | null) => formatDateCn(s) },
          {
            title: '状态', key: 'state', render: (_, r) => {
              const s = milestoneState(r, today);
              return <span className={s.kind === '已逾期' || s.kind === '逾期完成' ? 'overdue' : undefined}>{milestoneText(s)}</span>;
            },
          },
        ]}
      />
      <ListEditor
        name={labelOf('project', 'milestones')}
        initial={initial}
        blank={() => ({ _k: newKey(), node: '', planDate: '', actDate: '', note: null })}
        columns={[
          { key: 'node', title: titleOf('milestone', 'node'), width: 160, kind: 'auto', options: MILESTONE_NODES.map((n) => ({ value: n, label: n })) },
          { key: 'planDate', title: titleOf('milestone', 'planDate'), width: 130, kind: 'date' },
          { key: 'actDate', title: titleOf('milestone', 'actDate'), width: 130, kind: 'date' },
          { key: 'note', title: titleOf('milestone', 'note'), width: 220, kind: 'text' },
        ]}
        onSave={async (rows) => {
          await call('milestones:save', {
            projectId,
            milestones: rows.map((x) => ({ node: (x.node as string) ?? '', planDate: textOrNull(x.planDate), actDate: textOrNull(x.actDate), note: textOrNull(x.note) })),
          });
          await refresh('milestones:list');
          onSaved();
          const overdue = (await call('milestones:list', { projectId })).filter((m) => milestoneState(m, today).kind === '已逾期');
          if (overdue.length) message.warning(`有 ${overdue.length} 个节点已逾期：${overdue.map((m) => m.node).join('、')}`);
          return null;
        }}
      />
    </Space>
  );
}
