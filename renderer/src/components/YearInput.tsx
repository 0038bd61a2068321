/**
 * A year box that never changes what the clerk typed. antd's InputNumber with min/max turned a typed “17” (meaning
 * 2017) into 1900 on leaving the box, silently; here the typed number stays, and the form's rule (yearRule: the
 * contract's own year schema) or, for a box that drives the page (考核年度, the import's 年度), the box itself says
 * what is wrong, and only a year in range reaches the page.
 */
import { InputNumber, Tooltip } from 'antd';
import { useEffect, useState, type CSSProperties, type ReactNode } from 'react';
import { year as yearSchema } from '../../../shared/schemas/common.ts';

/** An antd form rule backed by the contract's year schema (an empty box is left to the form's `required`). */
export const yearRule = (label: string) => ({
  validator: async (_: unknown, value: unknown) => {
    if (value === null || value === undefined || value === '') return;
    const problem = yearProblem(label, value);
    if (problem) throw new Error(problem);
  },
});

interface YearInputProps {
  value?: number | null;
  onChange?: (v: number | null) => void;
  /** Set when the box drives the page directly (no form rule): only years in range are passed on. */
  standalone?: string;
  style?: CSSProperties;
  addonAfter?: ReactNode;
  'aria-label'?: string;
}

export function YearInput({ value, onChange, standalone, style, addonAfter, ...rest }: YearInputProps) {
  const [typed, setTyped] = useState<number | null>(value ?? null);
  const [typing, setTyping] = useState(false);
  useEffect(() => setTyped(value ?? null), [value]);
  // Said once the clerk leaves the box (2, 20, 201 are on the way to 2017); always the same tree, so the box keeps
  // its focus when the message comes and goes.
  const problem = standalone && typed !== null && !typing ? yearProblem(standalone, typed) : null;
  return (
    <Tooltip open={problem !== null} title={problem} placement="bottom">
      <InputNumber
        {...rest}
        value={standalone ? typed : value}
        precision={0}
        controls={false}
        placeholder="如 2017"
        status={problem ? 'error' : undefined}
        style={style ?? { width: '100%' }}
        addonAfter={addonAfter}
        onFocus={() => setTyping(true)}
        onBlur={() => setTyping(false)}
        onChange={(v) => {
          const n = typeof v === 'number' ? v : null;
          if (!standalone) return onChange?.(n);
          setTyped(n);
          if (n !== null && !yearProblem(standalone, n)) onChange?.(n);
        }}
      />
    </Tooltip>
  );
}

/** What is wrong with `n` as a year (the contract's own messages), or null. */
function yearProblem(label: string, n: unknown): string | null {
  const r = yearSchema(label).safeParse(n);
  return r.success ? null : (r.error.issues[0]?.message ?? `${label}应为四位年份，如 2017`);
}
