// A unit's name as offices write it → how the ledger compares and keeps it (shared/domain/org-name.ts).
import { describe, expect, it } from 'vitest';
import { cellPieces } from '../../shared/domain/cell-pieces.ts';
import { blankParts, orgKey, orgNameAsKept, withoutTown } from '../../shared/domain/org-name.ts';

describe('orgKey', () => {
  it('blanks, full-width forms and brackets do not make another unit', () => {
    expect(orgKey('永济市 卫健委')).toBe(orgKey('永济市卫健委'));
    expect(orgKey('城　建　办')).toBe(orgKey('城建办'));
    expect(orgKey('ＸＹ公司')).toBe(orgKey('XY公司'));
    expect(orgKey('住建局（规划）')).toBe(orgKey('住建局(规划)'));
    expect(orgKey('第１村民小组')).toBe(orgKey('第1村民小组'));
    expect(orgKey('住建局')).not.toBe(orgKey('永济市住建局'));
  });
});

describe('withoutTown', () => {
  const town = ['永济市蒲州镇', '蒲州镇'];
  it('drops the town’s name in front, bracketed or not; the town alone stays', () => {
    expect(withoutTown('永济市蒲州镇城建办', town)).toBe('城建办');
    expect(withoutTown('蒲州镇城建办', town)).toBe('城建办');
    expect(withoutTown('(蒲州镇)城建办', town)).toBe('城建办');
    expect(withoutTown('蒲州镇', town)).toBe('蒲州镇');
    expect(withoutTown('蒲州村', town)).toBe('蒲州村');
    expect(withoutTown('城建办', [])).toBe('城建办');
  });
});

describe('orgNameAsKept', () => {
  it('padding between Chinese characters goes, other blanks become one', () => {
    expect(orgNameAsKept(' 永济市 卫健委 ')).toBe('永济市卫健委');
    expect(orgNameAsKept('城　建　办')).toBe('城建办');
    expect(orgNameAsKept('ABC  Company')).toBe('ABC Company');
  });
});

describe('a 责任单位 cell', () => {
  it('splits on punctuation outside brackets', () => {
    expect(cellPieces('住建局、交通局，水利站;林业站/土地所')).toEqual([
      '住建局',
      '交通局',
      '水利站',
      '林业站',
      '土地所',
    ]);
    expect(cellPieces('永济市住建局（规划、建设）、交通局')).toEqual(['永济市住建局（规划、建设）', '交通局']);
    expect(cellPieces('蒲州镇 水利站')).toEqual(['蒲州镇 水利站']);
  });

  it('blanks: units side by side, a place in front of its unit, a name spread out', () => {
    expect(blankParts('住建局 交通局')).toEqual(['住建局', '交通局']);
    expect(blankParts('蒲州镇 水利站')).toEqual(['蒲州镇 水利站']);
    expect(blankParts('永济市 卫健委 交通局')).toEqual(['永济市 卫健委', '交通局']);
    expect(blankParts('蒲州镇 韩阳镇')).toEqual(['蒲州镇', '韩阳镇']);
    expect(blankParts('城 建 办')).toEqual(['城建办']);
  });
});
