import { Alert, Layout, Menu, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { AppInfo } from '../../../shared/schemas/app.ts';
import { call } from '../lib/api.ts';
import { NAV } from './nav.tsx';
import { Onboarding } from './Onboarding.tsx';
import { useHashRoute } from './use-hash-route.ts';

export function App() {
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [route, go] = useHashRoute(NAV[0]!.key);
  useEffect(() => {
    call('app:info', {}).then(setInfo, (e: Error) => setError(e.message));
  }, []);
  useEffect(() => {
    if (info) document.title = `${info.productName}${info.townName ? ` — ${info.townName}` : ''}`;
  }, [info]);

  if (error) return <Alert type="error" showIcon message="无法打开台账数据库" description={error} style={{ margin: 48 }} />;
  if (!info) return <Spin fullscreen tip="正在打开台账…" />;
  // A route may carry filters after '?' (#/ledger?category=…); the page is chosen by the path alone.
  const path = route.split('?')[0]!;
  const current = NAV.find((n) => path === n.key || path.startsWith(`${n.key}/`)) ?? NAV[0]!;
  return (
    <Layout style={{ height: '100%' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 16, background: '#8b0000', paddingInline: 20 }}>
        <Typography.Title level={4} style={{ color: '#fff', margin: 0, whiteSpace: 'nowrap' }}>
          {info.productName}
        </Typography.Title>
        {info.townName && <Typography.Text style={{ color: '#ffd7d7' }}>{info.townName}</Typography.Text>}
        <span style={{ flex: 1 }} />
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
