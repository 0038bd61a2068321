// Issue 18 part 4: the town→county data package and 县级汇总. Two real town ledgers (the 蒲州镇 sample, and the sample
// renamed 虞乡镇 with figures changed and its month closed through the core), each exports its package; a county
// ledger imports both. Each town's figures in the county equal the town's own `figures`, the county's totals are their
// sum, a package with one changed byte or a missing file is refused naming the file, and the zip is read
// independently (node:crypto, python3 zipfile/hashlib/openpyxl).
import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completionPct } from '../../shared/domain/figure-rules.ts';
import type { FigureSet } from '../../shared/schemas/figures.ts';
import type { Manifest, PackageFigures } from '../../shared/schemas/county.ts';
import { closeSnapshotSha256 } from '../../electron/core/services/period.service.ts';
import { tempCore, type TempCore } from '../helpers/temp-core.ts';

const PERIOD = '2017-09';
let puzhou: TempCore, yuxiang: TempCore, county: TempCore;
let pzZip: Buffer, yxZip: Buffer;
let pzFigures: FigureSet, yxFigures: FigureSet;

const b64 = (b: Buffer) => b.toString('base64');
const sha = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');
const count = (t: TempCore, table: string) =>
  (t.core.ctx.db.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

async function exportZip(t: TempCore): Promise<Buffer> {
  const file = await t.ok('package:export', { period: PERIOD });
  return Buffer.from(file.base64, 'base64');
}

/** The package rebuilt with one file changed (or removed: change returns null), the rest byte for byte. */
async function altered(
  zipBytes: Buffer,
  pick: (name: string) => boolean,
  change: (b: Buffer) => Buffer | null,
): Promise<{ zip: Buffer; name: string }> {
  const zip = await JSZip.loadAsync(zipBytes);
  const name = Object.keys(zip.files).find(pick)!;
  const next = change(await zip.file(name)!.async('nodebuffer'));
  if (next === null) zip.remove(name);
  else zip.file(name, next);
  return { zip: await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }), name };
}

beforeAll(async () => {
  puzhou = await tempCore({ role: '审核人', operator: '周志强' });
  await puzhou.ok('app:onboard', { mode: 'demo' });
  yuxiang = await tempCore({ role: '审核人', operator: '李审核' });
  await yuxiang.ok('app:onboard', { mode: 'demo' });
  // The second town: the sample renamed, one project's 总投资 changed, one project in the 回收站, its month closed.
  await yuxiang.ok('settings:save', { townName: '虞乡镇', filler: '虞乡镇人民政府', receiver: null, fiscalYear: 2017 });
  const projects = await yuxiang.ok('projects:list', {});
  const tops = projects.filter((p) => p.parentId === null);
  await yuxiang.ok('projects:update', { id: tops[0]!.id, patch: { totalWan: '1234.56' } });
  await yuxiang.ok('projects:delete', { id: tops.at(-1)!.id });
  const preview = await yuxiang.ok('periods:closePreview', { period: PERIOD });
  await yuxiang.ok('periods:close', { period: PERIOD, confirmUnreported: preview.unreported.map((p) => p.id) });

  pzFigures = await puzhou.ok('figures:set', { period: PERIOD });
  yxFigures = await yuxiang.ok('figures:set', { period: PERIOD });
  pzZip = await exportZip(puzhou);
  yxZip = await exportZip(yuxiang);

  county = await tempCore({ role: '管理员', operator: '县汇总员' });
  await county.ok('county:saveSettings', { countyName: '永济市', towns: ['蒲州镇', '虞乡镇', '韩阳镇'] });
}, 120_000);

afterAll(() => {
  for (const t of [puzhou, yuxiang, county]) t?.cleanup();
});

