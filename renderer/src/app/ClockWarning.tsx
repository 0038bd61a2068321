/**
 * The PC's clock reads earlier than the ledger's latest record (AppInfo.clockBehind): a red line over every page
 * until it is put right. Township PCs lose their date with a flat CMOS battery; everything written meanwhile would be
 * dated years back, and 序时进度 and overdue 节点 judged by that date — so it is said at once, in the clerk's words.
 */
import { Alert } from 'antd';
import { formatBeijingTime } from '../../../shared/domain/display.ts';
import type { AppInfo } from '../../../shared/schemas/app.ts';

export function clockWarningText(behind: NonNullable<AppInfo['clockBehind']>): string {
  return (
    `电脑的日期时间可能不对：本机现在是${formatBeijingTime(behind.now)}，而台账里已有${formatBeijingTime(behind.latestAt)}的记录。` +
    '日期不对时，修改记录、登录记录的时间和序时进度、节点是否逾期都会算错。' +
    '请先校正本机的日期和时间（在屏幕右下角的时间上点右键，选“调整日期/时间”），再继续录入。'
  );
}

export function ClockWarning({ behind }: { behind: AppInfo['clockBehind'] }) {
  if (!behind) return null;
  return <Alert type="error" banner showIcon data-testid="clock-warning" message={clockWarningText(behind)} />;
}
