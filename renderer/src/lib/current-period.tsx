/**
 * The one current period of the renderer: every page, the 打印 and the 导出 dialog start at it and change it
 * together. The rule lives in the core (`periods:current`: the operator's pick while it applies, else the latest
 * period open for reporting; the PC clock only for an empty ledger); a pick is remembered per operator by the
 * core (`periods:pick`), so it survives a page change and a restart. Loaded once per operator (the provider sits
 * inside the content keyed by the session) and refreshed after the commands that can move it (saving reports,
 * 关账, 重新开账).
 */
import { DatePicker, Tooltip } from 'antd';
import dayjs from 'dayjs';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { CurrentPeriod } from '../../../shared/schemas/monthly-report.ts';
import { call } from './api.ts';

interface CurrentPeriodState {
  /** null until the core answered. */
  current: CurrentPeriod | null;
  period: string | null;
  /** Makes `period` the current period of every page (null: back to the automatic choice). */
  pick: (period: string | null) => Promise<void>;
  /** Re-reads the rule after a command that may open or close a month. */
  refresh: () => Promise<void>;
}

const Ctx = createContext<CurrentPeriodState | null>(null);

export function CurrentPeriodProvider({ children }: { children: ReactNode }) {
  const [current, setCurrent] = useState<CurrentPeriod | null>(null);
  const refresh = useCallback(async () => setCurrent(await call('periods:current', {})), []);
  const pick = useCallback(async (period: string | null) => setCurrent(await call('periods:pick', { period })), []);
  useEffect(() => {
    // A failure leaves the pages on their loading state; the core's own pages show its message.
    refresh().catch(() => undefined);
  }, [refresh]);
  const value = useMemo(() => ({ current, period: current?.period ?? null, pick, refresh }), [current, pick, refresh]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useCurrentPeriod(): CurrentPeriodState {
  const v = useContext(Ctx);
  if (!v) throw new Error('useCurrentPeriod 需在 CurrentPeriodProvider 内使用');
  return v;
}

/**
 * The month picker every page shows: changing it changes the current period of all pages. `onChange` lets a page
 * with unsaved edits ask first (it then calls pick itself).
 */
export function PeriodPicker({ onChange, width = 130 }: { onChange?: (period: string) => void; width?: number | string }) {
  const { current, pick } = useCurrentPeriod();
  if (!current) return null;
  return (
    <Tooltip title={current.note}>
      <DatePicker
        picker="month"
        allowClear={false}
        aria-label="期别"
        format="YYYY年M月"
        value={dayjs(`${current.period}-01`)}
        style={{ width }}
        onChange={(d) => {
          if (!d) return;
          const p = d.format('YYYY-MM');
          if (onChange) onChange(p);
          else void pick(p);
        }}
      />
    </Tooltip>
  );
}
