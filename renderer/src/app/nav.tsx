/**
 * The navigation: a section is listed here only once it works end to end (no placeholder pages).
 * Routes live in the URL hash so a reload (F5) comes back to the same page.
 */
import { AlertOutlined, DatabaseOutlined, FormOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import { LedgerPage } from '../features/ledger/LedgerPage.tsx';
import { ReportsPage } from '../features/reports/ReportsPage.tsx';
import { SupervisionPage } from '../features/supervision/SupervisionPage.tsx';

export interface NavItem {
  key: string;
  label: string;
  icon: ReactNode;
  render: () => ReactNode;
}

export const NAV: NavItem[] = [
  { key: 'ledger', label: '项目台账', icon: <DatabaseOutlined />, render: () => <LedgerPage /> },
  { key: 'reports', label: '月报填报', icon: <FormOutlined />, render: () => <ReportsPage /> },
  { key: 'supervision', label: '督办', icon: <AlertOutlined />, render: () => <SupervisionPage /> },
];
