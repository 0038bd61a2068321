/**
 * 报送收集 (issue 18) on the 蒲州镇 sample, with real SQLite through the core: kits are made for 2017年10月 by
 * 责任单位, filled in by a second library (openpyxl, tests/fixtures/collect/kit_tool.py) the way units would — valid
 * figures, a bad cell, a deleted column, a file from another month, units that do not return — then merged. The
 * figures are read back through reports:batch (the channel the 月报 page reads), every refusal is checked with its
 * row and reason, the roster, and a second merge of the same files changes nothing.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import type { CollectMade } from '../../shared/schemas/collect.ts';
import { mergedMonthsText, refusedPlaces, untouchedReturnsText } from '../../shared/domain/collect-report.ts';
import { backupNames } from '../../electron/core/backup/backup-files.ts';
import { settleBackupChecks } from '../../electron/core/backup/backup.service.ts';
import { closePeriod } from '../../electron/core/services/period.service.ts';
import { fillKits, inspectKit, type Inspected } from '../helpers/kit-tool.ts';
import { PY } from '../helpers/python.ts';
import { tempCore, type TempCore } from '../helpers/temp-core.ts';

const inspect = inspectKit;
const fill = fillKits;

function writeKits(made: CollectMade, dir: string): Map<string, string> {
  mkdirSync(dir, { recursive: true });
  return new Map(
    made.kits.map((k) => {
      const file = join(dir, k.fileName);
      writeFileSync(file, Buffer.from(k.base64, 'base64'));
      return [k.unit, file];
    }),
  );
}

/** The kit row of a project code, as the kit laid it out (read by openpyxl, not by the app). */
const rowOf = (kit: Inspected, code: string) => kit.rows.find((r) => r.code === code)!.row;
const asFile = (path: string, name: string) => ({ fileName: name, base64: readFileSync(path).toString('base64') });

let t: TempCore;
beforeEach(async () => {
  t = await tempCore({ role: '录入员', operator: '李录入' });
  await t.ok('app:onboard', { mode: 'demo' });
});
afterEach(() => t.cleanup());

const headOfChain = () =>
  t.core.ctx.db.sqlite.prepare('SELECT id, hash FROM change_log ORDER BY id DESC LIMIT 1').get();
const progressRows = (period: string) =>
  t.core.ctx.db.sqlite
    .prepare(
      'SELECT project_id, month_fen, image_text, image_pct, issues, state, updated_at FROM progress WHERE period = ? ORDER BY project_id',
    )
    .all(period);
const count = (table: string) =>
  (t.core.ctx.db.sqlite.prepare(`SELECT count(*) n FROM ${table}`).get() as { n: number }).n;

describe('报送表 (the kit)', () => {
  it('is one workbook per 责任单位 with only its projects, protected, inputs unlocked and validated, identity hidden', async () => {
    const made = await t.ok('collect:make', {
      period: '2017-10',
      by: '责任单位',
      contact: '镇党政办 王芳 0359-1234567',
    });
    expect(made.deadline).toBe('2017-11-05');
    expect(made.kits.map((k) => [k.unit, k.projects])).toEqual([
      ['蒲州镇城建办', 9],
      ['蒲州镇林业站', 6],
      ['蒲州镇交通道路站', 4],
      ['蒲州镇水利站', 4],
      ['蒲州镇人民政府', 1],
      ['蒲州镇派出所', 1],
    ]);
    const files = writeKits(made, join(t.dir, 'kits'));
    const kit = inspect(files.get('蒲州镇水利站')!);
    expect(kit.sheets).toEqual([
      { name: '月报填报', state: 'visible' },
      { name: '填报说明', state: 'visible' },
      { name: '报送标识', state: 'veryHidden' },
    ]);
    expect(kit.protected).toBe(true);
    expect(kit.guideProtected).toBe(true);
    expect(kit.headers).toEqual([
      '序号',
      '项目编号',
      '项目名称',
      '年度计划投资(万元)',
      '截至上月开工以来累计完成投资(万元)',
      '本月完成投资(万元)',
      '形象进度',
      '形象进度%',
      '存在问题',
      '下步计划',
      '需协调解决事项',
    ]);
    // only the unit's projects (牵头单位 水利站), pre-filled with 年度计划 and September's 开工以来累计
    const batch9 = await t.ok('reports:batch', { period: '2017-09' });
    const sept = new Map(batch9.rows.map((r) => [r.code, r]));
    expect(kit.rows.map((r) => r.code)).toEqual(['2017-03-02', '2017-08', '2017-09', '2017-14']);
    for (const r of kit.rows) {
      expect(sept.get(r.code)!.leadOrgName).toBe('蒲州镇水利站');
      expect(r.values.C).toBe(sept.get(r.code)!.name);
      expect(Math.round((r.values.E as number) * 1_000_000)).toBe(sept.get(r.code)!.cumFen);
      expect(r.locked).toEqual({
        A: true,
        B: true,
        C: true,
        D: true,
        E: true,
        F: false,
        G: false,
        H: false,
        I: false,
        J: false,
        K: false,
      });
    }
    // a validation on every input cell
    const at = (ref: string) => kit.validations.filter((v) => v.cells.includes(ref));
    for (const r of kit.rows)
      for (const col of ['F', 'G', 'H', 'I', 'J', 'K']) expect(at(`${col}${r.row}`), `${col}${r.row}`).toHaveLength(1);
    // in every kit, the nine-row one too, one rule a cell: set cell by cell, ExcelJS wrote G4:G12 and G10:G12 both
    // (rows sorted as text), overlapping rules Excel offers to repair
    for (const [unit, file] of files) {
      const other = inspect(file);
      for (const r of other.rows)
        for (const col of ['F', 'G', 'H', 'I', 'J', 'K'])
          expect(
            other.validations.filter((v) => v.cells.includes(`${col}${r.row}`)),
            `${unit} ${col}${r.row}`,
          ).toHaveLength(1);
    }
    const first = kit.rows[0]!.row;
    expect(at(`F${first}`)[0]).toMatchObject({
      type: 'custom',
      showErrorMessage: true,
      formula1: `AND(ISNUMBER(F${first}),F${first}>=0,ROUND(F${first},2)=F${first})`,
    });
    expect(at(`G${first}`)[0]).toMatchObject({
      type: 'list',
      formula1: '"未开工,前期工作,施工准备,在建,主体完工,已竣工,已验收"',
    });
    expect(at(`H${first}`)[0]).toMatchObject({ type: 'whole', formula1: '0', formula2: '100', showErrorMessage: true });
    for (const col of ['I', 'J', 'K'])
      expect(at(`${col}${first}`)[0]).toMatchObject({
        type: 'textLength',
        operator: 'lessThanOrEqual',
        formula1: '500',
      });
    // 填报说明: deadline and contact, dates written the Chinese way
    expect(kit.guide.join('\n')).toContain('填报截止：2017年11月5日');
    expect(kit.guide.join('\n')).toContain('联系人：镇党政办 王芳 0359-1234567');
    expect(kit.guide.join('\n')).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    // a rule longer than the column is on a row tall enough for its wrapped lines (LibreOffice showed rule 一's first
    // line only), at 11 pt a line; the page prints the column whole
    const wide = (text: string) => [...text].reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0);
    const long = kit.guideRows.filter((r) => wide(r.text) > kit.guideWidth);
    expect(long.map((r) => r.text.slice(0, 2))).toContain('一、');
    for (const r of long)
      expect(r.height ?? 15, r.text).toBeGreaterThanOrEqual(Math.ceil(wide(r.text) / kit.guideWidth) * 13);
    expect(kit.guideFitsWidth).toBe(true);
    // hidden identity: kit, town, month, unit, codes and a layout checksum; the kit is recorded in the ledger
    const kitKey = made.kits.find((k) => k.unit === '蒲州镇水利站')!.kitKey;
    expect(kit.identity).toMatchObject({
      报送表编号: kitKey,
      乡镇: '蒲州镇',
      期别: '2017-10',
      分发方式: '责任单位',
      单位: '蒲州镇水利站',
      项目编号: JSON.stringify(['2017-03-02', '2017-08', '2017-09', '2017-14']),
    });
    expect(kit.identity!['表样校验码']).toMatch(/^[0-9a-f]{64}$/);
    expect(kit.keywords).toContain(kitKey);
    expect(count('collect_kit')).toBe(6);
    const log = t.core.ctx.db.sqlite
      .prepare("SELECT operator, action, reason FROM change_log WHERE entity = 'collect_kit'")
      .all() as { operator: string; reason: string }[];
    expect(log).toHaveLength(6);
    expect(log[0]!.operator).toBe('李录入');
    expect((await t.ok('collect:roster', { period: '2017-10' })).roster.every((r) => r.status === '未报')).toBe(true);
  });

  it('by 包联领导 groups the projects by leader', async () => {
    const made = await t.ok('collect:make', { period: '2017-10', by: '包联领导' });
    const figures = await t.ok('figures:period', { period: '2017-10' });
    const leaders = new Set(figures.projects.filter((p) => !p.isParent).map((p) => p.leaderName));
    expect(new Set(made.kits.map((k) => k.unit))).toEqual(leaders);
    expect(made.kits.reduce((n, k) => n + k.projects, 0)).toBe(25);
  });
  it('names the office as 联系人 when none is given, and an operator only when one is signed in', async () => {
    // not the CLI's 命令行, nor a local stand-in such as this test's 李录入, who has no operator record
    const plain = writeKits(await t.ok('collect:make', { period: '2017-10', by: '责任单位' }), join(t.dir, 'plain'));
    const guide = inspect(plain.get('蒲州镇水利站')!).guide.join('\n');
    expect(guide).toContain('联系人：永济市蒲州镇人民政府\n');
    expect(guide).not.toContain('李录入');
  });
});

