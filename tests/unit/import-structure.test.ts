// The rules that tell a real county sheet's rows apart (projects, headings, 合计/小计, 其中, notes), find
// sub-projects, check the file's own totals and read its year; and the header words of real files.
import { describe, expect, it } from 'vitest';
import { figureField, headerUnit, proposeMapping, proposeTemplateMapping } from '../../shared/domain/excel-synonyms.ts';
import {
  checkTotals,
  classifyLedgerRow,
  detectPeriod,
  looksLikeSubItem,
  parentSeqOf,
  periodFromText,
  sectionField,
  sectionLabel,
  type TotalsRow,
} from '../../shared/domain/import-structure.ts';
import { foreignCurrency, parseMoney } from '../../shared/domain/money.ts';

const cols = { seq: 0, name: 1 };
const kind = (texts: string[]) => classifyLedgerRow(texts, cols);

describe('classifyLedgerRow', () => {
  it.each([
    [['1', '商业街改造', '镇区', '1200'], 'data'],
    [['', '商业街改造', '', '1200'], 'data'],
    [['1.1', '商业街硬化', '', '600'], 'data'],
    [['合计', '', '', '1923.38'], 'total'],
    [['', '合计（5个）', '', '5680'], 'total'],
    [['', '小计', '', '1668'], 'total'],
    [['总计6个', '', '', '50.9'], 'total'],
    [['', '华安县小计', '', '1668'], 'total'],
    [['一、基础设施（2个）', '', '', '1234.5'], 'section'],
    [['（一）续建项目'], 'section'],
    [['1.东山村'], 'section'],
    [['一', '', '工业'], 'section'],
    [['', '龙海市合计2个', '', '17.95'], 'section'],
    [['', '其中：中央资金', '', '300'], 'breakdown'],
    [['其中：', '', '', ''], 'breakdown'],
    // a part numbered under its project and written “其中：…” (our own T1/T3): a sub-project, not a breakdown
    [['1-1', '其中：商业街硬化工程', '改扩建', '860'], 'data'],
    [['（2）', '其中：雨污排水管工程', '', '600'], 'data'],
    [['填报单位（盖章）：石门镇人民政府'], 'note'],
    [['注：本表金额单位为亿元'], 'end'],
    [['单位负责人：', '', '填报人：'], 'end'],
  ] as const)('%j → %s', (texts, k) => {
    expect(kind([...texts]).kind).toBe(k);
  });

  it('gives headings a level and a label, totals a scope', () => {
    expect(kind(['一、工业项目（5个）'])).toMatchObject({ level: 1, label: '工业' });
    expect(kind(['（二）新开工项目'])).toMatchObject({ level: 2, label: '新开工' });
    expect(kind(['', '龙海市合计2个'])).toMatchObject({ level: 1.5, label: '龙海市' });
    expect(kind(['一', '', '社会事业'])).toMatchObject({ level: 1, label: '社会事业' });
    expect(kind(['小计'])).toMatchObject({ scope: 'sub' });
    expect(kind(['总计'])).toMatchObject({ scope: 'grand' });
    expect(kind(['合计'])).toMatchObject({ scope: 'total' });
  });

  it('a project named with a leading number beside its 序号 stays a project', () => {
    expect(kind(['3', '1号路改造', '镇区']).kind).toBe('data');
  });
});

describe('sections fill the category fields', () => {
  it.each([
    ['基础设施', { field: 'category', value: '基础设施' }],
    ['投产达产', { field: 'stageGroup', value: '投产达产' }],
    ['续建', { field: 'nature', value: '续建' }],
    ['工业', { field: 'subcategory', value: '工业' }],
  ] as const)('%s', (label, want) => expect(sectionField(label)).toEqual(want));
  it('labels drop ordinal, count and 项目', () => expect(sectionLabel('二、公共服务项目（2个）')).toBe('公共服务'));
});

describe('sub-projects', () => {
  it('by 序号', () => {
    expect(parentSeqOf('1.1')).toBe('1');
    expect(parentSeqOf('3-2')).toBe('3');
    expect(parentSeqOf('3－2')).toBe('3');
    expect(parentSeqOf('12')).toBeNull();
    expect(parentSeqOf(null)).toBeNull();
  });
  it('by indentation or a （1） 序号', () => {
    expect(looksLikeSubItem('　　雨污管网', null)).toBe(true);
    expect(looksLikeSubItem('——路灯', null)).toBe(true);
    expect(looksLikeSubItem('路灯', '（1）')).toBe(true);
    expect(looksLikeSubItem('路灯', '2')).toBe(false);
  });
});

