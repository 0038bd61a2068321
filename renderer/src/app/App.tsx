import { UsbOutlined } from '@ant-design/icons';
import { Alert, Layout, Menu, Spin, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { AppInfo } from '../../../shared/schemas/app.ts';
import { ApiError, call } from '../lib/api.ts';
import { NAV } from './nav.tsx';
import { Onboarding } from './Onboarding.tsx';
import { RecoveryPage } from './RecoveryPage.tsx';
import { useHashRoute } from './use-hash-route.ts';

export function App() {
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [route, go] = useHashRoute(NAV[0]!.key);
  const [backupReminder, setBackupReminder] = useState(false);
  useEffect(() => {
    call('app:info', {}).then(setInfo, (e: ApiError) => setError(e));
  }, []);
  useEffect(() => {
    // The header reminder; a failure here must never get in the way of the ledger.
    if (info && !info.needsOnboarding) call('backups:list', {}).then((l) => setBackupReminder(l.manualReminder), () => undefined);
  }, [info, route]);
  useEffect(() => {
    if (info) document.title = `${info.productName}${info.townName ? ` — ${info.townName}` : ''}`;
  }, [info]);

  if (error?.code === 'DB_DAMAGED' || error?.code === 'DB_FROM_FUTURE') return <RecoveryPage productName="乡镇建设项目台账" />;
  if (error) return <Alert type="error" showIcon message="无法打开台账数据库" description={error.message} style={{ margin: 48 }} />;
  if (!info) return <Spin fullscreen tip="正在打开台账…" />;
  const current = NAV.find((n) => route === n.key || route.startsWith(`${n.key}/`)) ?? NAV[0]!;
  return (
    <Layout style={{ height: '100%' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 16, background: '#8b0000', paddingInline: 20 }}>
        <Typography.Title level={4} style={{ color: '#fff', margin: 0, whiteSpace: 'nowrap' }}>
          {info.productName}
        </Typography.Title>
        {info.townName && <Typography.Text style={{ color: '#ffd7d7' }}>{info.townName}</Typography.Text>}
        <span style={{ flex: 1 }} />
        {backupReminder && (
          <Tag color="gold" icon={<UsbOutlined />} style={{ cursor: 'pointer' }} onClick={() => go('safety')}>
            已超过 7 天未备份到U盘
          </Tag>
        )}
        <Typography.Text style={{ color: '#ffd7d7' }}>操作员：{info.operator}</Typography.Text>
      </Layout.Header>
      <Layout>
        <Layout.Sider width={176} theme="light">
          <Menu
            mode="inline"
            selectedKeys={[current.key]}
            items={NAV.map((n) => ({ key: n.key, icon: n.icon, label: n.label }))}
            onClick={(e) => go(e.key)}
            style={{ height: '100%' }}
          />
        </Layout.Sider>
        <Layout.Content key={String(info.needsOnboarding)} style={{ padding: 16, overflow: "auto" }}>{current.render()}</Layout.Content>
      </Layout>
      {info.needsOnboarding && <Onboarding onDone={setInfo} />}
    </Layout>
  );
}
