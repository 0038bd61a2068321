import { describe, expect, it } from 'vitest';
import { summarize, summaryText } from '../../renderer/src/components/sheet/SheetStatus.tsx';

const grid = (cells: string[][]) => (row: number, col: number) => cells[row]?.[col] ?? '';

describe('the status line of a block (求和, 平均值, 计数 as WPS shows them)', () => {
  it('adds amounts as the sheets show and clerks type them, exactly, and counts the rest', () => {
    const text = grid([
      ['西厢大街', '1,234.50', '2017年3月1日'],
      ['', '１２３', '2017-01-02'],
      ['景区', '860.00余', '0.1'],
      ['', '', '0.2'],
    ]);
    const s = summarize({ top: 0, left: 0, bottom: 3, right: 2 }, text)!;
    expect(s).toMatchObject({ count: 9, numbers: 5 });
    // 1,234.50 + 123 + 860 + 0.1 + 0.2, to the 分 (no 0.30000000000000004)
    expect(summaryText(s)).toBe('求和 2,217.80　平均值 443.56　计数 9');
  });

  it('says nothing for one cell, or while a row of the block is not read yet', () => {
    const text = grid([['1'], ['2']]);
    expect(summarize({ top: 0, left: 0, bottom: 0, right: 0 }, text)).toBeNull();
    expect(summarize({ top: 0, left: 0, bottom: 1, right: 0 }, text, (r) => r === 0)).toBeNull();
    expect(summaryText(summarize({ top: 0, left: 0, bottom: 1, right: 0 }, text)!)).toBe('求和 3　平均值 1.50　计数 2');
  });

  it('counts a block of text without a sum', () => {
    const s = summarize({ top: 0, left: 0, bottom: 1, right: 0 }, grid([['在建'], ['83.3%']]))!;
    expect(summaryText(s)).toBe('计数 2');
  });
});
