/**
 * Closing a form drawer that holds typing not yet saved asks first, as Excel and WPS ask before closing a changed
 * workbook: Esc (meant for a date picker's calendar), 取消 or the × used to throw a half-filled project away.
 * "Changed" is the values against those the form was opened with (`markClean` after filling it): antd's touched
 * flags are set by fields that settle their own value as they mount.
 */
import { App as AntApp, type FormInstance } from 'antd';
import { useCallback, useRef } from 'react';

export function useGuardedClose(form: FormInstance, onClose: () => void): { close: () => void; markClean: () => void } {
  const { modal } = AntApp.useApp();
  const clean = useRef('');
  const valuesNow = useCallback(() => JSON.stringify(form.getFieldsValue(true)), [form]);
  const markClean = useCallback(() => {
    clean.current = valuesNow();
  }, [valuesNow]);
  const asking = useRef(false);
  const close = useCallback(() => {
    if (valuesNow() === clean.current) {
      onClose();
      return;
    }
    // one question at a time (a second Esc or click while it is open)
    if (asking.current) return;
    asking.current = true;
    modal.confirm({
      afterClose: () => {
        asking.current = false;
      },
      title: '放弃未保存的内容？',
      content: '本表中填写或修改的内容还没有保存，关闭后将丢失。',
      okText: '放弃并关闭',
      okButtonProps: { danger: true },
      autoFocusButton: 'cancel', // Enter keeps the typing; discarding takes a deliberate click
      cancelText: '继续填写',
      onOk: onClose,
    });
  }, [modal, onClose, valuesNow]);
  return { close, markClean };
}
