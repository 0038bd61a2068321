/**
 * 红黄绿灯: every project's light for the current period with its reason, completion against 序时进度 and the
 * stored history (click a light). Looking writes nothing; 记录本期灯色 (录入员, 审核人) is the explicit command
 * that stores this month's lights in the history — they are also recorded when reports are saved and at 关账.
 */
import { HistoryOutlined, SettingOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, Card, Segmented, Space, Tag, Tooltip, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { columnWidthPx } from '../../lib/text-width.ts';
import { PlainTable, type PlainColumn } from '../../components/PlainTable.tsx';
import { formatPercent, formatWan } from '../../../../shared/domain/money.ts';
import { formatPeriodCn, monthsSpan } from '../../../../shared/domain/period.ts';
import { formatDateCn, formatInstantCn } from '../../../../shared/domain/display.ts';
import { lightCountsText, type LightCounts } from '../../../../shared/domain/figure-rules.ts';
import { LEVEL_CN, unlitReason, type Level } from '../../../../shared/domain/schedule.ts';
import type { ProjectFigures } from '../../../../shared/schemas/figures.ts';
import { READ_ONLY_HINT, useCanEdit } from '../../app/session.tsx';
import { call } from '../../lib/api.ts';
import { PeriodPicker, useCurrentPeriod } from '../../lib/current-period.tsx';
import { useChannelQuery, useRefresh } from '../../lib/use-channel-query.ts';
import { LightBadge } from '../monthly-report/LightBadge.tsx';
import { LightRulesPanel } from '../monthly-report/LightRulesPanel.tsx';

type Filter = 'all' | Level;
const PAGE_SIZE = 100;
/** Rows drawn before the rest of the page's 100: a screenful and more. */
const FIRST_ROWS = 20;
const FILTERS: { value: Filter; label: string }[] = [
  { value: 'all', label: '全部' },
  { value: 'red', label: '红灯' },
  { value: 'yellow', label: '黄灯' },
  { value: 'green', label: '绿灯' },
];
const money = (fen: number) => <span className="money">{formatWan(fen, { grouping: true })}</span>;

/** The 计灯项目 among the rows of a filter (全部: every lit or unlit one). */
const counted = (c: LightCounts, filter: Filter): number =>
  filter === 'all' ? c.red + c.yellow + c.green + c.none : c[filter];

/** 共 8 个项目，其中计灯项目 6 个 — the rest are projects with sub-projects, shown with their worst light. */
const listedText = (rows: number, lightUnits: number): string =>
  rows === lightUnits
    ? `共 ${rows} 个项目`
    : `共 ${rows} 个项目，其中计灯项目 ${lightUnits} 个，另 ${rows - lightUnits} 个为有子项目的项目`;

export function LightsPage() {
  const { period } = useCurrentPeriod();
  return period ? <Lights period={period} /> : <Card loading title="红黄绿灯" />;
}

function Lights({ period }: { period: string }) {
  const { message } = AntApp.useApp();
  const canEdit = useCanEdit();
  const [filter, setFilter] = useState<Filter>('all');
  // A page of projects at a time from the core (a county has 20 000), filtered there by light.
  const [pageNo, setPageNo] = useState(1);
  const figures = useChannelQuery('figures:period', {
    period,
    ...(filter === 'all' ? {} : { level: filter }),
    page: { offset: (pageNo - 1) * PAGE_SIZE, limit: PAGE_SIZE },
  });
  // The counts every surface gives (总览, 简报, 滞后清单, figures): the projects without sub-projects, once each. The
  // list below shows the projects with sub-projects as well, so its 共 N 个项目 alone read as another count.
  const counts = useChannelQuery('figures:set', { period }).data?.lights;
  const refresh = useRefresh();
  const [rulesOpen, setRulesOpen] = useState(false);
  const [recording, setRecording] = useState(false);
  const f = figures.data;
  const rows = f?.projects ?? [];
  // The names of this page's parents (“属于 …”), asked for just those projects.
  const parentIds = useMemo(
    () => [...new Set(rows.flatMap((p) => (p.parentId === null ? [] : [p.parentId])))].sort((a, b) => a - b),
    [rows],
  );
  const parents = useChannelQuery('figures:period', { period, projectIds: parentIds });
  const names = useMemo(() => new Map((parents.data?.projects ?? []).map((p) => [p.id, p.name])), [parents.data]);

  const record = async () => {
    setRecording(true);
    try {
      const r = await call('lights:record', { period });
      const at = r.computedAt ? formatInstantCn(r.computedAt) : '';
      message.success(
        r.recorded
          ? `已记录${formatPeriodCn(period)}灯色（${at}）`
          : `${formatPeriodCn(period)}灯色与上次记录（${at}）相同，无需重复记录`,
      );
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setRecording(false);
    }
  };

  // The 编号 column is as wide as this page's longest code (a sub-project's 2017-01-01-01 was cut at 125 %); the
  // width it takes beyond 88 px comes out of 原因, so the table still fits the content area.
  const codeWidthPx = useMemo(
    () =>
      columnWidthPx(
        rows.map((p) => p.code),
        { min: 88, max: 170 },
      ),
    [rows],
  );
  // One line per row: long texts end in … and show whole on hover (title), plain CSS instead of Typography
  // ellipsis, which measures every cell.
  const columns = useMemo<PlainColumn<ProjectFigures>[]>(
    () => [
      {
        key: 'light',
        title: '灯',
        width: 56,
        align: 'center',
        render: (p) => <LightBadge projectId={p.id} name={p.name} level={p.level} reason={p.levelReason} />,
      },
      {
        key: 'code',
        title: '编号',
        width: codeWidthPx,
        render: (p) => (
          <div className="cell-ellipsis" title={p.code ?? undefined}>
            {p.code}
          </div>
        ),
      },
      {
        key: 'name',
        title: '项目',
        width: 230,
        render: (p) => {
          const parent = p.parentId !== null ? names.get(p.parentId) : undefined;
          return (
            <div className="cell-ellipsis" title={parent ? `${p.name}（属于 ${parent}）` : p.name}>
              {p.name}
              {p.isParent && <Tag style={{ marginInlineStart: 6 }}>含子项目</Tag>}
              {parent && <span className="cell-secondary"> 属于 {parent}</span>}
            </div>
          );
        },
      },
      {
        key: 'reason',
        title: '原因',
        width: 250 - (codeWidthPx - 88),
        render: (p) => {
          // an unlit project says why (no year plan yet, its window not begun …), in grey: it is no warning
          const unlit = p.level ? null : unlitReason(p, period);
          const text = p.levelReason ?? unlit;
          return (
            <div className={`cell-ellipsis${unlit ? ' unlit-reason' : ''}`} title={text ?? undefined}>
              {text ?? '—'}
            </div>
          );
        },
      },
      { key: 'plan', title: '年度计划（万元）', width: 110, align: 'right', render: (p) => money(p.yearPlanFen) },
      {
        key: 'ytd',
        title: `${monthsSpan(period)}完成（万元）`,
        width: 110,
        align: 'right',
        render: (p) => money(p.ytdFen),
      },
      { key: 'ytdPct', title: '完成率', width: 72, align: 'right', render: (p) => formatPercent(p.ytdPct) },
      { key: 'timeShare', title: '序时进度', width: 80, align: 'right', render: (p) => formatPercent(p.timeSharePct) },
      {
        key: 'leadOrg',
        title: '责任单位',
        width: 110,
        render: (p) => (
          <div className="cell-ellipsis" title={p.leadOrgName ?? undefined}>
            {p.leadOrgName}
          </div>
        ),
      },
    ],
    [names, codeWidthPx],
  );

  return (
    <Card
      title={
        <Space size="middle" wrap>
          <span>红黄绿灯</span>
          <PeriodPicker />
          {f && (
            <Typography.Text type="secondary">
              基准日 {formatDateCn(f.asOf)}，全镇序时进度 {formatPercent(f.townTimeSharePct)}
            </Typography.Text>
          )}
          {f?.closed && <Tag color="volcano">已关账（快照）</Tag>}
        </Space>
      }
      extra={
        <Space wrap>
          <Button icon={<SettingOutlined />} onClick={() => setRulesOpen(true)}>
            预警规则
          </Button>
          {canEdit && (
            <Tooltip
              title={
                f?.closed
                  ? '本月已关账，灯色已在关账时记录'
                  : '把本月各项目当前的灯色记入预警历史（灯色未变则不重复记录）'
              }
            >
              <Button
                type="primary"
                icon={<HistoryOutlined />}
                loading={recording}
                disabled={!f || f.closed}
                onClick={() => void record()}
              >
                记录本期灯色
              </Button>
            </Tooltip>
          )}
          {!canEdit && <Typography.Text type="secondary">{READ_ONLY_HINT}</Typography.Text>}
        </Space>
      }
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          查看不改变任何数据。灯色在保存或报送月报、关账时自动记入预警历史，也可点击“记录本期灯色”随时记录；点击灯可查看该项目的历史（如红灯追赶后转黄）。
        </Typography.Paragraph>
        <Segmented
          value={filter}
          onChange={(v) => {
            setFilter(v as Filter);
            setPageNo(1);
          }}
          options={FILTERS.map((o) => ({ ...o, label: o.value === 'all' ? o.label : `${LEVEL_CN[o.value]}灯` }))}
          aria-label="按灯色筛选"
        />
        {counts && (
          <Typography.Text type="secondary" data-testid="light-counts">
            {lightCountsText(counts)}
          </Typography.Text>
        )}
        {figures.error && <Alert type="error" showIcon message={figures.error.message} />}
        {/* A page of 100 projects, drawn as a plain table (components/PlainTable.tsx): the rows scroll under the
            header within the window — the card's title, the note and the filter above, its pager below. */}
        <PlainTable<ProjectFigures>
          rowKey={(p) => p.id}
          bordered
          loading={figures.isFetching}
          columns={columns}
          rows={rows}
          rowClassName={(p) => (p.isParent ? 'row-parent' : '')}
          maxHeight="max(280px, calc(100vh - 330px))"
          scrollTopOn={`${filter}|${pageNo}|${period}`}
          firstRows={FIRST_ROWS}
          emptyText={filter === 'all' ? '暂无项目' : `没有${LEVEL_CN[filter]}灯项目`}
          pager={{
            current: pageNo,
            pageSize: PAGE_SIZE,
            total: f?.projectsTotal ?? 0,
            onChange: setPageNo,
            noun: '个项目',
            ...(counts && f ? { totalText: listedText(f.projectsTotal ?? 0, counted(counts, filter)) } : {}),
          }}
        />
      </Space>
      <LightRulesPanel
        open={rulesOpen}
        period={period}
        onClose={() => setRulesOpen(false)}
        onSaved={() => {
          setRulesOpen(false);
          void refresh('figures:period');
        }}
      />
    </Card>
  );
}
