/** The list of backups with what each holds; shared by the 数据安全 page and the recovery screen. */
import { Table, Tag, Tooltip, type TableColumnsType } from 'antd';
import type { ReactNode } from 'react';
import { formatInstantCn } from '../../../../shared/domain/dates.ts';
import { formatWan } from '../../../../shared/domain/money.ts';
import type { BackupInfo } from '../../../../shared/schemas/safety.ts';
import { UnitTitle } from '../../components/UnitTitle.tsx';

/** "2017年10月8日 09:00" in the office's local time. */
/** Backup times as people read them. */
export const formatWhen = (iso: string | null): string => formatInstantCn(iso);

/**
 * A file's size as it is: 0 字节 for an empty one (a copy cut off by a full disk) and bytes under 1 KB — rounding
 * up to “1 KB” made an empty backup look like a small good one.
 */
export const formatSize = (b: number): string =>
  b >= 1024 * 1024 ? `${(b / 1024 / 1024).toFixed(1)} MB` : b >= 1024 ? `${Math.round(b / 1024)} KB` : `${b} 字节`;

const STATE_TEXT: Record<BackupInfo['state'], (b: BackupInfo) => string> = {
  完好: () => '完好',
  空文件: () => '空文件，不可用',
  其他乡镇: (b) => `${b.town ?? '其他乡镇'}的台账`,
  不可用: () => '不可用',
};

export function BackupTable({
  rows,
  actions,
  highlight,
}: {
  rows: BackupInfo[];
  actions: (b: BackupInfo) => ReactNode;
  highlight?: string | null;
}) {
  const columns: TableColumnsType<BackupInfo> = [
    {
      title: '备份时间',
      dataIndex: 'at',
      width: 170,
      render: (v: string, b) => (b.name === highlight ? <b>{formatWhen(v)}</b> : formatWhen(v)),
    },
    { title: '类型', dataIndex: 'reason', width: 80, render: (v: string) => <Tag>{v}</Tag> },
    // Whose ledger each is, where the folder holds more than one town's.
    ...(new Set(rows.map((b) => b.town).filter(Boolean)).size > 1
      ? [{ title: '乡镇', dataIndex: 'town', width: 90, render: (v: string | null) => v ?? '—' }]
      : []),
    { title: '最后修改人', dataIndex: 'operator', width: 110 },
    { title: '项目数', dataIndex: 'projects', width: 80, align: 'right' },
    { title: '月报数', dataIndex: 'reports', width: 80, align: 'right' },
    {
      title: <UnitTitle text="总投资（万元）" />,
      dataIndex: 'totalInvestmentFen',
      width: 130,
      align: 'right',
      render: (v: number | null) => formatWan(v, { grouping: true }),
    },
    { title: '大小', dataIndex: 'sizeBytes', width: 90, align: 'right', render: formatSize },
    {
      title: '状态',
      dataIndex: 'state',
      width: 130,
      // The core's verdict (BackupInfo.state), its reason on hover; another town's ledger is named, never 完好.
      render: (state: BackupInfo['state'], b) =>
        state === '完好' ? (
          <Tag color="green">完好</Tag>
        ) : (
          <Tooltip title={b.problem}>
            <Tag color={state === '其他乡镇' ? 'orange' : 'red'}>{STATE_TEXT[state](b)}</Tag>
          </Tooltip>
        ),
    },
    { title: '操作', key: 'actions', width: 170, render: (_: unknown, b) => actions(b) },
  ];
  return (
    <Table<BackupInfo>
      rowKey="name"
      size="small"
      columns={columns}
      dataSource={rows}
      pagination={{ pageSize: 10, hideOnSinglePage: true }}
    />
  );
}
