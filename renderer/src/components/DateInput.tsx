import { DatePicker } from 'antd';
import dayjs from 'dayjs';
import type { ComponentProps } from 'react';

/**
 * A date field whose form value is ISO text (YYYY-MM-DD) or null, as the contract expects. The ref Form.Item passes
 * reaches the picker: applyApiError puts the core's refusal of a date (晚于今天, 已有该日期的数值) under the field
 * only for a field with an instance, so without it the refusal was a toast at the top and the field stayed unmarked.
 */
export function DateInput({
  value,
  onChange,
  id,
  placeholder,
  ref,
}: {
  value?: string | null;
  onChange?: (v: string | null) => void;
  id?: string;
  placeholder?: string;
  ref?: ComponentProps<typeof DatePicker>['ref'];
}) {
  return (
    <DatePicker
      ref={ref}
      id={id}
      style={{ width: '100%' }}
      format="YYYY-MM-DD"
      placeholder={placeholder ?? '例如 2017-09-30'}
      value={value ? dayjs(value) : null}
      onChange={(d) => onChange?.(d ? d.format('YYYY-MM-DD') : null)}
    />
  );
}
