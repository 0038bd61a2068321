import { LogoutOutlined, SwapOutlined, UsbOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, ConfigProvider, Layout, Menu, Spin, Tag, Typography } from 'antd';
import { memo, useCallback, useEffect, useMemo, useState } from 'react';
import type { AppInfo } from '../../../shared/schemas/app.ts';
import type { Session } from '../../../shared/schemas/operator.ts';
import { ApiError, call, onSignedOutIdle } from '../lib/api.ts';
import { useQueryClient } from '@tanstack/react-query';
import { useChannelQuery } from '../lib/use-channel-query.ts';
import { useTypingKeepsSession } from '../lib/use-typing-keeps-session.ts';
import { useWrittenElsewhere } from '../lib/use-written-elsewhere.ts';
import { CurrentPeriodProvider } from '../lib/current-period.tsx';
import { StartNotesBanner } from './StartNotesBanner.tsx';
import { ClockWarning } from './ClockWarning.tsx';
import { RestoreNoticeBanner } from '../features/safety/RestoreNoticeBanner.tsx';
import { NAV, navFor } from './nav.tsx';
import { Onboarding } from './Onboarding.tsx';
import { OperatorGate, rememberOperator } from './OperatorGate.tsx';
import { RecoveryPage } from './RecoveryPage.tsx';
import { SessionContext } from './session.tsx';
import { useHashRoute } from './use-hash-route.ts';
import { formatInstantDateCn } from '../../../shared/domain/display.ts';
import { MANUAL_REMINDER_DAYS } from '../../../shared/schemas/safety.ts';
import type { OperatorRole } from '../../../shared/domain/vocab.ts';

/** Start-up faults of the ledger file: each has its own screen and safe action (electron/core/db/ledger-file.ts). */
const RECOVERY_CODES = new Set<string>([
  'DB_DAMAGED',
  'DB_FROM_FUTURE',
  'DB_LOCKED',
  'DB_UNREADABLE',
  'DB_EMPTY',
  'DB_FOREIGN',
]);

const HOUR_MS = 3_600_000;
/** antd's Layout.Header height (its token headerHeight), which the header keeps. */
const HEADER_HEIGHT = 64;
const SIDE_MENU_THEME = { components: { Menu: { itemHeight: 32, itemMarginBlock: 2 } } };

