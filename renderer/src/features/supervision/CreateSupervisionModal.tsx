/** Issue a blue 督办单 for a yellow or red project; addressed to its lead unit unless chosen otherwise. */
import { App as AntApp, Form, Input, Modal, Select, Typography } from 'antd';
import { useState } from 'react';
import type { OrgUnit } from '../../../../shared/schemas/org.ts';
import { ApiError, call } from '../../lib/api.ts';
import { shortOf } from '../../../../shared/fields/registry.ts';
import { NAME_SEARCH, orgOption } from '../../lib/options.ts';
import { DateInput, dayRule } from '../../components/DateInput.tsx';
import { addDays, todayIso } from '../../../../shared/domain/dates.ts';

/** Form labels come from the field registry, the same names as the messages and the 修改记录. */
const F = (key: string): string => shortOf('supervision', key);

export interface SupervisionTarget {
  projectId: number;
  name: string;
  period: string;
  leadOrgName: string | null;
  reason: string | null;
}

interface Values {
  deadline: string;
  content: string;
  toOrgId?: number;
}

export function CreateSupervisionModal({
  target,
  orgs,
  onClose,
  onCreated,
}: {
  target: SupervisionTarget;
  orgs: OrgUnit[];
  onClose: () => void;
  onCreated: (no: string) => void;
}) {
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const submit = async () => {
    // refused fields are said under themselves; the refusal is no error of the page (it was left unhandled)
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setSaving(true);
    try {
      const s = await call('supervision:create', {
        projectId: target.projectId,
        period: target.period,
        deadline: v.deadline,
        content: v.content,
        toOrgId: v.toOrgId ?? null,
      });
      onCreated(s.no ?? '');
    } catch (e) {
      const issues = e instanceof ApiError ? e.issues : [];
      form.setFields(issues.map((i) => ({ name: i.path as keyof Values, errors: [i.message] })));
      message.error((e as Error).message);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={`下达督办单：${target.name}`}
      okText="下达（蓝色提醒）"
      cancelText="取消"
      onOk={submit}
      confirmLoading={saving}
      onCancel={onClose}
      width={560}
    >
      <Typography.Paragraph type="secondary">预警原因：{target.reason ?? '—'}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          deadline: addDays(todayIso(), 7),
          content: `${target.reason ?? '进度滞后'}。请于整改期限内采取措施赶上序时进度，并书面回复整改情况。`,
        }}
      >
        <Form.Item
          name="deadline"
          label={F('deadline')}
          style={{ maxWidth: 320 }}
          rules={[{ required: true, message: '请选择整改期限' }, dayRule(F('deadline'))]}
        >
          <DateInput />
        </Form.Item>
        <Form.Item name="toOrgId" label="责任单位">
          <Select
            allowClear
            {...NAME_SEARCH}
            placeholder={`默认：牵头单位 ${target.leadOrgName ?? ''}`}
            options={orgs.map(orgOption)}
          />
        </Form.Item>
        <Form.Item name="content" label={F('content')} rules={[{ required: true, message: '请填写督办内容' }]}>
          <Input.TextArea rows={4} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
