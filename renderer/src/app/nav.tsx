/**
 * The navigation: a section is listed here only once it works end to end (no placeholder pages).
 * Routes live in the URL hash so a reload (F5) comes back to the same page.
 */
import { DatabaseOutlined, SafetyOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import { LedgerPage } from '../features/ledger/LedgerPage.tsx';
import { SafetyPage } from '../features/safety/SafetyPage.tsx';

export interface NavItem {
  key: string;
  label: string;
  icon: ReactNode;
  render: () => ReactNode;
}

export const NAV: NavItem[] = [
  { key: 'ledger', label: '项目台账', icon: <DatabaseOutlined />, render: () => <LedgerPage /> },
  { key: 'safety', label: '数据安全', icon: <SafetyOutlined />, render: () => <SafetyPage /> },
];
