/**
 * 考核: the 200-point self-assessment sheet of a town (S0) and, once two or more towns are entered for
 * the year, the ranking with prize and fine tiers. The 自评表 is a sheet (RecordSheet): 得分, 佐证材料 and 扣分原因
 * are typed, pasted from Excel, filled and undone like the 项目台账; each block is saved at once in one call
 * (assessments:updateCells), so there is no draft to lose and no 保存 button.
 */
import { formatWanUnit } from '../../../../shared/domain/display.ts';
import { PlusOutlined, TrophyOutlined } from '@ant-design/icons';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Form,
  Input,
  Modal,
  Space,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { formatWan } from '../../../../shared/domain/money.ts';
import { assessmentCellRules, type Assessment, type Ranking } from '../../../../shared/schemas/assessment.ts';
import { labels } from '../../../../shared/fields/registry.ts';
import { RecordSheet, type RecordSheetColumn } from '../../components/sheet/RecordSheet.tsx';
import { call } from '../../lib/api.ts';
import { applyApiError } from '../../lib/form-errors.ts';
import { useChannelQuery, useRefresh } from '../../lib/use-channel-query.ts';
import { useCurrentPeriod } from '../../lib/current-period.tsx';
import { parsePeriod } from '../../../../shared/domain/period.ts';
import { READ_ONLY_HINT, useCanEdit } from '../../app/session.tsx';
import { YearInput } from '../../components/YearInput.tsx';
import { UnitTitle } from '../../components/UnitTitle.tsx';

type Item = Assessment['items'][number];
const L = labels('assessment_item');
const FROM_SCHEME = '评分项、分值和评分标准来自考核方案，不能在自评表中修改';
/** A score as typed: a number, or the text as it is for the rule to refuse (得分应为数字). */
const parseScore = (t: string) => ({
  ok: true as const,
  value: t === '' ? null : /^[+-]?\d+(\.\d+)?$/.test(t) ? Number(t) : t,
});
const ITEM_COLUMNS: RecordSheetColumn<Item>[] = [
  { key: 'name', title: '评分项', width: 150, text: (i) => i.name, readOnly: () => FROM_SCHEME },
  {
    key: 'maxPoints',
    title: '分值',
    width: 60,
    align: 'right',
    text: (i) => String(i.maxPoints),
    readOnly: () => FROM_SCHEME,
  },
  {
    key: 'criteria',
    title: '评分标准',
    width: 360,
    text: (i) => i.criteria ?? '',
    readOnly: () => FROM_SCHEME,
    render: (i) => <Typography.Text style={{ fontSize: 12 }}>{i.criteria}</Typography.Text>,
  },
  {
    key: 'score',
    title: L.score,
    width: 80,
    align: 'right',
    text: (i) => (i.score === null ? '' : String(i.score)),
    rule: assessmentCellRules.score,
    parse: parseScore,
  },
  { key: 'evidence', title: L.evidence, width: 180, text: (i) => i.evidence ?? '', rule: assessmentCellRules.evidence },
  {
    key: 'deductionReason',
    title: L.deductionReason,
    width: 200,
    text: (i) => i.deductionReason ?? '',
    rule: assessmentCellRules.deductionReason,
  },
];
const tierColor = (tier: string | null) =>
  !tier ? undefined : tier.includes('罚') ? 'red' : tier === '一等奖' ? 'gold' : tier === '二等奖' ? 'orange' : 'blue';

const itemId = (i: Item) => i.id;

