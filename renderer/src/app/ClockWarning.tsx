/**
 * The PC's clock reads earlier than the ledger's latest record (AppInfo.clockBehind): a red line over every page
 * until it is put right. Township PCs lose their date with a flat CMOS battery; everything written meanwhile would be
 * dated years back, and 序时进度 and overdue 节点 judged by that date — so it is said at once, in the clerk's words.
 */
import { Alert } from 'antd';
import { clockWarningText } from '../../../shared/domain/display.ts';
import type { AppInfo } from '../../../shared/schemas/app.ts';

export function ClockWarning({ behind }: { behind: AppInfo['clockBehind'] }) {
  if (!behind) return null;
  return <Alert type="error" banner showIcon data-testid="clock-warning" message={clockWarningText(behind)} />;
}
