// @vitest-environment happy-dom
/**
 * The renderer's hooks that hold no ledger data: the hash route, the table height, the 月报 draft cells, and the
 * spreadsheet hook (selection, keyboard, copy and paste, fill-down, clear, undo) over a sheet of texts.
 */
import { act, cleanup, renderHook } from '@testing-library/react';
import type { KeyboardEvent, MouseEvent, RefObject } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { useHashRoute } from '../../renderer/src/app/use-hash-route.ts';
import {
  useSheet,
  type Pos,
  type SheetModel,
  type SheetWrite,
  type WriteOutcome,
} from '../../renderer/src/components/sheet/use-sheet.ts';
import {
  DraftStore,
  useCell,
  useDirtyIds,
  type Draft,
} from '../../renderer/src/features/monthly-report/draft-store.ts';
import { useBusyRun } from '../../renderer/src/lib/use-busy-run.ts';
import { useTableHeight } from '../../renderer/src/lib/use-table-height.ts';

afterEach(() => {
  cleanup();
  document.body.innerHTML = '';
});

describe('useHashRoute: the page lives in the URL hash, so F5 comes back to it', () => {
  it('starts at the fallback, follows the hash (decoded, with its ?filters) and go() writes it', async () => {
    window.location.hash = '';
    const { result } = renderHook(() => useHashRoute('dashboard'));
    expect(result.current[0]).toBe('dashboard');
    act(() => result.current[1]('ledger?category=道路'));
    expect(window.location.hash).toBe(`#/${encodeURI('ledger?category=道路')}`);
    await act(async () => {
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    });
    expect(result.current[0]).toBe('ledger?category=道路');
    window.location.hash = '';
    await act(async () => {
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    });
    expect(result.current[0]).toBe('dashboard');
  });

  it('opens at the page the hash names', () => {
    window.location.hash = '#/funds';
    const { result } = renderHook(() => useHashRoute('dashboard'));
    expect(result.current[0]).toBe('funds');
    window.location.hash = '';
  });
});

describe('useTableHeight', () => {
  const resize = (h: number) => {
    Object.defineProperty(window, 'innerHeight', { configurable: true, value: h });
    window.dispatchEvent(new Event('resize'));
  };
  it('is the window’s height less the offset, never under 240 px, and follows resizes', () => {
    resize(900);
    const { result } = renderHook(() => useTableHeight(300));
    expect(result.current).toBe(600);
    act(() => resize(700));
    expect(result.current).toBe(400);
    act(() => resize(400));
    expect(result.current).toBe(240);
  });
});

describe('月报 draft cells: a keystroke re-renders its own cell', () => {
  const draft = (monthWan: string): Draft => ({
    monthWan,
    imageText: '',
    imagePct: '',
    issues: '',
    nextSteps: '',
    needs: '',
  });
  it('useCell follows its cell’s value, error and whether it is being typed; useDirtyIds lists rows whose typing differs from the saved row', () => {
    const store = new DraftStore();
    store.merge({ 1: draft('1'), 2: draft('2') });
    let renders = 0;
    const cell = renderHook(() => {
      renders++;
      return useCell(store, 1, 'monthWan');
    });
    const dirty = renderHook(() => useDirtyIds(store));
    expect(cell.result.current).toEqual(['1', undefined, false]);
    expect(dirty.result.current).toEqual([]);
    const before = renders;
    act(() => store.set(2, 'monthWan', '5'));
    expect(renders).toBe(before); // another row's typing leaves this cell alone
    expect(dirty.result.current).toEqual([2]);
    act(() => store.type(1, 'monthWan', '12o'));
    expect(cell.result.current).toEqual(['12o', undefined, true]);
    act(() => store.addErrors({ '1.monthWan': '本月完成投资“12o”不是有效的金额' }));
    expect(cell.result.current).toEqual(['12o', '本月完成投资“12o”不是有效的金额', true]);
    expect(dirty.result.current).toEqual([1, 2]);
    act(() => store.set(1, 'monthWan', ' 1 ')); // the same once trimmed: clean again, the error gone; a write, not typing
    expect(cell.result.current).toEqual([' 1 ', undefined, false]);
    expect(dirty.result.current).toEqual([2]);
  });
});

/**
 * A sheet of texts whose column 2 takes numbers only and whose cell (0,0) is read-only, as a page's model would.
 * `gate`: each write waits for it first (a save still on its way to the core).
 */
