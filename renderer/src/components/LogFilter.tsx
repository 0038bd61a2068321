/**
 * The filter over a log read a page at a time — 修改记录 and 登录记录: an operator, a range of local days, the page.
 * A new filter goes back to page 1; the query is what the core's list channels take (from/to as YYYY-MM-DD).
 */
import { DatePicker, Select, Space, Typography, type TablePaginationConfig } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState, type ReactNode } from 'react';

export interface LogFilter {
  operator: string | null;
  setOperator: (v: string | null) => void;
  range: [Dayjs | null, Dayjs | null] | null;
  setRange: (v: [Dayjs | null, Dayjs | null] | null) => void;
  /** back to page 1 after a filter of the caller's own changed */
  resetPage: () => void;
  query: { operator: string | null; from: string | null; to: string | null; limit: number; offset: number };
  /** the table's pagination, given the total the core answered */
  pagination: (total: number | undefined) => TablePaginationConfig;
}

export function useLogFilter(pageSize: number): LogFilter {
  const [operator, setOperator] = useState<string | null>(null);
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [page, setPage] = useState({ current: 1, pageSize });
  const resetPage = () => setPage((p) => ({ ...p, current: 1 }));
  return {
    operator,
    setOperator: (v) => {
      setOperator(v);
      resetPage();
    },
    range,
    setRange: (v) => {
      setRange(v);
      resetPage();
    },
    resetPage,
    query: {
      operator,
      from: range?.[0]?.format('YYYY-MM-DD') ?? null,
      to: range?.[1]?.format('YYYY-MM-DD') ?? null,
      limit: page.pageSize,
      offset: (page.current - 1) * page.pageSize,
    },
    pagination: (total) => ({
      ...page,
      total: total ?? 0,
      showSizeChanger: true,
      onChange: (current, size) => setPage({ current, pageSize: size }),
    }),
  };
}

/**
 * 全部操作员 and the date range, then the caller's own filters, then 共 N 条 — in a spaced row of their own: a
 * caller's Space around this component spaced it as one item, and the boxes stood against each other.
 */
export function LogFilterFields(p: {
  filter: LogFilter;
  operators: string[] | undefined;
  operatorLabel: string;
  total: number | undefined;
  children?: ReactNode;
}) {
  const f = p.filter;
  return (
    <Space wrap style={{ marginBottom: 12 }}>
      <Select
        allowClear
        placeholder="全部操作员"
        style={{ width: 160 }}
        aria-label={p.operatorLabel}
        value={f.operator}
        onChange={(v) => f.setOperator(v ?? null)}
        options={(p.operators ?? []).map((o) => ({ value: o, label: o }))}
      />
      <DatePicker.RangePicker value={f.range} onChange={(v) => f.setRange(v)} placeholder={['起始日期', '截止日期']} />
      {p.children}
      <Typography.Text type="secondary">共 {p.total ?? 0} 条</Typography.Text>
    </Space>
  );
}
