/**
 * The project ledger (台账): the list with its key columns, sub-projects nested under their parent,
 * create / edit in a drawer, delete to the 回收站 and restore from it.
 */
import { DeleteOutlined, EditOutlined, PlusOutlined, ReloadOutlined, RollbackOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Card, Segmented, Space, Statistic, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { formatDateCn } from '../../../../shared/domain/dates.ts';
import { formatWan, sumFen } from '../../../../shared/domain/money.ts';
import type { Project } from '../../../../shared/schemas/project.ts';
import { call } from '../../lib/api.ts';
import { useCall } from '../../lib/use-call.ts';
import { ProjectForm } from './ProjectForm.tsx';
import { toTree, type TreeRow } from './tree.ts';

const zhCompare = new Intl.Collator('zh-CN').compare;

export function LedgerPage() {
  const { message, modal } = AntApp.useApp();
  const [view, setView] = useState<'active' | 'trash'>('active');
  const list = useCall('projects:list', { onlyDeleted: view === 'trash' });
  const lookups = useCall('lookups:get', {});
  const [formOpen, setFormOpen] = useState(false);
  const [editing, setEditing] = useState<Project | null>(null);

  const rows = list.data ?? [];
  const tree = useMemo(() => (view === 'trash' ? rows.map((r) => ({ ...r })) : toTree(rows)), [rows, view]);
  const top = rows.filter((r) => r.parentId === null);
  const defaultYear = rows[0]?.planYear ?? new Date().getFullYear();

  const openEdit = async (id: number) => {
    try {
      setEditing(await call('projects:get', { id }));
      setFormOpen(true);
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  const remove = (r: TreeRow) =>
    modal.confirm({
      title: `删除项目“${r.name}”？`,
      content: r.childCount ? `其下 ${r.childCount} 个子项目将一并移入回收站。可在回收站中恢复。` : '项目将移入回收站，可在回收站中恢复。',
      okText: '删除',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: async () => {
        try {
          const { deleted } = await call('projects:delete', { id: r.id });
          message.success(`已移入回收站（${deleted} 个项目）`);
          await list.reload();
        } catch (e) {
          message.error((e as Error).message);
        }
      },
    });
  const restore = async (r: TreeRow) => {
    try {
      await call('projects:restore', { id: r.id });
      message.success(`已恢复“${r.name}”`);
      await list.reload();
    } catch (e) {
      message.error((e as Error).message);
    }
  };

  const columns: TableColumnsType<TreeRow> = [
    { title: '项目编号', dataIndex: 'code', width: 120, sorter: (a, b) => zhCompare(a.code ?? '', b.code ?? '') },
    {
      title: '项目名称',
      dataIndex: 'name',
      width: 300,
      sorter: (a, b) => zhCompare(a.name, b.name),
      render: (name: string, r) => (
        <Space size={4} wrap>
          <Typography.Text strong={r.parentId === null}>{name}</Typography.Text>
          {r.itemsSumFen > 0 && r.itemsSumFen !== r.totalFen && (
            <Tooltip title={`建设子项合计 ${formatWan(r.itemsSumFen)} 万元，与总投资 ${formatWan(r.totalFen)} 万元不一致`}>
              <Tag color="orange">子项≠总投资</Tag>
            </Tooltip>
          )}
        </Space>
      ),
    },
    { title: '类别', dataIndex: 'category', width: 90, sorter: (a, b) => zhCompare(a.category ?? '', b.category ?? '') },
    { title: '性质', dataIndex: 'nature', width: 70 },
    {
      title: '总投资(万元)',
      dataIndex: 'totalFen',
      width: 120,
      align: 'right',
      sorter: (a, b) => a.totalFen - b.totalFen,
      render: (fen: number, r) => <span className="money">{(r.approx ? '约' : '') + formatWan(fen, { grouping: true })}</span>,
    },
    { title: '建设地点', dataIndex: 'location', width: 140, ellipsis: true },
    {
      title: '计划工期',
      key: 'window',
      width: 250,
      render: (_, r) => (r.planStart ? `${formatDateCn(r.planStart)}—${formatDateCn(r.planEnd)}` : '—'),
    },
    { title: '状态', dataIndex: 'status', width: 80, render: (s: string) => <Tag>{s}</Tag> },
    { title: '牵头单位', dataIndex: 'leadOrgName', width: 140, ellipsis: true },
    { title: '包联领导', dataIndex: 'leaderName', width: 90 },
    {
      title: '操作',
      key: 'ops',
      width: 150,
      fixed: 'right',
      render: (_, r) =>
        view === 'trash' ? (
          <Button size="small" icon={<RollbackOutlined />} onClick={() => restore(r)}>
            恢复
          </Button>
        ) : (
          <Space>
            <Button size="small" icon={<EditOutlined />} onClick={() => openEdit(r.id)} aria-label={`编辑 ${r.name}`}>
              编辑
            </Button>
            <Button size="small" danger icon={<DeleteOutlined />} onClick={() => remove(r)} aria-label={`删除 ${r.name}`}>
              删除
            </Button>
          </Space>
        ),
    },
  ];

  return (
    <Card
      title={
        <Space size="large">
          <span>项目台账</span>
          <Segmented
            value={view}
            onChange={(v) => setView(v as 'active' | 'trash')}
            options={[{ value: 'active', label: '在册项目' }, { value: 'trash', label: '回收站' }]}
          />
        </Space>
      }
      extra={
        <Space>
          <Button icon={<ReloadOutlined />} onClick={() => list.reload()}>刷新</Button>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => { setEditing(null); setFormOpen(true); }} disabled={!lookups.data}>
            新增项目
          </Button>
        </Space>
      }
    >
      {view === 'active' && (
        <Space size={48} style={{ marginBottom: 12 }}>
          <Statistic title="项目（顶层）" value={top.length} suffix="个" />
          <Statistic title="子项目" value={rows.length - top.length} suffix="个" />
          <Statistic title="总投资" value={formatWan(sumFen(top.map((r) => r.totalFen)), { grouping: true })} suffix="万元" />
        </Space>
      )}
      {list.error && <Typography.Text type="danger">{list.error.message}</Typography.Text>}
      <Table<TreeRow>
        rowKey="id"
        size="small"
        bordered
        loading={list.loading}
        columns={columns}
        dataSource={tree}
        pagination={false}
        scroll={{ x: 1500, y: 'calc(100vh - 330px)' }}
        locale={{ emptyText: view === 'trash' ? '回收站是空的' : '暂无项目，请点击“新增项目”' }}
        expandable={{ defaultExpandAllRows: true }}
        key={tree.length}
      />
      {lookups.data && (
        <ProjectForm
          open={formOpen}
          editing={editing}
          defaultYear={defaultYear}
          rows={rows}
          lookups={lookups.data}
          onClose={() => setFormOpen(false)}
          onSaved={() => { setFormOpen(false); void list.reload(); }}
        />
      )}
    </Card>
  );
}