export function App() {
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [session, setSession] = useState<Session | null>(null);
  const [picking, setPicking] = useState(false);
  // The core signed the session out for idleness (session-idle.ts): the sign-in screen comes up over the page, which
  // stays as it was — its route and any unsaved typing — so that the same clerk signs in and carries on.
  const [lapsed, setLapsed] = useState<string | null>(null);
  useEffect(() => onSignedOutIdle(setLapsed), []);
  const [error, setError] = useState<ApiError | null>(null);
  const [route, go] = useHashRoute(NAV[0]!.key);
  const { notification } = AntApp.useApp();
  const queryClient = useQueryClient();
  const load = useCallback(() => {
    Promise.all([call('app:info', {}), call('session:current', {})]).then(
      ([i, s]) => {
        setInfo(i);
        setSession(s);
      },
      (e: ApiError) => setError(e),
    );
  }, []);
  useEffect(load, [load]);
  const signedInId = session?.loggedIn ? session.operatorId : null;
  useEffect(() => {
    if (signedInId !== null) rememberOperator(signedInId);
  }, [signedInId]);
  useEffect(
    () =>
      window.api.onCoreEvent?.((e) => {
        if (e.kind === 'failed') {
          notification.error({
            key: 'core-event',
            message: '程序核心无法重新启动',
            description: e.message,
            duration: 0,
            placement: 'topRight',
          });
          return;
        }
        // The shell restarted the core after it died: calls under way were answered with an error, and the new core
        // starts signed out, so the window goes back to the sign-in screen (or the recovery screen, if the file now
        // needs it) instead of letting every next call fail on its own.
        notification.warning({
          key: 'core-event',
          message: '程序核心已重新启动',
          description: e.message,
          duration: 0,
          placement: 'topRight',
        });
        setPicking(false);
        load();
      }),
    [notification, load],
  );
  // The header's U盘 reminder names the day of the last U盘 backup (or that there was none), not a bare “7 天”. It
  // shares the 数据安全 page's answer (one cache entry), as does the notice of a restore cut off at the last run
  // (RestoreNoticeBanner): a backup there refreshes it at once, and it is asked again
  // hourly for the day it falls due — not at every page change, where it queued behind the page's own reads. A
  // failure here must never get in the way of the ledger: it is simply not shown.
  const backups = useChannelQuery(
    'backups:list',
    {},
    { enabled: !!info && !!session?.loggedIn, refetchEveryMs: HOUR_MS },
  );
  useWrittenElsewhere(!!info && !!session?.loggedIn);
  useTypingKeepsSession(!!info && !!session?.loggedIn && lapsed === null);
  const backupReminder = backups.data ? usbReminderText(backups.data.manualReminder, backups.data.lastManualAt) : null;
  useEffect(() => {
    if (info) document.title = `${info.productName}${info.townName ? ` — ${info.townName}` : ''}`;
  }, [info]);
  const switchOperator = useCallback(() => setPicking(true), []);
  const signOut = useCallback(() => {
    call('session:logout', {}).then(setSession, () => undefined);
  }, []);
  const sessionState = useMemo(
    () => ({ session: session?.loggedIn ? session : null, switchOperator }),
    [session, switchOperator],
  );

  if (error && RECOVERY_CODES.has(error.code)) return <RecoveryPage productName="乡镇建设项目台账" />;
  if (error)
    return (
      <Alert type="error" showIcon message="无法打开台账数据库" description={error.message} style={{ margin: 48 }} />
    );
  if (!info || !session) return <Spin fullscreen tip="正在打开台账…" />;
  // A route may carry filters after '?' (#/ledger?category=…); the page is chosen by the path alone.
  const path = route.split('?')[0]!;
  const county = info.countyName !== null;
  const pages = navFor(session.role ?? null, county);
  const current = pages.find((n) => path === n.key || path.startsWith(`${n.key}/`)) ?? NAV[0]!;
  // Every session starts signed out: the first run (no 管理员 yet) or the sign-in screen comes first, and
  // no page is shown (nor asks the core for anything) until someone has signed in.
  const gateOpen = !info.needsAdmin && (!session.loggedIn || picking || lapsed !== null);
  return (
    <SessionContext.Provider value={sessionState}>
      <Layout style={{ height: '100%' }}>
        <AppHeader
          info={info}
          session={session}
          backupReminder={backupReminder}
          go={go}
          switchOperator={switchOperator}
          signOut={signOut}
        />
        <ClockWarning behind={info.clockBehind} />
        {session.loggedIn && <RestoreNoticeBanner notice={backups.data?.restoreNotice} />}
        {session.loggedIn && <StartNotesBanner notes={info.startNotes} />}
        <Layout className="app-body">
          {session.loggedIn && <SideNav selected={current.key} go={go} role={session.role ?? null} county={county} />}
          {/* The page scrolls with the window (the content grows with its page). No overflow here: a box that
              may scroll between a sheet and the window pins its sticky 所选区域 line (global.css .sheet-status) to
              itself instead of the window's bottom; nothing is wider than the content (pages-fit.spec.ts). */}
          <Layout.Content key={`${info.needsOnboarding}-${session.operatorId}-${session.role}`} style={{ padding: 16 }}>
            {/* Inside the content keyed by the session: the current period is per operator. */}
            {session.loggedIn && <CurrentPeriodProvider>{current.render()}</CurrentPeriodProvider>}
          </Layout.Content>
        </Layout>
        {info.needsAdmin && (
          <Onboarding
            info={info}
            onDone={(i) => {
              setInfo(i);
              call('session:current', {}).then(setSession, (e: ApiError) => setError(e));
            }}
          />
        )}
        <OperatorGate
          open={gateOpen}
          closable={session.loggedIn && lapsed === null}
          clockBehind={info.clockBehind}
          lapsed={lapsed === null ? null : { message: lapsed, operatorId: session.operatorId }}
          onCancel={() => setPicking(false)}
          onDone={(s) => {
            // The same operator again: the page under the sign-in screen is kept (keyed by the operator). Another
            // operator gets a fresh page, as with 切换操作员; the screen said so before they signed in.
            setSession(s);
            setPicking(false);
            // What the page read while signed out was refused: it reads again (typing in its forms is not touched).
            if (lapsed !== null) void queryClient.invalidateQueries();
            setLapsed(null);
            call('app:info', {}).then(setInfo, () => {});
          }}
        />
      </Layout>
    </SessionContext.Provider>
  );
}

