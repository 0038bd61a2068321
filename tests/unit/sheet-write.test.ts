// The one write piece every sheet uses (components/sheet/sheet-write.ts): cells checked first, the accepted ones
// sent in one call. A block is saved whole or not at all: a cell that fails its rule, or a record the core refuses
// (its own field marked with the core's reason, the others with "本行未保存", the cell the core names even when it
// was left as it was), keeps the whole block unsaved — the rest held — until the refused cells are corrected; then
// the block's marked cells go with the correction in one call, and Esc gives the whole block up.
import { describe, expect, it } from 'vitest';
import {
  HELD_MESSAGE,
  dismissRefused,
  markRefused,
  saveCells,
  withTheirBlocks,
  type AcceptedCell,
} from '../../renderer/src/components/sheet/sheet-write.ts';
import type { SheetWrite } from '../../renderer/src/components/sheet/use-sheet.ts';
import { ApiError } from '../../renderer/src/lib/api.ts';

const ISSUE = /^row\.(\d+)(?:\.(\w+))?$/;
const issueTarget = (i: { path: string }) => {
  const m = ISSUE.exec(i.path);
  return m ? { rowId: Number(m[1]), field: m[2] } : null;
};
const texts: Record<string, string> = { '1:name': '甲', '1:amount': '1.00', '2:name': '', '2:amount': '' };
const check = (w: SheetWrite) =>
  w.colKey === 'amount' && w.text.trim() !== '' && !/^\d/.test(w.text.trim())
    ? ({ ok: false, message: '金额应为数字' } as const)
    : texts[`${w.rowId}:${w.colKey}`] === w.text.trim()
      ? null
      : ({ ok: true, value: w.text.trim(), before: texts[`${w.rowId}:${w.colKey}`]! } as const);

describe('saveCells', () => {
  it('sends the changed cells of a clean block in one call, leaving out the unchanged', async () => {
    const calls: AcceptedCell<string>[][] = [];
    const out = await saveCells(
      [
        { rowId: 1, colKey: 'name', text: ' 甲 ' },
        { rowId: 1, colKey: 'amount', text: '2' },
        { rowId: 2, colKey: 'name', text: '乙' },
      ],
      { check, send: async (cells) => (calls.push(cells), 'ok'), issueTarget },
    );
    expect(calls).toHaveLength(1);
    expect(calls[0]!.map((c) => [c.rowId, c.colKey, c.value])).toEqual([
      [1, 'amount', '2'],
      [2, 'name', '乙'],
    ]);
    expect(out.refused).toEqual([]);
    expect(out.held).toEqual([]);
    expect(out.changes).toEqual([
      { rowId: 1, colKey: 'amount', before: '1.00', after: '2' },
      { rowId: 2, colKey: 'name', before: '', after: '乙' },
    ]);
    expect(out.result).toBe('ok');
  });

  it('sends nothing of a block with a cell its rule refuses: that cell is marked, the others held', async () => {
    let sent = 0;
    const out = await saveCells(
      [
        { rowId: 1, colKey: 'name', text: ' 甲 ' },
        { rowId: 1, colKey: 'amount', text: 'abc' },
        { rowId: 2, colKey: 'name', text: '乙' },
      ],
      { check, send: async () => (sent++, 'ok'), issueTarget },
    );
    expect(sent).toBe(0);
    expect(out.changes).toEqual([]);
    expect(out.result).toBeNull();
    expect(out.refused).toEqual([{ rowId: 1, colKey: 'amount', text: 'abc', message: '金额应为数字' }]);
    expect(out.held).toEqual([{ rowId: 2, colKey: 'name', text: '乙', message: HELD_MESSAGE, held: true }]);
  });

  it('holds the whole block when the core refuses a record (sent once), and rethrows what names no record', async () => {
    let n = 0;
    const out = await saveCells(
      [
        { rowId: 1, colKey: 'name', text: '丙' },
        { rowId: 2, colKey: 'name', text: '乙' },
        { rowId: 2, colKey: 'amount', text: '' },
      ],
      {
        check,
        send: async (cells) => {
          n++;
          if (cells.some((c) => c.rowId === 2))
            throw new ApiError('VALIDATION', '第2行：请填写金额', [
              { path: 'row.2.amount', message: '第2行：请填写金额' },
            ]);
          return cells.length;
        },
        issueTarget,
      },
    );
    expect(n).toBe(1);
    expect(out.result).toBeNull();
    expect(out.changes).toEqual([]);
    expect(out.refused).toEqual([
      { rowId: 2, colKey: 'name', text: '乙', message: '第2行：请填写金额（本行未保存）' },
      { rowId: 2, colKey: 'amount', text: '', message: '第2行：请填写金额' },
    ]);
    expect(out.held.map((h) => [h.rowId, h.colKey, h.text])).toEqual([[1, 'name', '丙']]);
    await expect(
      saveCells([{ rowId: 1, colKey: 'name', text: '丁' }], {
        check: (w) => ({ ok: true, value: w.text, before: '' }),
        send: async () => {
          throw new ApiError('VALIDATION', '磁盘已满');
        },
        issueTarget,
      }),
    ).rejects.toThrow('磁盘已满');
  });
});

describe('marks of a held block', () => {
  const pasted = async () => {
    const out = await saveCells(
      [
        { rowId: 1, colKey: 'amount', text: 'abc' },
        { rowId: 2, colKey: 'name', text: '乙' },
        { rowId: 2, colKey: 'amount', text: '3' },
      ],
      { check, send: async () => 'never', issueTarget },
    );
    return markRefused(new Map(), [], out.refused, out.held);
  };

  it('a corrected cell takes the rest of its block along, and the block is saved whole', async () => {
    const marks = await pasted();
    expect([...marks.values()].map((m) => [m.rowId, m.colKey, !!m.held])).toEqual([
      [2, 'name', true],
      [2, 'amount', true],
      [1, 'amount', false],
    ]);
    const writes = withTheirBlocks([{ rowId: 1, colKey: 'amount', text: '5' }], marks);
    expect(writes).toEqual([
      { rowId: 1, colKey: 'amount', text: '5' },
      { rowId: 2, colKey: 'name', text: '乙' },
      { rowId: 2, colKey: 'amount', text: '3' },
    ]);
    const calls: AcceptedCell<string>[][] = [];
    const out = await saveCells(writes, { check, send: async (c) => (calls.push(c), 'ok'), issueTarget });
    expect(calls).toHaveLength(1);
    expect(out.changes).toHaveLength(3);
    expect(markRefused(marks, writes, out.refused, out.held).size).toBe(0);
  });

  it('a cell outside any block is written alone; another block is left as it is', async () => {
    const marks = await pasted();
    const lone = [{ rowId: 3, colKey: 'name', text: '丁' }];
    expect(withTheirBlocks(lone, marks)).toEqual(lone);
    expect(markRefused(marks, lone, []).size).toBe(3);
    // a cell typed elsewhere in a refused record takes the block along (the fix may be in a cell it left alone)
    expect(withTheirBlocks([{ rowId: 1, colKey: 'name', text: '戊' }], marks)).toHaveLength(4);
  });

  it('Esc over any cell of a block gives the whole block up, and no other', async () => {
    const first = await pasted();
    const other = markRefused(first, [], [{ rowId: 9, colKey: 'name', text: 'x', message: '另一块' }]);
    const left = dismissRefused(other, [{ rowId: 2, colKey: 'name' }]);
    expect([...left.keys()]).toEqual(['9:name']);
    expect(dismissRefused(left, [{ rowId: 5, colKey: 'name' }])).toBe(left);
  });
});