describe('the town→county data package', () => {
  it('the two towns really differ (a second town, not the same figures twice)', () => {
    expect(yxFigures.investment.totalFen).not.toBe(pzFigures.investment.totalFen);
    expect(yxFigures.projects.top).toBe(pzFigures.projects.top - 1);
    expect(yxFigures.closed).toBe(true);
    expect(pzFigures.closed).toBe(false);
  });

  it('holds T1–T5, the figures JSON and a manifest whose SHA-256 match every file (node:crypto), with Chinese names', async () => {
    const zip = await JSZip.loadAsync(pzZip);
    const manifest = JSON.parse(await zip.file('manifest.json')!.async('string')) as Manifest;
    expect(manifest).toMatchObject({ town: '蒲州镇', period: PERIOD, formatVersion: 1, closeSnapshotSha256: null });
    expect(manifest.files.map((f) => f.kind)).toEqual(['T1', 'T2', 'T3', 'T4', 'T5', 'figures']);
    expect(manifest.files[0]!.name).toBe('蒲州镇-2017年9月-表1 重点项目建设进展情况月报表.xlsx');
    expect(manifest.files[5]!.name).toBe('蒲州镇-2017年9月-指标数据.json');
    expect(Object.keys(zip.files).sort()).toEqual([...manifest.files.map((f) => f.name), 'manifest.json'].sort());
    for (const f of manifest.files) {
      const bytes = await zip.file(f.name)!.async('nodebuffer');
      expect(sha(bytes), f.name).toBe(f.sha256);
      expect(bytes.length).toBe(f.bytes);
    }
    const figures = JSON.parse(await zip.file(manifest.files[5]!.name)!.async('string')) as PackageFigures;
    // The very document `figures --json` prints, and every project's figures in 分 (integers).
    expect(figures.totals).toEqual(pzFigures);
    expect(figures).toMatchObject({
      town: '蒲州镇',
      period: PERIOD,
      appVersion: puzhou.core.ctx.version,
      closed: false,
      closeSnapshotSha256: null,
    });
    expect(figures.projects).toHaveLength(pzFigures.projects.all);
    for (const p of figures.projects)
      for (const k of ['totalFen', 'priorFen', 'yearPlanFen', 'monthFen', 'ytdFen', 'cumFen'] as const)
        expect(Number.isInteger(p[k])).toBe(true);
    expect(figures.projects.filter((p) => p.parentId === null).reduce((a, p) => a + p.totalFen, 0)).toBe(
      pzFigures.investment.totalFen,
    );
    // The audit chain head is the ledger's last change-log row.
    const last = puzhou.core.ctx.db.sqlite
      .prepare('SELECT count(*) AS n, (SELECT hash FROM change_log ORDER BY id DESC LIMIT 1) AS hash FROM change_log')
      .get() as { n: number; hash: string };
    expect(figures.auditHead).toEqual({ rows: last.n, hash: last.hash });
  });

  it('carries the 关账 snapshot hash of a closed month, the one the town ledger computes', async () => {
    const zip = await JSZip.loadAsync(yxZip);
    const manifest = JSON.parse(await zip.file('manifest.json')!.async('string')) as Manifest;
    const expected = closeSnapshotSha256(yuxiang.core.ctx, PERIOD);
    expect(expected).toMatch(/^[0-9a-f]{64}$/);
    expect(manifest.closeSnapshotSha256).toBe(expected);
    const rows = yuxiang.core.ctx.db.sqlite
      .prepare('SELECT project_id, data FROM period_snapshot WHERE period = ? ORDER BY project_id')
      .all(PERIOD) as { project_id: number; data: string }[];
    expect(sha(rows.map((r) => `${r.project_id}\t${r.data}\n`).join(''))).toBe(expected);
  });

  it('read by python3 (zipfile, hashlib, openpyxl): the hashes agree and T1’s 合计 row shows the JSON’s totals in 万元', () => {
    const file = join(puzhou.dir, 'pz.zip');
    writeFileSync(file, pzZip);
    const script = `
import hashlib, io, json, sys, zipfile
import openpyxl
z = zipfile.ZipFile(sys.argv[1])
manifest = json.loads(z.read('manifest.json'))
hashes = {f['name']: hashlib.sha256(z.read(f['name'])).hexdigest() for f in manifest['files']}
figures = json.loads(z.read(next(f['name'] for f in manifest['files'] if f['kind'] == 'figures')))
t1 = next(f['name'] for f in manifest['files'] if f['kind'] == 'T1')
ws = openpyxl.load_workbook(io.BytesIO(z.read(t1)), data_only=True).worksheets[0]
cols, total_row = {}, None
for row in ws.iter_rows():
    for c in row:
        if isinstance(c.value, str):
            v = c.value.replace('\\n', '')
            if v in ('总投资', '1-9月累计') and v not in cols: cols[v] = c.column
            if v.startswith('合计') and total_row is None: total_row = c.row
print(json.dumps({'names': z.namelist(), 'hashes': hashes, 'manifest': {f['name']: f['sha256'] for f in manifest['files']},
  'jsonTotalFen': figures['totals']['investment']['totalFen'], 'jsonYtdFen': figures['totals']['investment']['ytdFen'],
  'totalWan': ws.cell(total_row, cols['总投资']).value, 'ytdWan': ws.cell(total_row, cols['1-9月累计']).value}, ensure_ascii=False))
`;
    const r = JSON.parse(execFileSync('/usr/bin/python3', ['-c', script, file], { encoding: 'utf8' })) as {
      names: string[];
      hashes: Record<string, string>;
      manifest: Record<string, string>;
      jsonTotalFen: number;
      jsonYtdFen: number;
      totalWan: number;
      ytdWan: number;
    };
    expect(r.names).toContain('蒲州镇-2017年9月-表3 重大项目表.xlsx');
    expect(r.hashes).toEqual(r.manifest);
    expect(r.jsonTotalFen).toBe(pzFigures.investment.totalFen);
    expect(Math.round(r.totalWan * 1_000_000)).toBe(r.jsonTotalFen);
    expect(Math.round(r.ytdWan * 1_000_000)).toBe(r.jsonYtdFen);
  });

  it('verifies a good package', async () => {
    const v = await puzhou.ok('package:verify', { fileName: 'pz.zip', base64: b64(pzZip) });
    expect(v).toMatchObject({ ok: true, town: '蒲州镇', period: PERIOD, formatVersion: 1, problems: [] });
    expect(v.files).toHaveLength(6);
  });

  it('a county imports both towns: each town’s figures equal its own `figures`, the county totals their sum', async () => {
    const a = await county.ok('package:import', { fileName: '蒲州镇.zip', base64: b64(pzZip) });
    expect(a).toMatchObject({
      town: '蒲州镇',
      period: PERIOD,
      projects: pzFigures.projects.top,
      totalInvestmentFen: pzFigures.investment.totalFen,
      replaced: false,
    });
    const b = await county.ok('package:import', { fileName: '虞乡镇.zip', base64: b64(yxZip) });
    expect(b).toMatchObject({
      town: '虞乡镇',
      projects: yxFigures.projects.top,
      totalInvestmentFen: yxFigures.investment.totalFen,
      replaced: false,
    });

    const f = await county.ok('figures:set', { period: PERIOD });
    expect(f.county).toBe('永济市');
    expect(f.towns!['蒲州镇']).toEqual(pzFigures);
    expect(f.towns!['虞乡镇']).toEqual(yxFigures);
    expect(f.missingTowns).toEqual(['韩阳镇']);
    const both = [pzFigures, yxFigures];
    const sum = (pick: (x: FigureSet) => number) => both.reduce((acc, x) => acc + pick(x), 0);
    expect(f.investment.totalFen).toBe(sum((x) => x.investment.totalFen));
    expect(f.investment.ytdFen).toBe(sum((x) => x.investment.ytdFen));
    expect(f.investment.yearPlanFen).toBe(sum((x) => x.investment.yearPlanFen));
    expect(f.projects.top).toBe(sum((x) => x.projects.top));
    expect(f.lights.red).toBe(sum((x) => x.lights.red));
    expect(f.funds['到位']!['合计']!.fen).toBe(sum((x) => x.funds['到位']!['合计']!.fen));
    expect(f.rates.完成率).toBe(completionPct(f.investment.ytdFen, f.investment.yearPlanFen));
    expect(f.closed).toBe(false);

    const s = await county.ok('stats:summary', {});
    expect(s.towns!.map((t) => [t.town, t.period, t.projects, t.totalInvestmentFen])).toEqual(
      [
        ['虞乡镇', PERIOD, yxFigures.projects.top, yxFigures.investment.totalFen],
        ['蒲州镇', PERIOD, pzFigures.projects.top, pzFigures.investment.totalFen],
      ].sort((x, y) => (x[0]! < y[0]! ? -1 : 1)),
    );
    expect(s.missingTowns).toEqual(['韩阳镇']);
    expect(s.totalInvestmentFen).toBe(f.investment.totalFen);
    expect(s.projects).toBe(f.projects.top);
    expect(count(county, 'county_town_project')).toBe(pzFigures.projects.all + yxFigures.projects.all);
  });

  it('re-importing a town’s period replaces its figures (and says so), never adds them twice', async () => {
    const again = await county.ok('package:import', { fileName: '蒲州镇-再次.zip', base64: b64(pzZip) });
    expect(again.replaced).toBe(true);
    expect(again.message).toContain('替换');
    expect(count(county, 'county_package')).toBe(2);
    expect(count(county, 'county_town_project')).toBe(pzFigures.projects.all + yxFigures.projects.all);
    expect((await county.ok('figures:set', { period: PERIOD })).investment.totalFen).toBe(
      pzFigures.investment.totalFen + yxFigures.investment.totalFen,
    );
    const log = county.core.ctx.db.sqlite
      .prepare(`SELECT reason FROM change_log WHERE entity = 'county_package' ORDER BY id DESC LIMIT 1`)
      .get() as { reason: string };
    expect(log.reason).toContain('重新导入');
    // the county's ledger as it was before the replacement is kept in a backup
    const kept = new Database(again.backupFile, { readonly: true });
    expect((kept.prepare('SELECT count(*) AS n FROM county_town_project').get() as { n: number }).n).toBe(
      pzFigures.projects.all + yxFigures.projects.all,
    );
    kept.close();
  });

  it('a package with one changed byte in one file is refused naming that file, and nothing is written', async () => {
    const before = county.core.ctx.db.sqlite.prepare('SELECT * FROM county_package ORDER BY id').all();
    const { zip, name } = await altered(
      pzZip,
      (n) => n.includes('表3'),
      (b) => {
        const c = Buffer.from(b);
        const i = Math.floor(c.length / 2);
        c[i] = c[i]! ^ 0x01;
        return c;
      },
    );
    const v = await county.ok('package:verify', { fileName: 'bad.zip', base64: b64(zip) });
    expect(v.ok).toBe(false);
    expect(v.problems).toEqual([{ file: name, reason: expect.stringContaining('校验值') }]);
    const r = await county.call('package:import', { fileName: 'bad.zip', base64: b64(zip) });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('VALIDATION');
      expect(r.error.message).toContain(name);
    }
    expect(county.core.ctx.db.sqlite.prepare('SELECT * FROM county_package ORDER BY id').all()).toEqual(before);
  });

  it('a byte flipped in the raw zip is refused naming the file it falls in', async () => {
    const name = '蒲州镇-2017年9月-表2 项目清单.xlsx';
    const raw = Buffer.from(pzZip);
    const at = raw.indexOf(Buffer.from(name, 'utf8')) + Buffer.byteLength(name) + 400;
    raw[at] = raw[at]! ^ 0xff;
    const v = await county.ok('package:verify', { fileName: 'flipped.zip', base64: b64(raw) });
    expect(v.ok).toBe(false);
    expect(v.problems.map((p) => p.file)).toEqual([name]);
  });

  it('a package missing a file, or with a file added, is refused naming it', async () => {
    const { zip, name } = await altered(
      pzZip,
      (n) => n.includes('表4'),
      () => null,
    );
    const v = await county.ok('package:verify', { fileName: 'short.zip', base64: b64(zip) });
    expect(v.ok).toBe(false);
    expect(v.problems).toEqual([{ file: name, reason: expect.stringContaining('缺失') }]);
    expect(v.message).toContain(name);

    const noManifest = await altered(
      pzZip,
      (n) => n === 'manifest.json',
      () => null,
    );
    const w = await county.ok('package:verify', { fileName: 'x.zip', base64: b64(noManifest.zip) });
    expect(w.problems[0]!.file).toBe('manifest.json');

    const extra = await JSZip.loadAsync(pzZip);
    extra.file('说明.txt', '多出来的文件');
    const e = await county.ok('package:verify', {
      fileName: 'x.zip',
      base64: b64(await extra.generateAsync({ type: 'nodebuffer' })),
    });
    expect(e.problems).toEqual([{ file: '说明.txt', reason: expect.stringContaining('不在清单中') }]);
  });

  it('a file whose size differs from the manifest is refused before it is unpacked', async () => {
    const { zip, name } = await altered(
      pzZip,
      (n) => n.includes('表5'),
      (b) => Buffer.concat([b, Buffer.alloc(1 << 20)]),
    );
    const v = await county.ok('package:verify', { fileName: 'big.zip', base64: b64(zip) });
    expect(v.problems).toEqual([
      { file: name, reason: expect.stringMatching(/^大小（\d+ 字节）与清单记录的 \d+ 字节不符/) },
    ]);
  });

  it('a package of another format version is refused', async () => {
    const { zip } = await altered(
      pzZip,
      (n) => n === 'manifest.json',
      (b) => Buffer.from(JSON.stringify({ ...JSON.parse(b.toString('utf8')), formatVersion: 2 })),
    );
    const r = await county.call('package:import', { fileName: 'v2.zip', base64: b64(zip) });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/版本为 2.*只接受版本 1/);
  });

  it('keeps town and county apart: a town ledger imports no package, a county exports none, a town with projects cannot become a county', async () => {
    const r = await puzhou.call('package:import', { fileName: 'pz.zip', base64: b64(yxZip) });
    expect(r.ok || r.error.message).toContain('不是县级汇总库');
    const e = await county.call('package:export', { period: PERIOD });
    expect(e.ok || e.error.message).toContain('县级汇总库');
    const c = await puzhou.call('county:saveSettings', { countyName: '永济市', towns: [] });
    expect(c.ok || c.error.message).toContain('已有项目');
    // The town's own figures and stats are unchanged by county mode existing.
    expect(await puzhou.ok('figures:set', { period: PERIOD })).toEqual(pzFigures);
    expect((await puzhou.ok('stats:summary', {})).towns).toBeUndefined();
  });

  it('a town not on the county’s list is refused; a 领导 may not import', async () => {
    await county.ok('county:saveSettings', { countyName: '永济市', towns: ['蒲州镇', '韩阳镇'] });
    const r = await county.call('package:import', { fileName: '虞乡镇.zip', base64: b64(yxZip) });
    expect(r.ok || r.error.message).toContain('不在永济市应报送的乡镇名单中');
    await county.ok('county:saveSettings', { countyName: '永济市', towns: ['蒲州镇', '虞乡镇', '韩阳镇'] });
    await county.signIn('领导', '县领导');
    const f = await county.call('package:import', { fileName: '虞乡镇.zip', base64: b64(yxZip) });
    expect(f.ok || f.error.code).toBe('FORBIDDEN');
    expect((await county.ok('county:summary', {})).towns).toHaveLength(2);
  });
});
