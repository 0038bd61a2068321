/**
 * The progress of a long call (import, export, backup): stage, percentage and 取消. See use-long-call.ts. From the
 * stage the core says can no longer be cancelled (a restore replacing the ledger file), 取消 is greyed out and the
 * dialog says why: a cancel pressed there would not be kept.
 */
import { Button, Modal, Progress, Typography } from 'antd';
import type { LongCallState } from '../lib/use-long-call.ts';

export function CallProgressModal({ state, onCancel }: { state: LongCallState | null; onCancel: () => void }) {
  const past = state?.cancellable === false;
  const cancelling = !past && state?.cancelling === true;
  return (
    <Modal
      open={state !== null}
      title={state?.title}
      closable={false}
      maskClosable={false}
      keyboard={false}
      destroyOnHidden
      footer={
        <Button danger onClick={onCancel} disabled={past || cancelling}>
          {past ? '已不能取消' : cancelling ? '正在取消…' : '取消'}
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
          {cancelling ? '正在取消，已写入的内容将全部撤回…' : past ? `${state?.stage ?? ''}，已不能取消` : state?.stage}
        </Typography.Paragraph>
        <Progress percent={state?.percent ?? 0} status={cancelling ? 'exception' : 'active'} />
      </div>
      <Typography.Text type="secondary">
        {past
          ? '这一步一旦开始就会做完，请稍候，不要关闭程序。'
          : '取消后台账保持操作前的样子，不会留下一半的数据或文件。'}
      </Typography.Text>
    </Modal>
  );
}
