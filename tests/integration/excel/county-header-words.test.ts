// A county form heads the ledger's columns its own way: 建设单位 (项目业主, 业主单位, 项目法人, 实施单位 …) for the project's
// 实施主体 (domain.md §1.3), 主管部门 for its 牵头单位, 包保领导 for its 包联领导, 项目建设地点, 估算总投资, 年计划投资,
// 建设起止年份, 开工年月, 完工时间 … The 按县里模板填报 left such columns blank (建设单位 always) and the import left them
// unread, though both read headers through one vocabulary (shared/domain/excel-synonyms.ts). Forms are written by
// openpyxl and the filled ones read back by openpyxl, not by the app's own ExcelJS.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stopParseWorker } from '../../../electron/core/excel/import/read.ts';
import { filledDataRows, PY } from '../../helpers/python.ts';
import { tempCore, type TempCore } from '../../helpers/temp-core.ts';

let t: TempCore;
beforeAll(async () => {
  t = await tempCore({ role: '审核人', operator: '周志强' });
  await t.ok('app:onboard', { mode: 'demo' });
  // the 蒲州镇 sample names the 镇政府 for every project: two get their own 实施主体, so a column cannot pass by chance
  for (const [project, owner] of [
    ['断头路打通', '蒲州镇交通道路站'],
    ['镇区污水处理设施', '蒲州镇水利站'],
  ] as const)
    await t.ok('projects:update', { id: projectId(project), patch: { ownerOrgId: orgId(owner) } });
});
afterAll(async () => {
  t.cleanup();
  await stopParseWorker();
});

const db = () => t.core.ctx.db.sqlite;
const projectId = (name: string) => db().prepare('SELECT id FROM project WHERE name = ?').pluck().get(name) as number;
const orgId = (name: string) => db().prepare('SELECT id FROM org_unit WHERE name = ?').pluck().get(name) as number;

/** A county form's headers for the ledger's fields, in the county's words. */
const COUNTY_HEADERS = [
  '序号',
  '项目名称',
  '项目建设地点',
  '建设规模及内容',
  '估算总投资（万元）',
  '年计划投资（万元）',
  '建设起止年份',
  '开工年月',
  '完工时间',
  '主管部门',
  '包保领导',
  '建设单位',
] as const;

/** A county form as openpyxl writes it: title, 单位 line, the header on row 3, two sample rows; saved to `file`. */
function writeForm(file: string, headers: string[], samples: unknown[][] = []): void {
  const script = [
    'import json, sys, openpyxl',
    'headers, samples = json.loads(sys.argv[2]), json.loads(sys.argv[3])',
    "wb = openpyxl.Workbook(); ws = wb.active; ws.title = '重点项目'",
    "ws.append(['XX县重点项目建设情况表']); ws.append(['填报单位（盖章）：', None, '单位：万元'])",
    'ws.append(headers)',
    'for row in samples: ws.append(row)',
    'wb.save(sys.argv[1])',
  ].join('\n');
  execFileSync(PY, ['-c', script, file, JSON.stringify(headers), JSON.stringify(samples)]);
}

/** The form filled for 2017年9月, its data rows as openpyxl reads them (the 合计 row left out). */
async function fillForm(name: string, headers: string[]): Promise<unknown[][]> {
  const form = join(t.dir, `${name}.xlsx`);
  const samples = [
    [1, '示例：XX大道改造工程', ...headers.slice(2).map(() => '示例')],
    [2, '示例：XX污水处理厂', ...headers.slice(2).map(() => '示例')],
  ];
  writeForm(form, headers, samples);
  const out = await t.ok('excel:templateFill', {
    fileName: `${name}.xlsx`,
    templateBase64: readFileSync(form).toString('base64'),
    period: '2017-09',
  });
  return filledDataRows(t.dir, out);
}

