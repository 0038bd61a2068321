/**
 * 修改记录 table with filters (operator, date range, object). Used by the overall page and, with a
 * projectId, by a project's own history tab.
 */
import { Alert, DatePicker, Select, Space, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { formatInstantCn, formatValueCn } from '../../../../shared/domain/display.ts';
import { CHANGE_ENTITY_OPTIONS } from '../../../../shared/fields/labels.ts';
import type { HistoryRow } from '../../../../shared/schemas/change-history.ts';
import { useChannelQuery } from '../../lib/use-channel-query.ts';

/** Stored in UTC; shown in the office's local time. */
export const formatAt = (iso: string): string => formatInstantCn(iso);

export function HistoryTable({ projectId }: { projectId?: number }) {
  const [operator, setOperator] = useState<string | null>(null);
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [entity, setEntity] = useState<string | null>(null);
  const [page, setPage] = useState({ current: 1, pageSize: 50 });
  const query = {
    projectId: projectId ?? null,
    operator,
    entity,
    from: range?.[0]?.format('YYYY-MM-DD') ?? null,
    to: range?.[1]?.format('YYYY-MM-DD') ?? null,
    limit: page.pageSize,
    offset: (page.current - 1) * page.pageSize,
  };
  const { data, error, isFetching: loading } = useChannelQuery('history:list', query);
  const resetPage = () => setPage((p) => ({ ...p, current: 1 }));
  return (
    <>
      {error && <Alert type="error" showIcon message={error.message} />}
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder="全部操作员"
          style={{ width: 160 }}
          aria-label="操作员筛选"
          value={operator}
          onChange={(v) => {
            setOperator(v ?? null);
            resetPage();
          }}
          options={(data?.operators ?? []).map((o) => ({ value: o, label: o }))}
        />
        <DatePicker.RangePicker
          value={range}
          onChange={(v) => {
            setRange(v);
            resetPage();
          }}
          placeholder={['起始日期', '截止日期']}
        />
        {!projectId && (
          <Select
            allowClear
            placeholder="全部对象"
            style={{ width: 160 }}
            value={entity}
            onChange={(v) => {
              setEntity(v ?? null);
              resetPage();
            }}
            options={CHANGE_ENTITY_OPTIONS}
          />
        )}
        <Typography.Text type="secondary">共 {data?.total ?? 0} 条</Typography.Text>
      </Space>
      <Table<HistoryRow>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={data?.rows ?? []}
        pagination={{
          ...page,
          total: data?.total ?? 0,
          showSizeChanger: true,
          onChange: (current, pageSize) => setPage({ current, pageSize }),
        }}
        columns={[
          { title: '时间', dataIndex: 'at', width: 160, render: formatAt },
          { title: '操作员', dataIndex: 'operator', width: 90 },
          { title: '操作', dataIndex: 'action', width: 60 },
          { title: '对象', dataIndex: 'entityLabel', width: 110 },
          ...(projectId ? [] : [{ title: '项目', dataIndex: 'projectName', width: 180, ellipsis: true }]),
          { title: '字段', dataIndex: 'fieldLabel', width: 120 },
          { title: '原值', dataIndex: 'oldValue', ellipsis: true, render: formatValueCn },
          { title: '新值', dataIndex: 'newValue', ellipsis: true, render: formatValueCn },
          { title: '说明', dataIndex: 'reason', width: 160, ellipsis: true },
        ]}
      />
    </>
  );
}
