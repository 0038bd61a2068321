/**
 * 设置 → 登录记录 (管理员 only): every sign-in event — who, when, what happened and through which program — newest
 * first, filtered by operator and date like the 修改记录. Wrong passwords and locks stand out in colour.
 */
import { Alert, Card, Table, Tag } from 'antd';
import { formatInstantCn } from '../../../../shared/domain/display.ts';
import type { SignInEvent, SignInRow } from '../../../../shared/schemas/sign-in.ts';
import { useChannelQuery } from '../../lib/use-channel-query.ts';
import { LogFilterFields, useLogFilter } from '../../components/LogFilter.tsx';

const EVENT_COLOR: Record<SignInEvent, string> = {
  登录成功: 'green',
  密码错误: 'orange',
  账户锁定: 'red',
  '登录被拒（账户锁定中）': 'red',
  退出登录: 'default',
  因长时间未操作退出: 'blue',
};

export function SignInLog() {
  const filter = useLogFilter(20);
  const { data, error, isFetching: loading } = useChannelQuery('security:signIns', filter.query);
  return (
    <Card title="登录记录" size="small" style={{ marginTop: 16 }} data-testid="sign-in-log">
      {error && <Alert type="error" showIcon message={error.message} />}
      <LogFilterFields
        filter={filter}
        operators={data?.operators}
        operatorLabel="登录记录操作员筛选"
        total={data?.total}
      />
      <Table<SignInRow>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={data?.rows ?? []}
        pagination={filter.pagination(data?.total)}
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
