/** The traffic-light rules (§3.4 defaults) as a small settings form; the core validates and logs each change. */
import { Alert, App as AntApp, Button, Form, Input, InputNumber, Modal, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { rulesText } from '../../../../shared/domain/light-rules-text.ts';
import { formatPeriodCn } from '../../../../shared/domain/period.ts';
import type { LightRules } from '../../../../shared/domain/schedule.ts';
import { lightRulesInput, type LightRulesInput, type PeriodRules } from '../../../../shared/schemas/lights.ts';
import { EditButton } from '../../components/EditButton.tsx';
import { ApiError, call } from '../../lib/api.ts';

const FIELDS: { name: keyof LightRulesInput; label: string; unit: string }[] = [
  { name: 'investYellowFromPts', label: '投资低于序时进度（黄灯起点）', unit: '个百分点及以上' },
  { name: 'investRedAbovePts', label: '投资低于序时进度（红灯）', unit: '个百分点以上' },
  { name: 'startRedMonths', label: '应开工未开工（红灯）', unit: '个月' },
  { name: 'nodeYellowDays', label: '节点逾期（黄灯）', unit: '天' },
  { name: 'nodeRedDays', label: '节点逾期（红灯）', unit: '天及以上' },
  { name: 'paymentMinPct', label: '资金支付率下限（低于为红灯）', unit: '%' },
  { name: 'reportDueDay', label: '月报截止日', unit: '日（次月）' },
];

/**
 * Opened on a closed month's page, the form of the rules in force stands beside lights judged at the close, perhaps by
 * other rules: the dialog says which rules judged them (kept at the close) and that a change here leaves them as they are.
 */
function ClosedMonthRules({ period, judged }: { period: string; judged: PeriodRules }) {
  const month = formatPeriodCn(period);
  return (
    <Alert
      type="info"
      showIcon
      style={{ marginBottom: 12 }}
      message={`${month}已关账，本月灯色按关账时执行的预警规则评定，不随这里的修改而变；这里修改的是现行规则，用于未关账的月份。`}
      description={
        judged.source === 'kept'
          ? `${month}关账时执行的规则：${rulesText(judged.rules)}`
          : `${month}关账时未留存当时执行的规则。`
      }
    />
  );
}

export function LightRulesPanel({
  open,
  period,
  onClose,
  onSaved,
}: {
  open: boolean;
  /** the month of the page it is opened on: a closed one's rules, kept at its close, are stated */
  period: string;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<LightRulesInput>();
  const [defaults, setDefaults] = useState<LightRules | null>(null);
  const [judged, setJudged] = useState<PeriodRules | null>(null);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    if (!open) return;
    call('lights:rules:get', { period }).then(
      (v) => {
        setDefaults(v.defaults);
        setJudged(v.periodRules ?? null);
        form.setFieldsValue(lightRulesInput(v.rules));
      },
      (e: Error) => message.error(e.message),
    );
  }, [open, period, form, message]);

  const save = async () => {
    setSaving(true);
    try {
      await call('lights:rules:save', form.getFieldsValue(true) as LightRulesInput);
      message.success('预警规则已保存');
      onSaved();
    } catch (e) {
      const issues = e instanceof ApiError ? e.issues : [];
      form.setFields(issues.map((i) => ({ name: i.path.split('.')[0] as keyof LightRulesInput, errors: [i.message] })));
      message.error((e as Error).message);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title="红黄绿灯预警规则"
      onCancel={onClose}
      width={560}
      destroyOnHidden
      footer={
        <Space>
          <Button onClick={() => defaults && form.setFieldsValue(lightRulesInput(defaults))}>恢复默认</Button>
          <Button onClick={onClose}>取消</Button>
          <EditButton channel="lights:rules:save" type="primary" loading={saving} onClick={save}>
            保存
          </EditButton>
        </Space>
      }
    >
      {judged && judged.source !== 'current' && <ClosedMonthRules period={period} judged={judged} />}
      <Typography.Paragraph type="secondary">
        默认值取自银川“红黄绿灯”机制：低于序时进度10–30个百分点为黄，超过30个百分点为红。
      </Typography.Paragraph>
      <Form form={form} labelCol={{ span: 11 }} wrapperCol={{ span: 13 }}>
        {FIELDS.map((f) => (
          <Form.Item key={f.name} name={f.name} label={f.label}>
            <InputNumber precision={0} style={{ width: 200 }} addonAfter={f.unit} />
          </Form.Item>
        ))}
        <Form.Item name="statsThresholdWan" label="入统门槛（总投资）">
          <Input style={{ width: 200 }} addonAfter="万元" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
