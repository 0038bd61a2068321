/**
 * Column widths dragged at a header's right edge and the frozen leading columns, as Excel's 冻结窗格: one mechanism
 * for every sheet (项目台账, 月报, 考核, 责任清单, 人员, the lists of the 一项目一档). Both are remembered per operator
 * and per sheet through the ui-settings channel (`<sheet>.widths`, `<sheet>.frozen`).
 */
import { App as AntApp, Select } from 'antd';
import type React from 'react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { call } from '../../lib/api.ts';

const MIN_WIDTH = 48;

export interface ColumnLayout {
  /** widths dragged by the operator, by column key */
  widths: Readonly<Record<string, number>>;
  /** the key of the last frozen column, '' for none */
  frozen: string;
  /** a column's edge was dragged (done: released, the width is remembered) */
  onResize: (key: string, width: number, done: boolean) => void;
  setFrozen: (key: string) => void;
}

/** The remembered layout of the sheet `name` (a ui-settings key prefix, e.g. `ledger`, `sheet.project-items`). */
export function useColumnLayout(name: string, defaultFrozen: string): ColumnLayout {
  const { message } = AntApp.useApp();
  const [widths, setWidths] = useState<Record<string, number>>({});
  const [frozen, setFrozenNow] = useState<string>(defaultFrozen);
  /** the operator chose the frozen columns before the remembered choice arrived: theirs stands */
  const frozenChosen = useRef(false);
  useEffect(() => {
    frozenChosen.current = false;
    call('settings:getUi', { key: `${name}.widths` }).then(
      ({ value }) => {
        if (!value || typeof value !== 'object' || Array.isArray(value)) return;
        const remembered = Object.fromEntries(
          Object.entries(value).filter((e): e is [string, number] => typeof e[1] === 'number'),
        );
        // A column dragged before the remembered widths arrived (a quick clerk, a busy machine) keeps its new width,
        // and the others keep theirs: what is remembered becomes both.
        setWidths((dragged) => {
          if (Object.keys(dragged).length === 0) return remembered;
          const both = { ...remembered, ...dragged };
          call('settings:setUi', { key: `${name}.widths`, value: both }).catch(() => {});
          return both;
        });
      },
      () => {},
    );
    call('settings:getUi', { key: `${name}.frozen` }).then(
      ({ value }) => typeof value === 'string' && !frozenChosen.current && setFrozenNow(value),
      () => {},
    );
  }, [name]);
  const onResize = useCallback(
    (key: string, width: number, done: boolean) => {
      setWidths((w) => {
        const next = { ...w, [key]: width };
        if (done)
          call('settings:setUi', { key: `${name}.widths`, value: next }).catch((e: Error) => message.error(e.message));
        return next;
      });
    },
    [name, message],
  );
  const setFrozen = useCallback(
    (key: string) => {
      frozenChosen.current = true;
      setFrozenNow(key);
      call('settings:setUi', { key: `${name}.frozen`, value: key }).catch((e: Error) => message.error(e.message));
    },
    [name, message],
  );
  return { widths, frozen, onResize, setFrozen };
}

/** How many leading columns are frozen: those up to the frozen key (none for ''; the first when the key is gone). */
export function frozenCount(keys: readonly string[], frozen: string): number {
  if (frozen === '') return 0;
  const at = keys.indexOf(frozen);
  return at < 0 ? Math.min(1, keys.length) : at + 1;
}

/** Drags a column's right edge; the width follows the mouse and is reported once more when released. */
export function startResize(e: React.MouseEvent, key: string, width: number, onResize: ColumnLayout['onResize']) {
  e.preventDefault();
  e.stopPropagation();
  const x0 = e.clientX;
  const widthAt = (x: number) => Math.max(MIN_WIDTH, Math.round(width + x - x0));
  const move = (m: MouseEvent) => onResize(key, widthAt(m.clientX), false);
  const up = (m: MouseEvent) => {
    document.removeEventListener('mousemove', move);
    document.removeEventListener('mouseup', up);
    onResize(key, widthAt(m.clientX), true);
  };
  document.addEventListener('mousemove', move);
  document.addEventListener('mouseup', up);
}

/** The drag handle at a header's right edge. */
export function ResizeHandle({
  colKey,
  width,
  onResize,
}: {
  colKey: string;
  width?: number;
  onResize: ColumnLayout['onResize'];
}) {
  return (
    <span
      className="lg-resize"
      aria-hidden
      title="拖动调整列宽"
      onMouseDown={(e) => startResize(e, colKey, width ?? e.currentTarget.parentElement?.offsetWidth ?? 100, onResize)}
      onClick={(e) => e.stopPropagation()}
    />
  );
}

/** The 冻结列 choice: none, or through one of the first columns. */
export function FreezeSelect({
  layout,
  columns,
  label = '冻结列',
  width = 168,
}: {
  layout: ColumnLayout;
  columns: readonly { key: string; title: string }[];
  label?: string;
  width?: number;
}) {
  return (
    <Select
      aria-label={label}
      style={{ width }}
      value={layout.frozen}
      size="middle"
      onChange={layout.setFrozen}
      options={[
        { value: '', label: '不冻结列' },
        ...columns.slice(0, 6).map((c) => ({ value: c.key, label: `冻结至“${c.title}”` })),
      ]}
    />
  );
}
