/**
 * 领导批示 on screen: the list (leader, day, text, the 督办单 it was written on) and the 写批示 dialog. Shown to
 * everyone; the button only to those who may write one (领导 in their own name; 管理员 recording a paper 批示, who
 * names the leader and the day). See electron/core/services/instruction.service.ts.
 */
import { EditOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Card, Empty, Form, Input, List, Modal, Typography } from 'antd';
import { useState } from 'react';
import { formatDateCn } from '../../../../shared/domain/display.ts';
import type { Instruction } from '../../../../shared/schemas/instruction.ts';
import { useMay, useSession } from '../../app/session.tsx';
import { call } from '../../lib/api.ts';
import { DateInput, dayRule } from '../../components/DateInput.tsx';

export interface InstructionTarget {
  projectId?: number;
  supervisionId?: number;
  /** What the dialog's title names: 项目“…” or 督办单 督〔2017〕1号. */
  label: string;
}

/** The 写批示 button and its dialog; renders nothing for a role that may not write a 批示. */
export function WriteInstructionButton({
  target,
  onDone,
  size,
}: {
  target: InstructionTarget;
  onDone: (i: Instruction) => void;
  size?: 'small';
}) {
  const may = useMay('instructions:add');
  const { session } = useSession();
  const { message } = AntApp.useApp();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ content: string; leaderName?: string; givenOn?: string | null }>();
  if (!may) return null;
  const onBehalf = session?.role !== '领导';
  const submit = async () => {
    // refused fields are said under themselves; the refusal is no error of the page (it was left unhandled)
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setBusy(true);
    try {
      const made = await call('instructions:add', {
        projectId: target.projectId,
        supervisionId: target.supervisionId,
        content: v.content,
        leaderName: onBehalf ? (v.leaderName ?? null) : null,
        givenOn: onBehalf && v.givenOn ? v.givenOn : null,
      });
      message.success(`已保存${made.leader}的批示`);
      setOpen(false);
      form.resetFields();
      onDone(made);
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button
        size={size}
        type={size ? 'default' : 'primary'}
        icon={<EditOutlined />}
        onClick={() => setOpen(true)}
        aria-label={`批示 ${target.label}`}
      >
        批示
      </Button>
      <Modal
        title={`领导批示：${target.label}`}
        open={open}
        onOk={submit}
        onCancel={() => setOpen(false)}
        okText="保存批示"
        cancelText="取消"
        confirmLoading={busy}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          <Form.Item
            label="批示内容"
            name="content"
            rules={[
              { required: true, whitespace: true, message: '请填写批示内容' },
              { min: 2, message: '批示内容至少2个字' },
            ]}
          >
            <Input.TextArea aria-label="批示内容" rows={5} maxLength={1000} showCount />
          </Form.Item>
          {onBehalf && (
            <>
              <Form.Item label="批示领导" name="leaderName" extra="代领导录入纸面批示时填写；不填则记为本人">
                <Input aria-label="批示领导" maxLength={40} />
              </Form.Item>
              <Form.Item label="批示日期" name="givenOn" extra="不填则为今天" rules={[dayRule('批示日期')]}>
                <DateInput />
              </Form.Item>
            </>
          )}
          {!onBehalf && (
            <Typography.Text type="secondary">
              以“{session?.operator}”的名义、今天的日期保存。批示保存后不能修改或删除。
            </Typography.Text>
          )}
        </Form>
      </Modal>
    </>
  );
}

/**
 * One 批示 as read: text, then “— 赵书记 2017年10月8日（督办单 督〔2017〕1号）”; `label` (批示：) leads the text
 * where it stands among other texts (the 督办 page's reply above it).
 */
export function InstructionText({ i, label }: { i: Instruction; label?: string }) {
  return (
    <div className="instruction" data-testid="instruction">
      <Typography.Paragraph style={{ marginBottom: 2, whiteSpace: 'pre-wrap' }}>
        {label && <Typography.Text type="danger">{label}</Typography.Text>}
        {i.content}
      </Typography.Paragraph>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        —— {i.leader}
        {'\u3000'}
        {formatDateCn(i.givenOn)}
        {i.supervisionNo ? `（督办单${i.supervisionNo}）` : ''}
        {i.enteredBy !== i.leader ? `，${i.enteredBy}代录` : ''}
      </Typography.Text>
    </div>
  );
}

/** The 领导批示 card of a project page: every 批示 on the project or its 督办单, and 写批示. */
export function InstructionsCard({
  projectId,
  projectName,
  items,
  onChanged,
}: {
  projectId: number;
  projectName: string;
  items: Instruction[];
  onChanged: () => void;
}) {
  return (
    <Card
      size="small"
      title="领导批示"
      extra={
        <WriteInstructionButton target={{ projectId, label: `项目“${projectName}”` }} onDone={onChanged} size="small" />
      }
    >
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无领导批示" />
      ) : (
        <List
          dataSource={items}
          renderItem={(i) => (
            <List.Item>
              <InstructionText i={i} />
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