const owners = () =>
  new Map(
    (
      db()
        .prepare(
          `SELECT p.name, o.name AS owner FROM project p LEFT JOIN org_unit o ON o.id = p.owner_org_id
           WHERE p.parent_id IS NULL AND p.deleted_at IS NULL`,
        )
        .all() as { name: string; owner: string | null }[]
    ).map((p) => [p.name, p.owner]),
  );

describe('按县里模板填报: the county’s words for the ledger’s columns', () => {
  it.each(['建设单位', '项目建设单位', '项目业主', '业主单位', '项目法人', '项目法人单位', '实施单位', '项目实施单位'])(
    'a %s column carries each project’s 实施主体',
    async (header) => {
      const rows = await fillForm(`owner-${header}`, ['序号', '项目名称', header, '总投资（万元）']);
      const ledger = owners();
      expect(rows.length).toBe(ledger.size);
      for (const [, name, owner] of rows) expect(owner, String(name)).toBe(ledger.get(String(name)));
      expect(rows.find((r) => r[1] === '断头路打通')![2]).toBe('蒲州镇交通道路站');
      expect(rows.find((r) => r[1] === '镇区污水处理设施')![2]).toBe('蒲州镇水利站');
      expect(rows.filter((r) => r[2] === '蒲州镇人民政府').length).toBe(ledger.size - 2);
    },
  );

  it('a form in the county’s words is filled as one in the ledger’s own words', async () => {
    const county = [...COUNTY_HEADERS];
    const ledger = [
      '序号',
      '项目名称',
      '建设地点',
      '建设内容及规模',
      '总投资（万元）',
      '年度计划投资（万元）',
      '建设起止年限',
      '计划开工',
      '计划竣工',
      '牵头单位',
      '责任领导',
      '实施主体',
    ];
    const [a, b] = [await fillForm('county-words', county), await fillForm('ledger-words', ledger)];
    expect(a).toEqual(b);
    // every column holds the ledger's figures: none left blank, no sample value kept
    for (let c = 2; c < county.length; c++) {
      expect(
        a.some((r) => r[c] !== null),
        county[c],
      ).toBe(true);
      expect(
        a.some((r) => r[c] === '示例'),
        county[c],
      ).toBe(false);
    }
    const road = a.find((r) => r[1] === '断头路打通')!;
    expect(road.slice(6)).toEqual([
      '2017',
      '2017-03-01',
      '2017-08-31',
      '蒲州镇交通道路站',
      '周志强',
      '蒲州镇交通道路站',
    ]);
  });
});

