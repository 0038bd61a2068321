import { HistoryTable } from './HistoryTable.tsx';

/** 修改记录: every change, by whom and when, newest first. */
export function HistoryPage() {
  return <HistoryTable />;
}
