/**
 * 打印: pick a document and period, adjust the print settings (saved per document) and the briefing's
 * editable texts, preview the exact HTML that prints, then print it or save it as PDF. The preview is a
 * sandboxed iframe without scripts, so a document can never run code in the app.
 */
import { FilePdfOutlined, PrinterOutlined, ReloadOutlined, SaveOutlined } from '@ant-design/icons';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Checkbox,
  Col,
  Form,
  Input,
  InputNumber,
  Radio,
  Row,
  Select,
  Space,
  Spin,
  Typography,
} from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import {
  DOC_KINDS,
  DOC_SECTIONS,
  FITS_BY_FONT,
  DOC_TITLES,
  UNDATED_DOCS,
  type BriefingDraft,
  type DocKind,
  type RenderOutput,
  type PrintableSettings,
} from '../../../../shared/schemas/printables.ts';
import { call } from '../../lib/api.ts';
import { useAskAhead } from '../../lib/ask-ahead.ts';
import { PeriodPicker, useCurrentPeriod } from '../../lib/current-period.tsx';
import { useChannelQuery } from '../../lib/use-channel-query.ts';
import { useProjectPicker } from '../../lib/use-project-picker.ts';
import { useLongCall } from '../../lib/use-long-call.ts';
import { printRequest } from '../../lib/print-link.ts';
import { CallProgressModal } from '../../components/CallProgressModal.tsx';
import { formatDateCn } from '../../../../shared/domain/display.ts';
import { useCanEdit } from '../../app/session.tsx';
import { EditButton } from '../../components/EditButton.tsx';
import { labelOf } from '../../../../shared/fields/registry.ts';
import { DateInput, dayRefusal } from '../../components/DateInput.tsx';

/** The 简报's field names, from the field registry (the printout's headings use the same). */
const B = (key: string): string => labelOf('briefing_issue', key);