/** The sidebar; memoised so that a route change re-renders the menu's highlight, not the page around it. */
const SideNav = memo(function SideNav({
  selected,
  go,
  role,
  county,
}: {
  selected: string;
  go: (route: string) => void;
  role: OperatorRole | null;
  county: boolean;
}) {
  const NAV_ITEMS = useMemo(
    () => navFor(role, county).map((n) => ({ key: n.key, icon: n.icon, label: n.label })),
    [role, county],
  );
  // The menu stays beside the page as the window scrolls (sticky, a window high) and scrolls on its own where the
  // window is shorter than it; its items are compact (32 px, not antd's 40) so that all 19 fit under the header at
  // 1366×768 — at 40 px the 18 of a town ran to 860 px: 数据安全 and 设置 lay below the office PC's window, and on a
  // long page (总览) the whole menu scrolled away with it. The padding under the last item is the header's height:
  // before the window scrolls the sticky menu starts below the header and ends that far below the window, so the
  // menu's own scroll bar still brings 设置 above the window's bottom (125 %: 614 px high).
  return (
    <Layout.Sider width={176} theme="light" className="side-nav">
      <ConfigProvider theme={SIDE_MENU_THEME}>
        <Menu
          mode="inline"
          selectedKeys={[selected]}
          items={NAV_ITEMS}
          onClick={(e) => go(e.key)}
          style={{ minHeight: '100%', paddingBottom: HEADER_HEIGHT }}
        />
      </ConfigProvider>
    </Layout.Sider>
  );
});

interface AppHeaderProps {
  info: AppInfo;
  session: Session;
  backupReminder: string | null;
  go: (route: string) => void;
  switchOperator: () => void;
  signOut: () => void;
}

/** “上次备份到U盘：2017年9月30日，已超过7天” or “还没有备份到U盘”; null when no reminder is due. */
export function usbReminderText(due: boolean, lastManualAt: string | null): string | null {
  if (!due) return null;
  return lastManualAt
    ? `上次备份到U盘：${formatInstantDateCn(lastManualAt)}，已超过${MANUAL_REMINDER_DAYS}天`
    : '还没有备份到U盘';
}

const AppHeader = memo(function AppHeader({
  info,
  session,
  backupReminder,
  go,
  switchOperator,
  signOut,
}: AppHeaderProps) {
  return (
    <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 16, background: '#8b0000', paddingInline: 20 }}>
      <Typography.Title level={4} style={{ color: '#fff', margin: 0, whiteSpace: 'nowrap' }}>
        {info.productName}
      </Typography.Title>
      {(info.countyName ?? info.townName) && (
        <Typography.Text style={{ color: '#ffd7d7' }}>
          {info.countyName ? `${info.countyName}（县级汇总）` : info.townName}
        </Typography.Text>
      )}
      <span style={{ flex: 1 }} />
      {backupReminder && session.loggedIn && (
        <Tag color="gold" icon={<UsbOutlined />} style={{ cursor: 'pointer' }} onClick={() => go('safety')}>
          {backupReminder}
        </Tag>
      )}
      {session.loggedIn && (
        <>
          <Typography.Text style={{ color: '#ffd7d7' }} data-testid="current-operator">
            操作员：{session.operator}
          </Typography.Text>
          <Tag color={session.role === '领导' ? 'gold' : 'default'} style={{ marginInlineEnd: 0 }}>
            {session.role === '领导' ? '领导（只读）' : session.role}
          </Tag>
          <Button size="small" ghost icon={<SwapOutlined />} onClick={switchOperator}>
            切换操作员
          </Button>
          <Button size="small" ghost icon={<LogoutOutlined />} onClick={signOut}>
            退出登录
          </Button>
        </>
      )}
    </Layout.Header>
  );
});
