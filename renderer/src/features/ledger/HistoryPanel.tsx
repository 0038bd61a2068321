/** The project's change history: who changed what, when, old → new (from the hash-chained change log). */
import { Table, Tag } from 'antd';
import { useCall } from '../../lib/use-call.ts';

const time = (iso: string) => {
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日 ${p(d.getHours())}:${p(d.getMinutes())}`;
};

export function HistoryPanel({ projectId }: { projectId: number }) {
  const list = useCall('history:list', { projectId });
  return (
    <Table
      size="small"
      bordered
      rowKey="id"
      loading={list.loading}
      dataSource={list.data ?? []}
      pagination={{ pageSize: 50, hideOnSinglePage: true }}
      locale={{ emptyText: '暂无修改记录' }}
      columns={[
        { title: '时间', dataIndex: 'at', width: 170, render: time },
        { title: '操作员', dataIndex: 'operator', width: 100 },
        { title: '操作', dataIndex: 'action', width: 70, render: (a: string) => <Tag color={a === '删除' ? 'red' : a === '新增' ? 'green' : a === '恢复' ? 'blue' : undefined}>{a}</Tag> },
        { title: '内容', key: 'what', width: 130, render: (_, r) => r.fieldLabel ?? r.entityLabel },
        { title: '原值', dataIndex: 'oldValue', ellipsis: true },
        { title: '新值', dataIndex: 'newValue', ellipsis: true },
        { title: '说明', dataIndex: 'reason', width: 120 },
      ]}
    />
  );
}