function textSheet(rows: string[][], gate?: { wait: () => Promise<void> }) {
  const grid = rows.map((r) => [...r]);
  const notices: [string, string][] = [];
  const edits: [number, number, string | null][] = [];
  const reveals: [Pos, Pos][] = [];
  const model: SheetModel = {
    rowCount: grid.length,
    colCount: grid[0]!.length,
    rowId: (r) => 100 + r,
    colKey: (c) => `c${c}`,
    rowOf: (id) => id - 100,
    colOf: (key) => Number(key.slice(1)),
    text: (r, c) => grid[r]![c]!,
    readOnly: (r, c) => (r === 0 && c === 0 ? '编号由系统生成，不能修改' : null),
    write: async (writes: SheetWrite[]): Promise<WriteOutcome> => {
      await gate?.wait();
      const out: WriteOutcome = { changes: [], refused: [] };
      for (const w of writes) {
        const r = w.rowId - 100;
        const c = Number(w.colKey.slice(1));
        if (c === 2 && w.text !== '' && !/^\d+(\.\d+)?$/.test(w.text))
          out.refused.push({ ...w, message: `“${w.text}”不是数字` });
        else {
          out.changes.push({ rowId: w.rowId, colKey: w.colKey, before: grid[r]![c]!, after: w.text });
          grid[r]![c] = w.text;
        }
      }
      return out;
    },
    edit: (pos, typed) => edits.push([pos.row, pos.col, typed]),
    editing: () => false,
    reveal: (show, active) => reveals.push([show, active]),
    pageRows: () => 2,
    notify: (kind, text) => notices.push([kind, text]),
  };
  const el = document.createElement('div');
  el.tabIndex = 0;
  document.body.appendChild(el);
  el.focus();
  const container: RefObject<HTMLElement | null> = { current: el };
  const hook = renderHook(() => useSheet(model, container));
  const key = (k: string, mods: { shift?: boolean; ctrl?: boolean } = {}) =>
    act(async () => {
      hook.result.current.onKeyDown({
        key: k,
        shiftKey: !!mods.shift,
        ctrlKey: !!mods.ctrl,
        metaKey: false,
        altKey: false,
        nativeEvent: { isComposing: false },
        preventDefault: () => {},
      } as unknown as KeyboardEvent);
      await new Promise((ok) => setTimeout(ok, 0));
    });
  const clipboard = async (type: 'copy' | 'paste', text = '') => {
    const data = new Map<string, string>([['text/plain', text]]);
    const e = new Event(type, { bubbles: true, cancelable: true }) as Event & { clipboardData: unknown };
    e.clipboardData = { getData: (t: string) => data.get(t) ?? '', setData: (t: string, v: string) => data.set(t, v) };
    await act(async () => {
      document.dispatchEvent(e);
      await new Promise((ok) => setTimeout(ok, 0));
    });
    return data;
  };
  return { grid, notices, edits, reveals, hook, key, clipboard };
}

