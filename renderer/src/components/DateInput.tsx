import { DatePicker, type FormRule } from 'antd';
import dayjs from 'dayjs';
import customParseFormat from 'dayjs/plugin/customParseFormat';
import { useRef, useState, type ComponentProps } from 'react';
import { isValidIsoDate, parseDateText } from '../../../shared/domain/dates.ts';

dayjs.extend(customParseFormat); // as the picker reads typed text (rc-picker extends it too; said here, not relied on)

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

/** A text as the picker takes it: the day of one of DATE_FORMATS, strictly (2017-02-30 is no day, not March 2nd). */
const dayOf = (text: string): string | null => {
  for (const f of DATE_FORMATS) {
    const d = dayjs(text, f, true);
    if (d.isValid()) return d.format('YYYY-MM-DD');
  }
  return null;
};

/**
 * The rule of a DateInput's Form.Item: a text typed that is no day (2017-02-30) is refused under the field in the
 * words of the one date reader of shared/domain — 日期“2017-02-30”不是有效日期（2017年2月没有30日） — so the form
 * is not saved with the day it held before.
 */
export const dayRule = (label: string): FormRule => ({
  validator: (_r, v: unknown) => {
    const why = dayRefusal(label, v);
    return why ? Promise.reject(new Error(why)) : Promise.resolve();
  },
});

/**
 * dayRule's words for a DateInput's value, or null when it is a day or none: for a field kept in a page's own state
 * rather than an antd form (打印's 印发日期), which shows them under the field and sends nothing while they stand.
 */
export function dayRefusal(label: string, v: unknown): string | null {
  if (typeof v !== 'string' || v === '' || isValidIsoDate(v)) return null;
  const d = parseDateText(v, label);
  return d.ok ? `${label}“${v}”请写成 2017-09-30 或 2017年9月30日` : d.message;
}

/**
 * A date field whose form value is ISO text (YYYY-MM-DD) or null, as the contract expects — or, once the cursor
 * leaves a text the picker cannot take (2017-02-30), that text: the picker dropped it and the field kept its day, so
 * the form was saved with the day it held before and the clerk never heard why (dayRule, or the core, refuses it).
 * The box keeps that text, as typed, beside the reason under it: the picker emptied its box when its value left the
 * day it held, so the clerk read the reason under a blank field and typed again from nothing.
 * The ref Form.Item passes reaches the picker: applyApiError puts the core's refusal of a date (晚于今天, 已有该日期的数值) under the field
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
  const refused = !!value && !isValidIsoDate(value);
  // While the value is a refused text the picker holds the day it held before (none, or the last day shown): its
  // box is reset from its value whenever that changes, and with preserveInvalidOnBlur it keeps the text typed (the
  // refused text is the value by the frame after the blur, when the picker decides).
  const held = useRef<string | null>(null);
  if (!refused) held.current = value ?? null;
  // A value put in from outside (the form reset for another record) while a refused text was shown: the picker is
  // made anew, or its box kept the old text over a day it never saw change.
  const own = useRef(value);
  const [made, setMade] = useState({ value, n: 0 });
  if (made.value !== value)
    setMade({ value, n: made.n + (value !== own.current && made.value && !isValidIsoDate(made.value) ? 1 : 0) });
  const change = (v: string | null) => {
    own.current = v;
    onChange?.(v);
  };
  return (
    <DatePicker
      key={made.n}
      ref={ref}
      id={id}
      style={{ width: '100%' }}
      format={DATE_FORMATS}
      placeholder={placeholder ?? '例如 2017-09-30'}
      // a text refused is no day: dayjs('2017-02-30') would roll it over to March 2nd
      value={held.current ? dayjs(held.current) : null}
      status={refused ? 'error' : undefined}
      // only over a refused text: a day typed another way (2017/9/30) is shown as the field writes it once taken
      preserveInvalidOnBlur={refused}
      onChange={(d) => change(d ? d.format('YYYY-MM-DD') : null)}
      // The text typed is the field's value as the cursor leaves it: the picker takes it two frames later, so 保存
      // clicked straight after typing read the day held before (or none) and saved that.
      onBlur={(e) => {
        const typed = (e.target as HTMLInputElement).value.trim();
        // a refused text cleared away: no day, as the picker says of a box emptied over one
        if (typed === '') return void (refused && change(null));
        const next = dayOf(typed) ?? typed;
        if (next !== value) change(next);
      }}
    />
  );
}
