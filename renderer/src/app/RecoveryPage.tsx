/**
 * Shown instead of the app when the database cannot be opened. Each fault gets its own title and safe action:
 * a locked or unreadable file is healthy, so only "重试" is offered; an empty, foreign, damaged or newer-version
 * file can be replaced by a backup (the file itself is moved aside, never overwritten), newest good one first.
 */
import { App as AntApp, Alert, Button, Card, Result, Space, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { BackupInfo, RecoveryStatus } from '../../../shared/schemas/safety.ts';
import { call } from '../lib/api.ts';
import { useAppReload } from '../lib/use-app-reload.tsx';
import { useChannelQuery } from '../lib/use-channel-query.ts';
import { useLongCall } from '../lib/use-long-call.ts';
import { CallProgressModal } from '../components/CallProgressModal.tsx';
import { BackupTable, formatWhen } from '../features/safety/BackupTable.tsx';

export function RecoveryPage({ productName }: { productName: string }) {
  const { message, modal } = AntApp.useApp();
  const { reloadApp, overlay } = useAppReload();
  const status = useChannelQuery('recovery:status', {});
  const [restoring, setRestoring] = useState(false);
  const long = useLongCall();
  const s = status.data;
  if (!s)
    return status.error ? (
      <Alert type="error" showIcon message={status.error.message} style={{ margin: 48 }} />
    ) : (
      <Spin fullscreen tip="正在检查数据库…" />
    );

  const restore = (b: BackupInfo) =>
    modal.confirm({
      title: `从 ${formatWhen(b.at)} 的备份恢复？`,
      // Whose ledger it is, said before the clerk commits: the town of the damaged ledger may not be known (townsNote).
      content: `这是${b.town ? `“${b.town}”的` : ''}台账备份。台账将回到这份备份时的样子（${b.projects ?? 0} 个项目）。无法打开的原数据库文件会原样移到备份文件夹的“已隔离”子文件夹中保存，不会被删除。`,
      okText: '恢复',
      cancelText: '取消',
      // The question closes at once; the restore shows its stages (a county's backup is checked in full first).
      onOk: () => {
        setRestoring(true);
        long.run('从备份恢复', 'recovery:restore', { name: b.name }).then(
          () => reloadApp('已恢复，正在打开台账…'),
          (e: unknown) => {
            message.error((e as Error).message);
            setRestoring(false);
          },
        );
      },
    });

  const code = s.error?.code ?? 'DB_DAMAGED';
  const future = code === 'DB_FROM_FUTURE';
  const transient = code === 'DB_LOCKED' || code === 'DB_UNREADABLE';
  const retry = async () => {
    setRestoring(true);
    try {
      const again = await call('recovery:status', {});
      if (again.mode === 'normal') return reloadApp('台账已可以打开，正在打开…');
      message.warning(again.error?.message ?? '仍然无法打开台账');
      void status.refetch();
    } catch (e) {
      message.error((e as Error).message);
    }
    setRestoring(false);
  };
  return (
    <div style={{ maxWidth: 1100, margin: '32px auto', padding: '0 16px' }}>
      {overlay}
      <CallProgressModal state={long.state} onCancel={long.cancel} />
      <Result
        status={future || transient ? 'warning' : 'error'}
        title={TITLES[code] ?? TITLES.DB_DAMAGED}
        subTitle={s.error?.message}
        extra={
          <Space direction="vertical">
            <Typography.Text type="secondary">
              {productName} · 数据库文件：{s.dbFile}
            </Typography.Text>
            {transient && (
              <Button type="primary" loading={restoring} onClick={() => void retry()}>
                重试
              </Button>
            )}
          </Space>
        }
      />
      {!transient && (
        <Card title="可用于恢复的备份" loading={restoring}>
          {future && (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 12 }}
              message="最稳妥的做法是安装最新版本的本软件后再打开。"
              description="如确需在本版本中继续工作，可以从下面的备份恢复；原数据库文件会原样保存在“已隔离”文件夹中。"
            />
          )}
          {townsNote(s) && <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={townsNote(s)} />}
          {s.backups.length === 0 ? (
            <Alert type="warning" showIcon message="没有找到备份。请不要删除数据库文件，并联系技术支持。" />
          ) : (
            <BackupTable
              rows={s.backups}
              highlight={s.newestGood}
              actions={(b) => (
                <Space>
                  <Button
                    size="small"
                    type={b.name === s.newestGood ? 'primary' : 'default'}
                    disabled={!b.ok}
                    onClick={() => restore(b)}
                  >
                    从此备份恢复
                  </Button>
                  {b.name === s.newestGood && <Tag color="green">推荐</Tag>}
                </Space>
              )}
            />
          )}
        </Card>
      )}
    </div>
  );
}

/**
 * Backups of other towns in the folder, said plainly above the list (the core lists them as 其他乡镇 and refuses to
 * restore them); or, where the damaged ledger's town cannot be known, that the folder holds more than one town's.
 */
function townsNote(s: RecoveryStatus): string | null {
  const others = [...new Set(s.backups.filter((b) => b.state === '其他乡镇').map((b) => b.town ?? ''))];
  if (others.length > 0)
    return `备份文件夹中有 ${s.backups.filter((b) => b.state === '其他乡镇').length} 份其他乡镇（${others.join('、')}）的台账备份：它们不是本台账（${s.town ?? ''}）的备份，不能用来恢复。`;
  const towns = [...new Set(s.backups.filter((b) => b.ok && b.town).map((b) => b.town!))];
  if (s.town === null && towns.length > 1)
    return `无法从台账文件中读出乡镇名称，而备份文件夹中有不同乡镇的备份（${towns.join('、')}）：请看清每份备份是哪个乡镇的再恢复。`;
  return null;
}

const TITLES: Record<string, string> = {
  DB_DAMAGED: '台账数据库已损坏，无法打开',
  DB_FROM_FUTURE: '数据库来自更新版本的本软件',
  DB_LOCKED: '台账正被另一个程序使用',
  DB_UNREADABLE: '无法读取台账文件',
  DB_EMPTY: '台账文件是空的',
  DB_FOREIGN: '这个文件不是本软件的台账',
};