describe('checkTotals', () => {
  const d = (row: number, fen: number, topLevel = true): TotalsRow => ({ row, kind: 'data', fen, topLevel });
  it('合计 first, sections with figures, a sub-project inside its parent, one difference', () => {
    const rows: TotalsRow[] = [
      { row: 5, kind: 'total', scope: 'total', fen: 5680 },
      { row: 6, kind: 'section', level: 1, fen: 4030 },
      d(7, 3000),
      d(8, 1000, false),
      d(9, 2000, false),
      d(10, 1030),
      { row: 11, kind: 'section', level: 1, fen: 1600 },
      d(12, 1600),
    ];
    expect(checkTotals(rows)).toEqual([
      { row: 5, fileFen: 5680, sumFen: 5630, projects: 3, parts: 2 },
      { row: 6, fileFen: 4030, sumFen: 4030, projects: 2, parts: 2 },
      { row: 11, fileFen: 1600, sumFen: 1600, projects: 1, parts: 0 },
    ]);
  });
  it('closing 小计 per group and a 合计 last', () => {
    const rows: TotalsRow[] = [
      { row: 2, kind: 'section', level: 3, fen: null },
      d(3, 10),
      d(4, 20),
      { row: 5, kind: 'total', scope: 'sub', fen: 30 },
      { row: 6, kind: 'section', level: 3, fen: null },
      d(7, 5),
      { row: 8, kind: 'total', scope: 'sub', fen: 6 },
      { row: 9, kind: 'total', scope: 'total', fen: 35 },
    ];
    expect(checkTotals(rows)).toEqual([
      { row: 5, fileFen: 30, sumFen: 30, projects: 2, parts: 0 },
      { row: 8, fileFen: 6, sumFen: 5, projects: 1, parts: 0 },
      { row: 9, fileFen: 35, sumFen: 35, projects: 3, parts: 0 },
    ]);
  });
  it('a section 合计 before the table’s 总计 covers its section only', () => {
    const rows: TotalsRow[] = [
      { row: 1, kind: 'section', level: 1, fen: null },
      d(2, 1),
      d(3, 2),
      { row: 4, kind: 'total', scope: 'total', fen: 3 },
      { row: 5, kind: 'section', level: 1, fen: null },
      d(6, 4),
      { row: 7, kind: 'total', scope: 'total', fen: 4 },
      { row: 8, kind: 'total', scope: 'grand', fen: 7 },
    ];
    expect(checkTotals(rows)).toEqual([
      { row: 4, fileFen: 3, sumFen: 3, projects: 2, parts: 0 },
      { row: 7, fileFen: 4, sumFen: 4, projects: 1, parts: 0 },
      { row: 8, fileFen: 7, sumFen: 7, projects: 3, parts: 0 },
    ]);
  });
});

describe('period of a file', () => {
  it.each([
    ['石门镇2019年重点项目建设进展情况表（1-6月）', { year: 2019, month: 6 }],
    ['统计截止：2019年6月30日', { year: 2019, month: 6 }],
    ['2018年市级重点项目汇总表', { year: 2018, month: null }],
    ['二〇一九年', null],
  ] as const)('%s', (t, want) => expect(periodFromText(t)).toEqual(want));

  it('prefers 统计截止, then the title, then the file name; says where', () => {
    expect(
      detectPeriod(
        [
          { source: '标题（第1行）', text: '2019年重点项目进度表' },
          { source: '第2行', text: '统计截止：2019年9月30日' },
        ],
        'x.xlsx',
      ),
    ).toMatchObject({ year: 2019, month: 9, source: '第2行' });
    expect(
      detectPeriod([{ source: '标题（第1行）', text: '龙岗区重大项目计划表' }], '2021年龙岗区重大项目计划表.xlsx'),
    ).toMatchObject({ year: 2021, source: '文件名' });
    expect(detectPeriod([], '台账-202103.xlsx')).toMatchObject({ year: 2021, month: 3 });
    expect(detectPeriod([], '台账.xlsx')).toBeNull();
  });
});

describe('money units read from the file', () => {
  it('亿元 and 元 to 分 exactly', () => {
    expect(parseMoney('1.2亿', '万元')).toEqual({ ok: true, fen: 12_000_000_000, approx: false });
    expect(parseMoney(50.9, '亿元')).toEqual({ ok: true, fen: 509_000_000_000, approx: false });
    expect(parseMoney('0.0000000001', '亿元')).toEqual({ ok: true, fen: 1, approx: false });
    expect(parseMoney('218450.5', '元')).toEqual({ ok: true, fen: 21_845_050, approx: false });
    expect(parseMoney('0.00000000001', '亿元').ok).toBe(false);
  });
  it('foreign currencies are recognised, never converted', () => {
    expect(foreignCurrency('外资（万美元）')).toBe('万美元');
    expect(foreignCurrency('总投资（万元）')).toBeNull();
    expect(headerUnit('总投资（亿元）')).toBe('亿元');
    expect(headerUnit('外资(万美元)')).toEqual({ foreign: '万美元' });
  });
});