export function AssessmentPage() {
  const canEdit = useCanEdit(); // the 领导 reads the scores and the ranking
  const { message } = AntApp.useApp();
  // The year of the app's current month until the clerk picks another (2017 was written here: a 2018 ledger
  // opened on 2017's empty list). 考核 of a year is done by the next January, whose current month is its December.
  const period = useCurrentPeriod().period;
  const [picked, setPicked] = useState<number | null>(null);
  const year = picked ?? (period ? parsePeriod(period).year : null);
  const list = useChannelQuery('assessments:list', { year: year ?? 0 }, { enabled: year !== null });
  const refresh = useRefresh();
  const [ranking, setRanking] = useState<Ranking | null>(null);
  const [selected, setSelected] = useState<number | null>(null);
  const [sheet, setSheet] = useState<Assessment | null>(null);
  const [adding, setAdding] = useState(false);
  const [townForm] = Form.useForm<{ town: string }>();
  // Another year: the 自评表 open below belongs to the year left, and typing into it under the new year's heading
  // changed that year's scores.
  const setYear = (y: number) => {
    setPicked(y);
    setSelected(null);
  };

  const rows = list.data ?? [];
  const refreshRanking = async (y: number) => setRanking(await call('assessments:rank', { year: y }));
  useEffect(() => {
    if (year !== null) void refreshRanking(year).catch(() => setRanking(null));
  }, [year, list.data]);
  useEffect(() => {
    if (selected === null) return setSheet(null);
    call('assessments:get', { id: selected }).then(setSheet, (e: Error) => message.error(e.message));
  }, [selected, message]);

  const createTown = async () => {
    if (year === null) return;
    try {
      const a = await call('assessments:save', { year, town: townForm.getFieldValue('town') ?? '' });
      setAdding(false);
      await refresh('assessments:list');
      setSelected(a.id);
    } catch (e) {
      // A refused name is said under its box, where the clerk types (it was a message that vanished); the rest as one.
      const text = applyApiError(townForm, e);
      if (townForm.getFieldError('town').length === 0) message.error(text);
    }
  };
  const loadExample = async () => {
    if (year === null) return;
    try {
      await call('assessments:loadExample', { year });
      message.success(`已载入${year}年8个乡镇的考核示例`);
      await refresh('assessments:list');
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  /** A block of the 自评表's cells (a typed cell, a paste, a fill, an undo) saved in one call; the ranking follows. */
  const saveCells = async (cells: { id: number; field: string; value: unknown }[]) => {
    // the fields are this sheet's columns; the contract checks them again
    const a = await call('assessments:updateCells', { id: sheet!.id, cells: cells as never });
    setSheet(a);
    void refresh('assessments:list');
  };
  const items = useMemo(() => sheet?.items ?? [], [sheet]);

  const rankColumns: TableColumnsType<Ranking['rows'][number]> = [
    { title: '名次', dataIndex: 'rank', width: 60 },
    {
      title: '乡镇',
      dataIndex: 'town',
      width: 120,
      render: (t: string, r) => <a onClick={() => setSelected(r.id)}>{t}</a>,
    },
    { title: '得分', dataIndex: 'total', width: 80, align: 'right' },
    {
      title: '奖惩',
      dataIndex: 'tier',
      width: 140,
      render: (t: string | null) => (t ? <Tag color={tierColor(t)}>{t}</Tag> : '—'),
    },
    {
      title: <UnitTitle text="金额（万元）" />,
      dataIndex: 'amountFen',
      width: 110,
      align: 'right',
      render: (f: number) => (f ? formatWan(f, { grouping: true }) : '—'),
    },
    { title: '通报', dataIndex: 'remark', render: (r: string | null) => r ?? '' },
  ];

  if (year === null) return null; // the current month is being read
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Space align="center" wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          考核
        </Typography.Title>
        <YearInput
          aria-label="考核年度"
          standalone="考核年度"
          value={year}
          style={{ width: 140 }}
          addonAfter="年度"
          onChange={(v) => v && setYear(v)}
        />
        {canEdit && (
          <Button
            icon={<PlusOutlined />}
            onClick={() => {
              townForm.resetFields();
              setAdding(true);
            }}
          >
            新增乡镇自评表
          </Button>
        )}
        {canEdit && rows.length === 0 && (
          <Button icon={<TrophyOutlined />} onClick={loadExample}>
            载入示例（8个乡镇）
          </Button>
        )}
      </Space>
      {rows.length === 0 && (
        <Alert
          type="info"
          showIcon
          message={`${year}年还没有考核表。考核方案：总分200分（一等奖1个50万元、二等奖2个各30万元、三等奖3个各20万元；倒数第一罚10万元、倒数第二罚5万元）。`}
        />
      )}
      {rows.length === 1 && (
        <Space>
          {rows.map((r) => (
            <Button key={r.id} onClick={() => setSelected(r.id)}>
              {r.town}（{r.total}分）
            </Button>
          ))}
        </Space>
      )}
      {rows.length >= 2 && ranking && (
        <Card
          size="small"
          title={`${year}年考核排名与奖惩`}
          extra={
            <Typography.Text type="secondary">
              奖金 {formatWanUnit(ranking.prizesFen)} · 罚款 {formatWanUnit(ranking.finesFen)} · 补贴投资较大未获奖乡镇{' '}
              {formatWanUnit(ranking.poolFen)}
            </Typography.Text>
          }
        >
          {ranking.notes.map((n) => (
            <Alert key={n} type="warning" showIcon message={n} style={{ marginBottom: 8 }} />
          ))}
          <Table
            data-testid="ranking"
            rowKey="id"
            size="small"
            pagination={false}
            columns={rankColumns}
            dataSource={ranking.rows}
            onRow={(r) => ({ style: r.id === selected ? { background: '#fff7e6' } : undefined })}
          />
        </Card>
      )}
      {sheet && (
        <Card
          size="small"
          title={`${sheet.town} ${sheet.year}年自评表（满分${sheet.itemsMax}分）`}
          extra={
            <Typography.Text strong>
              合计：{sheet.total}分（已评{sheet.scored}项，共{sheet.itemCount}项）
            </Typography.Text>
          }
        >
          <RecordSheet<Item>
            label="自评表"
            sheetKey="sheet.assessment"
            rowHeader="序号"
            rows={items}
            rowId={itemId}
            columns={ITEM_COLUMNS}
            save={saveCells}
            lockedReason={canEdit ? null : READ_ONLY_HINT}
          />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            与 Excel 相同：直接输入即覆盖，F2 或双击在格内修改；可从 Excel 复制多行多列粘贴，Ctrl+D 向下填充，Ctrl+Enter
            填入选区，Delete 清除，Ctrl+Z 撤销、Ctrl+Y 重做。每次修改立即保存；扣分须同时填写扣分原因。
          </Typography.Text>
        </Card>
      )}
      <Modal
        title="新增乡镇自评表"
        open={adding}
        onOk={createTown}
        onCancel={() => setAdding(false)}
        okText="创建"
        cancelText="取消"
        forceRender
      >
        <Form form={townForm} layout="vertical" onFinish={createTown}>
          <Form.Item name="town" label="乡镇名称" style={{ marginBottom: 0 }}>
            <Input aria-label="乡镇名称" placeholder="如 蒲州镇" autoFocus />
          </Form.Item>
        </Form>
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
          按200分考核方案生成评分项，可逐项填写得分、佐证材料和扣分原因。
        </Typography.Paragraph>
      </Modal>
    </Space>
  );
}
