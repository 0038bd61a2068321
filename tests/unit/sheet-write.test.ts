// The one write piece every sheet uses (components/sheet/sheet-write.ts): cells checked first, the accepted ones
// sent in one call; a record the core refuses is marked (its own field with the core's reason, the others with
// "本行未保存"), the cell the core names is marked even when it was left as it was, and the rest sent once more.
import { describe, expect, it } from 'vitest';
import { markRefused, saveCells, type AcceptedCell } from '../../renderer/src/components/sheet/sheet-write.ts';
import { ApiError } from '../../renderer/src/lib/api.ts';

const ISSUE = /^row\.(\d+)(?:\.(\w+))?$/;
const issueTarget = (i: { path: string }) => {
  const m = ISSUE.exec(i.path);
  return m ? { rowId: Number(m[1]), field: m[2] } : null;
};
const texts: Record<string, string> = { '1:name': '甲', '1:amount': '1.00', '2:name': '', '2:amount': '' };

describe('saveCells', () => {
  it('leaves out unchanged cells, refuses bad ones, sends the rest in one call', async () => {
    const calls: AcceptedCell<string>[][] = [];
    const out = await saveCells(
      [
        { rowId: 1, colKey: 'name', text: ' 甲 ' },
        { rowId: 1, colKey: 'amount', text: 'abc' },
        { rowId: 2, colKey: 'name', text: '乙' },
      ],
      {
        check: (w) =>
          w.colKey === 'amount' && !/^\d/.test(w.text)
            ? { ok: false, message: '金额应为数字' }
            : texts[`${w.rowId}:${w.colKey}`] === w.text.trim()
              ? null
              : { ok: true, value: w.text.trim(), before: texts[`${w.rowId}:${w.colKey}`]! },
        send: async (cells) => (calls.push(cells), 'ok'),
        issueTarget,
      },
    );
    expect(calls).toHaveLength(1);
    expect(calls[0]!.map((c) => [c.rowId, c.colKey, c.value])).toEqual([[2, 'name', '乙']]);
    expect(out.refused).toEqual([{ rowId: 1, colKey: 'amount', text: 'abc', message: '金额应为数字' }]);
    expect(out.changes).toEqual([{ rowId: 2, colKey: 'name', before: '', after: '乙' }]);
    expect(out.result).toBe('ok');
  });

  it('marks the records the core refuses and sends the others once more; gives up after the second refusal', async () => {
    let n = 0;
    const out = await saveCells(
      [
        { rowId: 1, colKey: 'name', text: '丙' },
        { rowId: 2, colKey: 'name', text: '乙' },
        { rowId: 2, colKey: 'amount', text: '' },
      ],
      {
        check: (w) =>
          texts[`${w.rowId}:${w.colKey}`] === w.text
            ? null
            : { ok: true, value: w.text, before: texts[`${w.rowId}:${w.colKey}`]! },
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
    expect(n).toBe(2);
    expect(out.result).toBe(1);
    expect(out.changes).toEqual([{ rowId: 1, colKey: 'name', before: '甲', after: '丙' }]);
    expect(out.refused).toEqual([
      { rowId: 2, colKey: 'name', text: '乙', message: '第2行：请填写金额（本行未保存）' },
      { rowId: 2, colKey: 'amount', text: '', message: '第2行：请填写金额' },
    ]);
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

  it('markRefused clears the cells written and marks the refused ones', () => {
    const old = new Map([
      ['1:name', { rowId: 1, colKey: 'name', text: 'x', message: '旧' }],
      ['3:name', { rowId: 3, colKey: 'name', text: 'y', message: '留' }],
    ]);
    const next = markRefused(
      old,
      [
        { rowId: 1, colKey: 'name', text: '甲' },
        { rowId: 2, colKey: 'name', text: '乙' },
      ],
      [{ rowId: 2, colKey: 'name', text: '乙', message: '新' }],
    );
    expect([...next.keys()].sort()).toEqual(['2:name', '3:name']);
  });
});
