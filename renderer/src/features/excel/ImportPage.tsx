/** 导入台账: upload → preview (created / updated / skipped and every problem) → choose → apply → report. */
import { formatApproxWan, formatWanUnit } from '../../../../shared/domain/display.ts';
import { Alert, Button, Card, Descriptions, Radio, Space, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { importCountsText } from '../../../../shared/domain/import-counts.ts';
import { formatWan } from '../../../../shared/domain/money.ts';
import type { ImportDecision, ImportPreview, ImportReport } from '../../../../shared/schemas/excel.ts';
import { CallProgressModal } from '../../components/CallProgressModal.tsx';
import { useLongCall } from '../../lib/use-long-call.ts';
import { useBusyRun } from '../../lib/use-busy-run.ts';
import { downloadBlob, fileToBase64 } from '../../lib/files.ts';
import { labelOf, titleOf } from '../../../../shared/fields/registry.ts';
import { YearInput } from '../../components/YearInput.tsx';
import { UnitTitle } from '../../components/UnitTitle.tsx';

type HiddenRows = 'import' | 'skip';

const ACTION = {
  create: ['新增', 'green'],
  update: ['更新', 'blue'],
  skip: ['跳过', 'default'],
  error: ['有错误', 'red'],
} as const;

export function ImportPage() {
  const [file, setFile] = useState<{ name: string; base64: string } | null>(null);
  const [duplicates, setDuplicates] = useState<ImportDecision>('skip');
  /** The year the user confirmed or corrected; null = as read from the file. */
  const [year, setYear] = useState<number | null>(null);
  /** What to do with the rows the file hides (hidden or filtered out in Excel/WPS). */
  const [hiddenRows, setHiddenRows] = useState<HiddenRows>('import');
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const { busy, error, run } = useBusyRun();
  const long = useLongCall();

  const load = (
    f: { name: string; base64: string },
    dup: ImportDecision,
    y: number | null = year,
    hid: HiddenRows = hiddenRows,
  ) =>
    run(async () => {
      setReport(null);
      try {
        setPreview(
          await long.run('读取并检查文件', 'excel:importPreview', {
            fileName: f.name,
            base64: f.base64,
            duplicates: dup,
            year: y,
            hiddenRows: hid,
          }),
        );
      } catch (e) {
        setPreview(null); // a file that cannot be read leaves no preview of the one before
        throw e;
      }
    });

  const apply = () =>
    file &&
    run(async () => {
      setReport(
        await long.run('导入台账', 'excel:importApply', {
          fileName: file.name,
          base64: file.base64,
          duplicates,
          year,
          hiddenRows,
        }),
      );
    });

  const errors = preview?.problems.filter((p) => p.level === 'error') ?? [];
  const ignored = preview?.columns.filter((c) => c.note) ?? [];
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <CallProgressModal state={long.state} onCancel={long.cancel} />
      <Card title="导入已有台账">
        <Space direction="vertical">
          <Upload
            accept=".xlsx,.xls,.et,.csv,.txt"
            showUploadList={false}
            beforeUpload={(f) => {
              void fileToBase64(f).then((base64) => {
                const next = { name: f.name, base64 };
                setFile(next);
                setYear(null);
                setHiddenRows('import');
                return load(next, duplicates, null, 'import');
              });
              return false;
            }}
          >
            <Button type="primary" loading={busy}>
              选择文件（Excel、WPS 表格或文本表格）
            </Button>
          </Upload>
          <Typography.Text type="secondary">
            先预览，确认无误后才写入；写入前自动备份数据库，全部成功或全部不写。
          </Typography.Text>
        </Space>
      </Card>
      {error && <Alert type="error" showIcon message={error} />}
      {preview && !report && (
        <Card title={`预览：${preview.fileName}`}>
          <Descriptions size="small" column={3} bordered style={{ marginBottom: 12 }}>
            <Descriptions.Item label="工作表">
              {preview.sheet}（表头第 {preview.headerRows.join('、')} 行）
            </Descriptions.Item>
            <Descriptions.Item label="年度" span={2}>
              <Space wrap>
                <YearInput
                  aria-label="年度"
                  standalone="年度"
                  value={preview.year}
                  style={{ width: 120 }}
                  onChange={(v) => {
                    if (v === null) return;
                    setYear(v);
                    if (file) void load(file, duplicates, v);
                  }}
                />
                <span>年{preview.month ? `${preview.month}月` : ''}</span>
                {preview.periodFromClock ? (
                  <Tag color="orange">{preview.periodSource}</Tag>
                ) : (
                  <Typography.Text type="secondary">读自：{preview.periodSource}</Typography.Text>
                )}
              </Space>
            </Descriptions.Item>
            <Descriptions.Item label="金额单位">
              {preview.unit}
              <Typography.Text type="secondary">（{preview.unitSource}）</Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label="项目" span={2}>
              {preview.counts.projects} 个（另有子项目 {preview.counts.subProjects} 个），总投资{' '}
              {formatWanUnit(preview.counts.totalInvestmentFen)}
            </Descriptions.Item>
            <Descriptions.Item label="将新增">{preview.counts.create}</Descriptions.Item>
            <Descriptions.Item label="将更新">
              {preview.counts.update}
              {preview.counts.unchanged > 0 ? `（其中 ${preview.counts.unchanged} 个与台账相同，不改动）` : ''}
            </Descriptions.Item>
            <Descriptions.Item label="跳过">
              {preview.counts.skip}（另有分类行 {preview.counts.sections}、合计行 {preview.counts.totals}
              {preview.counts.breakdowns ? `、其中行 ${preview.counts.breakdowns}` : ''} 不导入）
            </Descriptions.Item>
          </Descriptions>
          {preview.missingFields.length > 0 && (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 12 }}
              message={`本文件没有：${preview.missingFields.join('、')}，导入后可补录`}
            />
          )}
          {preview.notices.map((n) => (
            <Alert key={n} type="warning" showIcon style={{ marginBottom: 12 }} message={n} />
          ))}
          {preview.totalsChecked.length > 0 && (
            <TotalsTable checks={preview.totalsChecked} problems={preview.problems} />
          )}
          {ignored.length > 0 && (
            <Typography.Paragraph type="secondary">
              不读入的列：{ignored.map((c) => `${c.letter}列“${c.header}”（${c.note}）`).join('；')}
            </Typography.Paragraph>
          )}
          {preview.hiddenRows.length > 0 && (
            <Space style={{ marginTop: 12, display: 'flex' }}>
              <span>表格中隐藏的 {preview.hiddenRows.length} 行项目：</span>
              <Radio.Group
                aria-label="表格中隐藏的行"
                value={hiddenRows}
                onChange={(e) => {
                  setHiddenRows(e.target.value as HiddenRows);
                  if (file) void load(file, duplicates, year, e.target.value as HiddenRows);
                }}
                options={[
                  { value: 'import', label: '一并导入' },
                  { value: 'skip', label: '不导入' },
                ]}
              />
            </Space>
          )}
          <Space style={{ margin: '12px 0', display: 'flex' }}>
            <span>与已有项目重复（编号相同，或名称与年度相同）时：</span>
            <Radio.Group
              value={duplicates}
              onChange={(e) => {
                setDuplicates(e.target.value as ImportDecision);
                if (file) void load(file, e.target.value as ImportDecision);
              }}
              options={[
                { value: 'skip', label: '跳过' },
                { value: 'update', label: '更新' },
                { value: 'create', label: '另建副本' },
              ]}
            />
          </Space>
          {errors.length > 0 && (
            <Alert
              type="error"
              showIcon
              message={`有 ${errors.length} 处错误，请改正文件后重新选择（不会写入任何数据）`}
              style={{ marginBottom: 12 }}
            />
          )}
          {preview.problems.length > 0 && (
            <Table
              size="small"
              rowKey={(p) => `${p.row}-${p.column}-${p.message}`}
              pagination={{ pageSize: 10 }}
              dataSource={preview.problems}
              columns={[
                { title: '工作表', dataIndex: 'sheet', width: 120 },
                { title: '行', dataIndex: 'row', width: 60 },
                { title: '列', dataIndex: 'column', width: 60 },
                { title: '表头', dataIndex: 'header', width: 160 },
                {
                  title: '级别',
                  dataIndex: 'level',
                  width: 70,
                  render: (l: string) => (l === 'error' ? <Tag color="red">错误</Tag> : <Tag>提示</Tag>),
                },
                { title: '原因', dataIndex: 'message' },
              ]}
              style={{ marginBottom: 12 }}
            />
          )}
          <Table
            size="small"
            rowKey="row"
            pagination={{ pageSize: 20 }}
            dataSource={preview.rows}
            columns={[
              {
                title: '行',
                dataIndex: 'row',
                width: 90,
                render: (row: number) =>
                  preview.hiddenRows.includes(row) ? (
                    <Space size={4}>
                      {row}
                      <Tag title="在表格中隐藏或被筛选掉">隐藏</Tag>
                    </Space>
                  ) : (
                    row
                  ),
              },
              { title: labelOf('project', 'code'), dataIndex: 'code', width: 120 },
              {
                title: labelOf('project', 'name'),
                dataIndex: 'name',
                render: (n: string, r: ImportPreview['rows'][number]) =>
                  r.parentRow === null ? (
                    n
                  ) : (
                    <span style={{ paddingLeft: 20 }}>
                      └ {n}
                      <Typography.Text type="secondary">（第 {r.parentRow} 行的子项目）</Typography.Text>
                    </span>
                  ),
              },
              { title: '分类（文件中的）', dataIndex: 'section', width: 160, render: (v: string | null) => v ?? '' },
              {
                title: titleOf('project', 'totalWan'),
                dataIndex: 'totalFen',
                align: 'right',
                width: 140,
                render: (v: number | null, r: ImportPreview['rows'][number]) =>
                  formatApproxWan(v, r.approx, { grouping: true }),
              },
              {
                title: '处理',
                dataIndex: 'action',
                width: 90,
                render: (a: keyof typeof ACTION, r: ImportPreview['rows'][number]) =>
                  r.unchanged ? <Tag>无变化</Tag> : <Tag color={ACTION[a][1]}>{ACTION[a][0]}</Tag>,
              },
              { title: '重复于', render: (_: unknown, r: ImportPreview['rows'][number]) => r.duplicateOf?.name ?? '' },
            ]}
          />
          <Button
            type="primary"
            disabled={errors.length > 0 || preview.counts.create + preview.counts.update === 0}
            loading={busy}
            onClick={apply}
            style={{ marginTop: 12 }}
          >
            确认导入（新增 {preview.counts.create}，更新 {preview.counts.update}
            {preview.counts.unchanged > 0 ? `，其中 ${preview.counts.unchanged} 个与台账相同、不改动` : ''}）
          </Button>
        </Card>
      )}
      {report && (
        <Alert
          type="success"
          showIcon
          message={`导入完成：${importCountsText(report)}`}
          description={
            <Space direction="vertical">
              <span>导入前的数据库已备份：{report.backupFile ?? '（未写入，无需备份）'}</span>
              <Button
                onClick={() =>
                  downloadBlob(
                    `导入报告-${report.fileName}.csv`,
                    new Blob([reportCsv(report)], { type: 'text/csv;charset=utf-8' }),
                  )
                }
              >
                下载导入报告
              </Button>
            </Space>
          }
        />
      )}
    </Space>
  );
}