describe('导入台账: the same words read into the same fields', () => {
  const HEADERS = [
    ...COUNTY_HEADERS,
    // could each mean two things: left unread and said so, never guessed
    '责任主体',
    '建设周期',
    '开竣工时间',
    // a person: the 法人代表 of the row's 实施主体 (import-orgs.ts), never the unit itself
    '项目法人代表',
  ];
  const ROWS = [
    [
      1,
      '滨河路改造',
      '滨河村',
      '改造道路1.2公里',
      860.5,
      300,
      '2024-2025',
      '2024年3月',
      '2025-06-30',
      '蒲州镇城建办',
      '周志强',
      '蒲州镇交通道路站',
      '城建办',
      '18个月',
      '2024.3-2025.6',
      '张三',
    ],
    [
      2,
      '韩阳村文化室',
      '韩阳村',
      '新建文化室200平方米',
      45,
      45,
      '2024',
      '2024-05-01',
      '2024-10-31',
      '蒲州镇人民政府',
      '周志强',
      '蒲州镇人民政府',
      null,
      null,
      null,
      null,
    ],
  ];

  it('names each column’s field in the preview, the doubtful ones as not read', async () => {
    const file = join(t.dir, '2024年重点项目表.xlsx');
    writeForm(file, HEADERS, ROWS);
    const p = await t.ok('excel:importPreview', {
      fileName: '2024年重点项目表.xlsx',
      base64: readFileSync(file).toString('base64'),
      year: 2024,
    });
    expect(p.columns.map((c) => [c.header, c.field])).toEqual(
      HEADERS.map((h, i) => [
        h,
        [
          'seq',
          'name',
          'location',
          'scope',
          'totalWan',
          'yearPlanWan',
          'yearRange',
          'planStart',
          'planEnd',
          'leadOrg',
          'leader',
          'ownerOrg',
          null,
          null,
          null,
          'ownerLegalRep',
        ][i],
      ]),
    );
    for (const c of p.columns.slice(12, 15)) expect(c.note, c.header).toBe('表头未识别，导入时不读入');
  });

  it('writes them into the project’s fields', async () => {
    const file = join(t.dir, '2024年重点项目表.xlsx');
    writeForm(file, HEADERS, ROWS);
    expect(
      await t.ok('excel:importApply', {
        fileName: '2024年重点项目表.xlsx',
        base64: readFileSync(file).toString('base64'),
        year: 2024,
      }),
    ).toMatchObject({ created: 2 });
    const got = db()
      .prepare(
        `SELECT p.name, p.location, p.scope, p.total_fen, y.plan_fen, p.year_from, p.year_to, p.plan_start, p.plan_end,
           l.name AS lead, s.name AS leader, o.name AS owner
         FROM project p LEFT JOIN org_unit l ON l.id = p.lead_org_id LEFT JOIN org_unit o ON o.id = p.owner_org_id
         LEFT JOIN staff s ON s.id = p.leader_staff_id LEFT JOIN year_plan y ON y.project_id = p.id AND y.year = 2024
         WHERE p.plan_year = 2024 ORDER BY p.id`,
      )
      .raw()
      .all();
    expect(got).toEqual([
      [
        '滨河路改造',
        '滨河村',
        '改造道路1.2公里',
        860_500_000,
        300_000_000,
        2024,
        2025,
        '2024-03-01',
        '2025-06-30',
        '蒲州镇城建办',
        '周志强',
        '蒲州镇交通道路站',
      ],
      [
        '韩阳村文化室',
        '韩阳村',
        '新建文化室200平方米',
        45_000_000,
        45_000_000,
        2024,
        2024,
        '2024-05-01',
        '2024-10-31',
        '蒲州镇人民政府',
        '周志强',
        '蒲州镇人民政府',
      ],
    ]);
    // 项目法人代表 is the 实施主体's, which named nobody: written on the unit
    expect(db().prepare(`SELECT legal_rep FROM org_unit WHERE name = '蒲州镇交通道路站'`).pluck().get()).toBe('张三');
  });

  it('计划投资 under a year’s group (2019年投资 › 计划投资, a real 漳州 layout) is that year’s 年度计划投资', async () => {
    const name = '2019年漳州市重点项目进度表.xlsx';
    const bytes = readFileSync(fileURLToPath(new URL(`../../fixtures/real-layouts/${name}`, import.meta.url)));
    const input = { fileName: name, base64: bytes.toString('base64') };
    const p = await t.ok('excel:importPreview', input);
    expect(p.columns.find((c) => c.header === '2019年投资/计划投资')).toMatchObject({
      field: 'yearPlanWan',
      note: null,
    });
    await t.ok('excel:importApply', input);
    const plans = db()
      .prepare(
        `SELECT p.name, y.plan_fen FROM project p JOIN year_plan y ON y.project_id = p.id AND y.year = 2019
         WHERE p.name IN ('漳州开发区南太武新城片区道路工程', '古雷港经济开发区公共管廊工程') ORDER BY p.name`,
      )
      .raw()
      .all();
    // 2.3 and 3.6 亿元 as the sheet states them (单位：亿元)
    expect(plans).toEqual([
      ['古雷港经济开发区公共管廊工程', 36_000_000_000],
      ['漳州开发区南太武新城片区道路工程', 23_000_000_000],
    ]);
  });
});
