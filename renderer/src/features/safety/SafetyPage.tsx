/**
 * 数据安全: backups (automatic and to a U盘), restore with a preview and undo, and the 留痕 check and
 * export for auditors. Paths never pass through here: the main process shows the dialogs and hands
 * back tokens.
 */
import { formatWanUnit } from '../../../../shared/domain/display.ts';
import { CloudDownloadOutlined, SafetyCertificateOutlined, SaveOutlined, UsbOutlined } from '@ant-design/icons';
import { App as AntApp, Alert, Button, Card, DatePicker, Descriptions, Input, Select, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import type { BackupInfo } from '../../../../shared/schemas/safety.ts';
import type { Out } from '../../../../shared/ipc/contract.ts';
import { EditButton } from '../../components/EditButton.tsx';
import { CallProgressModal } from '../../components/CallProgressModal.tsx';
import { call } from '../../lib/api.ts';
import { useLongCall } from '../../lib/use-long-call.ts';
import { useAppReload } from '../../lib/use-app-reload.tsx';
import { useChannelQuery, useRefresh } from '../../lib/use-channel-query.ts';
import { useProjectPicker } from '../../lib/use-project-picker.ts';
import { BackupTable, formatWhen } from './BackupTable.tsx';
import { VerifyResult } from './VerifyResult.tsx';

export function SafetyPage() {
  const { message, modal } = AntApp.useApp();
  const { reloadApp, overlay } = useAppReload();
  const list = useChannelQuery('backups:list', {});
  const refresh = useRefresh();
  const [busy, setBusy] = useState<string | null>(null);
  const long = useLongCall();
  const [chain, setChain] = useState<Out<'audit:verify'> | null>(null);
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [operator, setOperator] = useState('');
  const [projectId, setProjectId] = useState<number | null>(null);
  const projects = useProjectPicker({ scope: 'all', keep: projectId ? [projectId] : [] });

  const run = async (key: string, fn: () => Promise<void>) => {
    setBusy(key);
    try {
      await fn();
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setBusy(null);
    }
  };

  const backupHere = () =>
    run('auto', async () => {
      const r = await long.run('备份数据库', 'backups:create', { target: 'auto' });
      message.success(`已备份：${formatWhen(r.at)}`);
      await refresh('backups:list');
    });

  const backupToUsb = () =>
    run('manual', async () => {
      const picked = await call('dialog:pickBackupFolder', {});
      if (!picked) return;
      const r = await long.run('备份到U盘', 'backups:create', { target: 'manual', destToken: picked.token });
      message.success(`已备份到 ${r.file}`);
      await refresh('backups:list');
    });

  const summary = (b: BackupInfo) => (
    <Descriptions size="small" column={1} bordered>
      <Descriptions.Item label="备份时间">{formatWhen(b.at)}</Descriptions.Item>
      <Descriptions.Item label="类型">{b.reason}</Descriptions.Item>
      <Descriptions.Item label="最后修改">
        {b.operator ? `${b.operator}，${formatWhen(b.lastChangeAt)}` : '（无修改记录）'}
      </Descriptions.Item>
      <Descriptions.Item label="项目数">{b.projects}</Descriptions.Item>
      <Descriptions.Item label="月报数">{b.reports}</Descriptions.Item>
      <Descriptions.Item label="总投资">{formatWanUnit(b.totalInvestmentFen)}</Descriptions.Item>
      <Descriptions.Item label="校验">{b.ok ? '完好（已做完整性检查）' : b.problem}</Descriptions.Item>
    </Descriptions>
  );

  const preview = (b: BackupInfo) =>
    run(`preview:${b.name}`, async () => {
      const full = await call('backups:preview', { name: b.name });
      modal.info({ title: `备份“${b.name}”`, width: 560, content: summary(full), okText: '关闭' });
    });

  const restore = (b: BackupInfo) =>
    run(`preview:${b.name}`, async () => {
      const full = await call('backups:preview', { name: b.name });
      if (!full.ok) {
        message.error(`该备份不能用于恢复：${full.problem}`);
        return;
      }
      modal.confirm({
        title: '从此备份恢复？',
        width: 600,
        content: (
          <Space direction="vertical" style={{ width: '100%' }}>
            {summary(full)}
            <Alert
              type="warning"
              showIcon
              message="恢复后，台账将回到这份备份时的样子；之后所做的修改不再显示。"
              description="恢复前会先把当前数据另存为一份“恢复前”备份，如恢复错了，可点“撤销恢复”回到现在的状态。"
            />
          </Space>
        ),
        okText: '恢复',
        okButtonProps: { danger: true },
        cancelText: '取消',
        // The question closes at once; the restore shows its stages, and 取消 before the file is replaced.
        onOk: () => {
          void run('restore', async () => {
            await long.run('从备份恢复', 'backups:restore', { name: b.name });
            reloadApp('已恢复，正在重新载入台账…');
          });
        },
      });
    });

  const undo = () =>
    modal.confirm({
      title: '撤销上次恢复？',
      content: '台账将回到恢复之前的样子（恢复之后所做的修改会另存为“撤销前”备份）。',
      okText: '撤销恢复',
      cancelText: '取消',
      onOk: () => {
        void run('undo', async () => {
          await long.run('撤销恢复', 'backups:undoRestore', {});
          reloadApp('已撤销恢复，正在重新载入台账…');
        });
      },
    });

  const verify = () => run('verify', async () => setChain(await long.run('核验修改留痕', 'audit:verify', {})));

  const exportAudit = (format: 'xlsx' | 'pdf') =>
    run(`export-${format}`, async () => {
      const picked = await call('dialog:saveFile', { kind: format, defaultName: '修改留痕（审计导出）' });
      if (!picked) return;
      const r = await long.run(format === 'pdf' ? '导出留痕 PDF' : '导出留痕表格', 'audit:export', {
        format,
        destToken: picked.token,
        from: range?.[0]?.format('YYYY-MM-DD') ?? null,
        to: range?.[1]?.format('YYYY-MM-DD') ?? null,
        operator: operator || null,
        projectId,
      });
      message.success(`已导出 ${r.rows} 条留痕到 ${r.file}`);
    });

  const data = list.data;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      {overlay}
      <CallProgressModal state={long.state} onCancel={long.cancel} />
      {list.error && <Alert type="error" showIcon message={list.error.message} />}
      {data?.manualReminder && (
        <Alert
          type="warning"
          showIcon
          message={
            data.lastManualAt
              ? `已超过 7 天没有备份到U盘（上次：${formatWhen(data.lastManualAt)}）`
              : '还没有备份到U盘或其他文件夹'
          }
          description="电脑硬盘损坏时，本机的自动备份也会一起丢失。请插入U盘，点“备份到U盘…”。"
          action={
            <EditButton icon={<UsbOutlined />} onClick={backupToUsb} loading={busy === 'manual'}>
              备份到U盘…
            </EditButton>
          }
        />
      )}
      {data?.undo && (
        <Alert
          type="info"
          showIcon
          message={`上次于 ${formatWhen(data.undo.at)} 从备份“${data.undo.restoredName}”恢复`}
          action={
            <EditButton channel="backups:undoRestore" onClick={undo}>
              撤销恢复
            </EditButton>
          }
        />
      )}
      <Card
        title="备份"
        extra={
          <Space>
            <EditButton icon={<SaveOutlined />} onClick={backupHere} loading={busy === 'auto'}>
              立即备份
            </EditButton>
            <EditButton type="primary" icon={<UsbOutlined />} onClick={backupToUsb} loading={busy === 'manual'}>
              备份到U盘…
            </EditButton>
          </Space>
        }
      >
        <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
          每天首次打开时、升级数据库前、导入前和恢复前自动备份到本机 {data?.dir ?? ''}；保留最近 10 份、30 天内每天 1
          份、12 个月内每月 1 份。
          {data?.lastManualAt ? ` 上次备份到U盘：${formatWhen(data.lastManualAt)}。` : ''}
        </Typography.Paragraph>
        <BackupTable
          rows={data?.backups ?? []}
          actions={(b) => (
            <Space size={4}>
              <Button size="small" onClick={() => preview(b)} loading={busy === `preview:${b.name}`}>
                查看
              </Button>
              <EditButton channel="backups:restore" size="small" danger disabled={!b.ok} onClick={() => restore(b)}>
                恢复
              </EditButton>
            </Space>
          )}
        />
      </Card>
      <Card title="修改留痕（审计）">
        <Space direction="vertical" style={{ width: '100%' }}>
          <Space wrap>
            <Button icon={<SafetyCertificateOutlined />} onClick={verify} loading={busy === 'verify'}>
              校验留痕
            </Button>
          </Space>
          {chain && <VerifyResult check={chain} />}
          <Space wrap>
            <DatePicker.RangePicker
              value={range}
              onChange={(v) => setRange(v)}
              placeholder={['起始日期', '截止日期']}
              allowEmpty={[true, true]}
            />
            <Input
              placeholder="操作员（全部）"
              value={operator}
              onChange={(e) => setOperator(e.target.value)}
              style={{ width: 150 }}
              allowClear
            />
            <Select
              placeholder="项目（全部）"
              allowClear
              showSearch
              filterOption={false}
              onSearch={projects.search}
              style={{ width: 280 }}
              value={projectId}
              onChange={(v) => setProjectId(v ?? null)}
              options={projects.options}
            />
            <Button
              type="primary"
              icon={<CloudDownloadOutlined />}
              onClick={() => exportAudit('xlsx')}
              loading={busy === 'export-xlsx'}
            >
              导出 Excel…
            </Button>
            <Button icon={<CloudDownloadOutlined />} onClick={() => exportAudit('pdf')} loading={busy === 'export-pdf'}>
              导出 PDF…
            </Button>
          </Space>
          <Typography.Text type="secondary">
            每条修改记录都带有与上一条相连的校验值；直接改动数据库文件会使校验在被改的那一条处中断。
          </Typography.Text>
        </Space>
      </Card>
    </Space>
  );
}