describe('header words of real files', () => {
  it('maps the synonyms offices use', () => {
    const paths = [
      '序号',
      '项目名称',
      '建设规模及内容',
      '总投资（亿元）',
      '年度计划（投资）',
      '挂点领导',
      '计划开工',
      '形象进度',
      '本年完成',
      '累计完成',
      '完成投资占年计划%',
    ];
    expect(proposeMapping(paths)).toEqual([
      'seq',
      'name',
      'scope',
      'totalWan',
      'yearPlanWan',
      'leader',
      'planStart',
      null,
      null,
      null,
      null,
    ]);
    expect(proposeMapping(['包联领导'])).toEqual(['leader']);
    expect(proposeMapping(['联系领导'])).toEqual(['leader']);
    expect(proposeMapping(['开工时间'])).toEqual(['planStart']);
    // 总投资 beside its 其中：利用外资 (the foreign part, kept in 备注)
    expect(proposeMapping(['总投资（万元）', '其中：利用外资（万美元）'])).toEqual(['totalWan', 'foreignTotal']);
    // 资金来源 › 中央/省/市/县/自筹: the bare 自筹 is the town's (镇级), as 镇自筹 in T2 and T4.
    expect(proposeMapping(['资金来源/中央', '资金来源/自筹', '企业自筹'])).toEqual([
      'fund:中央资金',
      'fund:镇级自筹',
      'fund:企业自筹',
    ]);
  });
  it('the 实施主体 under the names county forms give it; a person or a doubtful word is not it', () => {
    for (const h of [
      '建设单位',
      '项目业主',
      '业主单位',
      '项目法人',
      '项目法人单位',
      '实施单位',
      '项目单位',
      '实施主体',
    ])
      expect(proposeMapping([h]), h).toEqual(['ownerOrg']);
    // T3's 项目业主 group: the unit's name is the 实施主体, its 法人代表 a person (the unit's), its 联系人 the project's
    expect(proposeMapping(['项目业主/单位名称', '项目业主/法人代表', '项目业主/业主联系人'])).toEqual([
      'ownerOrg',
      'ownerLegalRep',
      'contact',
    ]);
    for (const h of ['项目法人代表', '法定代表人', '法人代表', '单位法定代表人'])
      expect(proposeMapping([h]), h).toEqual(['ownerLegalRep']);
    expect(proposeMapping(['项目法人代表', '责任主体', '建设周期', '开竣工时间', '建设起止时间'])).toEqual([
      'ownerLegalRep',
      null,
      null,
      null,
      null,
    ]);
    expect(proposeMapping(['主管部门', '实施部门', '包保领导'])).toEqual(['leadOrg', 'responsibleOrgs', 'leader']);
    // 计划投资 under a year's group is that year's plan (漳州: 2019年投资 › 计划投资 | 1-6月 › 完成投资)
    expect(proposeMapping(['2019年投资/计划投资', '2019年投资/1-6月/完成投资'])).toEqual(['yearPlanWan', null]);
  });
  it('本月, 1-N月 (本年) and 累计 are never confused', () => {
    expect(figureField('本年完成')).toBe('ytdWan');
    expect(figureField('1-9月累计完成投资')).toBe('ytdWan');
    expect(figureField('2019年完成投资/本月')).toBe('monthWan');
    expect(figureField('9月完成投资额')).toBe('monthWan');
    expect(figureField('累计完成')).toBe('cumWan');
    expect(figureField('开工以来累计完成投资')).toBe('cumWan');
    expect(figureField('至上年底累计完成投资')).toBeNull();
    expect(figureField('完成投资占年计划%')).toBe('ytdPct');
    expect(figureField('工程进度')).toBe('imageText');
    // the county PHP export's 本月进展 is the month's 形象进度 (domain.md §2.1)
    expect(figureField('本月进展')).toBe('imageText');
    expect(
      proposeTemplateMapping([
        '项目名称',
        '至上年底累计完成投资',
        '1-9月累计完成投资',
        '本月完成投资',
        '开工以来累计完成投资',
      ]),
    ).toEqual(['name', 'openingCumWan', 'ytdWan', 'monthWan', 'cumWan']);
  });
});
