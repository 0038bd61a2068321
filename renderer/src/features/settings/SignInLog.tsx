/**
 * 设置 → 登录记录 (管理员 only): every sign-in event — who, when, what happened and through which program — newest
 * first, filtered by operator and date like the 修改记录. Wrong passwords and locks stand out in colour.
 */
import { Alert, Card, DatePicker, Select, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { formatInstantCn } from '../../../../shared/domain/display.ts';
import type { SignInEvent, SignInRow } from '../../../../shared/schemas/sign-in.ts';
import { useChannelQuery } from '../../lib/use-channel-query.ts';

const EVENT_COLOR: Record<SignInEvent, string> = {
  登录成功: 'green',
  密码错误: 'orange',
  账户锁定: 'red',
  '登录被拒（账户锁定中）': 'red',
  退出登录: 'default',
  因长时间未操作退出: 'blue',
};

export function SignInLog() {
  const [operator, setOperator] = useState<string | null>(null);
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [page, setPage] = useState({ current: 1, pageSize: 20 });
  const query = {
    operator,
    from: range?.[0]?.format('YYYY-MM-DD') ?? null,
    to: range?.[1]?.format('YYYY-MM-DD') ?? null,
    limit: page.pageSize,
    offset: (page.current - 1) * page.pageSize,
  };
  const { data, error, isFetching: loading } = useChannelQuery('security:signIns', query);
  const resetPage = () => setPage((p) => ({ ...p, current: 1 }));
  return (
    <Card title="登录记录" size="small" style={{ marginTop: 16 }} data-testid="sign-in-log">
      {error && <Alert type="error" showIcon message={error.message} />}
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder="全部操作员"
          style={{ width: 160 }}
          aria-label="登录记录操作员筛选"
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
        <Typography.Text type="secondary">共 {data?.total ?? 0} 条</Typography.Text>
      </Space>
      <Table<SignInRow>
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
          { title: '时间', dataIndex: 'at', width: 170, render: (v: string) => formatInstantCn(v) },
          { title: '操作员', dataIndex: 'operator', width: 100 },
          {
            title: '事件',
            dataIndex: 'event',
            width: 190,
            render: (v: SignInEvent) => <Tag color={EVENT_COLOR[v]}>{v}</Tag>,
          },
          { title: '说明', dataIndex: 'detail' },
          { title: '使用的程序', dataIndex: 'shell', width: 110 },
        ]}
      />
    </Card>
  );
}
