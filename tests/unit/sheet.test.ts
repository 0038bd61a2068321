import { describe, expect, it } from 'vitest';
import {
  blockOf,
  blockTexts,
  cellsOf,
  fillDownWrites,
  moveCursor,
  pasteWrites,
  stepInBlock,
} from '../../renderer/src/components/sheet/block.ts';
import { formatHtmlTable, formatTsv, parseTsv } from '../../renderer/src/components/sheet/tsv.ts';
import { stepWrites, UndoStack } from '../../renderer/src/components/sheet/undo.ts';

describe('TSV as Excel and WPS put it on the clipboard', () => {
  it('reads rows ending in CRLF, the last one too, without an empty last row', () => {
    expect(parseTsv('1500\t主体完工\t40\r\n200\t绿化\t\r\n')).toEqual([
      ['1500', '主体完工', '40'],
      ['200', '绿化', ''],
    ]);
  });
  it('reads a single value and LF-only text (WPS on Linux, a plain text editor)', () => {
    expect(parseTsv('12.5')).toEqual([['12.5']]);
    expect(parseTsv('a\tb\nc\td')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
  });
  it('reads quoted cells holding line breaks, tabs and doubled quotes', () => {
    const excel = '"第一行\n第二行"\t"含\t制表"\t"他说""好"""\r\n普通\t"x"\t\r\n';
    expect(parseTsv(excel)).toEqual([
      ['第一行\n第二行', '含\t制表', '他说"好"'],
      ['普通', 'x', ''],
    ]);
  });
  it('keeps a quote inside an unquoted cell, and a cell that merely starts with a quote', () => {
    expect(parseTsv('12"3\t"abc" def\r\n')).toEqual([['12"3', '"abc" def']]);
  });
  it('keeps empty cells at the ends of a row and empty rows in the middle', () => {
    expect(parseTsv('\ta\t\r\n\r\nb\r\n')).toEqual([['', 'a', ''], [''], ['b']]);
  });
  it('writes what it reads back (round trip), quoting only where Excel does', () => {
    const cells = [
      ['1,500.00', '含\t制表', '第一行\n第二行'],
      ['他说"好"', '', '001'],
    ];
    const text = formatTsv(cells);
    expect(text).toBe('1,500.00\t"含\t制表"\t"第一行\n第二行"\r\n"他说""好"""\t\t001\r\n');
    expect(parseTsv(text)).toEqual(cells);
  });
  it('writes an HTML table: amounts as numbers, full dates as dates, the rest as text; markup escaped', () => {
    const html = formatHtmlTable([
      ['001', '<b>&</b>'],
      ['a\nb', ''],
    ]);
    expect(html).toContain('<table><tr><td');
    expect(html).toContain('&lt;b&gt;&amp;&lt;/b&gt;');
    expect(html).toContain(`<td style="mso-number-format:'\\@'">001</td>`);
    // a SUM in Excel counts what the sheet copied: amounts carry no text format
    const amounts = formatHtmlTable([['3500', '1,234.56', '-0.5', '12.5%', '2017-03-01', '2017-09', '1-1']]);
    for (const v of ['3500', '1,234.56', '-0.5', '12.5%']) expect(amounts).toContain(`<td>${v}</td>`);
    expect(amounts).toContain(`<td style="mso-number-format:'yyyy\\-mm\\-dd'">2017-03-01</td>`);
    for (const v of ['2017-09', '1-1']) expect(amounts).toContain(`<td style="mso-number-format:'\\@'">${v}</td>`);
    expect(html).toContain('a<br style="mso-data-placement:same-cell">b');
    expect(html.match(/<tr>/g)).toHaveLength(2);
  });
});

describe('blocks and cursor moves', () => {
  const o = { rows: 10, cols: 5, page: 4 };
  it('makes a block from two corners in either order', () => {
    expect(blockOf({ row: 5, col: 3 }, { row: 2, col: 1 })).toEqual({ top: 2, left: 1, bottom: 5, right: 3 });
    expect(cellsOf(blockOf({ row: 0, col: 0 }, { row: 1, col: 1 }))).toHaveLength(4);
  });
  it('moves by arrows, stopping at the edges', () => {
    expect(moveCursor({ row: 0, col: 0 }, 'ArrowUp', o)).toEqual({ row: 0, col: 0 });
    expect(moveCursor({ row: 0, col: 0 }, 'ArrowDown', o)).toEqual({ row: 1, col: 0 });
    expect(moveCursor({ row: 9, col: 4 }, 'ArrowRight', o)).toEqual({ row: 9, col: 4 });
  });
  it('Home/End go along the row, Ctrl+Home/End to the corners, PageUp/PageDown by a screen', () => {
    expect(moveCursor({ row: 3, col: 2 }, 'Home', o)).toEqual({ row: 3, col: 0 });
    expect(moveCursor({ row: 3, col: 2 }, 'End', o)).toEqual({ row: 3, col: 4 });
    expect(moveCursor({ row: 3, col: 2 }, 'Home', { ...o, ctrl: true })).toEqual({ row: 0, col: 0 });
    expect(moveCursor({ row: 3, col: 2 }, 'End', { ...o, ctrl: true })).toEqual({ row: 9, col: 4 });
    expect(moveCursor({ row: 3, col: 2 }, 'PageDown', o)).toEqual({ row: 7, col: 2 });
    expect(moveCursor({ row: 8, col: 2 }, 'PageDown', o)).toEqual({ row: 9, col: 2 });
    expect(moveCursor({ row: 2, col: 2 }, 'PageUp', o)).toEqual({ row: 0, col: 2 });
  });
  it('Ctrl+arrows jump over runs of filled cells as Excel does', () => {
    // column 0: rows 0-3 filled, 4-6 empty, 7-8 filled, 9 empty
    const filled = (r: number, c: number) => c === 0 && [0, 1, 2, 3, 7, 8].includes(r);
    const ctrl = { ...o, ctrl: true, filled };
    expect(moveCursor({ row: 0, col: 0 }, 'ArrowDown', ctrl)).toEqual({ row: 3, col: 0 }); // end of the run
    expect(moveCursor({ row: 3, col: 0 }, 'ArrowDown', ctrl)).toEqual({ row: 7, col: 0 }); // next filled cell
    expect(moveCursor({ row: 8, col: 0 }, 'ArrowDown', ctrl)).toEqual({ row: 9, col: 0 }); // nothing further: the edge
    expect(moveCursor({ row: 7, col: 0 }, 'ArrowUp', ctrl)).toEqual({ row: 3, col: 0 });
    expect(moveCursor({ row: 5, col: 2 }, 'ArrowRight', { ...o, ctrl: true })).toEqual({ row: 5, col: 4 });
  });
  it('Tab and Enter move inside a selected block and wrap', () => {
    const b = blockOf({ row: 1, col: 1 }, { row: 2, col: 2 });
    expect(stepInBlock({ row: 1, col: 2 }, b, 'Tab', false, 10, 5)).toEqual({ row: 2, col: 1 });
    expect(stepInBlock({ row: 2, col: 2 }, b, 'Tab', false, 10, 5)).toEqual({ row: 1, col: 1 });
    expect(stepInBlock({ row: 2, col: 1 }, b, 'Enter', false, 10, 5)).toEqual({ row: 1, col: 2 });
    expect(stepInBlock({ row: 1, col: 1 }, b, 'Enter', true, 10, 5)).toEqual({ row: 2, col: 2 });
    const one = blockOf({ row: 4, col: 4 }, { row: 4, col: 4 });
    expect(stepInBlock({ row: 4, col: 4 }, one, 'Tab', false, 10, 5)).toEqual({ row: 4, col: 4 });
    expect(stepInBlock({ row: 4, col: 4 }, one, 'Enter', false, 10, 5)).toEqual({ row: 5, col: 4 });
    expect(stepInBlock({ row: 4, col: 4 }, one, 'Tab', true, 10, 5)).toEqual({ row: 4, col: 3 });
  });
  it('pastes a block from the selection corner, leaving out what falls outside', () => {
    const data = [
      ['a', 'b', 'c'],
      ['d', 'e', 'f'],
    ];
    const { writes, outside } = pasteWrites(data, blockOf({ row: 9, col: 3 }, { row: 9, col: 3 }), 10, 5);
    expect(writes).toEqual([
      { row: 9, col: 3, text: 'a' },
      { row: 9, col: 4, text: 'b' },
    ]);
    expect(outside).toBe(4);
  });
  it('repeats a block to fill a selection that is a whole multiple of it', () => {
    const one = pasteWrites([['7']], blockOf({ row: 0, col: 0 }, { row: 2, col: 1 }), 10, 5);
    expect(one.writes.map((w) => w.text)).toEqual(['7', '7', '7', '7', '7', '7']);
    const uneven = pasteWrites([['1'], ['2']], blockOf({ row: 0, col: 0 }, { row: 2, col: 0 }), 10, 5);
    expect(uneven.writes).toHaveLength(2); // 3 rows is no multiple of 2: pasted once
  });
  it('fills down each column from its top cell, and reads a block as texts', () => {
    const text = (r: number, c: number) => `${r}:${c}`;
    const b = blockOf({ row: 2, col: 1 }, { row: 4, col: 2 });
    expect(fillDownWrites(b, text)).toEqual([
      { row: 3, col: 1, text: '2:1' },
      { row: 4, col: 1, text: '2:1' },
      { row: 3, col: 2, text: '2:2' },
      { row: 4, col: 2, text: '2:2' },
    ]);
    expect(blockTexts(b, text)).toEqual([
      ['2:1', '2:2'],
      ['3:1', '3:2'],
      ['4:1', '4:2'],
    ]);
  });
});

describe('undo stack', () => {
  const step = (label: string, before: string, after: string) => ({
    label,
    changes: [{ rowId: 1, colKey: 'x', before, after }],
  });
  it('undoes and redoes whole steps in order, and a new edit ends the redo chain', () => {
    const s = new UndoStack();
    s.push(step('一', '', 'a'));
    s.push(step('二', 'a', 'b'));
    s.push({ label: '空', changes: [] });
    const u = s.undo()!;
    expect(u.label).toBe('二');
    expect(stepWrites(u, 'undo')).toEqual([{ rowId: 1, colKey: 'x', text: 'a' }]);
    expect(s.redo()!.label).toBe('二');
    expect(s.undo()!.label).toBe('二');
    expect(s.undo()!.label).toBe('一');
    expect(s.undo()).toBeNull();
    expect(s.canRedo()).toBe(true);
    s.push(step('三', '', 'c'));
    expect(s.canRedo()).toBe(false);
    expect(s.undo()!.label).toBe('三');
  });
  it('keeps at most `limit` steps, and puts back a step whose undo could not be saved', () => {
    const s = new UndoStack(2);
    s.push(step('一', '', 'a'));
    s.push(step('二', 'a', 'b'));
    s.push(step('三', 'b', 'c'));
    const u = s.undo()!;
    s.restoreUndo(u);
    expect(s.canRedo()).toBe(false);
    expect(s.undo()!.label).toBe('三');
    expect(s.undo()!.label).toBe('二');
    expect(s.undo()).toBeNull();
  });
});
