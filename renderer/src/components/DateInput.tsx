import { DatePicker } from 'antd';
import dayjs from 'dayjs';

/** A date field whose form value is ISO text (YYYY-MM-DD) or null, as the contract expects. */
export function DateInput({
  value,
  onChange,
  id,
  placeholder,
}: {
  value?: string | null;
  onChange?: (v: string | null) => void;
  id?: string;
  placeholder?: string;
}) {
  return (
    <DatePicker
      id={id}
      style={{ width: '100%' }}
      format="YYYY-MM-DD"
      placeholder={placeholder ?? '例如 2017-09-30'}
      value={value ? dayjs(value) : null}
      onChange={(d) => onChange?.(d ? d.format('YYYY-MM-DD') : null)}
    />
  );
}
