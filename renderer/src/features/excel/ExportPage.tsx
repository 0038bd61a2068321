/** 报表导出: T1–T5 for a period, and the county's own template filled in after the user confirms its columns. */
import { Alert, Button, Card, Select, Space, Table, Typography, Upload, message } from 'antd';
import { useState } from 'react';
import { isMoneyTemplateField, TEMPLATE_FIELDS } from '../../../../shared/domain/excel-synonyms.ts';
import { formatPeriodCn } from '../../../../shared/domain/period.ts';
import {
  EXPORT_TEMPLATES,
  templateLabel,
  type ExportTemplate,
  type TemplateInspect,
} from '../../../../shared/schemas/excel.ts';
import { CallProgressModal } from '../../components/CallProgressModal.tsx';
import { call } from '../../lib/api.ts';
import { PeriodPicker, useCurrentPeriod } from '../../lib/current-period.tsx';
import { useLongCall } from '../../lib/use-long-call.ts';
import { useBusyRun } from '../../lib/use-busy-run.ts';
import { useChannelQuery } from '../../lib/use-channel-query.ts';
import { downloadBase64, fileToBase64 } from '../../lib/files.ts';

// Named as the package and the files name them (表1 …): T1 is the CLI's word, not the clerk's.
const HINTS: Partial<Record<ExportTemplate, string>> = { T3: '（资金构成、四个一批）' };
const TEMPLATES = EXPORT_TEMPLATES.map((value) => ({ value, label: `${templateLabel(value)}${HINTS[value] ?? ''}` }));
const FIELD_OPTIONS = Object.entries(TEMPLATE_FIELDS).map(([value, label]) => ({ value, label }));

export function ExportPage() {
  const [template, setTemplate] = useState<ExportTemplate>('T1');
  /** T5: which 责任清单; the first (as the 责任清单 page opens) until one is chosen */
  const [campaignId, setCampaignId] = useState<number | null>(null);
  const campaigns = useChannelQuery('campaigns:list', {});
  const [tpl, setTpl] = useState<{
    name: string;
    base64: string;
    inspect: TemplateInspect;
    columns: Record<string, string | null>;
  } | null>(null);
  const { busy, error, run } = useBusyRun();
  const long = useLongCall();
  // The current period of every page (current-period.tsx), not the PC clock.
  const period = useCurrentPeriod().period;

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <CallProgressModal state={long.state} onCancel={long.cancel} />
      <Card title="导出县级报表">
        <Space wrap>
          <Select
            aria-label="报表"
            style={{ width: 320 }}
            value={template}
            options={TEMPLATES}
            onChange={setTemplate}
          />
          {template === 'T5' && (
            <Select
              aria-label="责任清单"
              style={{ width: 320 }}
              placeholder="选择责任清单"
              value={campaignId ?? campaigns.data?.[0]?.id}
              options={(campaigns.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
              onChange={setCampaignId}
            />
          )}
          <PeriodPicker />
          <Button
            type="primary"
            loading={busy}
            disabled={!period}
            onClick={() =>
              period &&
              run(async () => {
                const out = await long.run('导出报表', 'excel:export', {
                  template,
                  period,
                  campaignId: template === 'T5' ? (campaignId ?? campaigns.data?.[0]?.id ?? null) : null,
                });
                downloadBase64(out.fileName, out.base64);
                void message.success(`已导出：${out.fileName}`);
              })
            }
          >
            导出 Excel
          </Button>
        </Space>
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
          {'金额以万元数值写入（格式 0.00），合计为公式并带计算结果；A4/A3 横向，正文打印不小于 9 磅：一页宽放得下时按页宽打印，' +
            '放不下时只在列组之间分页（合并表头不跨页）；每页重复表头（分页时还有序号、项目名称列），页脚“第 N 页 共 M 页”。'}
        </Typography.Paragraph>
      </Card>
      <Card title="报县数据包">
        <Space wrap>
          {/* The period picked above: one current period for the whole page. */}
          <Typography.Text>{period ? formatPeriodCn(period) : '请先选择期别'}</Typography.Text>
          <Button
            loading={busy}
            disabled={!period}
            onClick={() =>
              period &&
              run(async () => {
                const out = await long.run('导出报县数据包', 'package:export', { period });
                downloadBase64(out.fileName, out.base64, 'application/zip');
                void message.success(`已导出：${out.fileName}`);
              })
            }
          >
            导出数据包
          </Button>
        </Space>
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
          一个压缩包：本期表1–表5、同一组指标的数据文件（县里程序可直接导入）、关账快照与修改留痕的校验值，以及记录每个文件哈希值的清单；县里导入时逐一核对，改动或缺少的文件会被拒收并写明文件名。
        </Typography.Paragraph>
      </Card>
      <Card title="按县里的模板填报">
        <Space direction="vertical" style={{ width: '100%' }}>
          <Upload
            accept=".xlsx"
            showUploadList={false}
            beforeUpload={(file) => {
              void run(async () => {
                const base64 = await fileToBase64(file);
                const inspect = await call('excel:templateInspect', { fileName: file.name, base64 });
                setTpl({
                  name: file.name,
                  base64,
                  inspect,
                  columns: Object.fromEntries(inspect.columns.map((c) => [c.letter, c.field])),
                });
              });
              return false;
            }}
          >
            <Button>选择县里的模板（Excel 文件）</Button>
          </Upload>
          {tpl && (
            <>
              <Typography.Text>
                模板“{tpl.name}”：工作表“{tpl.inspect.sheet}”，表头在第 {tpl.inspect.headerRows.join('、')} 行，从第{' '}
                {tpl.inspect.firstDataRow} 行起填写。
                {tpl.inspect.savedMapping
                  ? `已使用保存的映射“${tpl.inspect.savedMapping}”。`
                  : '请确认每一列对应的台账字段（只需确认一次）。'}
              </Typography.Text>
              <Table
                size="small"
                rowKey="letter"
                pagination={false}
                dataSource={tpl.inspect.columns}
                columns={[
                  { title: '列', dataIndex: 'letter', width: 60 },
                  { title: '模板表头', dataIndex: 'header' },
                  {
                    title: '台账字段',
                    width: 280,
                    render: (_: unknown, c: TemplateInspect['columns'][number]) => (
                      <Select
                        allowClear
                        style={{ width: 260 }}
                        placeholder="（不填）"
                        value={tpl.columns[c.letter] ?? undefined}
                        options={FIELD_OPTIONS}
                        onChange={(v) => setTpl({ ...tpl, columns: { ...tpl.columns, [c.letter]: v ?? null } })}
                      />
                    ),
                  },
                  {
                    title: '金额单位',
                    width: 100,
                    render: (_: unknown, c: TemplateInspect['columns'][number]) => {
                      const f = tpl.columns[c.letter];
                      return f && isMoneyTemplateField(f) ? c.unit : '';
                    },
                  },
                ]}
              />
              <Button
                type="primary"
                loading={busy}
                disabled={!period}
                onClick={() =>
                  period &&
                  run(async () => {
                    const out = await long.run('按模板填报', 'excel:templateFill', {
                      fileName: tpl.name,
                      templateBase64: tpl.base64,
                      period,
                      columns: tpl.columns,
                      saveMappingAs: tpl.inspect.savedMapping ?? tpl.name,
                    });
                    downloadBase64(out.fileName, out.base64);
                    void message.success(`已按模板填报：${out.fileName}`);
                  })
                }
              >
                确认映射并填报（{period ? formatPeriodCn(period) : ''}）
              </Button>
            </>
          )}
        </Space>
      </Card>
      {error && <Alert type="error" showIcon message={error} />}
    </Space>
  );
}
