/**
 * `collect make | merge | roster` (cli-contract.md "Collection kit and data package") on the 蒲州镇 sample: the kits
 * land in the folder, returns filled by openpyxl are merged from a folder or files, --json prints one document with
 * the contract's fields, and the exit codes follow the contract (2 wrong usage or unreadable input, 1 refused).
 */
import { spawnSync } from 'node:child_process';
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fillKits, inspectKit } from '../helpers/kit-tool.ts';
import { cli } from '../helpers/run-cli.ts';
import { cleanupAll, tempDbFile, tempDir } from '../helpers/temp-core.ts';

afterEach(cleanupAll);

async function sampleLedger(): Promise<string> {
  const db = tempDbFile('cli.db');
  expect((await cli('init', '--db', db)).code).toBe(0);
  expect((await cli('seed-demo', '--db', db)).code).toBe(0);
  return db;
}

describe('collect (CLI)', () => {
  it('make refuses before recording a kit: --out a file (2), a deadline before the month (1) — no kit, no folder', async () => {
    const db = await sampleLedger();
    const { dir } = tempDir();
    const kits = () => {
      const d = new Database(db, { readonly: true });
      try {
        return d.prepare('SELECT count(*) FROM collect_kit').pluck().get();
      } finally {
        d.close();
      }
    };
    const file = join(dir, '报送表.xlsx');
    writeFileSync(file, '');
    const onFile = await cli('collect', 'make', '--period', '2017-10', '--out', file, '--db', db, '--json');
    expect([onFile.code, JSON.parse(onFile.out).error.code]).toEqual([2, 'USAGE']);
    expect(onFile.err).toContain('是一个文件；报送表未生成');
    const early = await cli(
      'collect',
      'make',
      '--period',
      '2017-10',
      '--deadline',
      '2017-09-01',
      '--out',
      join(dir, '新', '十月'),
      '--db',
      db,
    );
    expect(early.code).toBe(1);
    expect(early.err).toContain('截止日期（2017年9月1日）早于2017年10月');
    expect(existsSync(join(dir, '新'))).toBe(false);
    expect(kits()).toBe(0);
  });

  it("make --paper writes a PDF 填报表 per unit beside the workbooks, with the unit's projects", async () => {
    const db = await sampleLedger();
    const { dir } = tempDir();
    const out = join(dir, '报送表');
    const made = await cli('collect', 'make', '--period', '2017-10', '--out', out, '--paper', '--db', db, '--json');
    expect(made.code).toBe(0);
    const m = JSON.parse(made.out) as {
      kits: { unit: string; file: string }[];
      paperForms: { unit: string; file: string }[];
    };
    expect(m.paperForms.map((f) => f.unit)).toEqual(m.kits.map((k) => k.unit));
    expect(readdirSync(out).filter((f) => f.endsWith('.pdf'))).toHaveLength(m.kits.length);
    const water = m.paperForms.find((f) => f.unit === '蒲州镇水利站')!;
    const text = spawnSync('pdftotext', ['-enc', 'UTF-8', water.file, '-'], { encoding: 'utf8' })
      .stdout.replace(/\s+/g, '')
      .replace(/\d+\.\d{2}/g, ''); // a wrapped name may be read with the row's amounts between its lines
    for (const r of inspectKit(m.kits.find((k) => k.unit === '蒲州镇水利站')!.file).rows)
      expect(text).toContain(String(r.values.C).replace(/\s+/g, ''));
  }, 60_000); // a Chromium run per unit: the 30 s default is too tight when another test file prints at the same time

  it('make writes one kit per unit; merge --dry-run previews, merge writes, roster reports; --json is one document', async () => {
    const db = await sampleLedger();
    const { dir } = tempDir();
    const kitsDir = join(dir, '报送表');
    const made = await cli(
      'collect',
      'make',
      '--period',
      '2017-10',
      '--out',
      kitsDir,
      '--deadline',
      '2017-11-03',
      '--db',
      db,
      '--json',
    );
    expect(made.code).toBe(0);
    const m = JSON.parse(made.out) as { deadline: string; kits: { unit: string; projects: number; file: string }[] };
    expect(m.deadline).toBe('2017-11-03');
    expect(m.kits).toHaveLength(6);
    expect(readdirSync(kitsDir).sort()).toEqual(m.kits.map((k) => k.file.slice(kitsDir.length + 1)).sort());
    const water = m.kits.find((k) => k.unit === '蒲州镇水利站')!;
    const roads = m.kits.find((k) => k.unit === '蒲州镇交通道路站')!;
    expect(inspectKit(water.file).guide.join('')).toContain('填报截止：2017年11月3日');

    const back = join(dir, '交回');
    mkdirSync(back);
    fillKits(dir, [
      { src: water.file, dst: join(back, '水利站.xlsx'), cells: { F4: 10, G4: '在建', H4: 35, F5: 2.5, G5: '在建' } },
      { src: roads.file, dst: join(back, '交通站.xlsx'), cells: { F4: '12.345', G4: '在建' } },
    ]);
    const dry = await cli('collect', 'merge', back, '--dry-run', '--db', db, '--json');
    expect(dry.code).toBe(0);
    const d = JSON.parse(dry.out);
    expect(Object.keys(d)).toEqual(expect.arrayContaining(['accepted', 'refused', 'altered', 'roster']));
    expect(d.accepted).toBe(2);
    expect(d.refused).toEqual([
      {
        file: '交通站.xlsx',
        sheet: '月报填报',
        row: 4,
        column: 'F',
        reason: expect.stringMatching(/^项目“.+”：“本月完成投资”最多两位小数（单位万元），“12.345”小数位过多$/),
      },
    ]);
    expect(d.altered).toEqual([]);
    // The CLI runs on today's clock, long after the sample's deadline: a return is late, a missing one overdue.
    expect(d.roster.find((r: { unit: string }) => r.unit === '蒲州镇水利站')).toMatchObject({
      status: '已报',
      file: '水利站.xlsx',
      overdue: false,
      late: true,
    });
    expect(d.roster.find((r: { unit: string }) => r.unit === '蒲州镇城建办')).toMatchObject({
      status: '未报',
      file: null,
      overdue: true,
      late: false,
    });
    expect(
      JSON.parse((await cli('collect', 'roster', '--period', '2017-10', '--db', db, '--json')).out).roster.every(
        (r: { status: string }) => r.status === '未报',
      ),
    ).toBe(true);

    // the real process, as `npm run cli` runs it: stdout is exactly the one JSON document
    const r = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        'electron/cli/index.ts',
        'collect',
        'merge',
        join(back, '水利站.xlsx'),
        join(back, '交通站.xlsx'),
        '--db',
        db,
        '--json',
      ],
      { encoding: 'utf8' },
    );
    expect(r.status).toBe(0);
    const merged = JSON.parse(r.stdout);
    expect(merged).toMatchObject({ accepted: 2, changed: 2, altered: [] });
    expect(
      merged.roster.map((x: { unit: string; status: string; file: string | null }) => [x.unit, x.status, x.file]),
    ).toEqual([
      ['蒲州镇城建办', '未报', null],
      ['蒲州镇林业站', '未报', null],
      ['蒲州镇交通道路站', '有误', '交通站.xlsx'],
      ['蒲州镇水利站', '已报', '水利站.xlsx'],
      ['蒲州镇人民政府', '未报', null],
      ['蒲州镇派出所', '未报', null],
    ]);
    const roster = JSON.parse((await cli('collect', 'roster', '--period', '2017-10', '--db', db, '--json')).out);
    expect(roster).toMatchObject({ period: '2017-10', town: '蒲州镇', deadline: '2017-11-03' });
    expect(roster.roster.find((x: { unit: string }) => x.unit === '蒲州镇水利站')).toMatchObject({
      status: '已报',
      file: '水利站.xlsx',
    });
    const text = await cli('collect', 'roster', '--period', '2017-10', '--db', db);
    expect(text.out).toContain('蒲州镇水利站：已报（水利站.xlsx');
    expect(text.out).toMatch(/蒲州镇水利站：已报（水利站\.xlsx，\d+年\d+月\d+日交回，晚于截止日2017年11月3日）/);
  });

  it('merge without --period takes returns of two months each into its own month, and names each file’s month', async () => {
    const db = await sampleLedger();
    const { dir } = tempDir();
    const make = async (period: string) => {
      const made = await cli('collect', 'make', '--period', period, '--out', join(dir, period), '--db', db, '--json');
      expect(made.code).toBe(0);
      return new Map(
        (JSON.parse(made.out) as { kits: { unit: string; file: string }[] }).kits.map((k) => [k.unit, k.file]),
      );
    };
    const oct = await make('2017-10');
    const nov = await make('2017-11');
    const back = join(dir, '交回');
    mkdirSync(back);
    // the water station's October kit comes back late, after November's went out; the forestry station's November kit
    fillKits(dir, [
      { src: oct.get('蒲州镇水利站')!, dst: join(back, '水利站十月.xlsx'), cells: { F4: 12.5, G4: '在建', H4: 40 } },
      { src: nov.get('蒲州镇林业站')!, dst: join(back, '林业站十一月.xlsx'), cells: { F4: 5, G4: '在建' } },
    ]);
    const dry = await cli('collect', 'merge', back, '--dry-run', '--db', db);
    expect(dry.code).toBe(0);
    expect(dry.out).toContain(
      '预览（未写入）：2017年10月采用 1 个项目的月报（其中 1 个将改变台账）；2017年11月采用 1 个项目的月报（其中 1 个将改变台账），未采用 0 处',
    );
    expect(dry.out).toContain('林业站十一月.xlsx：蒲州镇林业站2017年11月报送表，已报');
    expect(dry.out).toContain('水利站十月.xlsx：蒲州镇水利站2017年10月报送表，已报');
    expect(dry.out).toMatch(/2017年10月报送情况：[\s\S]*蒲州镇水利站：已报[\s\S]*2017年11月报送情况：/);

    const merged = await cli(
      'collect',
      'merge',
      join(back, '水利站十月.xlsx'),
      join(back, '林业站十一月.xlsx'),
      '--db',
      db,
      '--json',
    );
    expect(merged.code).toBe(0);
    const r = JSON.parse(merged.out);
    expect(r).toMatchObject({
      accepted: 2,
      changed: 2,
      refused: [],
      months: [
        { period: '2017-10', accepted: 1, changed: 1 },
        { period: '2017-11', accepted: 1, changed: 1 },
      ],
      files: [
        { file: '水利站十月.xlsx', unit: '蒲州镇水利站', period: '2017-10', status: '已报' },
        { file: '林业站十一月.xlsx', unit: '蒲州镇林业站', period: '2017-11', status: '已报' },
      ],
    });
    const roster = async (period: string) =>
      new Map(
        (
          JSON.parse((await cli('collect', 'roster', '--period', period, '--db', db, '--json')).out) as {
            roster: { unit: string; status: string }[];
          }
        ).roster.map((x) => [x.unit, x.status]),
      );
    const [r10, r11] = [await roster('2017-10'), await roster('2017-11')];
    expect([r10.get('蒲州镇水利站'), r10.get('蒲州镇林业站')]).toEqual(['已报', '未报']);
    expect([r11.get('蒲州镇水利站'), r11.get('蒲州镇林业站')]).toEqual(['未报', '已报']);
    // the figures in each month's 月报 (the sample has none yet for October or November)
    const d = new Database(db, { readonly: true });
    try {
      expect(
        d
          .prepare("SELECT period, month_fen FROM progress WHERE period IN ('2017-10', '2017-11') ORDER BY period")
          .raw()
          .all(),
      ).toEqual([
        ['2017-10', 12_500_000],
        ['2017-11', 5_000_000],
      ]);
    } finally {
      d.close();
    }
  });

  it('exit 2 on wrong usage or an unreadable input, 1 when no file belongs to the collection', async () => {
    const db = await sampleLedger();
    const { dir } = tempDir();
    expect((await cli('collect', 'make', '--period', '2017-10', '--out', dir, '--by', 'town', '--db', db)).code).toBe(
      2,
    );
    expect((await cli('collect', 'make', '--period', '2017-13', '--out', dir, '--db', db)).code).toBe(2);
    expect((await cli('collect', 'make', '--period', '2017-10', '--db', db)).code).toBe(2);
    expect((await cli('collect', 'frobnicate', '--db', db)).code).toBe(2);
    const missing = await cli('collect', 'merge', join(dir, '没有这个文件.xlsx'), '--db', db, '--json');
    expect(missing.code).toBe(2);
    expect(JSON.parse(missing.out)).toMatchObject({ ok: false });
    (await import('node:fs')).writeFileSync(join(dir, '乱码.xlsx'), 'garbage');
    const refused = await cli('collect', 'merge', join(dir, '乱码.xlsx'), '--db', db, '--json');
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.out).refused[0]).toMatchObject({
      file: '乱码.xlsx',
      reason: '无法读取：不是 Excel 工作簿（.xlsx），或文件已损坏',
    });
    // the refusal's envelope in front of the report, as for every other refusal; the reason on stderr
    expect(JSON.parse(refused.out)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: expect.stringContaining('乱码.xlsx：无法读取') },
    });
    expect(refused.err).toContain('错误：没有一份交回的报送表可以合并');
    expect(refused.err).not.toMatch(/at .+\.ts:\d+/); // never a stack trace
  });
});
