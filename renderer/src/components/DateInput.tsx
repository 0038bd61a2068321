import { DatePicker } from 'antd';
import dayjs from 'dayjs';
import type { ComponentProps } from 'react';

/**
 * How every date field shows and takes a day: shown as the screens write dates (2017年9月30日), taken as the clerk
 * types it in Excel or WPS — 2017-09-30, 2017-9-30, 2017/9/30, 2017.9.30 or 2017年9月30日 (antd shows the first
 * format and parses the text typed with each in turn). The fields showed 2017-09-30 beside 2017年9月30日 everywhere else.
 */
export const DATE_FORMATS = [
  'YYYY年M月D日',
  'YYYY-MM-DD',
  'YYYY-M-D',
  'YYYY/M/D',
  'YYYY/MM/DD',
  'YYYY.M.D',
  'YYYY.MM.DD',
  'YYYY年MM月DD日',
];

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
      format={DATE_FORMATS}
      placeholder={placeholder ?? '例如 2017-09-30'}
      value={value ? dayjs(value) : null}
      onChange={(d) => onChange?.(d ? d.format('YYYY-MM-DD') : null)}
    />
  );
}
