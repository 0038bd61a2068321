/**
 * The navigation: a section is listed here only once it works end to end (no placeholder pages).
 * Routes live in the URL hash so a reload (F5) comes back to the same page. Order follows the clerk's
 * month: overview, ledger, reports, chasing, money, paper and Excel out, then the reference lists.
 */
import {
  AimOutlined,
  AlertOutlined,
  ClusterOutlined,
  ApartmentOutlined,
  BulbOutlined,
  DashboardOutlined,
  DatabaseOutlined,
  FileExcelOutlined,
  FormOutlined,
  HistoryOutlined,
  ImportOutlined,
  InboxOutlined,
  MoneyCollectOutlined,
  OrderedListOutlined,
  PrinterOutlined,
  SafetyOutlined,
  SettingOutlined,
  TeamOutlined,
  TrophyOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { Channel } from '../../../shared/ipc/channels.ts';
import { roleMay } from '../../../shared/ipc/permissions.ts';
import type { OperatorRole } from '../../../shared/domain/vocab.ts';
import { CountyPage } from '../features/county/CountyPage.tsx';
import { AssessmentPage } from '../features/assessment/AssessmentPage.tsx';
import { CollectPage } from '../features/collect/CollectPage.tsx';
import { DashboardPage } from '../features/dashboard/DashboardPage.tsx';
import { ExportPage } from '../features/excel/ExportPage.tsx';
import { ImportPage } from '../features/excel/ImportPage.tsx';
import { FundsPage } from '../features/funds/FundsPage.tsx';
import { HistoryPage } from '../features/history/HistoryPage.tsx';
import { IndicatorsPage } from '../features/indicators/IndicatorsPage.tsx';
import { LedgerSection } from '../features/ledger/LedgerSection.tsx';
import { LightsPage } from '../features/lights/LightsPage.tsx';
import { LeadingGroupPage } from '../features/org/LeadingGroupPage.tsx';
import { OrgPage } from '../features/org/OrgPage.tsx';
import { PrintPage } from '../features/print/PrintPage.tsx';
import { MonthlyReportPage } from '../features/monthly-report/MonthlyReportPage.tsx';
import { SafetyPage } from '../features/safety/SafetyPage.tsx';
import { SettingsPage } from '../features/settings/SettingsPage.tsx';
import { SupervisionPage } from '../features/supervision/SupervisionPage.tsx';
import { TasksPage } from '../features/tasks/TasksPage.tsx';

export interface NavItem {
  key: string;
  label: string;
  icon: ReactNode;
  render: () => ReactNode;
  /** Listed only for the roles that may call this channel (the 领导 has no 导入台账: importing is an edit). */
  needs?: Channel;
  /** Listed only on a county's ledger (县级汇总, app:info countyName). */
  countyOnly?: true;
}

export const NAV: NavItem[] = [
  { key: 'dashboard', label: '总览', icon: <DashboardOutlined />, render: () => <DashboardPage /> },
  { key: 'county', label: '县级汇总', icon: <ClusterOutlined />, render: () => <CountyPage />, countyOnly: true },
  { key: 'ledger', label: '项目台账', icon: <DatabaseOutlined />, render: () => <LedgerSection /> },
  { key: 'reports', label: '月报填报', icon: <FormOutlined />, render: () => <MonthlyReportPage /> },
  // 领导 open it too: the roster is theirs to read; making and merging buttons follow the permission matrix.
  { key: 'collect', label: '报送收集', icon: <InboxOutlined />, render: () => <CollectPage /> },
  { key: 'lights', label: '红黄绿灯', icon: <BulbOutlined />, render: () => <LightsPage /> },
  { key: 'supervision', label: '督办', icon: <AlertOutlined />, render: () => <SupervisionPage /> },
  { key: 'funds', label: '资金到位与拨付', icon: <MoneyCollectOutlined />, render: () => <FundsPage /> },
  { key: 'print', label: '打印', icon: <PrinterOutlined />, render: () => <PrintPage /> },
  { key: 'excel-export', label: '报表导出', icon: <FileExcelOutlined />, render: () => <ExportPage /> },
  {
    key: 'excel-import',
    label: '导入台账',
    icon: <ImportOutlined />,
    render: () => <ImportPage />,
    needs: 'excel:importApply',
  },
  { key: 'tasks', label: '责任清单', icon: <OrderedListOutlined />, render: () => <TasksPage /> },
  { key: 'indicators', label: '指标', icon: <AimOutlined />, render: () => <IndicatorsPage /> },
  { key: 'assessment', label: '考核', icon: <TrophyOutlined />, render: () => <AssessmentPage /> },
  { key: 'org', label: '组织机构', icon: <ApartmentOutlined />, render: () => <OrgPage /> },
  { key: 'leading-group', label: '领导小组', icon: <TeamOutlined />, render: () => <LeadingGroupPage /> },
  { key: 'history', label: '修改记录', icon: <HistoryOutlined />, render: () => <HistoryPage /> },
  { key: 'safety', label: '数据安全', icon: <SafetyOutlined />, render: () => <SafetyPage /> },
  { key: 'settings', label: '设置', icon: <SettingOutlined />, render: () => <SettingsPage /> },
];

/** The pages this role may open (the 领导 does not get 导入台账); 县级汇总 only on a county's ledger. */
export const navFor = (role: OperatorRole | null, county = false): NavItem[] =>
  NAV.filter((n) => (!n.needs || roleMay(role, n.needs)) && (!n.countyOnly || county));