describe('useSheet: a spreadsheet’s selection, keys and clipboard', () => {
  const rows = () => [
    ['A1', 'B1', '1', 'D1'],
    ['A2', '', '2', 'D2'],
    ['A3', 'B3', '3', 'D3'],
    ['A4', 'B4', '4', 'D4'],
  ];

  it('moves with arrows, grows a block with Shift, selects all with Ctrl+A and drops the block with Escape', async () => {
    const s = textSheet(rows());
    act(() => s.hook.result.current.select({ row: 1, col: 1 }));
    await s.key('ArrowRight');
    expect(s.hook.result.current.cursor).toEqual({ row: 1, col: 2 });
    await s.key('ArrowDown', { shift: true });
    await s.key('ArrowRight', { shift: true });
    expect(s.hook.result.current.block).toEqual({ top: 1, left: 2, bottom: 2, right: 3 });
    expect(s.hook.result.current.isSelected(2, 3)).toBe(true);
    expect(s.hook.result.current.isSelected(0, 3)).toBe(false);
    await s.key('PageDown');
    expect(s.hook.result.current.cursor).toEqual({ row: 3, col: 2 });
    await s.key('a', { ctrl: true });
    expect(s.hook.result.current.block).toEqual({ top: 0, left: 0, bottom: 3, right: 3 });
    await s.key('Escape');
    expect(s.hook.result.current.block).toEqual({ top: 3, left: 2, bottom: 3, right: 2 });
  });

  it('Ctrl+Z pressed while a paste is still being saved is not lost: it undoes the paste once saved', async () => {
    let open = () => {};
    const gate = { wait: () => new Promise<void>((resolve) => (open = resolve)) };
    const s = textSheet(rows(), gate);
    act(() => s.hook.result.current.select({ row: 1, col: 1 }));
    await s.clipboard('paste', 'x1\t11\r\nx2\t12');
    await s.key('z', { ctrl: true }); // the paste's save has not come back yet
    const first = open;
    await act(async () => {
      first(); // the paste is saved …
      await new Promise((ok) => setTimeout(ok, 0));
    });
    await act(async () => {
      open(); // … and the undo that waited for it is saved too
      await new Promise((ok) => setTimeout(ok, 0));
    });
    expect(s.notices.map(([, text]) => text)).toEqual(['粘贴：已保存 4 个单元格', '已撤销：粘贴（4 个单元格）']);
    expect(s.grid).toEqual(rows());
  });

  it('Ctrl+D fills down from the block’s top row and Ctrl+Z puts the cells back; Ctrl+Y does it again', async () => {
    const s = textSheet(rows());
    act(() => s.hook.result.current.select({ row: 1, col: 1 }));
    await s.key('ArrowDown', { shift: true });
    await s.key('ArrowDown', { shift: true });
    await s.key('d', { ctrl: true });
    expect(s.grid.map((r) => r[1])).toEqual(['B1', '', '', '']);
    expect(s.notices.at(-1)).toEqual(['success', '向下填充：已保存 2 个单元格']);
    await s.key('z', { ctrl: true });
    expect(s.grid.map((r) => r[1])).toEqual(['B1', '', 'B3', 'B4']);
    expect(s.notices.at(-1)).toEqual(['success', '已撤销：向下填充（2 个单元格）']);
    await s.key('y', { ctrl: true });
    expect(s.grid.map((r) => r[1])).toEqual(['B1', '', '', '']);
    await s.key('y', { ctrl: true });
    expect(s.notices.at(-1)).toEqual(['info', '没有可重做的修改']);
  });

  it('Delete clears the block but leaves read-only cells, saying why', async () => {
    const s = textSheet(rows());
    act(() => s.hook.result.current.select({ row: 0, col: 0 }));
    await s.key('ArrowRight', { shift: true });
    await s.key('Delete');
    expect(s.grid[0]).toEqual(['A1', '', '1', 'D1']);
    expect(s.notices.at(-1)).toEqual([
      'warning',
      '清除：已保存 1 个单元格；1 个只读单元格未改动（编号由系统生成，不能修改）',
    ]);
  });

  it('copies the block as TSV and an HTML table; a paste fills from the corner, reports refused and outside cells, and undoes as one step', async () => {
    const s = textSheet(rows());
    act(() => s.hook.result.current.select({ row: 0, col: 1 }));
    await s.key('ArrowDown', { shift: true });
    await s.key('ArrowRight', { shift: true });
    const copied = await s.clipboard('copy');
    expect(copied.get('text/plain')).toBe('B1\t1\r\n\t2\r\n');
    expect(copied.get('text/html')).toContain('<table');
    expect(s.notices.at(-1)).toEqual(['success', '已复制 2 行 × 2 列，可直接粘贴到 Excel 或 WPS']);

    act(() => s.hook.result.current.select({ row: 2, col: 1 }));
    await s.clipboard('paste', '甲\t7\t乙\t丙\r\n丁\tx\t戊\t己\r\n庚\t9\t辛\t壬\r\n');
    expect(s.grid[2]).toEqual(['A3', '甲', '7', '乙']);
    expect(s.grid[3]).toEqual(['A4', '丁', '4', '戊']);
    expect(s.notices.at(-2)).toEqual([
      'warning',
      '粘贴：已保存 5 个单元格；1 个单元格未通过校验：“x”不是数字，原因已在格中标出',
    ]);
    // the refused cell is brought into view; typing stays in the cell the paste started from
    expect(s.reveals.at(-1)).toEqual([
      { row: 3, col: 2 },
      { row: 2, col: 1 },
    ]);
    expect(s.notices.at(-1)).toEqual(['warning', '有 6 个单元格超出表格范围，未粘贴']);
    expect(s.hook.result.current.block).toEqual({ top: 2, left: 1, bottom: 3, right: 3 });
    await s.key('z', { ctrl: true });
    expect(s.grid).toEqual(rows());
  });

  it('typing over a cell opens its editor with the character, F2 opens it empty-handed; read-only cells refuse both', async () => {
    const s = textSheet(rows());
    act(() => s.hook.result.current.select({ row: 1, col: 3 }));
    await s.key('5');
    await s.key('F2');
    expect(s.edits).toEqual([
      [1, 3, '5'],
      [1, 3, null],
    ]);
    act(() => s.hook.result.current.select({ row: 0, col: 0 }));
    await s.key('x');
    expect(s.edits).toHaveLength(2);
    expect(s.notices.at(-1)).toEqual(['warning', '编号由系统生成，不能修改']);
  });

  it('Tab and Enter walk inside a selected block and wrap, keeping the block', async () => {
    const s = textSheet(rows());
    act(() => s.hook.result.current.select({ row: 1, col: 1 }));
    await s.key('ArrowRight', { shift: true });
    await s.key('ArrowDown', { shift: true });
    await s.key('Tab');
    expect(s.hook.result.current.cursor).toEqual({ row: 1, col: 2 });
    await s.key('Tab');
    expect(s.hook.result.current.cursor).toEqual({ row: 2, col: 1 });
    expect(s.hook.result.current.block).toEqual({ top: 1, left: 1, bottom: 2, right: 2 });
    await s.key('Enter'); // down the column, then on to the next column's top
    expect(s.hook.result.current.cursor).toEqual({ row: 1, col: 2 });
    await s.key('Enter', { shift: true });
    expect(s.hook.result.current.cursor).toEqual({ row: 2, col: 1 });
  });

  it('a mouse drag selects a block; a row or column header selects the whole row or column, Shift extending it', async () => {
    const s = textSheet(rows());
    const down = {
      button: 0,
      shiftKey: false,
      clientX: 10,
      clientY: 10,
      preventDefault: () => {},
    } as unknown as MouseEvent;
    act(() => s.hook.result.current.cellMouseDown(1, 1, down));
    // the cell scrolled into view under the pointer that has not moved: no drag, the cell alone stays selected
    act(() => s.hook.result.current.cellMouseEnter(1, 2, { clientX: 10, clientY: 10 }));
    expect(s.hook.result.current.block).toEqual({ top: 1, left: 1, bottom: 1, right: 1 });
    act(() => s.hook.result.current.cellMouseEnter(2, 3, { clientX: 200, clientY: 60 }));
    expect(s.hook.result.current.block).toEqual({ top: 1, left: 1, bottom: 2, right: 3 });
    act(() => document.dispatchEvent(new Event('mouseup')));
    act(() => s.hook.result.current.cellMouseEnter(3, 3, { clientX: 200, clientY: 100 })); // the button is up: no more dragging
    expect(s.hook.result.current.block).toEqual({ top: 1, left: 1, bottom: 2, right: 3 });
    act(() => s.hook.result.current.selectRow(2, false));
    expect(s.hook.result.current.block).toEqual({ top: 2, left: 0, bottom: 2, right: 3 });
    act(() => s.hook.result.current.selectRow(3, true));
    expect(s.hook.result.current.block).toEqual({ top: 2, left: 0, bottom: 3, right: 3 });
    act(() => s.hook.result.current.selectColumn(1, false));
    expect(s.hook.result.current.block).toEqual({ top: 0, left: 1, bottom: 3, right: 1 });
    act(() => s.hook.result.current.cellDoubleClick(0, 0));
    expect(s.notices.at(-1)).toEqual(['warning', '编号由系统生成，不能修改']);
    act(() => s.hook.result.current.cellDoubleClick(2, 2));
    expect(s.edits).toEqual([[2, 2, null]]);
  });
});

describe("useBusyRun: one action at a time, busy while it runs, its failure as the page's message", () => {
  it("is busy during the action, keeps a failure's Chinese message, and clears it when the next action starts", async () => {
    const { result } = renderHook(() => useBusyRun());
    let finish!: () => void;
    let running!: Promise<void>;
    act(() => {
      running = result.current.run(() => new Promise<void>((ok) => (finish = ok)));
    });
    expect(result.current.busy).toBe(true);
    await act(async () => {
      finish();
      await running;
    });
    expect(result.current).toMatchObject({ busy: false, error: null });
    await act(() =>
      result.current.run(async () => {
        throw new Error('文件中没有“项目名称”列');
      }),
    );
    expect(result.current).toMatchObject({ busy: false, error: '文件中没有“项目名称”列' });
    await act(() => result.current.run(async () => {}));
    expect(result.current.error).toBeNull();
  });
});
