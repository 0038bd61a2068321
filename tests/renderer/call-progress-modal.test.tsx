// @vitest-environment happy-dom
/**
 * The progress dialog of a long call: 取消 while the core says the call can still stop; from the stage it says can no
 * longer be cancelled (a restore replacing the ledger file), the button is greyed out and the dialog says why — it
 * offered 取消 at 替换数据库文件, where a cancel could no longer be kept.
 */
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CallProgressModal } from '../../renderer/src/components/CallProgressModal.tsx';
import type { LongCallState } from '../../renderer/src/lib/use-long-call.ts';

afterEach(cleanup);

const state = (s: Partial<LongCallState>): LongCallState => ({
  title: '从备份恢复',
  stage: '备份当前台账',
  percent: 10,
  cancelling: false,
  cancellable: true,
  ...s,
});
const button = () => screen.getByRole('button');

describe('CallProgressModal', () => {
  it('offers 取消 while the core says the call can stop', () => {
    const onCancel = vi.fn();
    render(<CallProgressModal state={state({})} onCancel={onCancel} />);
    expect(screen.getByText('备份当前台账')).toBeTruthy();
    expect(button().textContent?.replace(/\s/g, '')).toBe('取消');
    fireEvent.click(button());
    expect(onCancel).toHaveBeenCalledTimes(1);
  });

  it('past the point of no return: 取消 greyed out, and the dialog says the stage can no longer be cancelled', () => {
    const onCancel = vi.fn();
    render(
      <CallProgressModal
        state={state({ stage: '替换数据库文件', percent: 70, cancellable: false })}
        onCancel={onCancel}
      />,
    );
    expect(screen.getByText('替换数据库文件，已不能取消')).toBeTruthy();
    expect(button().textContent).toBe('已不能取消');
    expect((button() as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByText(/这一步一旦开始就会做完/)).toBeTruthy();
    // a cancel pressed a moment before the stage came is not shown as 正在取消 either: it will not be kept
    cleanup();
    render(
      <CallProgressModal
        state={state({ stage: '替换数据库文件', percent: 70, cancellable: false, cancelling: true })}
        onCancel={onCancel}
      />,
    );
    expect(screen.getByText('替换数据库文件，已不能取消')).toBeTruthy();
    expect(screen.queryByText(/正在取消/)).toBeNull();
  });
});
