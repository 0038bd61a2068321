/** A sheet cell's text as its field's value (cell-parse.ts), and the shared rules refusing what is not. */
import { describe, expect, it } from 'vitest';
import { parseDay, parseOrg, parseOrgs } from '../../renderer/src/components/sheet/cell-parse.ts';
import { isFillKey, isTodayKey, readsDays, todayText } from '../../renderer/src/components/sheet/today-key.ts';
import { parseSheetCells } from '../../shared/schemas/sheet-cells.ts';
import { taskCellRules } from '../../shared/schemas/task.ts';

const orgs = [
  { id: 1, name: '蒲州镇党委', shortName: null },
  { id: 2, name: '蒲州镇人民政府', shortName: null },
];

describe('cell texts', () => {
  it('reads a day as clerks write it, and refuses a month alone or a day that does not exist', () => {
    const day = parseDay('完成时限');
    expect(day('')).toEqual({ ok: true, value: null });
    expect(day('2017年10月31日')).toEqual({ ok: true, value: '2017-10-31' });
    expect(day('2017/9/1')).toEqual({ ok: true, value: '2017-09-01' });
    expect(day('2017-10')).toEqual({ ok: false, message: '完成时限请写到日，如 2017-10-31' });
    expect(day('2017-02-30')).toEqual({ ok: false, message: '完成时限“2017-02-30”不是有效日期（2017年2月没有30日）' });
  });

  it('knows a date column by its day reader, and writes today as the date cells show it, which that reader takes back', () => {
    const day = parseDay('计划开工');
    expect(readsDays(day)).toBe(true);
    expect(readsDays(parseOrg(orgs, ['蒲州镇']))).toBe(false);
    expect(readsDays(undefined)).toBe(false);
    expect(todayText()).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日$/);
    expect(day(todayText()).ok).toBe(true);
  });

  it('takes Ctrl+; by the key or by its place (another layout or an input method), not Ctrl+Shift+; (a time)', () => {
    const k = { ctrlKey: true, metaKey: false, shiftKey: false, altKey: false };
    expect(isTodayKey({ ...k, key: ';', code: 'Semicolon' })).toBe(true);
    expect(isTodayKey({ ...k, key: '；', code: 'Semicolon' })).toBe(true);
    expect(isTodayKey({ ...k, key: ':', code: 'Semicolon', shiftKey: true })).toBe(false);
    expect(isTodayKey({ ...k, key: ';', code: 'Semicolon', ctrlKey: false })).toBe(false);
    expect(isFillKey({ ...k, key: 'Enter', code: 'Enter' })).toBe(true);
    expect(isFillKey({ ...k, key: 'Enter', code: 'Enter', shiftKey: true })).toBe(false);
  });

  it('finds units by name, one or several, and names the one that does not exist', () => {
    expect(parseOrg(orgs, [])('蒲州镇党委')).toEqual({ ok: true, value: 1 });
    expect(parseOrg(orgs, [])('')).toEqual({ ok: true, value: null });
    expect(parseOrg(orgs, [])('县住建局')).toEqual({
      ok: false,
      message: '“县住建局”不是已有的单位，请先在“组织机构”中添加',
    });
    expect(parseOrgs(orgs, [])('蒲州镇党委、蒲州镇人民政府')).toEqual({ ok: true, value: [1, 2] });
    expect(parseOrgs(orgs, [])('蒲州镇党委，蒲州镇人民政府；')).toEqual({ ok: true, value: [1, 2] });
    expect(parseOrgs(orgs, [])('')).toEqual({ ok: true, value: [] });
    expect(parseOrgs(orgs, [])('蒲州镇党委、无名单位')).toEqual({
      ok: false,
      message: '“无名单位”不是已有的单位，请先在“组织机构”中添加',
    });
  });

  it('reads a unit whose own name holds 、 (the 随县 template) whole, as its cell was copied out, in the order typed', () => {
    const withSep = [
      ...orgs,
      { id: 3, name: '各镇、场、景区人民政府或管委会', shortName: null },
      { id: 4, name: '县城管执法局', shortName: null },
    ];
    const parse = parseOrgs(withSep, []);
    expect(parse('各镇、场、景区人民政府或管委会')).toEqual({ ok: true, value: [3] });
    expect(parse('各镇、场、景区人民政府或管委会、县城管执法局')).toEqual({ ok: true, value: [3, 4] });
    expect(parse('县城管执法局 、各镇、场、景区人民政府或管委会')).toEqual({ ok: true, value: [4, 3] });
    expect(parse('各镇、场')).toEqual({ ok: false, message: '“各镇”不是已有的单位，请先在“组织机构”中添加' });
  });
});

describe('units typed or pasted into the 责任清单 and 人员 sheets', () => {
  const units = [
    { id: 6, name: '蒲州镇水利站', shortName: '水利站' },
    { id: 14, name: '永济市住建局', shortName: '住建局' },
    { id: 17, name: '永济市交通运输局', shortName: '交通运输局' },
    { id: 30, name: '县住建局', shortName: null },
  ];
  const town = ['永济市蒲州镇', '蒲州镇'];

  it('are read as the import and the 单位 form read them: spacing, full-width forms, the town’s name, a 简称', () => {
    for (const t of ['蒲州镇 水利站', '蒲州镇　水利站', '永济市蒲州镇水利站', '水利站', ' 水利站 '])
      expect(parseOrg(units, town)(t)).toEqual({ ok: true, value: 6 });
    expect(parseOrg(units, town)('县　住建局')).toEqual({ ok: true, value: 30 });
    expect(parseOrg(units, town)('蒲州镇文化站')).toEqual({
      ok: false,
      message: '“蒲州镇文化站”不是已有的单位，请先在“组织机构”中添加',
    });
  });

  it('a 责任单位 cell copied from the county’s list: pieces with blanks, one unit written twice', () => {
    const parse = parseOrgs(units, town);
    expect(parse('蒲州镇 水利站、永济市 住建局')).toEqual({ ok: true, value: [6, 14] });
    expect(parse('住建局 交通运输局；水利站')).toEqual({ ok: true, value: [14, 17, 6] });
    expect(parse('住建局、永济市住建局')).toEqual({ ok: true, value: [14] });
    expect(parse('水利站 文化站')).toEqual({ ok: false, message: '“文化站”不是已有的单位，请先在“组织机构”中添加' });
  });
});

describe('parseSheetCells', () => {
  it('checks each cell with its field rule, naming record and field; a cell twice in a block is refused', () => {
    const where = (id: number) => `任务${id}`;
    const r = parseSheetCells(
      [
        { id: 1, field: 'deadline', value: '2017-10-31' },
        { id: 1, field: 'status', value: '进行中' },
        { id: 2, field: 'title', value: '  ' },
        { id: 2, field: 'no', value: '3' },
        { id: 2, field: 'no', value: '4' },
      ],
      taskCellRules,
      'task',
      where,
    );
    expect([...r.patches]).toEqual([
      [1, { deadline: '2017-10-31' }],
      [2, { no: '3' }],
    ]);
    expect(r.issues).toEqual([
      { path: 'task.1.status', message: '任务1：完成情况应为：未启动、推进中、已完成、滞后' },
      { path: 'task.2.title', message: '任务2：请填写重点工作' },
      { path: 'task.2.no', message: '任务2：同一单元格在本批中出现了两次' },
    ]);
  });
});
