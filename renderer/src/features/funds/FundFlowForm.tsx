/** The drawer that records one 到位 / 拨付 / 支付 (or edits it). Over-plan amounts save with a warning. */
import { useGuardedClose } from '../../lib/use-guarded-close.ts';
import { formatWanExact } from '../../../../shared/domain/money.ts';
import { App as AntApp, Button, Col, Drawer, Form, Input, Row, Select, Space } from 'antd';
import { useEffect, useState } from 'react';
import { FUND_FLOW_BATCHES, FUND_FLOW_TYPES, FUND_SOURCES } from '../../../../shared/domain/vocab.ts';
import type { FundFlow } from '../../../../shared/schemas/funds.ts';
import { call } from '../../lib/api.ts';
import { DateInput, dayRule } from '../../components/DateInput.tsx';
import { applyApiError } from '../../lib/form-errors.ts';
import { useProjectPicker } from '../../lib/use-project-picker.ts';
import { vocabOptions } from '../../lib/options.ts';
import { shortOf } from '../../../../shared/fields/registry.ts';

/** Form labels come from the field registry, the same names as the messages and the 修改记录. */
const F = (key: string): string => shortOf('fund_flow', key);

interface Values {
  projectId?: number;
  date?: string;
  type?: string;
  source?: string;
  amountWan?: string;
  batch?: string;
  voucherNo?: string;
  note?: string;
}

interface Props {
  open: boolean;
  editing: FundFlow | null;
  defaultProjectId: number | null;
  onClose: () => void;
  onSaved: (warnings: string[]) => void;
}

export function FundFlowForm({ open, editing, defaultProjectId, onClose, onSaved }: Props) {
  const { message } = AntApp.useApp();
  // Searched in the core as the clerk types: a county has 20 000 projects, too many to hand to the Select.
  const keep = [editing?.projectId, defaultProjectId].filter((id): id is number => typeof id === 'number');
  const projects = useProjectPicker({ scope: 'all', keep, enabled: open });
  const [form] = Form.useForm<Values>();
  const { close, markClean } = useGuardedClose(form, onClose);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(
      editing
        ? {
            ...editing,
            amountWan: formatWanExact(editing.amountFen),
            batch: editing.batch ?? undefined,
            voucherNo: editing.voucherNo ?? undefined,
            note: editing.note ?? undefined,
          }
        : { projectId: defaultProjectId ?? undefined, type: '到位' },
    );
    markClean();
  }, [open, editing, defaultProjectId, form, markClean]);

  const submit = async () => {
    try {
      await form.validateFields(['date']);
    } catch {
      return; // a 日期 typed that is no day (2017-02-30) is refused under the field (dayRule), and nothing is sent
    }
    const v = form.getFieldsValue();
    setSaving(true);
    try {
      const { flow, warnings } = await call('funds:saveFlow', {
        id: editing?.id,
        projectId: v.projectId as number,
        date: v.date ?? '',
        type: v.type as never,
        source: v.source as never,
        amountWan: v.amountWan ?? '',
        batch: (v.batch ?? null) as never,
        voucherNo: v.voucherNo ?? null,
        note: v.note ?? null,
      });
      message.success(`已记录：${flow.projectName} ${flow.type} ${flow.source}`);
      onSaved(warnings);
    } catch (e) {
      message.error(applyApiError(form, e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Drawer
      title={editing ? '修改资金记录' : '记录资金到位 / 拨付 / 支付'}
      open={open}
      onClose={close}
      width={640}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={close}>取消</Button>
          <Button type="primary" loading={saving} onClick={submit}>
            保存
          </Button>
        </Space>
      }
    >
      <Form form={form} layout="vertical" requiredMark>
        <Row gutter={12}>
          <Col span={24}>
            <Form.Item name="projectId" label="项目" required>
              <Select
                showSearch
                filterOption={false}
                onSearch={projects.search}
                options={projects.options}
                placeholder="输入名称、编号或拼音首字母查找"
              />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="type" label={F('type')} required>
              <Select options={vocabOptions(FUND_FLOW_TYPES)} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="source" label={F('source')} required>
              <Select showSearch options={vocabOptions(FUND_SOURCES)} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="batch" label={F('batch')}>
              <Select allowClear options={vocabOptions(FUND_FLOW_BATCHES)} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="date" label={F('date')} required rules={[dayRule(F('date'))]}>
              <DateInput />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="amountWan" label="金额（万元）" required extra="最多6位小数（精确到分）">
              <Input inputMode="decimal" style={{ textAlign: 'right' }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="voucherNo" label={F('voucherNo')}>
              <Input placeholder="如 永财建〔2017〕31号" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="note" label={F('note')}>
              <Input />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Drawer>
  );
}
