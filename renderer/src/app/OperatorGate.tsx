/**
 * At start (after onboarding) someone says who is working: the first run creates the first operator,
 * later runs pick one from the list (with the local password when one is set).
 */
import { UserOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Form, Input, Modal, Select, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { Operator, Session } from '../../../shared/schemas/operator.ts';
import { call } from '../lib/api.ts';
import { applyApiError } from '../lib/form-errors.ts';

interface Props {
  open: boolean;
  /** Can be dismissed only when someone is already logged in (切换操作员). */
  closable: boolean;
  onDone: (s: Session) => void;
  onCancel: () => void;
}

export function OperatorGate({ open, closable, onDone, onCancel }: Props) {
  const { message } = AntApp.useApp();
  const [operators, setOperators] = useState<Operator[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm();
  useEffect(() => {
    if (open) call('operators:list', {}).then(setOperators, (e: Error) => message.error(e.message));
  }, [open, message]);

  const first = operators !== null && operators.length === 0;
  const picked = Form.useWatch('operatorId', form) as number | undefined;
  const needsPassword = operators?.find((o) => o.id === picked)?.hasPassword ?? false;

  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setBusy(true);
    try {
      let operatorId = v.operatorId as number;
      if (first) operatorId = (await call('operators:save', { name: v.name, role: v.role, password: v.password || undefined })).id;
      const s = await call('session:login', { operatorId, password: v.password || undefined });
      message.success(`当前操作员：${s.operator}（${s.role}）`);
      form.resetFields();
      onDone(s);
    } catch (e) {
      message.error(applyApiError(form, e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open && operators !== null}
      title={first ? '创建第一位操作员' : '选择操作员'}
      closable={closable}
      maskClosable={false}
      onCancel={onCancel}
      footer={<Button type="primary" loading={busy} onClick={submit}>{first ? '创建并开始使用' : '进入台账'}</Button>}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        {first
          ? '每一次修改都会记下操作员的姓名。请先登记您自己（录入员或审核人）；其他同事和领导可在“设置”中添加。'
          : '请选择正在使用本机的人。领导角色只能查看，不能修改。'}
      </Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ role: '录入员' }} onFinish={submit}>
        {first ? (
          <>
            <Form.Item label="操作员姓名" name="name" rules={[{ required: true, message: '请填写操作员姓名' }]}>
              <Input prefix={<UserOutlined />} maxLength={20} autoFocus />
            </Form.Item>
            <Form.Item label="角色" name="role">
              <Select options={['录入员', '审核人'].map((r) => ({ value: r, label: r }))} />
            </Form.Item>
            <Form.Item label="密码（可不设）" name="password">
              <Input.Password maxLength={64} autoComplete="new-password" />
            </Form.Item>
          </>
        ) : (
          <>
            <Form.Item label="操作员" name="operatorId" rules={[{ required: true, message: '请选择操作员' }]}>
              <Select
                autoFocus
                options={(operators ?? []).map((o) => ({ value: o.id, label: `${o.name}（${o.role}）` }))}
                placeholder="请选择"
              />
            </Form.Item>
            {needsPassword && (
              <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
                <Input.Password maxLength={64} onPressEnter={submit} />
              </Form.Item>
            )}
          </>
        )}
      </Form>
    </Modal>
  );
}