/**
 * The file's own 合计/小计 against the rows they cover: differences first, in the import's own warning of each such
 * row (its 总投资 or the count its label states), then every row checked.
 */
function TotalsTable({
  checks,
  problems,
}: {
  checks: ImportPreview['totalsChecked'];
  problems: ImportPreview['problems'];
}) {
  const rows = new Set(checks.map((c) => c.row));
  const diffs = problems.filter((p) => p.level === 'warning' && rows.has(p.row));
  return (
    <>
      {diffs.length > 0 ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 8 }}
          message={`文件中的合计与其所计项目不符 ${diffs.length} 处（仍可导入；台账按明细计算）`}
          description={diffs.map((d) => `${d.sheet} ${d.message}`).join('；')}
        />
      ) : (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 8 }}
          message={`文件中的 ${checks.length} 个合计/小计与明细之和一致`}
        />
      )}
      <Table
        size="small"
        rowKey="row"
        pagination={false}
        style={{ marginBottom: 12 }}
        dataSource={checks}
        columns={[
          { title: '合计行', dataIndex: 'row', width: 70, render: (r: number) => `第${r}行` },
          { title: '行内容', dataIndex: 'label' },
          {
            title: <UnitTitle text="文件中的合计（万元）" />,
            dataIndex: 'fileFen',
            align: 'right',
            width: 170,
            render: (v: number) => formatWan(v, { grouping: true }),
          },
          {
            title: <UnitTitle text="明细之和（万元）" />,
            dataIndex: 'sumFen',
            align: 'right',
            width: 150,
            render: (v: number) => formatWan(v, { grouping: true }),
          },
          {
            title: '核对',
            width: 120,
            render: (_: unknown, c: ImportPreview['totalsChecked'][number]) =>
              c.fileFen === c.sumFen ? (
                <Tag color="green">一致</Tag>
              ) : (
                <Tag color="red">差 {formatWan(c.fileFen - c.sumFen, { grouping: true })}</Tag>
              ),
          },
        ]}
      />
    </>
  );
}

function reportCsv(r: ImportReport): string {
  const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
  const cn = { create: '新增', update: '更新', skip: '跳过', error: '错误' } as const;
  const lines = [
    `文件,${q(r.fileName)}`,
    `新增,${r.created}`,
    `更新,${r.updated}`,
    `其中与台账相同、未改动,${r.unchanged}`,
    `跳过,${r.skipped}`,
    '',
    '行号,项目编号,项目名称,总投资（万元）,处理',
  ];
  for (const x of r.rows)
    lines.push(
      [
        x.row,
        q(x.code ?? ''),
        q(x.name),
        formatApproxWan(x.totalFen, x.approx),
        x.unchanged ? '更新（与台账相同，未改动）' : cn[x.action],
      ].join(','),
    );
  lines.push('', '工作表,行号,列,表头,级别,说明');
  for (const p of r.problems)
    lines.push(
      [q(p.sheet), p.row, p.column, q(p.header), p.level === 'error' ? '错误' : '提示', q(p.message)].join(','),
    );
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
