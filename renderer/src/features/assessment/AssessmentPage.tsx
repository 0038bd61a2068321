/**
 * 考核: the 200-point self-assessment sheet of a town (S0) and, once two or more towns are entered for
 * the year, the ranking with prize and fine tiers.
 */
import { PlusOutlined, TrophyOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, Card, Input, InputNumber, Modal, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import { formatWan } from '../../../../shared/domain/money.ts';
import type { Assessment, Ranking } from '../../../../shared/schemas/assessment.ts';
import { ApiError, call } from '../../lib/api.ts';
import { useCall } from '../../lib/use-call.ts';
import { useCanEdit } from '../../app/session.tsx';

type Item = Assessment['items'][number];
const tierColor = (tier: string | null) => (!tier ? undefined : tier.includes('罚') ? 'red' : tier === '一等奖' ? 'gold' : tier === '二等奖' ? 'orange' : 'blue');

export function AssessmentPage() {
  const canEdit = useCanEdit(); // the 领导 reads the scores and the ranking
  const { message } = AntApp.useApp();
  const [year, setYear] = useState(2017);
  const list = useCall('assessments:list', { year });
  const [ranking, setRanking] = useState<Ranking | null>(null);
  const [selected, setSelected] = useState<number | null>(null);
  const [sheet, setSheet] = useState<Assessment | null>(null);
  const [items, setItems] = useState<Item[]>([]);
  const [newTown, setNewTown] = useState<string | null>(null);
  const [errors, setErrors] = useState<string[]>([]);

  const rows = list.data ?? [];
  const refreshRanking = async () => setRanking(await call('assessments:rank', { year }));
  useEffect(() => {
    void refreshRanking().catch(() => setRanking(null));
  }, [year, list.data]);
  useEffect(() => {
    if (selected === null) return setSheet(null);
    call('assessments:get', { id: selected }).then((a) => {
      setSheet(a);
      setItems(a.items);
      setErrors([]);
    }, (e: Error) => message.error(e.message));
  }, [selected, message]);

  const createTown = async () => {
    try {
      const a = await call('assessments:save', { year, town: newTown ?? '' });
      setNewTown(null);
      await list.reload();
      setSelected(a.id);
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  const loadExample = async () => {
    try {
      await call('assessments:loadExample', { year });
      message.success(`已载入${year}年8个乡镇的考核示例`);
      await list.reload();
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  const saveItems = async () => {
    if (!sheet) return;
    try {
      const a = await call('assessments:saveItems', {
        id: sheet.id,
        items: items.map((i) => ({ name: i.name, maxPoints: i.maxPoints, criteria: i.criteria, score: i.score, evidence: i.evidence, deductionReason: i.deductionReason })),
      });
      setSheet(a);
      setItems(a.items);
      setErrors([]);
      message.success(`已保存“${a.town}”自评：${a.total}分`);
      await list.reload();
    } catch (e) {
      setErrors(e instanceof ApiError && e.issues.length ? e.issues.map((i) => i.message) : [(e as Error).message]);
      message.error('请按提示修改后再保存');
    }
  };
  const patch = (k: number, p: Partial<Item>) => setItems((xs) => xs.map((x, i) => (i === k ? { ...x, ...p } : x)));

  const rankColumns: TableColumnsType<Ranking['rows'][number]> = [
    { title: '名次', dataIndex: 'rank', width: 60 },
    { title: '乡镇', dataIndex: 'town', width: 120, render: (t: string, r) => <a onClick={() => setSelected(r.id)}>{t}</a> },
    { title: '得分', dataIndex: 'total', width: 80, align: 'right' },
    { title: '奖惩', dataIndex: 'tier', width: 140, render: (t: string | null) => (t ? <Tag color={tierColor(t)}>{t}</Tag> : '—') },
    { title: '金额（万元）', dataIndex: 'amountFen', width: 110, align: 'right', render: (f: number) => (f ? formatWan(f) : '—') },
    { title: '通报', dataIndex: 'remark', render: (r: string | null) => r ?? '' },
  ];
  const itemColumns: TableColumnsType<Item> = [
    { title: '序号', key: 'no', width: 50, render: (_v, _r, k) => k + 1 },
    { title: '评分项', dataIndex: 'name', width: 150 },
    { title: '分值', dataIndex: 'maxPoints', width: 60, align: 'right' },
    { title: '评分标准', dataIndex: 'criteria', render: (c: string | null) => <Typography.Text style={{ fontSize: 12 }}>{c}</Typography.Text> },
    {
      title: '得分', dataIndex: 'score', width: 100,
      render: (s: number | null, _r, k) => !canEdit ? s : <InputNumber aria-label={`得分${k + 1}`} value={s} min={0} step={0.5} style={{ width: 84 }} onChange={(v) => patch(k, { score: v })} />,
    },
    { title: '佐证材料', dataIndex: 'evidence', width: 180, render: (v: string | null, _r, k) => (!canEdit ? v : <Input value={v ?? ''} onChange={(e) => patch(k, { evidence: e.target.value })} />) },
    { title: '扣分原因', dataIndex: 'deductionReason', width: 200, render: (v: string | null, _r, k) => (!canEdit ? v : <Input aria-label={`扣分原因${k + 1}`} value={v ?? ''} onChange={(e) => patch(k, { deductionReason: e.target.value })} />) },
  ];
  const draftTotal = items.reduce((a, i) => a + (i.score ?? 0), 0);

  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Space align="center" wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>考核</Typography.Title>
        <InputNumber aria-label="考核年度" value={year} min={1900} max={2099} precision={0} addonAfter="年度" onChange={(v) => v && setYear(v)} />
        {canEdit && <Button icon={<PlusOutlined />} onClick={() => setNewTown('')}>新增乡镇自评表</Button>}
        {canEdit && rows.length === 0 && <Button icon={<TrophyOutlined />} onClick={loadExample}>载入示例（8个乡镇）</Button>}
      </Space>
      {rows.length === 0 && <Alert type="info" showIcon message={`${year}年还没有考核表。考核方案：总分200分（一等奖1个50万元、二等奖2个各30万元、三等奖3个各20万元；倒数第一罚10万元、倒数第二罚5万元）。`} />}
      {rows.length === 1 && <Space>{rows.map((r) => <Button key={r.id} onClick={() => setSelected(r.id)}>{r.town}（{r.total}分）</Button>)}</Space>}
      {rows.length >= 2 && ranking && (
        <Card size="small" title={`${year}年考核排名与奖惩`}
          extra={<Typography.Text type="secondary">奖金 {formatWan(ranking.prizesFen)} 万元 · 罚款 {formatWan(ranking.finesFen)} 万元 · 补贴投资较大未获奖乡镇 {formatWan(ranking.poolFen)} 万元</Typography.Text>}>
          {ranking.notes.map((n) => <Alert key={n} type="warning" showIcon message={n} style={{ marginBottom: 8 }} />)}
          <Table data-testid="ranking" rowKey="id" size="small" pagination={false} columns={rankColumns} dataSource={ranking.rows}
            onRow={(r) => ({ style: r.id === selected ? { background: '#fff7e6' } : undefined })} />
        </Card>
      )}
      {sheet && (
        <Card size="small" title={`${sheet.town} ${sheet.year}年自评表（满分${sheet.itemsMax}分）`}
          extra={<Space><Typography.Text strong>合计：{draftTotal}分</Typography.Text>{canEdit && <Button type="primary" onClick={saveItems}>保存自评</Button>}</Space>}>
          {errors.length > 0 && <Alert type="error" showIcon message={errors.join('；')} style={{ marginBottom: 8 }} />}
          <Table rowKey="id" size="small" bordered pagination={false} columns={itemColumns} dataSource={items} />
        </Card>
      )}
      <Modal title="新增乡镇自评表" open={newTown !== null} onOk={createTown} onCancel={() => setNewTown(null)} okText="创建" cancelText="取消">
        <Input aria-label="乡镇名称" placeholder="如 蒲州镇" value={newTown ?? ''} onChange={(e) => setNewTown(e.target.value)} />
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>按200分考核方案生成评分项，可逐项填写得分、佐证材料和扣分原因。</Typography.Paragraph>
      </Modal>
    </Space>
  );
}
