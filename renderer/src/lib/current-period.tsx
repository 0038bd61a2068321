/**
 * The one current period of the renderer: every page, the 打印 and the 导出 dialog start at it and change it
 * together. The rule lives in the core (`periods:current`: the operator's pick while it applies, else the latest
 * period open for reporting; the PC clock only for an empty ledger); a pick is remembered per operator by the
 * core (`periods:pick`), so it survives a page change and a restart. Loaded once per operator (the provider sits
 * inside the content keyed by the session) and not re-read after writes: the window stays on the month worked in
 * (after 关账 or 重新开账 the 月报 page picks it again, MonthlyReportPage `stay`) until the clerk picks another.
 */
import { DatePicker, Tooltip } from 'antd';
import dayjs from 'dayjs';
import { useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useMemo, type ReactNode } from 'react';
import type { CurrentPeriod } from '../../../shared/schemas/monthly-report.ts';
import { call } from './api.ts';
import { channelKey, useChannelQuery } from './use-channel-query.ts';

interface CurrentPeriodState {
  /** null until the core answered. */
  current: CurrentPeriod | null;
  period: string | null;
  /** Makes `period` the current period of every page (null: back to the automatic choice). */
  pick: (period: string | null) => Promise<void>;
}

const Ctx = createContext<CurrentPeriodState | null>(null);

export function CurrentPeriodProvider({ children }: { children: ReactNode }) {
  const client = useQueryClient();
  // A failure leaves the pages on their loading state; the core's own pages show its message.
  const current = useChannelQuery('periods:current', {}).data ?? null;
  // The pick's answer is the new current period: it goes into the cache without asking again.
  const pick = useCallback(
    async (period: string | null) => {
      client.setQueryData<CurrentPeriod>(channelKey('periods:current', {}), await call('periods:pick', { period }));
    },
    [client],
  );
  const value = useMemo(() => ({ current, period: current?.period ?? null, pick }), [current, pick]);
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
export function PeriodPicker({
  onChange,
  width = 130,
}: {
  onChange?: (period: string) => void;
  width?: number | string;
}) {
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
