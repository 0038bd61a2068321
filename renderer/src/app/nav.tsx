/**
 * The navigation: a section is listed here only once it works end to end (no placeholder pages).
 * Routes live in the URL hash so a reload (F5) comes back to the same page.
 */
import {
  ApartmentOutlined, AimOutlined, DatabaseOutlined, FileExcelOutlined, HistoryOutlined, ImportOutlined, OrderedListOutlined, PrinterOutlined,
  SettingOutlined, TeamOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import { HistoryPage } from '../features/history/HistoryPage.tsx';
import { IndicatorsPage } from '../features/indicators/IndicatorsPage.tsx';
import { LeadingGroupPage } from '../features/org/LeadingGroupPage.tsx';
import { OrgPage } from '../features/org/OrgPage.tsx';
import { SettingsPage } from '../features/settings/SettingsPage.tsx';
import { TasksPage } from '../features/tasks/TasksPage.tsx';
import { LedgerSection } from '../features/ledger/LedgerSection.tsx';
import { ExportPage } from '../features/excel/ExportPage.tsx';
import { ImportPage } from '../features/excel/ImportPage.tsx';
import { PrintPage } from '../features/print/PrintPage.tsx';

export interface NavItem {
  key: string;
  label: string;
  icon: ReactNode;
  render: () => ReactNode;
}

export const NAV: NavItem[] = [
  { key: 'ledger', label: '项目台账', icon: <DatabaseOutlined />, render: () => <LedgerSection /> },
  { key: 'tasks', label: '责任清单', icon: <OrderedListOutlined />, render: () => <TasksPage /> },
  { key: 'indicators', label: '指标', icon: <AimOutlined />, render: () => <IndicatorsPage /> },
  { key: 'org', label: '组织机构', icon: <ApartmentOutlined />, render: () => <OrgPage /> },
  { key: 'leading-group', label: '领导小组', icon: <TeamOutlined />, render: () => <LeadingGroupPage /> },
  { key: 'history', label: '修改记录', icon: <HistoryOutlined />, render: () => <HistoryPage /> },
  { key: 'settings', label: '设置', icon: <SettingOutlined />, render: () => <SettingsPage /> },
  { key: 'excel-export', label: '报表导出', icon: <FileExcelOutlined />, render: () => <ExportPage /> },
  { key: 'excel-import', label: '导入台账', icon: <ImportOutlined />, render: () => <ImportPage /> },
  { key: 'print', label: '打印', icon: <PrinterOutlined />, render: () => <PrintPage /> },
];
