/**
 * The navigation: a section is listed here only once it works end to end (no placeholder pages).
 * Routes live in the URL hash so a reload (F5) comes back to the same page.
 */
import { DashboardOutlined, DatabaseOutlined, MoneyCollectOutlined, TrophyOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import { AssessmentPage } from '../features/assessment/AssessmentPage.tsx';
import { DashboardPage } from '../features/dashboard/DashboardPage.tsx';
import { FundsPage } from '../features/funds/FundsPage.tsx';
import { LedgerPage } from '../features/ledger/LedgerPage.tsx';

export interface NavItem {
  key: string;
  label: string;
  icon: ReactNode;
  render: () => ReactNode;
}

export const NAV: NavItem[] = [
  { key: 'dashboard', label: '总览', icon: <DashboardOutlined />, render: () => <DashboardPage /> },
  { key: 'ledger', label: '项目台账', icon: <DatabaseOutlined />, render: () => <LedgerPage /> },
  { key: 'funds', label: '资金到位与拨付', icon: <MoneyCollectOutlined />, render: () => <FundsPage /> },
  { key: 'assessment', label: '考核', icon: <TrophyOutlined />, render: () => <AssessmentPage /> },
];
