/**
 * A small editable list (建设子项, 资金构成, 年度计划, 节点): rows of inputs, add / remove, save all at once.
 * The core validates the whole list; its Chinese message names the row and field and nothing is saved.
 */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, AutoComplete, Button, Checkbox, Input, Select, Space, Table } from 'antd';
import { useEffect, useState } from 'react';
import { formatDateCn, formatWan } from '../../../../shared/domain/display.ts';
import { parseMoney } from '../../../../shared/domain/money.ts';
import { useCanEdit } from '../../app/session.tsx';

export type Cellkind = 'text' | 'money' | 'date' | 'number' | 'check' | 'select' | 'auto';

export interface ListColumn {
  key: string;
  title: string;
  width?: number;
  kind: Cellkind;
  options?: { value: string; label: string }[] | { label: string; options: { value: string; label: string }[] }[];
}

export type EditRow = Record<string, string | boolean | null> & { _k: string };

let seq = 0;
export const newKey = () => `r${++seq}`;

export function ListEditor({ name, columns, initial, blank, onSave, extra }: {
  name: string;
  columns: ListColumn[];
  initial: EditRow[];
  blank: () => EditRow;
  onSave: (rows: EditRow[]) => Promise<string | null>;
  extra?: React.ReactNode;
}) {
  const { message } = AntApp.useApp();
  // The 领导 reads the lists as text: no inputs, no 增加一行, 删除 or 保存.
  const canEdit = useCanEdit();
  const [rows, setRows] = useState<EditRow[]>(initial);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  useEffect(() => setRows(initial), [initial]);
  const set = (k: string, key: string, v: string | boolean | null) => setRows((rs) => rs.map((r) => (r._k === k ? { ...r, [key]: v } : r)));

  const save = async () => {
    setSaving(true);
    try {
      const warning = await onSave(rows);
      setError(null);
      message.success(`${name}已保存`);
      if (warning) message.warning(warning);
    } catch (e) {
      setError((e as Error).message);
      message.error((e as Error).message);
    } finally {
      setSaving(false);
    }
  };

  const cell = (c: ListColumn, r: EditRow) => {
    const v = r[c.key];
    const label = `${name}${c.title}`;
    if (!canEdit) return readText(c, v);
    switch (c.kind) {
      case 'check':
        return <Checkbox checked={!!v} onChange={(e) => set(r._k, c.key, e.target.checked)} aria-label={label} />;
      case 'select':
        return <Select size="small" style={{ width: '100%' }} value={(v as string) ?? undefined} options={c.options as never} onChange={(x: string) => set(r._k, c.key, x)} aria-label={label} showSearch />;
      case 'auto':
        return <AutoComplete size="small" style={{ width: '100%' }} value={(v as string) ?? ''} options={c.options as { value: string }[]} onChange={(x) => set(r._k, c.key, x)} aria-label={label} />;
      default:
        return (
          <Input
            size="small"
            value={(v as string) ?? ''}
            placeholder={c.kind === 'date' ? '如 2017-09-30' : undefined}
            style={c.kind === 'money' || c.kind === 'number' ? { textAlign: 'right' } : undefined}
            onChange={(e) => set(r._k, c.key, e.target.value)}
            aria-label={label}
          />
        );
    }
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {error && <Alert type="error" showIcon message={error} />}
      <Table<EditRow>
        size="small"
        bordered
        rowKey="_k"
        pagination={false}
        dataSource={rows}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: canEdit ? `暂无${name}，请点击“增加一行”` : `暂无${name}` }}
        columns={[
          { title: '序号', key: 'no', width: 50, render: (_, __, i) => i + 1 },
          ...columns.map((c) => ({ key: c.key, title: c.title, width: c.width, render: (_: unknown, r: EditRow) => cell(c, r) })),
          ...(canEdit ? [{
            title: '', key: 'del', width: 50,
            render: (_: unknown, r: EditRow) => <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label="删除此行" onClick={() => setRows((rs) => rs.filter((x) => x._k !== r._k))} />,
          }] : []),
        ]}
      />
      {canEdit && (
        <Space>
          <Button icon={<PlusOutlined />} onClick={() => setRows((rs) => [...rs, blank()])}>增加一行</Button>
          <Button type="primary" loading={saving} onClick={save}>保存{name}</Button>
          {extra}
        </Space>
      )}
    </Space>
  );
}

/** A cell as the 领导 reads it: dates as 2017年9月30日, choices by their label. */
function readText(c: ListColumn, v: unknown): string {
  if (v === null || v === undefined || v === '') return '';
  if (c.kind === 'check') return v ? '是' : '否';
  if (c.kind === 'date') return formatDateCn(String(v));
  if (c.kind === 'money') {
    const m = parseMoney(String(v));
    return m.ok ? formatWan(m.fen, { grouping: true }) : String(v);
  }
  if (c.kind === 'select') return String((c.options as { value: unknown; label?: unknown }[] | undefined)?.find((o) => o.value === v)?.label ?? v);
  return String(v);
}

/** '' → null, trimmed text otherwise: what the contract expects of an empty cell. */
export const textOrNull = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
