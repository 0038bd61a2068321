/**
 * 县级汇总 (a county's ledger only): the towns' data packages of a period — each town's figures as it sent them, the
 * county's totals (the towns' sum, computed in the core by one function), the towns that have not sent — and
 * importing packages, each verified against its manifest before anything is written.
 */
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  Upload,
  message,
} from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { formatInstantCn, formatPeriodCn, formatWanUnit, monthsSpan } from '../../../../shared/domain/display.ts';
import { formatPercent, formatWan } from '../../../../shared/domain/money.ts';
import type { CountySettings, CountySummary, CountyTown } from '../../../../shared/schemas/county.ts';
import { CallProgressModal } from '../../components/CallProgressModal.tsx';
import { useMay } from '../../app/session.tsx';
import { call } from '../../lib/api.ts';
import { useLongCall } from '../../lib/use-long-call.ts';
import { useBusyRun } from '../../lib/use-busy-run.ts';
import { fileToBase64 } from '../../lib/files.ts';
import { UnitTitle } from '../../components/UnitTitle.tsx';

interface Outcome {
  file: string;
  ok: boolean;
  text: string;
}

export function CountyPage() {
  const [period, setPeriod] = useState<string | null>(null);
  const [summary, setSummary] = useState<CountySummary | null>(null);
  const [settings, setSettings] = useState<CountySettings | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [outcomes, setOutcomes] = useState<Outcome[]>([]);
  const long = useLongCall();
  const mayImport = useMay('package:import');
  const maySave = useMay('county:saveSettings');

  const load = useCallback(() => {
    Promise.all([call('county:summary', period ? { period } : {}), call('county:settings', {})]).then(
      ([s, c]) => {
        setSummary(s);
        setSettings(c);
        setError(null);
      },
      (e: Error) => setError(e.message),
    );
  }, [period]);
  useEffect(load, [load]);

  // One package after another: each is verified and written on its own, and each outcome names its file.
  const importFiles = async (files: File[]) => {
    const done: Outcome[] = [];
    for (const file of files) {
      try {
        const r = await long.run(`导入数据包：${file.name}`, 'package:import', {
          fileName: file.name,
          base64: await fileToBase64(file),
        });
        done.push({
          file: file.name,
          ok: true,
          text: `${r.message}：项目 ${r.projects} 个，总投资 ${formatWanUnit(r.totalInvestmentFen)}`,
        });
        setPeriod(r.period);
      } catch (e) {
        done.push({ file: file.name, ok: false, text: (e as Error).message });
      }
    }
    setOutcomes(done);
    if (done.some((o) => o.ok)) void message.success(`已导入 ${done.filter((o) => o.ok).length} 个数据包`);
    load();
  };

  if (error) return <Alert type="error" showIcon message="无法读取县级汇总" description={error} />;
  if (!summary || !settings) return null;
  const t = summary.totals;
  const rows: (CountyTown & { key: string; total?: true })[] = summary.towns.map((x) => ({ ...x, key: x.town }));
  const fig = (town: string) => summary.figures[town];
  // The year-to-date named by its months (1-9月完成), as the towns' own pages and printouts name it.
  const ytdTitle = summary.period ? `${monthsSpan(summary.period)}完成` : '本年完成';

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <CallProgressModal state={long.state} onCancel={long.cancel} />
      <Card
        title={`${summary.county}县级汇总`}
        extra={
          <Space>
            <Select
              aria-label="期别"
              style={{ width: 160 }}
              placeholder="尚未收到数据包"
              value={summary.period ?? undefined}
              options={summary.periods.map((p) => ({ value: p, label: formatPeriodCn(p) }))}
              onChange={setPeriod}
            />
            {mayImport && (
              <Upload
                accept=".zip"
                multiple
                showUploadList={false}
                beforeUpload={(file, list) => {
                  // antd calls this once per file; the batch is imported once, on its last file.
                  if (file === list[list.length - 1]) void importFiles(list);
                  return false;
                }}
              >
                <Button type="primary">导入乡镇数据包</Button>
              </Upload>
            )}
          </Space>
        }
      >
        {outcomes.length > 0 && (
          <Space direction="vertical" style={{ width: '100%', marginBottom: 16 }}>
            {outcomes.map((o) => (
              <Alert
                key={o.file}
                type={o.ok ? 'success' : 'error'}
                showIcon
                message={o.ok ? o.file : `未导入：${o.file}`}
                description={o.text}
              />
            ))}
          </Space>
        )}
        {summary.missingTowns.length > 0 && summary.period && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            message={`${formatPeriodCn(summary.period)}尚未报送的乡镇（${summary.missingTowns.length}个）`}
            description={summary.missingTowns.map((x) => (
              <Tag key={x} color="orange">
                {x}
              </Tag>
            ))}
          />
        )}
        {t ? (
          <Descriptions
            size="small"
            column={4}
            bordered
            style={{ marginBottom: 16 }}
            title={`全县合计（${summary.towns.length}个乡镇之和）`}
          >
            <Descriptions.Item label="项目数">{t.projects.top} 个</Descriptions.Item>
            <Descriptions.Item label="总投资">{formatWanUnit(t.investment.totalFen)}</Descriptions.Item>
            <Descriptions.Item label="年度计划">{formatWanUnit(t.investment.yearPlanFen)}</Descriptions.Item>
            <Descriptions.Item label={ytdTitle}>{formatWanUnit(t.investment.ytdFen)}</Descriptions.Item>
            <Descriptions.Item label="完成率">{formatPercent(t.rates.完成率)}</Descriptions.Item>
            <Descriptions.Item label="序时进度">{formatPercent(t.rates.序时进度)}</Descriptions.Item>
            <Descriptions.Item label="红灯 / 黄灯">
              {t.lights.red} / {t.lights.yellow}
            </Descriptions.Item>
            <Descriptions.Item label="资金到位率">{formatPercent(t.rates.到位率)}</Descriptions.Item>
          </Descriptions>
        ) : (
          <Typography.Paragraph type="secondary">
            尚未收到任何乡镇的数据包。请导入乡镇用“报表导出 → 报县数据包”导出的压缩包。
          </Typography.Paragraph>
        )}
        <Table
          size="small"
          pagination={false}
          dataSource={rows}
          rowKey="key"
          aria-label="各乡镇汇总"
          columns={[
            { title: '乡镇', dataIndex: 'town' },
            { title: '项目数', dataIndex: 'projects', align: 'right' },
            {
              title: <UnitTitle text="总投资（万元）" />,
              align: 'right',
              render: (_: unknown, r: CountyTown) => formatWan(r.totalInvestmentFen, { grouping: true }),
            },
            {
              title: <UnitTitle text="年度计划（万元）" />,
              align: 'right',
              render: (_: unknown, r: CountyTown) => formatWan(fig(r.town)?.investment.yearPlanFen, { grouping: true }),
            },
            {
              title: <UnitTitle text={`${ytdTitle}（万元）`} />,
              align: 'right',
              render: (_: unknown, r: CountyTown) => formatWan(fig(r.town)?.investment.ytdFen, { grouping: true }),
            },
            {
              title: '完成率',
              align: 'right',
              render: (_: unknown, r: CountyTown) => formatPercent(fig(r.town)?.rates.完成率),
            },
            { title: '红灯', align: 'right', render: (_: unknown, r: CountyTown) => fig(r.town)?.lights.red ?? '—' },
            {
              title: '关账',
              render: (_: unknown, r: CountyTown) => (r.closed ? <Tag color="green">已关账</Tag> : <Tag>未关账</Tag>),
            },
            { title: '导入时间', render: (_: unknown, r: CountyTown) => formatInstantCn(r.importedAt) },
            { title: '导入人', dataIndex: 'importedBy' },
            { title: '数据包文件', dataIndex: 'fileName' },
          ]}
          summary={() =>
            t ? (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0}>全县合计</Table.Summary.Cell>
                <Table.Summary.Cell index={1} align="right">
                  {t.projects.top}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={2} align="right">
                  {formatWan(t.investment.totalFen, { grouping: true })}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={3} align="right">
                  {formatWan(t.investment.yearPlanFen, { grouping: true })}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={4} align="right">
                  {formatWan(t.investment.ytdFen, { grouping: true })}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={5} align="right">
                  {formatPercent(t.rates.完成率)}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={6} align="right">
                  {t.lights.red}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={7} colSpan={4} />
              </Table.Summary.Row>
            ) : null
          }
        />
      </Card>
      <CountySettingsCard settings={settings} editable={maySave} onSaved={(s) => (setSettings(s), load())} />
    </Space>
  );
}

