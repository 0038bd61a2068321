// The warning of a file's 合计 row that disagrees with its projects: its 总投资 against their sum, and the count its
// label states against the projects it covers — both amounts in 万元 with two decimals, the difference, the row.
import { describe, expect, it } from 'vitest';
import { statedProjectCount, totalsMismatchText } from '../../shared/domain/import-totals.ts';

const WAN = 1_000_000;

describe('statedProjectCount', () => {
  it.each([
    ['合计（24个）', 24],
    ['一、规划设计（1个）', 1],
    ['龙海市合计2个', 2],
    ['总计6个项目', 6],
    ['合计 ( 3 个 )', 3],
    ['合计', null],
    ['小计', null],
  ] as const)('%s', (label, want) => expect(statedProjectCount(label)).toBe(want));
});

describe('totalsMismatchText', () => {
  const t = { row: 5, label: '合计（24个）', fileFen: 21_390 * WAN, sumFen: 21_380 * WAN, projects: 24, parts: 0 };
  it('a 总投资 off by 10万: both amounts, the difference, the row and its label', () => {
    expect(totalsMismatchText(t)).toBe(
      '第5行“合计（24个）”总投资 21,390.00 万元，与所计 24 个项目之和 21,380.00 万元不符（相差 10.00 万元），请核对是否漏行、重复或合计未更新',
    );
  });
  it('a stated count over the projects it covers, with or without their sub-projects', () => {
    expect(totalsMismatchText({ ...t, sumFen: t.fileFen, projects: 23 })).toBe(
      '第5行“合计（24个）”写明 24 个项目，所计实有 23 个项目，请核对是否漏行、重复或合计未更新',
    );
    // a county may count the parts too: 22 projects with 2 sub-projects is 24 either way
    expect(totalsMismatchText({ ...t, sumFen: t.fileFen, projects: 22, parts: 2 })).toBeNull();
    expect(totalsMismatchText({ ...t, projects: 23, parts: 2 })).toBe(
      '第5行“合计（24个）”写明 24 个项目、总投资 21,390.00 万元，所计实有 23 个项目（另有子项目 2 个）、总投资之和 21,380.00 万元（相差 10.00 万元），请核对是否漏行、重复或合计未更新',
    );
  });
  it('a row with no 总投资 of its own: its stated count only', () => {
    const blank = { ...t, label: '一、工业（3个）', fileFen: null, projects: 2 };
    expect(totalsMismatchText(blank)).toBe(
      '第5行“一、工业（3个）”写明 3 个项目，所计实有 2 个项目，请核对是否漏行、重复或合计未更新',
    );
    expect(totalsMismatchText({ ...blank, projects: 3 })).toBeNull();
    expect(totalsMismatchText({ ...blank, label: '一、工业' })).toBeNull();
  });
  it('nothing when it agrees, or when the label names no count', () => {
    expect(totalsMismatchText({ ...t, sumFen: t.fileFen })).toBeNull();
    expect(totalsMismatchText({ ...t, label: '合计', sumFen: t.fileFen, projects: 3 })).toBeNull();
  });
});
