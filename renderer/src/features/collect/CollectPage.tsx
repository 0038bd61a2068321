/**
 * 报送收集 (issue 18): make the month's 报送表 for each 责任单位 or 包联领导, pick the files that came back, preview
 * what would be taken and refused, merge, and follow the roster (with a printable 催报单 for those not returned).
 * Units that fill on paper get a PDF 填报表 each (collect:paperForms); the units overdue get a 督办通知 (collect:notice).
 */
import {
  mergedMonthsText,
  refusedPlaces,
  untouchedReturnsText,
  wrongReturnText,
} from '../../../../shared/domain/collect-report.ts';
import { Alert, Button, Card, Input, Radio, Space, Table, Tag, Typography, Upload, message } from 'antd';
import { useState } from 'react';
import { formatDateCn, formatPeriodCn } from '../../../../shared/domain/display.ts';
import { formatWan } from '../../../../shared/domain/money.ts';
import type { CollectBy, CollectMade, CollectMergeReport, RosterEntry } from '../../../../shared/schemas/collect.ts';
import { COLLECT_BY } from '../../../../shared/schemas/collect.ts';
import { CallProgressModal } from '../../components/CallProgressModal.tsx';
import { DateInput } from '../../components/DateInput.tsx';
import { useMay } from '../../app/session.tsx';
import { EditButton } from '../../components/EditButton.tsx';
import { PeriodPicker, useCurrentPeriod } from '../../lib/current-period.tsx';
import { useChannelQuery, useRefresh } from '../../lib/use-channel-query.ts';
import { useLongCall } from '../../lib/use-long-call.ts';
import { useBusyRun } from '../../lib/use-busy-run.ts';
import { downloadBase64, fileToBase64 } from '../../lib/files.ts';
import { labelOf, titleOf } from '../../../../shared/fields/registry.ts';

const STATUS_COLOR: Record<RosterEntry['status'], string> = { 已报: 'green', 有误: 'orange', 未报: 'red' };

