import { describe, expect, it } from 'vitest';
import {
  KIT_COLUMNS,
  KIT_SHEET,
  layoutChanges,
  layoutHash,
  type KitIdentity,
} from '../../electron/core/excel/kit/kit-workbook.ts';

const headers = KIT_COLUMNS.map((c) => c.header);
const codes = ['2017-01', '2017-02'];
const identity = { codes, layoutHash: layoutHash(KIT_SHEET, headers, codes) } as KitIdentity;
const changes = (got: string[]) => layoutChanges(identity, { headers, codes: got, rows: [] });

describe('what a unit changed in the rows of a kit, in words', () => {
  it('names a row added with no 项目编号 as such, not as an empty code', () => {
    expect(changes([...codes, ''])).toEqual(['增加了1个没有项目编号的行']);
    expect(changes([...codes, '2017-99', '', ''])).toEqual([
      '增加了表中没有的项目编号 2017-99',
      '增加了2个没有项目编号的行',
    ]);
    expect(changes(['2017-01'])).toEqual(['删除了项目编号为 2017-02 的行']);
    expect(changes(codes)).toEqual([]);
  });
});
