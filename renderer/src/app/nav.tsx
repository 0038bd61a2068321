/**
 * The navigation: a section is listed here only once it works end to end (no placeholder pages).
 * Routes live in the URL hash so a reload (F5) comes back to the same page.
 */
import { DatabaseOutlined, FileExcelOutlined, ImportOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import { ExportPage } from '../features/excel/ExportPage.tsx';
import { ImportPage } from '../features/excel/ImportPage.tsx';
import { LedgerPage } from '../features/ledger/LedgerPage.tsx';

export interface NavItem {
  key: string;
  label: string;
  icon: ReactNode;
  render: () => ReactNode;
}

export const NAV: NavItem[] = [
  { key: 'ledger', label: '项目台账', icon: <DatabaseOutlined />, render: () => <LedgerPage /> },
  { key: 'excel-export', label: '报表导出', icon: <FileExcelOutlined />, render: () => <ExportPage /> },
  { key: 'excel-import', label: '导入台账', icon: <ImportOutlined />, render: () => <ImportPage /> },
];
