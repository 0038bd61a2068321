/** The progress of a long call (import, export, backup): stage, percentage and 取消. See use-long-call.ts. */
import { Button, Modal, Progress, Typography } from 'antd';
import type { LongCallState } from '../lib/use-long-call.ts';

export function CallProgressModal({ state, onCancel }: { state: LongCallState | null; onCancel: () => void }) {
  return (
    <Modal
      open={state !== null}
      title={state?.title}
      closable={false}
      maskClosable={false}
      keyboard={false}
      destroyOnHidden
      footer={
        <Button danger onClick={onCancel} disabled={state?.cancelling}>
          {state?.cancelling ? '正在取消…' : '取消'}
        </Button>
      }
    >
      <div
        role="progressbar"
        aria-label={state?.title}
        aria-valuenow={state?.percent ?? 0}
        aria-valuemin={0}
        aria-valuemax={100}
      >
        <Typography.Paragraph style={{ marginBottom: 8 }}>
          {state?.cancelling ? '正在取消，已写入的内容将全部撤回…' : state?.stage}
        </Typography.Paragraph>
        <Progress percent={state?.percent ?? 0} status={state?.cancelling ? 'exception' : 'active'} />
      </div>
      <Typography.Text type="secondary">取消后台账保持操作前的样子，不会留下一半的数据或文件。</Typography.Text>
    </Modal>
  );
}
