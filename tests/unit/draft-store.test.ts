import { describe, expect, it } from 'vitest';
import { DraftStore, type Draft } from '../../renderer/src/features/monthly-report/draft-store.ts';

const draft = (monthWan: string, imageText = ''): Draft => ({
  monthWan,
  imageText,
  imagePct: '',
  issues: '',
  nextSteps: '',
  needs: '',
});

describe('月报 drafts when a block is saved at once', () => {
  it('a reload keeps rows with unsaved typing (and their refused cells), and takes the rest from the ledger', () => {
    const s = new DraftStore();
    s.merge({ 1: draft('1'), 2: draft('2') });
    s.set(1, 'monthWan', '100'); // typed, not saved
    s.set(2, 'imagePct', '120');
    s.addErrors({ '2.imagePct': '形象进度%应为0–100之间的整数（“120”）' });
    s.merge({ 1: draft('1'), 2: draft('5', '主体施工') }); // the batch reloaded after a paste into other rows
    expect(s.value(1, 'monthWan')).toBe('100');
    expect(s.value(2, 'imagePct')).toBe('120');
    expect(s.error(2, 'imagePct')).toContain('0–100');
    expect(s.dirtyIds()).toEqual([1, 2]);
  });

  it('rows saved as sent are clean; a cell still showing refused text stays marked and dirty', () => {
    const s = new DraftStore();
    s.merge({ 1: draft(''), 2: draft('') });
    s.setRow(1, draft('10', '开工'));
    s.set(2, 'monthWan', '12o');
    s.addErrors({ '2.monthWan': '本月完成投资“12o”不是有效的金额' });
    s.markSaved(
      new Map([
        [1, draft('10', '开工')],
        [2, draft('')],
      ]),
    );
    expect(s.dirtyIds()).toEqual([2]);
    expect(s.error(2, 'monthWan')).toBeDefined();
    expect(s.savedRow(1)).toEqual(draft('10', '开工'));
    s.merge({ 1: draft('10', '开工'), 2: draft('') });
    expect(s.value(2, 'monthWan')).toBe('12o');
  });

  it('a page read merges its rows only: rows of other pages keep their drafts, errors and saved values', () => {
    const s = new DraftStore();
    s.merge({ 1: draft('1'), 2: draft('2') }); // page 1
    s.merge({ 31: draft('31') }); // page 2, read as the clerk scrolled
    s.set(2, 'monthWan', '2x');
    s.addErrors({ '2.monthWan': '本月完成投资“2x”不是有效的金额', '31.monthWan': '旧的原因' });
    s.merge({ 31: draft('32') }); // page 2 read again after a write
    expect(s.value(31, 'monthWan')).toBe('32');
    expect(s.error(31, 'monthWan')).toBeUndefined();
    expect(s.value(1, 'monthWan')).toBe('1');
    expect(s.value(2, 'monthWan')).toBe('2x');
    expect(s.error(2, 'monthWan')).toBeDefined();
    expect(s.dirtyIds()).toEqual([2]);
  });
});

describe('月报 drafts read back after a save', () => {
  it('each cell keeps the text on screen that says what was read, though another cell of the row reads otherwise', () => {
    const s = new DraftStore();
    s.merge({ 5: draft('') });
    const pasted: Draft = { ...draft('1,200.00', '主体施工'), imagePct: '45%' }; // as Excel/WPS copy formatted cells
    s.setRow(5, pasted);
    s.markSaved(new Map([[5, pasted]]));
    s.merge({ 5: { ...draft('1200.00', '主体施工'), imagePct: '45' } }); // read back
    expect(s.value(5, 'monthWan')).toBe('1,200.00'); // the cell under the cursor does not change: no typing to undo
    expect(s.value(5, 'imagePct')).toBe('45');
    expect(s.dirtyIds()).toEqual([]);
  });
});

describe('月报 drafts: the cell the clerk is typing in', () => {
  it('only keys are typing: a write into the same cell (a paste, an undo, Esc) is shown as saved, and so is the cell left', () => {
    const s = new DraftStore();
    s.merge({ 1: draft(''), 2: draft('') });
    s.type(1, 'monthWan', '12');
    expect(s.typing(1, 'monthWan')).toBe(true);
    expect(s.typing(2, 'monthWan')).toBe(false);
    s.set(1, 'monthWan', '1200'); // a paste landing in the cell under the cursor
    expect(s.typing(1, 'monthWan')).toBe(false);
    s.type(1, 'monthWan', '88');
    s.set(2, 'monthWan', '5'); // a write elsewhere leaves the typing as it is
    expect(s.typing(1, 'monthWan')).toBe(true);
    s.settle(1, 'monthWan'); // the cursor left it
    expect(s.typing(1, 'monthWan')).toBe(false);
    expect(s.value(1, 'monthWan')).toBe('88');
  });
});