/** The 催报单: the units not returned (or returned with errors) and the deadline, as one printable page. */
export function CollectPage() {
  const { period, pick } = useCurrentPeriod();
  const [by, setBy] = useState<CollectBy>('责任单位');
  const [deadline, setDeadline] = useState<string | null>(null);
  const [contact, setContact] = useState('');
  const [made, setMade] = useState<CollectMade | null>(null);
  const [files, setFiles] = useState<{ fileName: string; base64: string }[]>([]);
  const [report, setReport] = useState<CollectMergeReport | null>(null);
  // files sent back untouched: named, as they count for nothing
  const untouched = report ? untouchedReturnsText(report.files) : null;
  // Months a merge wrote other than the one shown: the window stays on its month (current-period.tsx), and offers
  // to go to theirs — a late or early return was merged into a month the clerk was not looking at.
  const otherMonths =
    report && !report.dryRun ? report.months.filter((m) => m.accepted > 0 && m.period !== period) : [];
  const { busy, error, setError, run } = useBusyRun();
  const long = useLongCall();
  // Before the current period is known the roster of no month is asked for (an empty list), never the PC clock's.
  const roster = useChannelQuery('collect:roster', { period: period ?? '1900-01' });
  const refresh = useRefresh();
  // A 领导 reads the roster only: making and merging are data entry (the permission matrix), so those cards are not shown.
  const mayMake = useMay('collect:make');
  const mayMerge = useMay('collect:merge');

  const make = () =>
    period &&
    run(async () => {
      const out = await long.run('生成报送表', 'collect:make', { period, by, deadline, contact: contact || null });
      for (const k of out.kits) downloadBase64(k.fileName, k.base64);
      setMade(out);
      void refresh('collect:roster');
      void message.success(`已生成报送表 ${out.kits.length} 份`);
    });

  // No month is sent: each file goes into its own month, as the command line merges (a late return of last month
  // into last month, whatever month the page shows).
  const merge = (dryRun: boolean) =>
    run(async () => {
      const r = await long.run(dryRun ? '检查交回的报送表' : '合并交回的报送表', 'collect:merge', {
        returns: files,
        dryRun,
      });
      setReport(r);
      if (!dryRun) {
        void refresh('collect:roster');
        void message.success(`已合并：${mergedMonthsText(r)}`);
      }
    });

  const paper = () =>
    period &&
    run(async () => {
      const out = await long.run('生成纸质填报表', 'collect:paperForms', {
        period,
        by,
        deadline,
        contact: contact || null,
      });
      for (const f of out.forms) downloadBase64(f.fileName, f.base64);
      void message.success(`已生成纸质填报表 ${out.forms.length} 份（PDF）`);
    });

  // The 督办通知 as a PDF, printed by the core from the same HTML the 打印 page would preview.
  const notice = () =>
    period &&
    run(async () => {
      const out = await long.run('生成督办通知', 'collect:notice', { period });
      if (out.units.length === 0) {
        void message.info('没有逾期未报的单位，无需督办');
        return;
      }
      downloadBase64(out.fileName, out.base64);
      void message.success(`已生成督办通知：${out.units.map((u) => u.unit).join('、')}`);
    });

  // The 催报单 as a PDF from the core's printer (as every printout): signed and dated, in the office's look.
  const printChase = () =>
    period &&
    run(async () => {
      const out = await long.run('生成催报单', 'collect:chase', { period });
      downloadBase64(out.fileName, out.base64);
      void message.success(`已生成催报单：${out.rows.length}个单位`);
    });

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <CallProgressModal state={long.state} onCancel={long.cancel} />
      {error && <Alert type="error" showIcon message={error} closable onClose={() => setError(null)} />}
      {mayMake && (
        <Card title="生成报送表">
          <Space wrap>
            <PeriodPicker />
            <Radio.Group
              aria-label="分发方式"
              value={by}
              onChange={(e) => setBy(e.target.value as CollectBy)}
              optionType="button"
              options={COLLECT_BY.map((b) => ({ value: b, label: `按${b}` }))}
            />
            <span>填报截止</span>
            <DateInput value={deadline} onChange={setDeadline} placeholder="不填为默认" />
            <Input
              aria-label="联系人及电话"
              style={{ width: 240 }}
              value={contact}
              onChange={(e) => setContact(e.target.value)}
              placeholder="联系人及电话（写入填报说明）"
            />
            <EditButton
              channel="collect:make"
              type="primary"
              loading={busy}
              disabled={!period}
              onClick={() => void make()}
            >
              生成并下载报送表
            </EditButton>
            <EditButton channel="collect:paperForms" loading={busy} disabled={!period} onClick={() => void paper()}>
              纸质填报表（PDF）
            </EditButton>
          </Space>
          <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
            每个单位一份 Excel，只含本单位的项目（纸质填报的单位可下载同样内容的 PDF
            填报表）；填报截止不填时按亮灯规则的次月报送截止日；已预填项目编号、名称、年度计划和截至上月累计，只有黄色格可填，其余锁定；附填报说明。
          </Typography.Paragraph>
          {made && (
            <Table
              size="small"
              style={{ marginTop: 12 }}
              rowKey="kitKey"
              pagination={false}
              dataSource={made.kits}
              columns={[
                { title: made.by, dataIndex: 'unit' },
                { title: '项目数', dataIndex: 'projects', width: 90 },
                { title: '文件', dataIndex: 'fileName' },
              ]}
            />
          )}
        </Card>
      )}

      {mayMerge && (
        <Card title="合并交回的报送表">
          <Space wrap>
            <Upload
              accept=".xlsx,.xls,.et,.ods"
              multiple
              showUploadList={false}
              beforeUpload={(f) => {
                void fileToBase64(f).then((base64) =>
                  setFiles((prev) => [...prev.filter((x) => x.fileName !== f.name), { fileName: f.name, base64 }]),
                );
                return false;
              }}
            >
              <Button>选择交回的文件（可多选）</Button>
            </Upload>
            <Button disabled={files.length === 0} loading={busy} onClick={() => void merge(true)}>
              检查（不写入）
            </Button>
            <EditButton
              channel="collect:merge"
              type="primary"
              disabled={files.length === 0}
              loading={busy}
              onClick={() => void merge(false)}
            >
              合并到月报
            </EditButton>
            <Button
              disabled={files.length === 0}
              onClick={() => {
                setFiles([]);
                setReport(null);
              }}
            >
              清空
            </Button>
          </Space>
          <div style={{ marginTop: 8 }}>
            {files.map((f) => (
              <Tag key={f.fileName}>{f.fileName}</Tag>
            ))}
          </div>
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
            按文件中的报送标识识别单位和月份，不看文件名，每份文件合并到它自己的月份（晚交的上月报送表照常合并）；合并前自动备份，一次写入；同一文件合并两次不会重复写入。
          </Typography.Paragraph>
          {report && (
            <Space direction="vertical" style={{ width: '100%', marginTop: 12 }}>
              <Alert
                type={report.refused.length ? 'warning' : 'success'}
                showIcon
                message={`${report.dryRun ? '检查结果（未写入）' : '已合并'}：${mergedMonthsText(report)}，未采用 ${refusedPlaces(report.refused)} 处${report.altered.length ? `，表样被改动的文件 ${report.altered.length} 个` : ''}${untouched ? `；${untouched}` : ''}`}
                action={
                  otherMonths.length > 0 && (
                    <Space direction="vertical" size={4}>
                      {otherMonths.map((m) => (
                        <Button key={m.period} size="small" onClick={() => void pick(m.period)}>
                          转到{formatPeriodCn(m.period)}
                        </Button>
                      ))}
                    </Space>
                  )
                }
              />
              <Table
                size="small"
                title={() => '交回的文件'}
                rowKey="file"
                pagination={false}
                dataSource={report.files}
                columns={[
                  { title: '文件', dataIndex: 'file' },
                  { title: '单位', dataIndex: 'unit', render: (v: string | null) => v ?? '—' },
                  {
                    title: '月份',
                    dataIndex: 'period',
                    width: 110,
                    render: (v: string | null) => (v ? formatPeriodCn(v) : '—'),
                  },
                  { title: '结果', dataIndex: 'status', width: 90 },
                ]}
              />
              {report.refused.length > 0 && (
                <Table
                  size="small"
                  title={() => '未采用的格'}
                  rowKey={(r) => `${r.file}|${r.row}|${r.column}|${r.reason}`}
                  pagination={false}
                  dataSource={report.refused}
                  columns={[
                    { title: '文件', dataIndex: 'file' },
                    { title: '工作表', dataIndex: 'sheet', render: (v: string | null) => v ?? '—' },
                    { title: '行', dataIndex: 'row', width: 60, render: (v: number | null) => v ?? '—' },
                    { title: '列', dataIndex: 'column', width: 60, render: (v: string | null) => v ?? '—' },
                    { title: '原因', dataIndex: 'reason' },
                  ]}
                />
              )}
              {report.differences.length > 0 && (
                <Table
                  size="small"
                  title={() => '与台账中已填数据不同'}
                  rowKey={(r) => `${r.file}|${r.code}|${r.field}`}
                  pagination={false}
                  dataSource={report.differences}
                  columns={[
                    { title: '项目', dataIndex: 'name' },
                    { title: '字段', dataIndex: 'field' },
                    { title: '原值', dataIndex: 'before' },
                    { title: '交回值', dataIndex: 'after' },
                    { title: '文件', dataIndex: 'file' },
                  ]}
                />
              )}
              {report.acceptedRows.length > 0 && (
                <Table
                  size="small"
                  title={() => '采用的月报'}
                  rowKey={(r) => `${r.period}|${r.file}|${r.code}`}
                  pagination={false}
                  dataSource={report.acceptedRows}
                  columns={[
                    { title: '单位', dataIndex: 'unit' },
                    { title: '月份', dataIndex: 'period', width: 110, render: (v: string) => formatPeriodCn(v) },
                    { title: labelOf('project', 'code'), dataIndex: 'code' },
                    { title: labelOf('project', 'name'), dataIndex: 'name' },
                    {
                      title: titleOf('progress', 'monthWan'),
                      dataIndex: 'monthFen',
                      align: 'right',
                      render: (v: number) => formatWan(v, { grouping: true }),
                    },
                    {
                      title: '请核实',
                      dataIndex: 'warning',
                      render: (w: string | null) => (w ? <Typography.Text type="danger">{w}</Typography.Text> : null),
                    },
                  ]}
                />
              )}
            </Space>
          )}
        </Card>
      )}

      <Card
        title={
          mayMake ? (
            period ? (
              `${formatPeriodCn(period)}报送情况`
            ) : (
              '报送情况'
            )
          ) : (
            // whoever may not make kits (the 领导) still picks the month whose returns they look at
            <Space>
              <span>报送情况</span>
              <PeriodPicker />
            </Space>
          )
        }
        extra={
          <Space>
            <Button onClick={printChase} disabled={!roster.data?.roster.some((r) => r.status !== '已报')}>
              打印催报单
            </Button>
            <Button
              loading={busy}
              onClick={() => void notice()}
              disabled={!roster.data?.roster.some((r) => r.status !== '已报')}
            >
              督办通知（PDF）
            </Button>
          </Space>
        }
      >
        {roster.error && <Alert type="error" showIcon message={roster.error.message} />}
        <Table
          size="small"
          rowKey={(r) => `${r.by}|${r.unit}`}
          loading={roster.isFetching}
          pagination={false}
          dataSource={roster.data?.roster ?? []}
          locale={{ emptyText: '本月尚未发出报送表' }}
          columns={[
            { title: '单位', dataIndex: 'unit' },
            { title: '分发方式', dataIndex: 'by', width: 100 },
            { title: '项目数', dataIndex: 'projects', width: 80 },
            {
              title: '报送情况',
              dataIndex: 'status',
              width: 100,
              render: (s: RosterEntry['status'], r) => (
                <Tag color={STATUS_COLOR[s]}>
                  {s}
                  {r.overdue ? '（逾期）' : r.late ? '（逾期交回）' : ''}
                </Tag>
              ),
            },
            { title: '交回日期', dataIndex: 'returnedAt', render: (v: string | null) => (v ? formatDateCn(v) : '—') },
            { title: '交回文件', dataIndex: 'file', render: (v: string | null) => v ?? '—' },
            { title: '截止日期', dataIndex: 'deadline', render: (v: string) => formatDateCn(v) },
            {
              title: '备注',
              dataIndex: 'reasons',
              // the same words as the 催报单: the unit is told what to correct
              render: (_: unknown, r) => (r.status === '有误' ? wrongReturnText(r.reasons) : '—'),
            },
          ]}
        />
      </Card>
    </Space>
  );
}
