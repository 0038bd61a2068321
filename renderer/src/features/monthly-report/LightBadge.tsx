/** A project's light as a small coloured tag with its reason; a click shows the stored history. */
import { Modal, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { formatPeriodCn } from '../../../../shared/domain/period.ts';
import { formatInstantCn } from '../../../../shared/domain/display.ts';
import { LEVEL_CN, type Level } from '../../../../shared/domain/schedule.ts';
import { useChannelQuery } from '../../lib/use-channel-query.ts';

export const LEVEL_COLOR: Record<Level, string> = { green: 'green', yellow: 'gold', red: 'red' };

export function LightBadge({
  projectId,
  name,
  level,
  reason,
}: {
  projectId: number;
  name: string;
  level: Level | null;
  reason: string | null;
}) {
  const [open, setOpen] = useState(false);
  if (!level) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <>
      <Tooltip title={reason ? `${reason}（点击查看历史）` : '点击查看历史'}>
        <Tag
          color={LEVEL_COLOR[level]}
          style={{ cursor: 'pointer', marginInlineEnd: 0 }}
          onClick={() => setOpen(true)}
          aria-label={`${name} ${LEVEL_CN[level]}灯`}
        >
          {LEVEL_CN[level]}
        </Tag>
      </Tooltip>
      {open && <LightHistoryModal projectId={projectId} name={name} onClose={() => setOpen(false)} />}
    </>
  );
}

function LightHistoryModal({ projectId, name, onClose }: { projectId: number; name: string; onClose: () => void }) {
  const h = useChannelQuery('lights:history', { projectId });
  return (
    <Modal open title={`预警历史：${name}`} onCancel={onClose} footer={null} width={820}>
      <Table
        size="small"
        rowKey={(r) => `${r.period}|${r.dimension}|${r.computedAt}`}
        loading={h.isFetching}
        dataSource={h.data ?? []}
        pagination={false}
        scroll={{ y: 420 }}
        locale={{ emptyText: '暂无预警记录' }}
        columns={[
          { title: '期别', dataIndex: 'period', width: 100, render: (p: string) => formatPeriodCn(p) },
          { title: '计算时间', dataIndex: 'computedAt', width: 150, render: (s: string) => formatInstantCn(s) },
          { title: '维度', dataIndex: 'dimension', width: 80 },
          {
            title: '灯',
            dataIndex: 'level',
            width: 50,
            render: (l: Level) => <Tag color={LEVEL_COLOR[l]}>{LEVEL_CN[l]}</Tag>,
          },
          { title: '原因', dataIndex: 'text' },
        ]}
      />
    </Modal>
  );
}
