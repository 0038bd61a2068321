/**
 * 修改记录 table with filters (operator, date range, object). Used by the overall page and, with a
 * projectId, by a project's own history tab.
 */
import { Alert, Select, Table } from 'antd';
import { useState } from 'react';
import { formatInstantCn, formatValueCn } from '../../../../shared/domain/display.ts';
import { CHANGE_ENTITY_OPTIONS } from '../../../../shared/fields/labels.ts';
import type { HistoryRow } from '../../../../shared/schemas/change-history.ts';
import { useChannelQuery } from '../../lib/use-channel-query.ts';
import { LogFilterFields, useLogFilter } from '../../components/LogFilter.tsx';

/** Stored in UTC; shown in the office's local time. */
export const formatAt = (iso: string): string => formatInstantCn(iso);

export function HistoryTable({ projectId }: { projectId?: number }) {
  const filter = useLogFilter(50);
  const [entity, setEntity] = useState<string | null>(null);
  const query = { ...filter.query, projectId: projectId ?? null, entity };
  const { data, error, isFetching: loading } = useChannelQuery('history:list', query);
  return (
    <>
      {error && <Alert type="error" showIcon message={error.message} />}
      <LogFilterFields filter={filter} operators={data?.operators} operatorLabel="操作员筛选" total={data?.total}>
        {!projectId && (
          <Select
            allowClear
            placeholder="全部对象"
            style={{ width: 160 }}
            value={entity}
            onChange={(v) => {
              setEntity(v ?? null);
              filter.resetPage();
            }}
            options={CHANGE_ENTITY_OPTIONS}
          />
        )}
      </LogFilterFields>
      <Table<HistoryRow>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={data?.rows ?? []}
        pagination={filter.pagination(data?.total)}
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
