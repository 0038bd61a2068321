// The CLI of the data package and 县级汇总 (cli-contract "Collection kit and data package"), as a county's IT person
// would drive it: package export / verify / import, init --county, and stats/figures on the county ledger.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/run-cli.ts';
import { cleanupAll, tempDbFile } from '../helpers/temp-core.ts';

let town: string, town2: string, countyDb: string, zipFile: string, zip2File: string;
const dir = () => dirname(town);

beforeAll(async () => {
  town = tempDbFile('蒲州镇.db');
  town2 = join(dir(), '虞乡镇.db');
  countyDb = join(dir(), '县级汇总.db');
  zipFile = join(dir(), '蒲州镇-2017-09.zip');
  zip2File = join(dir(), '虞乡镇-2017-09.zip');
  expect((await cli('seed-demo', '--db', town)).code).toBe(0);
  // A second town: the sample under another name (init --town after the sample sets the town's name over it).
  expect((await cli('seed-demo', '--db', town2)).code).toBe(0);
  expect((await cli('init', '--town', '虞乡镇', '--db', town2)).code).toBe(0);
}, 60_000);
afterAll(cleanupAll);

describe('package and county CLI', () => {
  it('package export writes the zip and reports its SHA-256 as one JSON document', async () => {
    const r = await cli('package', 'export', '--period', '2017-09', '--out', zipFile, '--db', town, '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out);
    expect(out).toMatchObject({ file: zipFile, name: '蒲州镇-2017年9月-数据包.zip', period: '2017-09' });
    expect(out.sha256).toBe(createHash('sha256').update(readFileSync(zipFile)).digest('hex'));
    expect((await cli('package', 'export', '--period', '2017-09', '--out', zip2File, '--db', town2)).code).toBe(0);
    expect((await cli('package', 'export', '--out', zipFile, '--db', town)).code).toBe(2);
    // a path that cannot be written: the path and why (the folder is not there), as for every other output
    const nowhere = join(dir(), '没有这个文件夹', '数据包.zip');
    const r2 = await cli('package', 'export', '--period', '2017-09', '--out', nowhere, '--db', town);
    expect(r2.code).toBe(2);
    expect(r2.err).toContain(`无法写入文件：${nowhere}（文件夹“${dirname(nowhere)}”不存在）`);
  });

  it('package verify needs no database: exit 0 on a good package, --json one document', async () => {
    const r = await cli('package', 'verify', zipFile);
    expect(r.code).toBe(0);
    expect(r.out).toContain('数据包校验通过：蒲州镇2017年9月');
    const j = await cli('package', 'verify', zipFile, '--json');
    expect(j.code).toBe(0);
    expect(JSON.parse(j.out)).toMatchObject({ ok: true, town: '蒲州镇', period: '2017-09', problems: [] });
  });

  it('package verify refuses a package with one changed byte or a missing file, naming the file (exit 1)', async () => {
    const zip = await JSZip.loadAsync(readFileSync(zipFile));
    const name = Object.keys(zip.files).find((n) => n.includes('表1'))!;
    const bytes = await zip.file(name)!.async('nodebuffer');
    bytes[100] = bytes[100]! ^ 0x20;
    zip.file(name, bytes);
    const bad = join(dir(), '改动.zip');
    writeFileSync(bad, await zip.generateAsync({ type: 'nodebuffer' }));
    const r = await cli('package', 'verify', bad);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`文件“${name}”`);
    expect(r.out).toBe('');
    const j = await cli('package', 'verify', bad, '--json');
    expect(j.code).toBe(1);
    expect(JSON.parse(j.out)).toMatchObject({ ok: false, problems: [{ file: name }] });
    // the refusal's envelope too, its message naming the file
    expect(JSON.parse(j.out).error).toEqual({ code: 'VALIDATION', message: expect.stringContaining(`文件“${name}”`) });

    const short = await JSZip.loadAsync(readFileSync(zipFile));
    const gone = Object.keys(short.files).find((n) => n.endsWith('.json') && n !== 'manifest.json')!;
    short.remove(gone);
    const incomplete = join(dir(), '缺文件.zip');
    writeFileSync(incomplete, await short.generateAsync({ type: 'nodebuffer' }));
    const s = await cli('package', 'verify', incomplete);
    expect(s.code).toBe(1);
    expect(s.err).toContain(`文件“${gone}”缺失`);

    const notZip = join(dir(), '不是.zip');
    writeFileSync(notZip, '这不是压缩包');
    expect((await cli('package', 'verify', notZip)).code).toBe(2);
    const absent = await cli('package', 'verify', join(dir(), '没有.zip'));
    expect(absent.code).toBe(2);
    expect(absent.err).toContain('没有.zip（文件不存在）');
    const folder = await cli('package', 'verify', dir());
    expect(folder.code).toBe(2);
    expect(folder.err).toContain('（这是一个文件夹，请写出其中的文件名）');
  });

  it('init --county makes a county ledger; package import answers the contract’s JSON; stats and figures show each town', async () => {
    const init = await cli('init', '--county', '永济市', '--towns', '蒲州镇,虞乡镇,韩阳镇', '--db', countyDb, '--json');
    expect(init.code).toBe(0);
    expect(JSON.parse(init.out)).toMatchObject({ county: '永济市', towns: ['蒲州镇', '虞乡镇', '韩阳镇'] });

    const townFigures = JSON.parse((await cli('figures', '--period', '2017-09', '--db', town, '--json')).out);
    const town2Figures = JSON.parse((await cli('figures', '--period', '2017-09', '--db', town2, '--json')).out);
    const imp = await cli('package', 'import', zipFile, '--db', countyDb, '--json');
    expect(imp.code).toBe(0);
    expect(JSON.parse(imp.out)).toMatchObject({
      town: '蒲州镇',
      period: '2017-09',
      projects: 24,
      totalInvestmentFen: 21_390_000_000,
      replaced: false,
    });
    expect((await cli('package', 'import', zip2File, '--db', countyDb, '--json')).code).toBe(0);
    const again = await cli('package', 'import', zipFile, '--db', countyDb);
    expect(again.code).toBe(0);
    expect(again.out).toContain('替换');

    const stats = JSON.parse((await cli('stats', '--db', countyDb, '--json')).out);
    expect(
      stats.towns.map((t: { town: string; period: string; projects: number; totalInvestmentFen: number }) => [
        t.town,
        t.period,
        t.projects,
        t.totalInvestmentFen,
      ]),
    ).toEqual(
      expect.arrayContaining([
        ['蒲州镇', '2017-09', 24, 21_390_000_000],
        ['虞乡镇', '2017-09', 24, 21_390_000_000],
      ]),
    );
    expect(stats.missingTowns).toEqual(['韩阳镇']);
    expect(stats.totalInvestmentFen).toBe(2 * 21_390_000_000);

    const fig = await cli('figures', '--period', '2017-09', '--db', countyDb, '--json');
    expect(fig.code).toBe(0);
    const f = JSON.parse(fig.out);
    expect(f.towns['蒲州镇']).toEqual(townFigures);
    expect(f.towns['虞乡镇']).toEqual(town2Figures);
    expect(f.investment.totalFen).toBe(townFigures.investment.totalFen + town2Figures.investment.totalFen);
    expect(f.county).toBe('永济市');

    const county = await cli('county', '--towns', '蒲州镇、虞乡镇', '--db', countyDb, '--json');
    expect(JSON.parse(county.out)).toEqual({ countyName: '永济市', towns: ['蒲州镇', '虞乡镇'] });
    expect(JSON.parse((await cli('stats', '--db', countyDb, '--json')).out).missingTowns).toEqual([]);
  });

  it('lights, export, the month’s documents, 报送表 and 关账 on the county ledger (no projects of its own) are refused, not zeros titled 本镇', async () => {
    const before = readFileSync(countyDb);
    const out = join(dir(), '县级-T1.xlsx');
    for (const args of [
      ['lights', '--period', '2017-09'],
      ['export', 'T1', '--period', '2017-09', '--out', out],
      ['report', 'briefing', '--period', '2017-09', '--out', join(dir(), '县级-简报.html')],
      // a kit asked for a 乡镇名称; a close froze a month of no projects
      ['collect', 'make', '--period', '2017-09', '--out', join(dir(), '县级-报送表')],
      ['period-close', '--period', '2017-09', '--force'],
    ]) {
      const r = await cli(...args, '--db', countyDb, '--json');
      expect(r.code, args[0]).toBe(1);
      expect(JSON.parse(r.out)).toMatchObject({
        ok: false,
        error: { code: 'CONFLICT', message: expect.stringContaining('是永济市的县级汇总库') },
      });
      expect(r.err).toContain('figures --period YYYY-MM --json');
    }
    expect(existsSync(out)).toBe(false);
    expect(existsSync(join(dir(), '县级-报送表'))).toBe(false);
    expect(readFileSync(countyDb).equals(before)).toBe(true);
    // a town's ledger is not affected
    expect((await cli('lights', '--period', '2017-09', '--db', town, '--json')).code).toBe(0);
  });

  it('a town ledger refuses to import a package (exit 1, Chinese, nothing written); a tampered package is refused by import too', async () => {
    const r = await cli('package', 'import', zipFile, '--db', town, '--json');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out).error.message).toContain('不是县级汇总库');
    const bad = join(dir(), '改动.zip');
    const i = await cli('package', 'import', bad, '--db', countyDb, '--json');
    expect(i.code).toBe(1);
    expect(JSON.parse(i.out).error.message).toMatch(/文件“.*表1.*”/);
    expect((await cli('init', '--county', '永济市', '--db', town)).code).toBe(1);
  });

  it('a plain new ledger (init only) that receives a package becomes a county ledger, and says so', async () => {
    const plain = join(dir(), '新库.db');
    expect((await cli('init', '--db', plain)).code).toBe(0);
    const r = await cli('package', 'import', zipFile, '--db', plain, '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out);
    expect(out).toMatchObject({ town: '蒲州镇', period: '2017-09', projects: 24, totalInvestmentFen: 21_390_000_000 });
    expect(out.message).toContain('已设为县级汇总库');
    const stats = JSON.parse((await cli('stats', '--db', plain, '--json')).out);
    expect(stats).toMatchObject({ county: '本县', missingTowns: [], totalInvestmentFen: 21_390_000_000 });
    expect(stats.towns).toHaveLength(1);
    expect(JSON.parse((await cli('county', '--name', '永济市', '--db', plain, '--json')).out)).toEqual({
      countyName: '永济市',
      towns: [],
    });
  });

  it('runs `package verify FILE.zip` in a real process without --db', () => {
    const r = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'electron/cli/index.ts', 'package', 'verify', zipFile, '--json'],
      { encoding: 'utf8' },
    );
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).ok).toBe(true);
  });
});
