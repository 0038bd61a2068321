// The funding plan an imported row leaves (imported-funding.ts): a county column speaks only for the ledger sources
// it folds; an equal amount keeps the ledger's finer rows, a different one replaces just those, an empty cell and an
// unfolded source keep what the ledger has.
import { describe, expect, it } from 'vitest';
import { newProjectFunding, updatedFunding, type PlanRow } from '../../electron/core/excel/import/imported-funding.ts';

const row = (source: string, wan: number, note: string | null = null, approx = false): PlanRow => ({
  source,
  fen: wan * 1e6,
  approx,
  note,
});
const cell = (label: string, wan: number | null, approx = false) => ({
  label,
  fen: wan === null ? null : wan * 1e6,
  approx,
});
const ledger: PlanRow[] = [
  row('中央资金', 300, '中央预算内'),
  row('市级资金', 200),
  row('县级资金', 100),
  row('镇政府自筹', 150),
  row('企业自筹', 80),
  row('银行贷款', 20),
];

describe('an existing project', () => {
  it('the T2 columns of what it holds (上级补助 = 中央 + 市级, 社会资本 = 企业自筹 + 银行贷款) leave its plan as it is', () => {
    const cells = [
      cell('上级补助', 500),
      cell('县级配套', 100),
      cell('镇级自筹', 150),
      cell('村(户)自筹', 0),
      cell('债券', 0),
      cell('社会资本', 100),
    ];
    expect(updatedFunding(ledger, cells)).toBe(ledger);
  });

  it('a column whose amount moved replaces only the sources it folds, under its own source and with its name', () => {
    const next = updatedFunding(ledger, [cell('上级补助', 520), cell('县级配套', 100), cell('社会资本', 100)]);
    expect(next).toEqual([
      row('县级资金', 100),
      row('镇政府自筹', 150),
      row('企业自筹', 80),
      row('银行贷款', 20),
      row('省级资金', 520, '导入：上级补助'),
    ]);
  });

  it('a 0 removes what the column folds; an empty cell, and a source no column folds, keep theirs', () => {
    // No 镇级自筹 column: the town's own money stays. 社会资本 empty: says nothing. 县级配套 0: the sheet says none.
    const next = updatedFunding(ledger, [cell('上级补助', 500), cell('县级配套', 0), cell('社会资本', null)]);
    expect(next).toEqual(ledger.filter((r) => r.source !== '县级资金'));
  });

  it('a column of the very source (资金构成·市级资金) speaks for it before the T2 column that folds it', () => {
    const next = updatedFunding(ledger, [cell('上级补助', 300), cell('市级资金', 250)]);
    expect(next).toEqual([...ledger.filter((r) => r.source !== '市级资金'), row('市级资金', 250)]);
    expect(updatedFunding(ledger, [cell('上级补助', 300), cell('市级资金', 200)])).toBe(ledger);
  });

  it('a project without a plan gets the columns with an amount', () => {
    expect(updatedFunding([], [cell('上级补助', 10), cell('镇级自筹', 0), cell('债券', null)])).toEqual([
      row('省级资金', 10, '导入：上级补助'),
    ]);
  });
});

it('a new project: a row per column with an amount, booked under the column’s source', () => {
  expect(
    newProjectFunding([cell('上级补助', 10), cell('企业自筹', 5), cell('县级配套', 0), cell('债券', null)]),
  ).toEqual([row('省级资金', 10, '导入：上级补助'), row('企业自筹', 5)]);
});

describe('an amount written as approximate (460余)', () => {
  it('a new project’s row keeps the mark; the amount is the number written', () => {
    expect(newProjectFunding([cell('上级补助', 460, true), cell('镇级自筹', 40)])).toEqual([
      row('省级资金', 460, '导入：上级补助', true),
      row('镇政府自筹', 40, '导入：镇级自筹'),
    ]);
  });

  it('the same amount now marked (or no longer): the ledger’s sources stay, their mark follows the sheet', () => {
    const marked = updatedFunding(ledger, [cell('上级补助', 500, true), cell('社会资本', 100)]);
    expect(marked).toEqual(
      ledger.map((r) => (r.source === '中央资金' || r.source === '市级资金' ? { ...r, approx: true } : r)),
    );
    // and the same sheet again changes nothing
    expect(updatedFunding(marked, [cell('上级补助', 500, true), cell('社会资本', 100)])).toBe(marked);
    expect(updatedFunding(marked, [cell('上级补助', 500)])).toEqual(ledger);
  });

  it('a moved amount replaces the folded sources with one marked row', () => {
    expect(updatedFunding(ledger, [cell('县级配套', 120, true)])).toEqual([
      ...ledger.filter((r) => r.source !== '县级资金'),
      row('县级资金', 120, '导入：县级配套', true),
    ]);
  });
});
