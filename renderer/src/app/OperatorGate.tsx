/**
 * The sign-in screen: every session starts signed out, and someone picks their name and types their
 * password. Five wrong passwords lock that operator for 15 minutes (the core's message says until when).
 * Also opened from the header (切换操作员) to hand the keyboard to someone else.
 */
import { LockOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, Form, Input, Modal, Select, Typography, type InputRef } from 'antd';
import { useEffect, useRef, useState } from 'react';
import type { AppInfo } from '../../../shared/schemas/app.ts';
import type { Operator, Session } from '../../../shared/schemas/operator.ts';
import { clockWarningText } from '../../../shared/domain/display.ts';
import { call } from '../lib/api.ts';

interface Props {
  open: boolean;
  /** Can be dismissed only when someone is already signed in (切换操作员). */
  closable: boolean;
  onDone: (s: Session) => void;
  onCancel: () => void;
  /**
   * The core signed the session out for idleness: why (its message) and who was signed in. The page stays under the
   * screen — hidden by an opaque mask, since whoever is at the desk now may not read it — and comes back as it was
   * when that operator signs in again.
   */
  lapsed?: { message: string; operatorId: number | null } | null;
  /** The PC's clock is behind the ledger (ClockWarning.tsx): said here too, where the mask hides the page's line. */
  clockBehind?: AppInfo['clockBehind'];
}

/**
 * Who signed in last on this PC, as Windows and the office's other programs remember it: the sign-in opens on that
 * name with the keyboard in 密码 (each morning the clerk picked their own name again from the list).
 */
const LAST_OPERATOR = 'town-ledger.last-operator';
const rememberedOperator = (): number | null => {
  const id = Number(globalThis.localStorage?.getItem(LAST_OPERATOR));
  return Number.isInteger(id) && id > 0 ? id : null;
};
/** Called wherever a session starts (App: the sign-in, the 管理员 set up at the first run). */
export const rememberOperator = (id: number) => globalThis.localStorage?.setItem(LAST_OPERATOR, String(id));

/**
 * The name the sign-in opens on: the operator whose session lapsed; at the start of a session, the one who signed
 * in last here, or the only one there is. None for 切换操作员 (the keyboard goes to someone else).
 */
export function openingOperator(
  operators: readonly Pick<Operator, 'id'>[],
  lapsedOperator: number | null,
  switching: boolean,
  remembered: number | null,
): number | null {
  if (lapsedOperator !== null) return lapsedOperator;
  if (switching) return null;
  if (remembered !== null && operators.some((o) => o.id === remembered)) return remembered;
  return operators.length === 1 ? operators[0]!.id : null;
}

export function OperatorGate({ open, closable, onDone, onCancel, lapsed = null, clockBehind = null }: Props) {
  const { message } = AntApp.useApp();
  const [operators, setOperators] = useState<Operator[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [form] = Form.useForm();
  useEffect(() => {
    if (open) call('operators:list', {}).then(setOperators, (e: Error) => message.error(e.message));
  }, [open, message]);
  const lapsedOperator = lapsed?.operatorId ?? null;
  const passwordBox = useRef<InputRef>(null);
  /** a name was chosen for the clerk: once the dialog has opened (and focused its first field), 密码 takes the keys */
  const chosen = useRef(false);
  useEffect(() => {
    if (!open || !operators) return;
    const id = openingOperator(operators, lapsedOperator, closable, rememberedOperator());
    if (id === null) return;
    form.setFieldValue('operatorId', id);
    chosen.current = true;
  }, [open, operators, lapsedOperator, closable, form]);

  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setBusy(true);
    setRefusal(null);
    try {
      const s = await call('session:login', { operatorId: v.operatorId as number, password: v.password as string });
      message.success(`已登录：${s.operator}（${s.role}）`);
      form.resetFields();
      onDone(s);
    } catch (e) {
      // Wrong passwords and a lock stay on screen: the message counts down the tries or says until when.
      setRefusal((e as Error).message);
      form.setFieldValue('password', '');
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open && operators !== null}
      title="登录 — 选择操作员"
      closable={closable}
      maskClosable={false}
      styles={lapsed ? { mask: { backgroundColor: '#e9ecef' } } : undefined}
      onCancel={onCancel}
      afterOpenChange={(opened) => {
        if (opened && chosen.current) passwordBox.current?.focus();
        if (!opened) chosen.current = false;
      }}
      footer={
        <Button type="primary" loading={busy} onClick={submit}>
          进入台账
        </Button>
      }
      destroyOnHidden
    >
      {lapsed && (
        <Alert
          type="warning"
          showIcon
          message={lapsed.message}
          description="重新登录后回到原来的页面，未保存的内容仍在；换其他操作员登录则不保留。"
          style={{ marginBottom: 12 }}
          data-testid="idle-signed-out"
        />
      )}
      {clockBehind && (
        <Alert type="error" showIcon message={clockWarningText(clockBehind)} style={{ marginBottom: 12 }} />
      )}
      <Typography.Paragraph type="secondary">
        请选择您的姓名并输入密码。领导可查看、打印和写批示；忘记密码请找管理员重设。
      </Typography.Paragraph>
      {refusal && <Alert type="error" showIcon message={refusal} style={{ marginBottom: 12 }} role="alert" />}
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item label="操作员" name="operatorId" rules={[{ required: true, message: '请选择操作员' }]}>
          <Select
            autoFocus
            options={(operators ?? []).map((o) => ({ value: o.id, label: `${o.name}（${o.role}）` }))}
            placeholder="请选择"
            onChange={() => setRefusal(null)}
          />
        </Form.Item>
        <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
          <Input.Password
            ref={passwordBox}
            prefix={<LockOutlined />}
            maxLength={64}
            onPressEnter={submit}
            autoComplete="current-password"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
