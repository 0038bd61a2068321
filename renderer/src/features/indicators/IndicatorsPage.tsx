/** 指标: the catalogue with baseline and actual values, attainment (达标/未达标) and the gap. */
import {
  App as AntApp,
  Alert,
  Empty,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { formatDateCn } from '../../../../shared/domain/dates.ts';
import { targetText } from '../../../../shared/domain/indicators.ts';
import type { IndicatorRow } from '../../../../shared/schemas/indicator.ts';
import { DateInput, dayRule } from '../../components/DateInput.tsx';
import { DeleteButton, EditButton } from '../../components/EditButton.tsx';
import { useCanEdit } from '../../app/session.tsx';
import { call } from '../../lib/api.ts';
import { applyApiError } from '../../lib/form-errors.ts';
import { useChannelQuery, useRefresh } from '../../lib/use-channel-query.ts';

const STATUS_COLOR: Record<string, string> = {
  达标: 'success',
  未达标: 'error',
  未填报: 'default',
  无量化目标: 'default',
};
type Filter = '全部' | '已填报' | '未达标';
/** What an empty list means under each filter: “暂无数据” under 未达标 read as if the page had failed to load. */
const EMPTY: Record<Filter, string> = {
  全部: '指标目录为空',
  已填报: '还没有填报任何指标值',
  未达标: '没有未达标的指标（按各指标最近一次实际值与目标比较；未填报实际值的不计）',
};

export function IndicatorsPage() {
  const canEdit = useCanEdit(); // the 领导 reads the values; no 填报 column
  const { message } = AntApp.useApp();
  const { data, error, isFetching: loading } = useChannelQuery('indicators:list', {});
  const refresh = useRefresh();
  const [filter, setFilter] = useState<Filter>('全部');
  const [entering, setEntering] = useState<IndicatorRow | null>(null);
  const [form] = Form.useForm();
  const rows = (data ?? []).filter(
    (r) => filter === '全部' || (filter === '已填报' ? r.values.length > 0 : r.status === '未达标'),
  );

  const open = (r: IndicatorRow) => {
    form.resetFields();
    form.setFieldsValue({ kind: '实际' });
    setEntering(r);
  };
  const save = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    try {
      const r = await call('indicators:saveValue', { ...v, value: v.value ?? '', indicatorId: entering!.id });
      message.success(`已记录“${r.name}”：${r.status}${r.gap ? `，差${r.gap}${r.unit ?? ''}` : ''}`);
      setEntering(null);
      void refresh('indicators:list');
    } catch (e) {
      message.error(applyApiError(form, e));
    }
  };
  const remove = async (id: number) => {
    try {
      await call('indicators:removeValue', { id });
      message.success('已删除该数值');
      void refresh('indicators:list');
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  const val = (v: IndicatorRow['actual'], unit: string | null) =>
    v ? `${v.value}${unit ?? ''}（${formatDateCn(v.asOf)}）` : '—';

  return (
    <>
      {error && <Alert type="error" showIcon message={error.message} />}
      <Space style={{ marginBottom: 12 }}>
        <Radio.Group
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          optionType="button"
          options={['全部', '已填报', '未达标']}
        />
        <Typography.Text type="secondary">指标目录来自省、市、县文件；达标按最近一次实际值与目标比较。</Typography.Text>
      </Space>
      <Table<IndicatorRow>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={rows}
        pagination={false}
        locale={{
          emptyText: (
            <Empty
              description={
                // the 领导 has no 填报 column to be sent to
                filter === '已填报' && canEdit
                  ? `${EMPTY[filter]}。点击各指标右侧的“填报”，录入基期值或实际值`
                  : EMPTY[filter]
              }
            />
          ),
        }}
        // fits the card at 1366×768 (the 来源文件 column takes what is left); scrolls only on a narrower window
        scroll={{ x: 960 }}
        expandable={{
          rowExpandable: (r) => r.values.length > 0,
          expandedRowRender: (r) => (
            <Table
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={r.values}
              columns={[
                { title: '类型', dataIndex: 'kind', width: 80 },
                {
                  title: '数值',
                  dataIndex: 'value',
                  width: 120,
                  align: 'right',
                  render: (v: number) => `${v}${r.unit ?? ''}`,
                },
                { title: '日期', dataIndex: 'asOf', width: 140, render: formatDateCn },
                { title: '备注', dataIndex: 'note' },
                {
                  title: '操作',
                  width: 80,
                  render: (_, v) => <DeleteButton title="删除这个数值？" onConfirm={() => remove(v.id)} />,
                },
              ]}
            />
          ),
        }}
        columns={[
          { title: '指标', dataIndex: 'name', width: 220 },
          { title: '目标', width: 130, render: (_, r) => targetText(r.comparator, r.target, r.unit, r.targetText) },
          { title: '基期值', width: 170, render: (_, r) => val(r.baseline, r.unit) },
          { title: '实际值', width: 170, render: (_, r) => val(r.actual, r.unit) },
          {
            title: '达标情况',
            width: 130,
            render: (_, r) => (
              <>
                <Tag color={STATUS_COLOR[r.status]}>{r.status}</Tag>
                {r.status === '未达标' && r.gap !== null && (
                  <Typography.Text type="danger">
                    差{r.gap}
                    {r.unit ?? ''}
                  </Typography.Text>
                )}
              </>
            ),
          },
          { title: '来源文件', dataIndex: 'sourceDoc', ellipsis: { showTitle: true } },
          ...(canEdit
            ? [
                {
                  title: '操作',
                  width: 70,
                  fixed: 'right' as const,
                  render: (_: unknown, r: IndicatorRow) => (
                    <EditButton size="small" type="link" onClick={() => open(r)}>
                      填报
                    </EditButton>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Modal
        open={entering !== null}
        title={`填报指标：${entering?.name ?? ''}`}
        onOk={save}
        onCancel={() => setEntering(null)}
        okText="保存"
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">
          目标：
          {entering ? targetText(entering.comparator, entering.target, entering.unit, entering.targetText) || '—' : ''}
        </Typography.Paragraph>
        <Form form={form} layout="vertical">
          <Form.Item label="数值类型" name="kind">
            <Select options={['基期', '实际'].map((k) => ({ value: k, label: `${k}值` }))} />
          </Form.Item>
          <Form.Item
            label={`数值${entering?.unit ? `（${entering.unit}）` : ''}`}
            name="value"
            rules={[{ required: true, message: '请填写数值' }]}
          >
            <InputNumber style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item label="日期" name="asOf" rules={[{ required: true, message: '请填写日期' }, dayRule('日期')]}>
            <DateInput />
          </Form.Item>
          <Form.Item label="备注" name="note">
            <Input maxLength={200} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