function downloadPdf(fileName: string, base64: string) {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function PrintPage() {
  const { message } = AntApp.useApp();
  const canEdit = useCanEdit();
  // Opened from the 领导小组 or 责任清单 page (print-link.ts): at that document; else at the 简报.
  const [asked] = useState(printRequest);
  const [doc, setDoc] = useState<DocKind>(asked.doc ?? 'briefing');
  const [campaignId, setCampaignId] = useState<number | undefined>(asked.campaignId);
  // The current period of every page (current-period.tsx); changing it here changes it there too.
  const { period } = useCurrentPeriod();
  const [projectId, setProjectId] = useState<number | undefined>();
  const [supervisionId, setSupervisionId] = useState<number | undefined>();
  const [settings, setSettings] = useState<PrintableSettings | null>(null);
  const [briefing, setBriefing] = useState<BriefingDraft | null>(null);
  const [out, setOut] = useState<RenderOutput | null>(null);
  const [busy, setBusy] = useState<'render' | 'pdf' | 'save' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const frame = useRef<HTMLIFrameElement>(null);
  // A PDF is printed by the shell's printer (a few seconds, the first start of Chromium longer): watched and stoppable.
  const long = useLongCall();

  // What the panels on the left need (the issue's texts, the saved settings) is asked for once the first preview
  // is out (its document loaded, or its error shown): the core answers one call at a time, and drawing those panels
  // (text boxes that measure themselves) before the preview came delayed the document the clerk opened the page for.
  const [previewed, setPreviewed] = useState(false);
  const options = useChannelQuery('reports:options', period ? { period } : {}, { also: [doc], enabled: previewed });
  const projects = useProjectPicker({ scope: 'top', keep: projectId ? [projectId] : [], enabled: doc === 'card' });
  const campaigns = useChannelQuery('campaigns:list', {}, { enabled: doc === 'tasks' });
  useEffect(() => {
    if (options.data) setBriefing(options.data.briefing);
  }, [options.data]);
  // The document the settings held are of: after another document is chosen, the last one's are not sent with it.
  const settingsDoc = useRef<DocKind | null>(null);
  useEffect(() => {
    if (!previewed) return;
    let live = true; // a document's settings that come after another was chosen are dropped
    setSettings(null);
    call('reports:getSettings', { doc }).then(
      (got) => {
        if (!live) return;
        settingsDoc.current = doc;
        setSettings(got);
      },
      (e: Error) => live && setError(e.message),
    );
    return () => {
      live = false;
    };
  }, [doc, previewed]);

  // The issue shown is the one reports:options gave for this period; until it has come (or after the period
  // changed) none is named and the core prints the period's latest saved issue — the one options will name.
  const briefingId = briefing?.period === period && briefing.id ? briefing.id : undefined;
  const renderInput = () => ({
    doc,
    period: period!,
    ...(doc === 'card' && projectId ? { projectId } : {}),
    ...(doc === 'supervision' && supervisionId ? { supervisionId } : {}),
    ...(doc === 'briefing' && briefingId ? { briefingId } : {}),
    ...(doc === 'tasks' && campaignId ? { campaignId } : {}),
    ...(settings && settingsDoc.current === doc ? { settings } : {}),
  });

  // The first preview is asked for as the page is made, not in the effect after its first render: the core renders
  // the document while antd builds the page's frame. The effect then takes that answer if it asks the same.
  const ahead = useAskAhead('reports:render');
  const firstAsked = useRef(false);
  if (!firstAsked.current && period) {
    firstAsked.current = true;
    ahead.ask(renderInput());
  }

  // Asked for as the page opens, not after the saved settings have come back: without settings the core applies
  // the saved ones, so the first preview is the same document one round trip sooner.
  const preview = async () => {
    if (!period) return;
    setBusy('render');
    try {
      setOut(await ahead.take(renderInput()));
      setError(null);
    } catch (e) {
      setError((e as Error).message);
      setPreviewed(true);
    } finally {
      setBusy(null);
    }
  };
  // Re-render whenever what is printed changes (settings edits are applied on 刷新预览 or save; the saved settings
  // arriving change nothing printed).
  useEffect(() => {
    void preview();
  }, [doc, period, projectId, supervisionId, briefingId, campaignId]);

  const saveSettings = async () => {
    if (!settings) return;
    setBusy('save');
    try {
      setSettings(await call('reports:saveSettings', { doc, settings }));
      message.success(`已保存“${DOC_TITLES[doc]}”的打印设置`);
      await preview();
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setBusy(null);
    }
  };

  const issuedOnRefused = briefing ? dayRefusal(B('issuedOn'), briefing.issuedOn) : null;
  const saveBriefing = async () => {
    if (!briefing || !period) return;
    // a 印发日期 not on the calendar is said under the field (dayRule's words) and nothing is sent
    if (issuedOnRefused) return void message.error(issuedOnRefused);
    setBusy('save');
    try {
      const saved = await call('briefings:save', {
        ...(briefing.id ? { id: briefing.id } : {}),
        year: Number(period.slice(0, 4)),
        no: briefing.no,
        supplement: briefing.supplement,
        period,
        issuedOn: briefing.issuedOn,
        highlights: briefing.highlights,
        problems: briefing.problems,
        nextSteps: briefing.nextSteps,
        sendTo: briefing.sendTo,
        copyTo: briefing.copyTo,
        copies: briefing.copies,
      });
      setBriefing(saved);
      message.success(`已保存${saved.year}年${saved.supplement ? '增刊' : ''}第${saved.no}期简报`);
      setOut(await call('reports:render', { ...renderInput(), briefingId: saved.id }));
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setBusy(null);
    }
  };

  const savePdf = async () => {
    if (!period) return;
    setBusy('pdf');
    try {
      const pdf = await long.run('另存为PDF', 'reports:pdf', renderInput());
      downloadPdf(pdf.fileName, pdf.base64);
      message.success(`已生成 PDF：${pdf.fileName}`);
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setBusy(null);
    }
  };

  const print = () => frame.current?.contentWindow?.print();

  // The preview shows each whole sheet: a sheet wider than the frame (A4 is 794 px, an A3 landscape 1,587 px) is
  // zoomed down to the frame's width on screen only — the @media screen rule leaves printing at true size.
  const fitPreview = useCallback(() => {
    const f = frame.current;
    const d = f?.contentDocument;
    if (!f || !d?.head || !d.body) return;
    let style = d.getElementById('preview-fit') as HTMLStyleElement | null;
    if (!style) {
      style = d.createElement('style');
      style.id = 'preview-fit';
      d.head.appendChild(style);
    }
    style.textContent = '';
    const width = d.documentElement.scrollWidth;
    const room = f.clientWidth - 20; // the frame's own vertical scroll bar
    const zoom = width > room ? Math.floor((room / width) * 1000) / 1000 : 1;
    style.textContent = `@media screen { html { zoom: ${zoom}; } }`;
  }, []);
  useEffect(() => {
    const f = frame.current;
    if (!f) return;
    const ro = new window.ResizeObserver(() => fitPreview());
    ro.observe(f);
    return () => ro.disconnect();
  }, [fitPreview]);
  const patchBriefing = (p: Partial<BriefingDraft>) => setBriefing((b) => (b ? { ...b, ...p } : b));

  return (
    // The page fills the content area (below the 64 px header, inside its 16 px padding); each column scrolls itself.
    <Row gutter={12} wrap={false} style={{ height: 'calc(100vh - 96px)' }}>
      <CallProgressModal state={long.state} onCancel={long.cancel} />
      <Col flex="360px" style={{ overflow: 'auto', height: '100%' }}>
        <Card size="small" title="打印文档">
          <Form layout="vertical" size="small">
            <Form.Item label="文档">
              <Select
                aria-label="文档"
                value={doc}
                onChange={setDoc}
                options={DOC_KINDS.map((k) => ({ value: k, label: DOC_TITLES[k] }))}
              />
            </Form.Item>
            {/* a 名单 and a 责任清单 are of the day of printing, not of a month */}
            {!UNDATED_DOCS.includes(doc) && (
              <Form.Item label="期别">
                <PeriodPicker width="100%" />
              </Form.Item>
            )}
            {doc === 'tasks' && (
              <Form.Item label="责任清单" extra="不选则打印“责任清单”页打开时的第一个行动方案">
                <Select
                  aria-label="责任清单"
                  allowClear
                  value={campaignId}
                  onChange={setCampaignId}
                  placeholder="第一个行动方案"
                  options={(campaigns.data ?? []).map((c) => ({ value: c.id, label: `${c.name}（${c.taskCount}项）` }))}
                />
              </Form.Item>
            )}
            {doc === 'card' && (
              <Form.Item label="项目" extra="不选则每个项目各打印一页">
                <Select
                  aria-label="项目"
                  allowClear
                  showSearch
                  filterOption={false}
                  onSearch={projects.search}
                  value={projectId}
                  onChange={setProjectId}
                  options={projects.options}
                  placeholder="全部项目（输入名称、编号或拼音首字母查找）"
                />
              </Form.Item>
            )}
            {doc === 'supervision' && (
              <Form.Item label="督办单" extra="不选则打印截至本期的全部督办单">
                <Select
                  aria-label="督办单"
                  allowClear
                  value={supervisionId}
                  onChange={setSupervisionId}
                  placeholder="全部督办单"
                  options={(options.data?.supervisions ?? []).map((s) => ({
                    value: s.id,
                    label: `${formatDateCn(s.issued)} ${s.color}色 ${s.projectName}${s.closed ? `（${s.status}）` : ''}`,
                  }))}
                />
              </Form.Item>
            )}
          </Form>
        </Card>
        {settings && (
          <Card
            size="small"
            title="打印设置"
            style={{ marginTop: 8 }}
            extra={
              <EditButton
                channel="reports:saveSettings"
                size="small"
                icon={<SaveOutlined />}
                onClick={saveSettings}
                loading={busy === 'save'}
              >
                保存设置
              </EditButton>
            }
          >
            <Form layout="vertical" size="small">
              <Form.Item label="纸张">
                <Radio.Group
                  value={settings.paper}
                  onChange={(e) => setSettings({ ...settings, paper: e.target.value })}
                  options={[
                    { value: 'A4', label: 'A4' },
                    { value: 'A3', label: 'A3' },
                  ]}
                  optionType="button"
                />
              </Form.Item>
              <Form.Item label="方向">
                <Radio.Group
                  value={settings.orientation}
                  onChange={(e) => setSettings({ ...settings, orientation: e.target.value })}
                  options={[
                    { value: 'portrait', label: '纵向' },
                    { value: 'landscape', label: '横向' },
                  ]}
                  optionType="button"
                />
              </Form.Item>
              <Form.Item label="包含内容">
                <Checkbox.Group
                  value={settings.sections}
                  onChange={(v) => setSettings({ ...settings, sections: v as string[] })}
                  options={DOC_SECTIONS[doc].map((s) => ({ value: s.key, label: s.label }))}
                />
              </Form.Item>
              {FITS_BY_FONT.includes(doc) && (
                <Form.Item label="最小字号（磅）" extra="表格放不下时先缩小字号，小于此字号则改用A3">
                  <InputNumber
                    min={6}
                    max={16}
                    step={0.5}
                    value={settings.minFontPt}
                    onChange={(v) => v && setSettings({ ...settings, minFontPt: v })}
                  />
                </Form.Item>
              )}
              <Button size="small" icon={<ReloadOutlined />} onClick={preview}>
                刷新预览
              </Button>
            </Form>
          </Card>
        )}
        {/* The 简报's text is written by the office; the 领导 reads it in the preview. */}
        {doc === 'briefing' && briefing && canEdit && (
          <Card
            size="small"
            title={briefing.id ? `简报（已保存，第${briefing.no}期）` : '简报（新一期，未保存）'}
            style={{ marginTop: 8 }}
          >
            <Form layout="vertical" size="small">
              <Space>
                <Form.Item label={B('no')}>
                  <InputNumber
                    aria-label={B('no')}
                    min={1}
                    max={999}
                    value={briefing.no}
                    onChange={(v) => v && patchBriefing({ no: v })}
                  />
                </Form.Item>
                <Form.Item label=" ">
                  <Checkbox
                    checked={briefing.supplement}
                    onChange={(e) => patchBriefing({ supplement: e.target.checked })}
                  >
                    {B('supplement')}
                  </Checkbox>
                </Form.Item>
                <Form.Item label={B('copies')}>
                  <InputNumber
                    min={1}
                    max={9999}
                    value={briefing.copies}
                    onChange={(v) => patchBriefing({ copies: v ?? null })}
                  />
                </Form.Item>
              </Space>
              {/* a DateInput as every date field: the bare picker dropped 2017-02-30 typed and saved the day before */}
              <Form.Item
                label={B('issuedOn')}
                htmlFor="briefing-issued-on"
                validateStatus={issuedOnRefused ? 'error' : undefined}
                help={issuedOnRefused}
              >
                <DateInput
                  id="briefing-issued-on"
                  value={briefing.issuedOn}
                  onChange={(v) => patchBriefing({ issuedOn: v })}
                />
              </Form.Item>
              <Form.Item label={B('highlights')}>
                <Input.TextArea
                  aria-label={B('highlights')}
                  autoSize={{ minRows: 2, maxRows: 6 }}
                  value={briefing.highlights ?? ''}
                  onChange={(e) => patchBriefing({ highlights: e.target.value })}
                />
              </Form.Item>
              <Form.Item label={B('problems')}>
                <Input.TextArea
                  aria-label={B('problems')}
                  autoSize={{ minRows: 2, maxRows: 6 }}
                  value={briefing.problems ?? ''}
                  onChange={(e) => patchBriefing({ problems: e.target.value })}
                />
              </Form.Item>
              <Form.Item label={B('nextSteps')}>
                <Input.TextArea
                  aria-label={B('nextSteps')}
                  autoSize={{ minRows: 2, maxRows: 6 }}
                  value={briefing.nextSteps ?? ''}
                  onChange={(e) => patchBriefing({ nextSteps: e.target.value })}
                />
              </Form.Item>
              <Form.Item label={B('sendTo')}>
                <Input value={briefing.sendTo ?? ''} onChange={(e) => patchBriefing({ sendTo: e.target.value })} />
              </Form.Item>
              <Form.Item label={B('copyTo')}>
                <Input value={briefing.copyTo ?? ''} onChange={(e) => patchBriefing({ copyTo: e.target.value })} />
              </Form.Item>
              <Button
                type="primary"
                size="small"
                icon={<SaveOutlined />}
                onClick={saveBriefing}
                loading={busy === 'save'}
              >
                保存本期简报
              </Button>
            </Form>
          </Card>
        )}
      </Col>
      <Col flex="auto" style={{ display: 'flex', flexDirection: 'column', minWidth: 0, height: '100%' }}>
        <Space style={{ marginBottom: 8 }} wrap>
          <Button type="primary" icon={<PrinterOutlined />} onClick={print} disabled={!out || busy !== null}>
            打印
          </Button>
          <Button icon={<FilePdfOutlined />} onClick={savePdf} loading={busy === 'pdf'} disabled={!out}>
            另存为PDF
          </Button>
          {out && (
            <Typography.Text type="secondary">
              {out.title} · {out.paper}
              {out.orientation === 'landscape' ? '横向' : '纵向'}
            </Typography.Text>
          )}
        </Space>
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 8 }} />}
        {out && (
          <Alert
            type="info"
            showIcon
            message={`字体：${out.fontsNote.replace(/^字体：/, '')}`}
            style={{ marginBottom: 8 }}
          />
        )}
        {/* The preview takes whatever height is left under the buttons and notes: its bottom is never below the window. */}
        <Spin spinning={busy === 'render'} wrapperClassName="print-preview-spin">
          <iframe
            ref={frame}
            title="打印预览"
            // Same origin (so the parent can call print()) but no scripts: a document cannot run code.
            sandbox="allow-same-origin allow-modals"
            srcDoc={out?.html ?? ''}
            // The panels on the left are drawn once the preview's document has loaded (previewed): drawn as it
            // came, they held the main thread while the frame's document was still being laid out.
            onLoad={() => {
              fitPreview();
              if (out) setPreviewed(true);
            }}
            style={{
              width: '100%',
              height: '100%',
              border: '1px solid #d9d9d9',
              background: '#e9e9e9',
              display: 'block',
            }}
          />
        </Spin>
      </Col>
    </Row>
  );
}
