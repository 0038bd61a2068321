/**
 * A restore cut off at the last run (a power cut, the program killed), as the start settled it: a line over every page
 * after sign-in saying which state the ledger is in, until someone who may back up and restore presses 知道了 (the
 * core keeps it until then: backups:list → restoreNotice). Before, only the program's log said it.
 */
import { App as AntApp, Alert } from 'antd';
import { useState } from 'react';
import type { RestoreNotice } from '../../../../shared/schemas/safety.ts';
import { EditButton } from '../../components/EditButton.tsx';
import { call } from '../../lib/api.ts';
import { useRefresh } from '../../lib/use-channel-query.ts';

const TITLE: Record<RestoreNotice['ledger'], string> = {
  已恢复: '上次从备份恢复时程序意外中断，已在这次打开时做完恢复',
  恢复前: '上次从备份恢复时程序意外中断，台账没有被替换',
  待核对: '上次从备份恢复时程序意外中断，请核对台账',
};
const TYPE = { 已恢复: 'info', 恢复前: 'warning', 待核对: 'error' } as const;

export function RestoreNoticeBanner({ notice }: { notice: RestoreNotice | null | undefined }) {
  const { message } = AntApp.useApp();
  const refresh = useRefresh();
  const [busy, setBusy] = useState(false);
  if (!notice) return null;
  const dismiss = async () => {
    setBusy(true);
    try {
      await call('backups:dismissRestoreNotice', {});
      await refresh('backups:list');
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Alert
      type={TYPE[notice.ledger]}
      banner
      showIcon
      data-testid="restore-notice"
      message={TITLE[notice.ledger]}
      description={notice.message}
      action={
        <EditButton channel="backups:dismissRestoreNotice" size="small" loading={busy} onClick={() => void dismiss()}>
          知道了
        </EditButton>
      }
    />
  );
}
