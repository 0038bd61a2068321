/**
 * 总览: headline figures and five charts for one report period. Every chart clicks through to the
 * ledger with the matching filter in the hash (#/ledger?category=…, ?light=…, #/ledger/<id>).
 */
import { Alert, Card, Col, Empty, Row, Space, Spin, Statistic, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import {
  categoryOption,
  fundingOption,
  laggingOption,
  lightsOption,
  trendOption,
} from '../../../../shared/charts/dashboard-charts.ts';
import { reportTallyParts } from '../../../../shared/domain/figure-rules.ts';
import { formatPercent, formatWan } from '../../../../shared/domain/money.ts';
import { formatPeriodCn, monthsSpan } from '../../../../shared/domain/period.ts';
import { EChart } from '../../components/EChart.tsx';
import { PeriodPicker, useCurrentPeriod } from '../../lib/current-period.tsx';
import { useChannelQuery } from '../../lib/use-channel-query.ts';

/** The figure cards of one row stand equally tall whatever each holds below its figure. */
const FILL = { height: '100%' } as const;

const follow = (link: string) => {
  window.location.hash = `#/${link}`;
};

export function DashboardPage() {
  const { period } = useCurrentPeriod();
  return period ? <Dashboard period={period} /> : <Spin />;
}

function Dashboard({ period }: { period: string }) {
  const { data: d, error, isFetching: loading } = useChannelQuery('dashboard:summary', { period });
  const charts = useMemo(
    () =>
      d && d.period
        ? {
            lights: lightsOption(d),
            category: categoryOption(d),
            funding: fundingOption(d),
            trend: trendOption(d),
            lagging: laggingOption(d),
          }
        : null,
    [d],
  );

  if (error) return <Alert type="error" showIcon message="无法载入总览" description={error.message} />;
  if (!d) return <Spin />;
  if (!d.period || !charts)
    return <Empty description="尚无月报数据。录入项目与月度进展后，这里显示投资完成、红黄绿灯和资金情况。" />;

  const t = d.totals;
  const behind = t.ytdPct !== null && d.townTimeSharePct !== null && t.ytdPct < d.townTimeSharePct;
  // The same words as the 简报 and the 进展情况表: a 0 or a draft is not read as a submitted figure.
  const unsent = reportTallyParts(d.reports);
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Space align="center" wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          总览 · {formatPeriodCn(d.period, true)}
        </Typography.Title>
        <PeriodPicker />
        {loading && <Spin size="small" />}
        <Typography.Text type="secondary">点击图表可跳转到项目台账的对应项目</Typography.Text>
      </Space>
      {unsent.length > 0 && (
        <Alert
          type="warning"
          showIcon
          data-testid="dashboard-unsent"
          message={`本月月报未全部报送：${unsent.join('；')}。`}
          action={<Typography.Link onClick={() => follow('reports')}>去月报填报</Typography.Link>}
        />
      )}
      <Row gutter={[12, 12]}>
        <Col span={4}>
          <Card size="small" style={FILL}>
            <Statistic title="项目数" value={t.projects} suffix="个" />
            {/* under the figure, not in the title: the title wrapped at 1366 and the card stood taller than the rest */}
            <Typography.Text type="secondary">另有子项目 {t.subProjects} 个</Typography.Text>
          </Card>
        </Col>
        <Col span={5}>
          <Card size="small" style={FILL}>
            <Statistic title="总投资（万元）" value={formatWan(t.totalFen, { grouping: true })} />
          </Card>
        </Col>
        <Col span={5}>
          <Card size="small" style={FILL}>
            <Statistic title="年度计划投资（万元）" value={formatWan(t.yearPlanFen, { grouping: true })} />
          </Card>
        </Col>
        <Col span={5}>
          <Card size="small" style={FILL}>
            <Statistic
              title={`${monthsSpan(d.period)}累计完成（万元）`}
              value={formatWan(t.ytdFen, { grouping: true })}
            />
          </Card>
        </Col>
        <Col span={5}>
          <Card size="small" style={FILL}>
            <Statistic
              title="完成率 / 序时进度"
              value={formatPercent(t.ytdPct)}
              valueStyle={{ color: behind ? '#d4380d' : '#389e0d' }}
              suffix={<small style={{ color: '#595959' }}>/ {formatPercent(d.townTimeSharePct)}</small>}
            />
            {behind && <Tag color="red">落后序时进度</Tag>}
          </Card>
        </Col>
      </Row>
      <Row gutter={[12, 12]}>
        <Col span={8}>
          <Card size="small">
            <EChart testId="chart-lights" option={charts.lights} onLink={follow} />
          </Card>
        </Col>
        <Col span={16}>
          <Card size="small">
            <EChart testId="chart-category" option={charts.category} onLink={follow} />
          </Card>
        </Col>
        <Col span={12}>
          <Card size="small">
            <EChart testId="chart-funding" option={charts.funding} onLink={follow} />
          </Card>
        </Col>
        <Col span={12}>
          <Card size="small">
            <EChart testId="chart-trend" option={charts.trend} onLink={follow} />
          </Card>
        </Col>
        <Col span={24}>
          <Card size="small">
            {d.lagging.length ? (
              <EChart
                testId="chart-lagging"
                option={charts.lagging}
                height={Math.max(180, 90 + d.lagging.length * 34)}
                onLink={follow}
              />
            ) : (
              <Empty description="本期没有亮红灯或黄灯的项目" />
            )}
          </Card>
        </Col>
      </Row>
    </Space>
  );
}
