/**
 * The in-place editor of one grid cell, opened by F2, a double-click or typing over the cell (the typed
 * character replaces the value). Enter saves and moves down (Shift+Enter up), Tab right (Shift+Tab left), Esc cancels;
 * Ctrl+Enter puts the value into every cell of the selected block and stays, Ctrl+; in a date puts today at the caret.
 * The value is checked with the form's own zod rule before it is sent; the core checks it again.
 */
import { Input, Select } from 'antd';
import { useRef, useState, type KeyboardEvent } from 'react';
import { formatDateCn } from '../../../../shared/domain/dates.ts';
import type { Lookups } from '../../../../shared/schemas/org.ts';
import type { ProjectRow } from '../../../../shared/schemas/project.ts';
import type { LedgerColumn } from './ledger-columns.ts';
import { filterByName } from '../../lib/options.ts';
import { insertAtCaret, isFillKey, isTodayKey, todayText } from '../../components/sheet/today-key.ts';

/**
 * where the cursor goes once the editor closes: Enter down, Shift+Enter up, Tab right, Shift+Tab left; 'block':
 * Ctrl+Enter, the value goes into the whole selected block and the cursor stays
 */
export type Move = 'down' | 'up' | 'right' | 'left' | 'none' | 'block';

export interface CellEditorProps {
  col: LedgerColumn;
  row: ProjectRow;
  lookups: Lookups;
  error: string | null;
  /** the character typed over the cell (it replaces the value, as in a spreadsheet); null: F2 or double-click */
  typed?: string | null;
  /** resolves false when the value was refused (the editor stays open) */
  onCommit: (value: unknown, move: Move) => Promise<boolean>;
  onCancel: () => void;
}

export function CellEditor({ col, row, lookups, error, typed = null, onCommit: commitNow, onCancel }: CellEditorProps) {
  // Enter saves and the blur that follows must not save a second time; after Esc the blur that follows (the editor
  // closing) must not save what Esc threw away.
  const sending = useRef(false);
  const onCommit = (value: unknown, move: Move) => {
    if (sending.current) return;
    sending.current = true;
    void commitNow(value, move).then((ok) => {
      if (!ok) sending.current = false;
    });
  };
  const edit = col.edit!;
  const raw = col.raw ? col.raw(row) : null;
  // A day opens as the cell shows it (2017年3月1日), not as stored (2017-03-01): F2 edits the text the clerk reads,
  // and the sheet's day reader (parseDay) takes it back as it takes 2017/9/30 or 2017.9.30.
  const initial = edit.kind === 'date' && typeof raw === 'string' ? formatDateCn(raw) : raw;
  const [value, setValue] = useState<string | number | null>(
    edit.kind === 'select' || typed === null ? initial : typed,
  );
  const [search, setSearch] = useState(edit.kind === 'select' && typed !== null ? typed : '');
  /** a choice made with Ctrl+Enter (the list takes the key, and chooses, before the select's own onKeyDown hears it) */
  const fillChoice = useRef(false);
  const keys = (e: KeyboardEvent) => {
    e.stopPropagation();
    if (e.key === 'Escape') {
      sending.current = true;
      onCancel();
    } else if (isTodayKey(e)) {
      e.preventDefault();
      if (edit.kind === 'date') insertAtCaret(e.target as HTMLInputElement, todayText());
    } else if (e.key === 'Enter' && edit.kind !== 'select')
      onCommit(value, isFillKey(e) ? 'block' : e.shiftKey ? 'up' : 'down');
    else if (e.key === 'Tab') {
      e.preventDefault();
      onCommit(value, e.shiftKey ? 'left' : 'right');
    }
  };
  const status = error ? 'error' : undefined;
  if (edit.kind === 'select')
    return (
      <span style={{ display: 'block' }} onKeyDownCapture={(e) => (fillChoice.current = isFillKey(e))}>
        <Select
          size="small"
          autoFocus
          defaultOpen
          status={status}
          style={{ width: '100%' }}
          value={value ?? undefined}
          allowClear={edit.allowClear}
          showSearch
          searchValue={search}
          onSearch={setSearch}
          popupMatchSelectWidth={false}
          filterOption={filterByName}
          options={edit.options(lookups)}
          onKeyDown={keys}
          onChange={(v) => onCommit(v ?? null, fillChoice.current ? 'block' : 'none')}
          onBlur={onCancel}
          aria-label={`修改${col.title}`}
        />
      </span>
    );
  return (
    <Input
      size="small"
      autoFocus
      status={status}
      value={value ?? ''}
      placeholder={edit.kind === 'date' ? '如 2017-09-30' : undefined}
      style={edit.kind === 'money' ? { textAlign: 'right' } : undefined}
      onChange={(e) => setValue(e.target.value)}
      onKeyDown={keys}
      onBlur={() => onCommit(value, 'none')}
      // the caret at the end, as Excel and WPS open a cell: F2 adds to the text (二期, 余) rather than replacing it
      onFocus={(e) => e.target.setSelectionRange(e.target.value.length, e.target.value.length)}
      aria-label={`修改${col.title}`}
    />
  );
}