describe('合并交回的报送表', () => {
  it('takes valid figures, refuses bad cells, altered files and other months, keeps the roster — and a second merge changes nothing', async () => {
    // a September kit first (the file from another month), then October's, the collection under way: merged with
    // October asked for (the command line's --period), so the September file is another month's
    const sept = writeKits(await t.ok('collect:make', { period: '2017-09', by: '责任单位' }), join(t.dir, 'kits-09'));
    const made = await t.ok('collect:make', { period: '2017-10', by: '责任单位' });
    const kits = writeKits(made, join(t.dir, 'kits-10'));
    const back = join(t.dir, 'returned');
    mkdirSync(back);
    const water = inspect(kits.get('蒲州镇水利站')!);
    const roads = inspect(kits.get('蒲州镇交通道路站')!);
    const gov = inspect(kits.get('蒲州镇人民政府')!);
    const r = (k: Inspected, code: string) => rowOf(k, code);
    fill(t.dir, [
      {
        // all valid; a money cell typed as text "3.25" is read without floats
        src: kits.get('蒲州镇水利站')!,
        dst: join(back, '水利站10月.xlsx'),
        cells: {
          [`F${r(water, '2017-03-02')}`]: 12.5,
          [`G${r(water, '2017-03-02')}`]: '在建',
          [`H${r(water, '2017-03-02')}`]: 40,
          [`I${r(water, '2017-03-02')}`]: '雨季影响',
          [`F${r(water, '2017-08')}`]: 8,
          [`G${r(water, '2017-08')}`]: '管网铺设过半',
          [`H${r(water, '2017-08')}`]: 55,
          [`F${r(water, '2017-09')}`]: 0,
          [`G${r(water, '2017-09')}`]: '前期工作',
          [`H${r(water, '2017-09')}`]: 10,
          [`F${r(water, '2017-14')}`]: '3.25',
          [`G${r(water, '2017-14')}`]: '施工准备',
          [`H${r(water, '2017-14')}`]: 5,
        },
      },
      {
        // one bad cell (a negative amount); one row left empty (not reported)
        src: kits.get('蒲州镇交通道路站')!,
        dst: join(back, '交通站.xlsx'),
        cells: {
          [`F${roads.rows[0]!.row}`]: 6.4,
          [`G${roads.rows[0]!.row}`]: '路基完成',
          [`H${roads.rows[0]!.row}`]: 70,
          [`F${roads.rows[1]!.row}`]: -3,
          [`G${roads.rows[1]!.row}`]: '在建',
          [`H${roads.rows[1]!.row}`]: 30,
          [`F${roads.rows[2]!.row}`]: 1.05,
          [`G${roads.rows[2]!.row}`]: '在建',
        },
      },
      {
        // a column deleted: refused whole, saying which
        src: kits.get('蒲州镇林业站')!,
        dst: join(back, '林业站.xlsx'),
        cells: { F4: 2, G4: '在建', H4: 20 },
        delete_cols: ['G'],
      },
      {
        // September's kit filled in October: another month
        src: sept.get('蒲州镇城建办')!,
        dst: join(back, '城建办（九月表）.xlsx'),
        cells: { F4: 1, G4: '在建' },
      },
      {
        src: kits.get('蒲州镇人民政府')!,
        dst: join(back, '镇政府.xlsx'),
        cells: { [`F${gov.rows[0]!.row}`]: 20, [`G${gov.rows[0]!.row}`]: '主体完工', [`H${gov.rows[0]!.row}`]: 90 },
      },
      // 城建办 and 派出所 return nothing
    ]);
    const names = ['水利站10月.xlsx', '交通站.xlsx', '林业站.xlsx', '城建办（九月表）.xlsx', '镇政府.xlsx'];
    const files = names.map((n) => asFile(join(back, n), n));

    const before = { head: headOfChain(), rows: progressRows('2017-10'), returns: count('collect_return') };
    const preview = await t.ok('collect:merge', { returns: files, period: '2017-10', dryRun: true });
    expect({ head: headOfChain(), rows: progressRows('2017-10'), returns: count('collect_return') }).toEqual(before);
    expect(preview.period).toBe('2017-10');
    expect(preview.backupFile).toBeNull();

    const report = await t.ok('collect:merge', { returns: files, period: '2017-10', dryRun: false });
    for (const x of [preview, report]) {
      // 交通站's return has a wrong cell: none of it is taken (its two good rows neither), as an import would
      expect(x.accepted).toBe(5);
      expect(x.changed).toBe(5);
      expect(x.altered).toEqual(['林业站.xlsx']);
      expect(x.refused.map(({ file, sheet, row, column }) => ({ file, sheet, row, column }))).toEqual([
        { file: '交通站.xlsx', sheet: '月报填报', row: roads.rows[1]!.row, column: 'F' },
        { file: '交通站.xlsx', sheet: null, row: null, column: null },
        { file: '林业站.xlsx', sheet: '月报填报', row: 3, column: null },
        { file: '城建办（九月表）.xlsx', sheet: null, row: null, column: null },
      ]);
      expect(x.refused[0]!.reason).toBe(`项目“${roads.rows[1]!.values.C as string}”：本月完成投资不能为负数`);
      expect(x.refused[1]!.reason).toBe('有1处错误，整份文件未采用（其余2个项目的数字也未写入），请改正后重新交回');
      // 未采用 3 处: the wrong cell, the altered file's header, the September file — not the summing-up line
      expect(refusedPlaces(x.refused)).toBe(3);
      expect(x.refused[2]!.reason).toBe('表样被改动：删除了“形象进度”列（原G列）。整份文件未导入，请用原表重新填报');
      expect(x.refused[3]!.reason).toBe(
        '本文件是2017年9月的报送表，本次收集的是2017年10月，未导入（请与2017年9月的报送表另行合并）',
      );
      expect(x.roster.map((e) => [e.unit, e.status, e.file])).toEqual([
        ['蒲州镇城建办', '未报', null],
        ['蒲州镇林业站', '有误', '林业站.xlsx'],
        ['蒲州镇交通道路站', '有误', '交通站.xlsx'],
        ['蒲州镇水利站', '已报', '水利站10月.xlsx'],
        ['蒲州镇人民政府', '已报', '镇政府.xlsx'],
        ['蒲州镇派出所', '未报', null],
      ]);
    }
    expect(report.backupFile).toMatch(/导入前\.db$/);
    expect(report.files.map((f) => f.status)).toEqual(['已报', '有误', '拒收', '拒收', '已报']);

    // the figures, read through the channel the 月报 page reads
    const batch = await t.ok('reports:batch', { period: '2017-10' });
    const byCode = new Map(batch.rows.map((x) => [x.code, x]));
    expect(byCode.get('2017-03-02')!.entry).toEqual({
      monthFen: 12_500_000,
      imageText: '在建',
      imagePct: 40,
      issues: '雨季影响',
      nextSteps: null,
      needs: null,
    });
    expect(byCode.get('2017-14')!.entry!.monthFen).toBe(3_250_000);
    expect(byCode.get('2017-09')!.entry!.monthFen).toBe(0);
    // nothing of the return with a wrong cell: its good rows neither
    expect(byCode.get(roads.rows[0]!.code)!.entry).toBeNull();
    expect(byCode.get(roads.rows[1]!.code)!.entry).toBeNull(); // the refused row
    expect(byCode.get(roads.rows[2]!.code)!.entry).toBeNull();
    expect(byCode.get(roads.rows[3]!.code)!.entry).toBeNull(); // left empty
    expect(byCode.get(gov.rows[0]!.code)!.entry!.monthFen).toBe(20_000_000);
    // 开工以来累计 moved by the month's figure: the derived columns follow the write as in the window
    const sept9 = new Map((await t.ok('reports:batch', { period: '2017-09' })).rows.map((x) => [x.code, x]));
    expect(byCode.get('2017-03-02')!.cumFen).toBe(sept9.get('2017-03-02')!.cumFen + 12_500_000);
    expect(byCode.get('2017-03-02')!.state).toBe('草稿');
    expect(byCode.get('2017-03-02')!.filledBy).toBe('李录入');
    // written as the 月报 service writes: change log rows per field, the return recorded
    const logged = t.core.ctx.db.sqlite
      .prepare("SELECT count(*) n FROM change_log WHERE entity = 'progress' AND field LIKE '2017-10.%'")
      .get() as { n: number };
    expect(logged.n).toBeGreaterThan(7);
    expect(count('collect_return')).toBe(4); // the altered file is a return too (有误)
    // 交通站's one wrong cell is kept as one place not taken, not two (the line that sums it up is not a place)
    expect(
      t.core.ctx.db.sqlite.prepare(`SELECT refused FROM collect_return WHERE file_name = '交通站.xlsx'`).pluck().get(),
    ).toBe(1);
    const roster = await t.ok('collect:roster', { period: '2017-10' });
    expect(roster.roster.find((e) => e.unit === '蒲州镇水利站')).toMatchObject({
      status: '已报',
      returnedAt: '2017-10-08',
      deadline: '2017-11-05',
      overdue: false,
      late: false,
    });
    expect((await t.ok('audit:verify', {})).ok).toBe(true);

    // the same files again (the folder merged once more): each is recognised as merged already, nothing changes
    const after = {
      head: headOfChain(),
      rows: progressRows('2017-10'),
      returns: count('collect_return'),
      kits: count('collect_kit'),
    };
    const backupsBefore = backupNames(t.core.ctx.paths.backupsDir).sort();
    const again = await t.ok('collect:merge', { returns: files, period: '2017-10', dryRun: false });
    // the files refused before (有误) are checked again and say their errors again; nothing is recorded twice
    expect(again).toMatchObject({
      accepted: 0,
      changed: 0,
      differences: [],
      altered: ['林业站.xlsx'],
      backupFile: null,
    });
    // The copy begun while the files were read (backup-ahead.ts) is removed when nothing is written.
    await settleBackupChecks();
    expect(backupNames(t.core.ctx.paths.backupsDir).sort()).toEqual(backupsBefore);
    expect(again.files.map((f) => f.status)).toEqual(['已合并过', '有误', '拒收', '拒收', '已合并过']);
    expect(again.refused.map((x) => [x.file, x.reason])).toEqual([
      ['水利站10月.xlsx', '这份文件已于2017年10月8日合并过（内容相同），未重复导入'],
      ['交通站.xlsx', `项目“${roads.rows[1]!.values.C as string}”：本月完成投资不能为负数`],
      ['交通站.xlsx', '有1处错误，整份文件未采用（其余2个项目的数字也未写入），请改正后重新交回'],
      ['林业站.xlsx', '表样被改动：删除了“形象进度”列（原G列）。整份文件未导入，请用原表重新填报'],
      [
        '城建办（九月表）.xlsx',
        '本文件是2017年9月的报送表，本次收集的是2017年10月，未导入（请与2017年9月的报送表另行合并）',
      ],
      ['镇政府.xlsx', '这份文件已于2017年10月8日合并过（内容相同），未重复导入'],
    ]);
    expect(again.roster).toEqual(report.roster);
    // September's late return merged on its own, with no month asked for, is taken as September's (October's kits
    // are out: the batch month was theirs, and every September file was refused)
    const late = await t.ok('collect:merge', { returns: [files[3]!], dryRun: true });
    expect(late.period).toBe('2017-09');
    expect(late.files.map((f) => f.status)).not.toContain('拒收');
    // a kit sent back untouched is named, and said not to count
    const empty = await t.ok('collect:merge', {
      returns: [asFile(kits.get('蒲州镇城建办')!, '城建办.xlsx')],
      dryRun: true,
    });
    expect(untouchedReturnsText(empty.files)).toBe('1个文件一格未填（“城建办.xlsx”），不算交回，该单位仍为未报');
    expect({
      head: headOfChain(),
      rows: progressRows('2017-10'),
      returns: count('collect_return'),
      kits: count('collect_kit'),
    }).toEqual(after);
    // a figure corrected in the window since is not overwritten by merging the old file again
    const id = byCode.get('2017-03-02')!.projectId;
    await t.ok('reports:save', {
      period: '2017-10',
      rows: [{ projectId: id, monthWan: '13', imageText: '在建', imagePct: 40, issues: '雨季影响' }],
    });
    await t.ok('collect:merge', { returns: [files[0]!], dryRun: false });
    expect(
      (await t.ok('reports:batch', { period: '2017-10' })).rows.find((x) => x.projectId === id)!.entry!.monthFen,
    ).toBe(13_000_000);
    // the same content twice in one pick is taken once
    const twice = await t.ok('collect:merge', {
      returns: [files[4]!, { ...files[4]!, fileName: '镇政府（副本）.xlsx' }],
      dryRun: true,
    });
    expect(twice.refused.map((x) => x.reason)).toEqual([
      '这份文件已于2017年10月8日合并过（内容相同），未重复导入',
      '与本次选择的“镇政府.xlsx”内容完全相同，未重复导入',
    ]);
  });

  it('shows figures that differ from what was entered, and refuses a changed figure of a report already submitted', async () => {
    const made = await t.ok('collect:make', { period: '2017-10', by: '责任单位' });
    const kits = writeKits(made, join(t.dir, 'kits'));
    const water = inspect(kits.get('蒲州镇水利站')!);
    const [a, b] = water.rows;
    const ids = new Map((await t.ok('reports:batch', { period: '2017-10' })).rows.map((x) => [x.code, x.projectId]));
    await t.ok('reports:save', {
      period: '2017-10',
      rows: [
        { projectId: ids.get(a!.code)!, monthWan: '5', imageText: '在建', imagePct: 30 },
        { projectId: ids.get(b!.code)!, monthWan: '7', imageText: '在建', imagePct: 50 },
      ],
    });
    await t.ok('reports:submit', { period: '2017-10', projectIds: [ids.get(b!.code)!] });
    fill(t.dir, [
      {
        src: kits.get('蒲州镇水利站')!,
        dst: join(t.dir, 'w.xlsx'),
        cells: {
          [`F${a!.row}`]: 6,
          [`G${a!.row}`]: '在建',
          [`H${a!.row}`]: 30,
          [`F${b!.row}`]: 9,
          [`G${b!.row}`]: '在建',
          [`H${b!.row}`]: 50,
        },
      },
    ]);
    const r = await t.ok('collect:merge', { returns: [asFile(join(t.dir, 'w.xlsx'), 'w.xlsx')], dryRun: true });
    // a changed figure of a submitted report makes the file wrong: none of it is taken, row a's 6 neither
    expect(r.differences).toEqual([]);
    expect(r.accepted).toBe(0);
    expect(r.refused).toEqual([
      {
        file: 'w.xlsx',
        sheet: '月报填报',
        row: b!.row,
        // the cell that differs from what was submitted (F: 本月完成投资 7 → 9), named
        column: 'F',
        reason: `项目“${b!.values.C as string}”：本月月报已报送，“本月完成投资”与已报送的不同，如需修改请先由审核人退回`,
      },
      {
        file: 'w.xlsx',
        sheet: null,
        row: null,
        column: null,
        reason: '有1处错误，整份文件未采用（其余1个项目的数字也未写入），请改正后重新交回',
      },
    ]);
    // without the wrong cell the same return is taken, and the figure that differs from what was entered is shown
    fill(t.dir, [
      {
        src: kits.get('蒲州镇水利站')!,
        dst: join(t.dir, 'w2.xlsx'),
        cells: { [`F${a!.row}`]: 6, [`G${a!.row}`]: '在建', [`H${a!.row}`]: 30 },
      },
    ]);
    const ok = await t.ok('collect:merge', { returns: [asFile(join(t.dir, 'w2.xlsx'), 'w2.xlsx')], dryRun: true });
    expect(ok.differences).toEqual([
      {
        file: 'w2.xlsx',
        code: a!.code,
        name: a!.values.C,
        field: '本月完成投资',
        before: '5.00万元',
        after: '6.00万元',
      },
    ]);
  });

  it('lists locked cells a unit changed anyway (名称, 年度计划, 截至上月累计) as differences not taken', async () => {
    const made = await t.ok('collect:make', { period: '2017-10', by: '责任单位' });
    const kits = writeKits(made, join(t.dir, 'kits-locked'));
    const water = inspect(kits.get('蒲州镇水利站')!);
    const [a] = water.rows;
    fill(t.dir, [
      {
        src: kits.get('蒲州镇水利站')!,
        dst: join(t.dir, 'locked.xlsx'),
        cells: {
          [`C${a!.row}`]: `${a!.values.C as string}（二期）`,
          [`D${a!.row}`]: 90,
          [`E${a!.row}`]: (a!.values.E as number) + 5,
          [`F${a!.row}`]: 2,
          [`G${a!.row}`]: '在建',
        },
      },
    ]);
    const r = await t.ok('collect:merge', {
      returns: [asFile(join(t.dir, 'locked.xlsx'), 'locked.xlsx')],
      dryRun: true,
    });
    const wan = (v: number) => `${v.toFixed(2)}万元`;
    expect(r.differences).toEqual([
      {
        file: 'locked.xlsx',
        code: a!.code,
        name: a!.values.C,
        field: '项目名称（锁定格，未采用）',
        before: a!.values.C,
        after: `${a!.values.C as string}（二期）`,
      },
      {
        file: 'locked.xlsx',
        code: a!.code,
        name: a!.values.C,
        field: '年度计划投资（锁定格，未采用）',
        before: wan(a!.values.D as number),
        after: '90.00万元',
      },
      {
        file: 'locked.xlsx',
        code: a!.code,
        name: a!.values.C,
        field: '截至上月开工以来累计完成投资（锁定格，未采用）',
        before: wan(a!.values.E as number),
        after: wan((a!.values.E as number) + 5),
      },
    ]);
    // the row's own figures are taken as ever
    expect(r.accepted).toBe(1);
    expect(r.acceptedRows[0]!.warning).toBeNull();
  });

  it('lists a row that went out filled in and came back cleared: not taken, the ledger keeps its figures', async () => {
    await t.reopen({ now: () => new Date('2017-11-28T09:00:00+08:00') }); // November's reports come in November
    const ids = new Map((await t.ok('reports:batch', { period: '2017-11' })).rows.map((x) => [x.code, x.projectId]));
    const make = async (dir: string) =>
      writeKits(await t.ok('collect:make', { period: '2017-11', by: '责任单位' }), join(t.dir, dir)).get(
        '蒲州镇水利站',
      )!;
    const early = await make('k0');
    const [a, b] = inspect(early).rows;
    await t.ok('reports:save', {
      period: '2017-11',
      rows: [{ projectId: ids.get(a!.code)!, monthWan: '4', imageText: '在建', imagePct: 20 }],
    });
    // the kit made before the draft sent row a out empty: back empty, it says nothing
    fill(t.dir, [{ src: early, dst: join(t.dir, 'early.xlsx'), cells: { [`F${b!.row}`]: 3, [`G${b!.row}`]: '在建' } }]);
    const quiet = await t.ok('collect:merge', {
      returns: [asFile(join(t.dir, 'early.xlsx'), 'early.xlsx')],
      dryRun: true,
    });
    expect([quiet.accepted, quiet.differences]).toEqual([1, []]);

    // made again now that row a has a draft: row a goes out filled in; the unit clears it
    const kit = await make('k1');
    expect(inspect(kit).rows.find((r) => r.code === a!.code)!.values.F).toBe(4);
    fill(t.dir, [
      {
        src: kit,
        dst: join(t.dir, 'cleared.xlsx'),
        cells: {
          [`F${a!.row}`]: null,
          [`G${a!.row}`]: null,
          [`H${a!.row}`]: null,
          [`F${b!.row}`]: 3,
          [`G${b!.row}`]: '在建',
        },
      },
    ]);
    const r = await t.ok('collect:merge', {
      returns: [asFile(join(t.dir, 'cleared.xlsx'), 'cleared.xlsx')],
      dryRun: false,
    });
    expect(r.accepted).toBe(1);
    expect(r.differences).toEqual([
      {
        file: 'cleared.xlsx',
        code: a!.code,
        name: a!.values.C,
        field: '整行（交回时为空，未采用，台账保留原数）',
        before: '本月完成投资4.00万元',
        after: null,
      },
    ]);
    const rows = (await t.ok('reports:batch', { period: '2017-11' })).rows;
    expect(rows.find((x) => x.code === a!.code)!.entry).toMatchObject({ monthFen: 4_000_000, imageText: '在建' });
    expect(rows.find((x) => x.code === b!.code)!.entry).toMatchObject({ monthFen: 3_000_000 });
  });

  it('says an amount typed in 元 (12元) is in 元, not that it has too many decimals', async () => {
    const made = await t.ok('collect:make', { period: '2017-10', by: '责任单位' });
    const kits = writeKits(made, join(t.dir, 'kits-yuan'));
    const [a] = inspect(kits.get('蒲州镇水利站')!).rows;
    fill(t.dir, [
      {
        src: kits.get('蒲州镇水利站')!,
        dst: join(t.dir, 'yuan.xlsx'),
        cells: { [`F${a!.row}`]: '12元', [`G${a!.row}`]: '在建' },
      },
    ]);
    const r = await t.ok('collect:merge', { returns: [asFile(join(t.dir, 'yuan.xlsx'), 'yuan.xlsx')], dryRun: true });
    expect(r.refused[0]!.reason).toContain(
      '“本月完成投资”“12元”是以元填写的（折合0.0012万元），请以万元填写，最多两位小数',
    );
  });

  it('reads 形象进度% typed in full-width digits (６０, ９０％) as the money beside it is read; a bare % is no figure', async () => {
    const made = await t.ok('collect:make', { period: '2017-10', by: '责任单位' });
    const kits = writeKits(made, join(t.dir, 'kits-wide'));
    const [a, b, c] = inspect(kits.get('蒲州镇水利站')!).rows;
    const row = (r: typeof a, money: string, pct: string) => ({
      [`F${r!.row}`]: money,
      [`G${r!.row}`]: '在建',
      [`H${r!.row}`]: pct,
    });
    fill(t.dir, [
      {
        src: kits.get('蒲州镇水利站')!,
        dst: join(t.dir, 'wide.xlsx'),
        cells: { ...row(a, '１２．５', '６０'), ...row(b, '３', '９０％') },
      },
      { src: kits.get('蒲州镇水利站')!, dst: join(t.dir, 'bare.xlsx'), cells: row(c, '1', '%') },
    ]);
    const r = await t.ok('collect:merge', { returns: [asFile(join(t.dir, 'wide.xlsx'), 'wide.xlsx')], dryRun: false });
    expect(r.refused).toEqual([]);
    const saved = t.core.ctx.db.sqlite
      .prepare(
        "SELECT p.code, g.month_fen, g.image_pct FROM progress g JOIN project p ON p.id = g.project_id WHERE g.period = '2017-10' AND p.code IN (?, ?) ORDER BY p.code",
      )
      .all(a!.code, b!.code);
    expect(saved).toEqual(
      [
        { code: a!.code, month_fen: 12_500_000, image_pct: 60 },
        { code: b!.code, month_fen: 3_000_000, image_pct: 90 },
      ].sort((x, y) => x.code.localeCompare(y.code)),
    );
    const bare = await t.ok('collect:merge', {
      returns: [asFile(join(t.dir, 'bare.xlsx'), 'bare.xlsx')],
      dryRun: true,
    });
    expect(bare.accepted).toBe(0);
    expect(bare.refused[0]).toMatchObject({ row: c!.row, column: 'H' });
    expect(bare.refused[0]!.reason).toContain('形象进度%应为0–100之间的整数（“%”）');
  });

  it('takes a return whose kit holds a project deleted since: that row named as not taken, the rest written, the unit 已报', async () => {
    const made = await t.ok('collect:make', { period: '2017-10', by: '责任单位' });
    const kits = writeKits(made, join(t.dir, 'kits-gone'));
    const rows = inspect(kits.get('蒲州镇水利站')!).rows;
    const gone = rows[1]!;
    const id = (code: string) =>
      t.core.ctx.db.sqlite.prepare('SELECT id FROM project WHERE code = ?').pluck().get(code) as number;
    await t.ok('projects:delete', { id: id(gone.code) });
    const cells = Object.fromEntries(
      rows.flatMap((r, i) => [
        [`F${r.row}`, i + 1],
        [`G${r.row}`, '在建'],
        [`H${r.row}`, 10 * (i + 1)],
      ]),
    );
    fill(t.dir, [{ src: kits.get('蒲州镇水利站')!, dst: join(t.dir, 'gone.xlsx'), cells }]);
    const r = await t.ok('collect:merge', { returns: [asFile(join(t.dir, 'gone.xlsx'), 'gone.xlsx')], dryRun: false });
    // the unit cannot correct a row the town deleted (it is locked): it is named, and does not sink the file
    expect(r.refused).toEqual([
      {
        file: 'gone.xlsx',
        sheet: '月报填报',
        row: gone.row,
        column: 'B',
        reason: `项目编号“${gone.code}”（${gone.values.C as string}）在台账中已不存在（项目已删除或编号已改），本行未采用，本表其他项目照常采用`,
      },
    ]);
    expect(r.accepted).toBe(rows.length - 1);
    expect(r.files).toEqual([{ file: 'gone.xlsx', unit: '蒲州镇水利站', period: '2017-10', status: '已报' }]);
    expect(r.roster.find((x) => x.unit === '蒲州镇水利站')).toMatchObject({ status: '已报', reasons: null });
    const written = t.core.ctx.db.sqlite
      .prepare("SELECT project_id FROM progress WHERE period = '2017-10' AND month_fen > 0")
      .pluck()
      .all();
    expect(written.sort()).toEqual(
      rows
        .filter((x) => x !== gone)
        .map((x) => id(x.code))
        .sort(),
    );
  });

  it('merges returns of two months picked together each into its own month (as the window and the CLI without --period ask), in one transaction', async () => {
    await t.reopen({ now: () => new Date('2017-12-04T09:00:00+08:00') }); // November's returns come in by 12月5日
    // October's kits, then November's: the water station returns October late, the forestry station November
    const oct = writeKits(await t.ok('collect:make', { period: '2017-10', by: '责任单位' }), join(t.dir, 'two-10'));
    const nov = writeKits(await t.ok('collect:make', { period: '2017-11', by: '责任单位' }), join(t.dir, 'two-11'));
    const water = inspect(oct.get('蒲州镇水利站')!).rows;
    const forest = inspect(nov.get('蒲州镇林业站')!).rows;
    fill(t.dir, [
      {
        src: oct.get('蒲州镇水利站')!,
        dst: join(t.dir, '水利站十月.xlsx'),
        cells: { [`F${water[0]!.row}`]: 12.5, [`G${water[0]!.row}`]: '在建', [`H${water[0]!.row}`]: 40 },
      },
      {
        src: nov.get('蒲州镇林业站')!,
        dst: join(t.dir, '林业站十一月.xlsx'),
        cells: { [`F${forest[0]!.row}`]: 5, [`G${forest[0]!.row}`]: '在建' },
      },
    ]);
    const returns = ['林业站十一月.xlsx', '水利站十月.xlsx'].map((n) => asFile(join(t.dir, n), n));
    const idOf = (code: string) =>
      t.core.ctx.db.sqlite.prepare('SELECT id FROM project WHERE code = ?').pluck().get(code) as number;
    const monthFen = (code: string, period: string) =>
      t.core.ctx.db.sqlite
        .prepare('SELECT month_fen FROM progress WHERE project_id = ? AND period = ?')
        .pluck()
        .get(idOf(code), period) ?? null;
    const state = () => ({
      oct: progressRows('2017-10'),
      nov: progressRows('2017-11'),
      returns: count('collect_return'),
      head: headOfChain(),
    });

    // One transaction for both months: November's write failing leaves October as it was too.
    const before = state();
    t.core.ctx.db.sqlite.exec(
      "CREATE TEMP TRIGGER no_november BEFORE INSERT ON progress WHEN NEW.period = '2017-11' BEGIN SELECT RAISE(ABORT, '测试：十一月写入失败'); END",
    );
    expect((await t.call('collect:merge', { returns, dryRun: false })).ok).toBe(false);
    expect(state()).toEqual(before);
    t.core.ctx.db.sqlite.exec('DROP TRIGGER no_november');

    for (const dryRun of [true, false]) {
      const r = await t.ok('collect:merge', { returns, dryRun });
      expect(r.months).toEqual([
        { period: '2017-10', accepted: 1, changed: 1 },
        { period: '2017-11', accepted: 1, changed: 1 },
      ]);
      expect([r.accepted, r.changed, r.refused]).toEqual([2, 2, []]);
      // each file named with its unit and month
      expect(r.files).toEqual([
        { file: '林业站十一月.xlsx', unit: '蒲州镇林业站', period: '2017-11', status: '已报' },
        { file: '水利站十月.xlsx', unit: '蒲州镇水利站', period: '2017-10', status: '已报' },
      ]);
      expect(r.acceptedRows.map((a) => [a.period, a.file, a.code, a.monthFen])).toEqual([
        ['2017-10', '水利站十月.xlsx', water[0]!.code, 12_500_000],
        ['2017-11', '林业站十一月.xlsx', forest[0]!.code, 5_000_000],
      ]);
      expect(mergedMonthsText(r)).toBe(
        `2017年10月采用 1 个项目的月报（其中 1 个${dryRun ? '将' : '已'}改变台账）；2017年11月采用 1 个项目的月报（其中 1 个${dryRun ? '将' : '已'}改变台账）`,
      );
      // each month's roster, the unit 已报 in its own month only
      const status = (period: string, unit: string) =>
        r.roster.find((e) => e.period === period && e.unit === unit)?.status;
      expect([...new Set(r.roster.map((e) => e.period))]).toEqual(['2017-10', '2017-11']);
      expect([status('2017-10', '蒲州镇水利站'), status('2017-11', '蒲州镇水利站')]).toEqual(['已报', '未报']);
      expect([status('2017-10', '蒲州镇林业站'), status('2017-11', '蒲州镇林业站')]).toEqual(['未报', '已报']);
      if (dryRun) expect(state()).toEqual(before);
    }
    // written into each file's own month, and recorded there
    expect([monthFen(water[0]!.code, '2017-10'), monthFen(water[0]!.code, '2017-11')]).toEqual([12_500_000, null]);
    expect([monthFen(forest[0]!.code, '2017-11'), monthFen(forest[0]!.code, '2017-10')]).toEqual([5_000_000, null]);
    expect(
      t.core.ctx.db.sqlite
        .prepare(
          'SELECT k.period, k.unit_name, r.status FROM collect_return r JOIN collect_kit k ON k.id = r.kit_id ORDER BY k.period',
        )
        .raw()
        .all(),
    ).toEqual([
      ['2017-10', '蒲州镇水利站', '已报'],
      ['2017-11', '蒲州镇林业站', '已报'],
    ]);
    expect(
      (await t.ok('collect:roster', { period: '2017-10' })).roster.find((e) => e.unit === '蒲州镇水利站'),
    ).toMatchObject({ period: '2017-10', status: '已报', file: '水利站十月.xlsx' });
    expect((await t.ok('audit:verify', {})).ok).toBe(true);
    // with a month asked for, the other month's file is refused, as before
    const asked = await t.ok('collect:merge', { returns, period: '2017-11', dryRun: true });
    expect(asked.months.map((m) => m.period)).toEqual(['2017-11']);
    expect(asked.refused.map((x) => [x.file, x.reason])).toEqual([
      ['林业站十一月.xlsx', expect.stringContaining('合并过')],
      [
        '水利站十月.xlsx',
        '本文件是2017年10月的报送表，本次收集的是2017年11月，未导入（请与2017年10月的报送表另行合并）',
      ],
    ]);
  });

  it('refuses returns of a month closed (关账) since the kits went out, in the preview as in the merge: nothing recorded', async () => {
    const made = await t.ok('collect:make', { period: '2017-10', by: '责任单位' });
    const kits = writeKits(made, join(t.dir, 'kits-closed'));
    const [a] = inspect(kits.get('蒲州镇水利站')!).rows;
    const cells = { [`F${a!.row}`]: 4, [`G${a!.row}`]: '在建', [`H${a!.row}`]: 30 };
    fill(t.dir, [{ src: kits.get('蒲州镇水利站')!, dst: join(t.dir, 'closed.xlsx'), cells }]);
    const ids = t.core.ctx.db.sqlite.prepare('SELECT id FROM project').pluck().all() as number[];
    closePeriod(t.core.ctx, '2017-10', ids);
    const before = { progress: progressRows('2017-10'), returns: count('collect_return'), head: headOfChain() };
    const returns = [asFile(join(t.dir, 'closed.xlsx'), 'closed.xlsx')];
    // without a month (the window, and the CLI without --period: the file's own month) the file is refused on its
    // own, naming its month — another month's returns in the same pick would go on —; with the month asked for the
    // merge is refused whole
    for (const dryRun of [true, false]) {
      const r = await t.ok('collect:merge', { returns, dryRun });
      expect([r.months, r.accepted, r.backupFile]).toEqual([[], 0, null]);
      expect(r.files).toEqual([{ file: 'closed.xlsx', unit: '蒲州镇水利站', period: '2017-10', status: '拒收' }]);
      expect(r.refused.map((x) => x.reason)).toEqual([
        '本文件是2017年10月的报送表，2017年10月已关账，如需修改请先由审核人重新开账；未导入',
      ]);
    }
    const r = await t.call('collect:merge', { returns, period: '2017-10', dryRun: true });
    expect(!r.ok && [r.error.code, r.error.message]).toEqual([
      'CONFLICT',
      '2017年10月已关账，如需修改请先由审核人重新开账',
    ]);
    expect({ progress: progressRows('2017-10'), returns: count('collect_return'), head: headOfChain() }).toEqual(
      before,
    );
  });

  it('says before merging that a returned amount takes a project’s 累计 over its 总投资 (a unit typed 99999999)', async () => {
    const made = await t.ok('collect:make', { period: '2017-10', by: '责任单位' });
    const kits = writeKits(made, join(t.dir, 'kits-big'));
    const water = inspect(kits.get('蒲州镇水利站')!);
    const [a] = water.rows;
    fill(t.dir, [
      {
        src: kits.get('蒲州镇水利站')!,
        dst: join(t.dir, 'big.xlsx'),
        cells: { [`F${a!.row}`]: 99999999, [`G${a!.row}`]: '在建' },
      },
    ]);
    const r = await t.ok('collect:merge', { returns: [asFile(join(t.dir, 'big.xlsx'), 'big.xlsx')], dryRun: true });
    expect(r.acceptedRows[0]!.warning).toBe(
      `累计超总投资：开工以来累计将为${(99999999 + (a!.values.E as number)).toFixed(2)}万元，总投资${(
        (t.core.ctx.db.sqlite.prepare('SELECT total_fen FROM project WHERE code = ?').pluck().get(a!.code) as number) /
        1_000_000
      ).toFixed(2)}万元`,
    );
  });

  it('says before merging that a returned amount is for a project the ledger has not started (有投资未开工)', async () => {
    // 商业街亮化工程 (2017-03-03, 牵头 蒲州镇城建办): no 实际开工 in the 蒲州镇 sample
    const kits = writeKits(
      await t.ok('collect:make', { period: '2017-10', by: '责任单位' }),
      join(t.dir, 'kits-start'),
    );
    const kit = kits.get('蒲州镇城建办')!;
    const row = rowOf(inspect(kit), '2017-03-03');
    fill(t.dir, [
      { src: kit, dst: join(t.dir, 'start.xlsx'), cells: { [`F${row}`]: 38, [`G${row}`]: '灯杆基础施工' } },
    ]);
    const r = await t.ok('collect:merge', { returns: [asFile(join(t.dir, 'start.xlsx'), 'start.xlsx')], dryRun: true });
    expect(r.acceptedRows.map((a) => [a.code, a.warning])).toEqual([
      [
        '2017-03-03',
        '本月完成投资 38.00 万元，但台账中没有实际开工日期。有完成投资即已开工，请在项目台账中补填实际开工日期（开工灯按实际开工日期判断）',
      ],
    ]);
  });

  it('in a two-month merge, November’s 累计超总投资 counts October’s returned 本月 (it was read before October was written)', async () => {
    const oct = writeKits(await t.ok('collect:make', { period: '2017-10', by: '责任单位' }), join(t.dir, 'over-10'));
    const nov = writeKits(await t.ok('collect:make', { period: '2017-11', by: '责任单位' }), join(t.dir, 'over-11'));
    const a = inspect(oct.get('蒲州镇水利站')!).rows[0]!;
    const b = inspect(nov.get('蒲州镇水利站')!).rows.find((r) => r.code === a.code)!;
    const totalWan =
      (t.core.ctx.db.sqlite.prepare('SELECT total_fen FROM project WHERE code = ?').pluck().get(a.code) as number) /
      1_000_000;
    // October fills the project to just under 1万元 below its 总投资; November's 2万元 takes it over. Read without
    // October's figure, November's 累计 stays under: the case needs room for both beside what October holds now.
    const roomWan = totalWan - (a.values.E as number);
    const octWan = Math.floor((roomWan - 1) * 100) / 100;
    expect((b.values.E as number) + 2).toBeLessThan(totalWan);
    fill(t.dir, [
      {
        src: oct.get('蒲州镇水利站')!,
        dst: join(t.dir, '十月.xlsx'),
        cells: { [`F${a.row}`]: octWan, [`G${a.row}`]: '在建' },
      },
      {
        src: nov.get('蒲州镇水利站')!,
        dst: join(t.dir, '十一月.xlsx'),
        cells: { [`F${b.row}`]: 2, [`G${b.row}`]: '在建' },
      },
    ]);
    const returns = ['十月.xlsx', '十一月.xlsx'].map((n) => asFile(join(t.dir, n), n));
    const r = await t.ok('collect:merge', { returns, dryRun: true });
    const cumWan = (a.values.E as number) + octWan + 2;
    expect(r.acceptedRows.map((x) => [x.period, x.code, x.warning])).toEqual([
      ['2017-10', a.code, null],
      ['2017-11', a.code, `累计超总投资：开工以来累计将为${cumWan.toFixed(2)}万元，总投资${totalWan.toFixed(2)}万元`],
    ]);
  });

  it('compares locked cells with the kit as issued: a 年度计划 corrected in the ledger afterwards is no change of the unit', async () => {
    const made = await t.ok('collect:make', { period: '2017-10', by: '责任单位' });
    const kits = writeKits(made, join(t.dir, 'kits-issued'));
    const water = inspect(kits.get('蒲州镇水利站')!);
    const [a] = water.rows;
    const projectId = (
      t.core.ctx.db.sqlite.prepare('SELECT id FROM project WHERE code = ?').get(a!.code) as { id: number }
    ).id;
    // the clerk corrects the plan after the kits went out
    await t.ok('plans:save', { projectId, plans: [{ year: 2017, planWan: String((a!.values.D as number) + 11) }] });
    const untouched = { [`F${a!.row}`]: 2, [`G${a!.row}`]: '在建' };
    fill(t.dir, [{ src: kits.get('蒲州镇水利站')!, dst: join(t.dir, 'issued.xlsx'), cells: untouched }]);
    const r = await t.ok('collect:merge', {
      returns: [asFile(join(t.dir, 'issued.xlsx'), 'issued.xlsx')],
      dryRun: true,
    });
    expect(r.differences.filter((d) => d.field.includes('锁定格'))).toEqual([]);
    // a unit that does change it is compared with the figure it was sent
    fill(t.dir, [
      {
        src: kits.get('蒲州镇水利站')!,
        dst: join(t.dir, 'disputed.xlsx'),
        cells: { ...untouched, [`D${a!.row}`]: 90 },
      },
    ]);
    const d = await t.ok('collect:merge', {
      returns: [asFile(join(t.dir, 'disputed.xlsx'), 'disputed.xlsx')],
      dryRun: true,
    });
    expect(d.differences.filter((x) => x.field.includes('锁定格'))).toEqual([
      {
        file: 'disputed.xlsx',
        code: a!.code,
        name: a!.values.C,
        field: '年度计划投资（锁定格，未采用）',
        before: `${(a!.values.D as number).toFixed(2)}万元`,
        after: '90.00万元',
      },
    ]);
    // a kit issued before the ledger kept what it held is compared with the ledger, as before
    t.core.ctx.db.sqlite.prepare('UPDATE collect_kit SET prefilled = NULL').run();
    const old = await t.ok('collect:merge', {
      returns: [asFile(join(t.dir, 'issued.xlsx'), 'issued.xlsx')],
      dryRun: true,
    });
    expect(old.differences.filter((x) => x.field.includes('锁定格')).map((x) => x.before)).toEqual([
      `${((a!.values.D as number) + 11).toFixed(2)}万元`,
    ]);
  });

  it('refuses a file that is not a kit, a kit of another town, and a kit with its identity sheet removed', async () => {
    const made = await t.ok('collect:make', { period: '2017-10', by: '责任单位' });
    const kits = writeKits(made, join(t.dir, 'kits'));
    const src = kits.get('蒲州镇水利站')!;
    // another town's ledger: the same sample renamed
    const other = await tempCore({ role: '录入员' });
    try {
      await other.ok('app:onboard', { mode: 'demo' });
      await other.ok('settings:save', {
        townName: '韩阳镇',
        filler: '韩阳镇人民政府',
        receiver: null,
        fiscalYear: 2017,
      });
      const foreign = (await other.ok('collect:make', { period: '2017-10', by: '责任单位' })).kits[0]!;
      writeFileSync(join(t.dir, 'foreign.xlsx'), Buffer.from(foreign.base64, 'base64'));
    } finally {
      other.cleanup();
    }
    execFileSync(PY, [
      '-c',
      `import openpyxl,sys\nwb=openpyxl.load_workbook(sys.argv[1])\ndel wb['报送标识']\nwb.save(sys.argv[2])`,
      src,
      join(t.dir, 'noid.xlsx'),
    ]);
    // saved by LibreOffice, the document's keywords come back split at the colon ("…报送表 <key>"), then the
    // identity sheet (only hidden there, no longer veryHidden) deleted: still recognised as the unit's kit
    execFileSync(PY, [
      '-c',
      `import openpyxl,sys\nwb=openpyxl.load_workbook(sys.argv[1])\ndel wb['报送标识']\nwb.properties.keywords=wb.properties.keywords.replace(':', ' ')\nwb.save(sys.argv[2])`,
      src,
      join(t.dir, 'noid-lo.xlsx'),
    ]);
    writeFileSync(join(t.dir, 'junk.xlsx'), 'not a workbook');
    // the kit saved as .xls (WPS's default) and as .ods (LibreOffice's): named, with the way to send it again
    const book = XLSX.read(readFileSync(src));
    writeFileSync(join(t.dir, '另存.xls'), XLSX.write(book, { type: 'buffer', bookType: 'biff8' }) as Buffer);
    writeFileSync(join(t.dir, '另存.ods'), XLSX.write(book, { type: 'buffer', bookType: 'ods' }) as Buffer);
    const r = await t.ok('collect:merge', {
      returns: ['foreign.xlsx', 'noid.xlsx', 'noid-lo.xlsx', 'junk.xlsx', '另存.xls', '另存.ods'].map((n) =>
        asFile(join(t.dir, n), n),
      ),
      dryRun: false,
    });
    expect(r.refused.map((x) => [x.file, x.reason])).toEqual([
      ['foreign.xlsx', '本文件是韩阳镇的报送表，不属于本台账（蒲州镇），未导入'],
      [
        'noid.xlsx',
        '报送表的隐藏标识工作表“报送标识”被删除（蒲州镇水利站的2017年10月报送表），整份文件未导入，请用原表重新填报',
      ],
      [
        'noid-lo.xlsx',
        '报送表的隐藏标识工作表“报送标识”被删除（蒲州镇水利站的2017年10月报送表），整份文件未导入，请用原表重新填报',
      ],
      ['junk.xlsx', '无法读取：不是 Excel 工作簿（.xlsx），或文件已损坏'],
      [
        '另存.xls',
        '这份报送表被另存成了 .xls 格式（或加了密码），无法核对表样；请在 Excel 或 WPS 中打开镇里发出的原表填报，保存为 .xlsx（Excel 工作簿）后交回',
      ],
      [
        '另存.ods',
        '这份报送表被另存成了 .ods 格式（LibreOffice/WPS 的开放文档），无法核对表样；请在原表中填报，保存为 .xlsx（Excel 工作簿）后交回',
      ],
    ]);
    expect(r.altered).toEqual(['noid.xlsx', 'noid-lo.xlsx']);
    expect(r.accepted).toBe(0);
  });

  it('a kit sent back with nothing filled in is not a return: the unit stays 未报', async () => {
    const made = await t.ok('collect:make', { period: '2017-11', by: '责任单位' });
    const kits = writeKits(made, join(t.dir, 'kits-11'));
    const [unit, file] = [...kits.entries()].find(([, f]) =>
      inspect(f).rows.every((r) =>
        ['F', 'G', 'H', 'I', 'J', 'K'].every((c) => r.values[c] == null || r.values[c] === ''),
      ),
    )!;
    const returnsBefore = count('collect_return');
    const merged = await t.ok('collect:merge', {
      period: '2017-11',
      dryRun: false,
      returns: [asFile(file, '原样交回.xlsx')],
    });
    expect(merged.files).toEqual([{ file: '原样交回.xlsx', unit, period: '2017-11', status: '未填写' }]);
    expect(merged.accepted).toBe(0);
    expect(merged.roster.find((r) => r.unit === unit)!.status).toBe('未报');
    expect(count('collect_return')).toBe(returnsBefore);
  });

  it('lets 录入员 make and merge, and a 领导 only read the roster', async () => {
    await t.signIn('领导', '赵书记');
    const denied = await t.call('collect:make', { period: '2017-10', by: '责任单位' });
    expect(!denied.ok && denied.error.code).toBe('FORBIDDEN');
    const merge = await t.call('collect:merge', { returns: [{ fileName: 'a.xlsx', base64: '' }] });
    expect(!merge.ok && merge.error.code).toBe('FORBIDDEN');
    expect((await t.ok('collect:roster', { period: '2017-10' })).roster).toEqual([]);
  });
});