function CountySettingsCard({
  settings,
  editable,
  onSaved,
}: {
  settings: CountySettings;
  editable: boolean;
  onSaved: (s: CountySettings) => void;
}) {
  const [form] = Form.useForm<{ countyName: string; towns: string[] }>();
  const { busy, error, run } = useBusyRun();
  return (
    <Card title="县级汇总设置">
      <Form
        form={form}
        layout="vertical"
        disabled={!editable}
        initialValues={{ countyName: settings.countyName ?? '', towns: settings.towns }}
        onFinish={(v) =>
          void run(async () => {
            const s = await call('county:saveSettings', { countyName: v.countyName, towns: v.towns ?? [] });
            void message.success('已保存县级汇总设置');
            onSaved(s);
          })
        }
      >
        <Form.Item
          label="县（市、区）名称"
          name="countyName"
          rules={[{ required: true, message: '请填写县（市、区）名称' }]}
        >
          <Input style={{ maxWidth: 320 }} />
        </Form.Item>
        <Form.Item label="应报送的乡镇（输入名称后回车）" name="towns">
          <Select
            mode="tags"
            tokenSeparators={[',', '，', '、']}
            style={{ maxWidth: 640 }}
            placeholder="如：蒲州镇、虞乡镇"
            open={false}
          />
        </Form.Item>
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
        <Button type="primary" htmlType="submit" loading={busy}>
          保存
        </Button>
      </Form>
    </Card>
  );
}
