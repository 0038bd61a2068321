/**
 * The town→county data package (issue 18 part 4): one .zip with the period's figures in the county's five workbooks
 * (T1–T5, the same exports the 报表导出 page writes), the same figures as JSON (the town's `figures --json` and every
 * project's figures, money in 分), the 关账 snapshot's hash and the change log's chain head, and manifest.json with
 * the SHA-256 of every file. Verifying reads nothing but the zip; importing (county mode, county.service.ts) verifies
 * first and keeps the town's figures apart (an empty ledger receiving its first package becomes a county's).
 *
 * The manifest proves the files are the ones it lists; it is not a signature — whoever rewrites a file and its
 * manifest line together is not caught here (the snapshot hash and chain head let the town's own ledger be compared).
 */
import { createHash } from 'node:crypto';
import type JSZip from 'jszip';
import { loadJSZip } from '../excel/libraries.ts';
import { formatPeriodCn } from '../../../shared/domain/display.ts';
import {
  MANIFEST_NAME,
  ManifestSchema,
  PACKAGE_FILE_KINDS,
  PACKAGE_FORMAT,
  PACKAGE_FORMAT_VERSION,
  PackageFiguresSchema,
  type Manifest,
  type PackageFigures,
  type PackageFileKind,
  type PackageImport,
  type PackageProblem,
  type PackageVerify,
} from '../../../shared/schemas/county.ts';
import { EXPORT_TEMPLATES, templateLabel, type FileOut } from '../../../shared/schemas/excel.ts';
import { GENESIS_HASH } from '../audit/change-log.ts';
import { takeBackup } from '../backup/backup.service.ts';
import { nowIso, type Ctx } from '../context.ts';
import { AppError } from '../errors.ts';
import { exportTemplate } from '../excel/export/templates.ts';
import { checkpoint, progress } from '../progress.ts';
import { chainHead } from '../repositories/change-log.repository.ts';
import { countProjects } from '../repositories/stats.repository.ts';
import { countySettings, isCounty, storeTownPackage } from './county.service.ts';
import { figureSet } from './figure-set.service.ts';
import { closeSnapshotSha256, periodFigures } from './period.service.ts';
import { getTownSettings } from './town-settings.service.ts';
import { decodeBase64 } from './excel-import.service.ts';

/** No file of a package comes near this (a county's 20 000 projects make T1 of a few MB). */
const MAX_FILE_BYTES = 256 * 1024 * 1024;

const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');

/** What each file is called inside the package, as a county office files them: 蒲州镇-2017年9月-表1 重点项目….xlsx. */
export function packageFileName(town: string, period: string, kind: PackageFileKind): string {
  const stem = `${town}-${formatPeriodCn(period)}`;
  if (kind === 'figures') return `${stem}-指标数据.json`;
  return `${stem}-${templateLabel(kind)}.xlsx`;
}

const KIND_TEXT = (kind: PackageFileKind) => (kind === 'figures' ? '指标数据（JSON）' : templateLabel(kind));

/** The package of a period, as a file to save (`package export`, the 报表导出 page). */
export async function exportPackage(ctx: Ctx, period: string): Promise<FileOut> {
  if (isCounty(ctx)) throw new AppError('CONFLICT', '本数据库是县级汇总库，只接收乡镇数据包，不导出数据包');
  const town = getTownSettings(ctx).townName;
  if (!town) throw new AppError('VALIDATION', '请先在“设置”中填写乡镇名称，数据包以乡镇名称报送县里');
  const createdAt = nowIso(ctx);
  const closedHash = closeSnapshotSha256(ctx, period);
  const head = chainHead(ctx.db);
  const auditHead = { rows: head.rows, hash: head.hash ?? GENESIS_HASH };
  const files: { name: string; kind: PackageFileKind; bytes: Buffer }[] = [];
  for (const [i, template] of EXPORT_TEMPLATES.entries()) {
    progress(`生成${KIND_TEXT(template)}`, Math.round((i / (EXPORT_TEMPLATES.length + 1)) * 90));
    const { buffer } = await exportTemplate(ctx, template, period);
    files.push({ name: packageFileName(town, period, template), kind: template, bytes: buffer });
    checkpoint();
  }
  progress('生成指标数据', 80);
  const f = periodFigures(ctx, period);
  const figures: PackageFigures = {
    format: PACKAGE_FORMAT,
    formatVersion: PACKAGE_FORMAT_VERSION,
    town,
    period,
    appVersion: ctx.version,
    exportedAt: createdAt,
    closed: f.closed,
    closeSnapshotSha256: closedHash,
    auditHead,
    // The very document `figures --json` prints: one truth per figure.
    totals: figureSet(ctx, period),
    projects: f.projects.map((p) => ({
      id: p.id,
      parentId: p.parentId,
      code: p.code,
      name: p.name,
      category: p.category,
      status: p.status,
      level: p.level,
      totalFen: p.totalFen,
      priorFen: p.priorFen,
      yearPlanFen: p.yearPlanFen,
      monthFen: p.monthFen,
      ytdFen: p.ytdFen,
      cumFen: p.cumFen,
      ytdPct: p.ytdPct,
    })),
  };
  files.push({
    name: packageFileName(town, period, 'figures'),
    kind: 'figures',
    bytes: Buffer.from(JSON.stringify(figures, null, 1), 'utf8'),
  });
  const manifest: Manifest = {
    format: PACKAGE_FORMAT,
    formatVersion: PACKAGE_FORMAT_VERSION,
    town,
    period,
    appVersion: ctx.version,
    createdAt,
    closeSnapshotSha256: closedHash,
    auditHead,
    files: files.map((x) => ({ name: x.name, kind: x.kind, bytes: x.bytes.length, sha256: sha256(x.bytes) })),
  };
  const zip = new (await loadJSZip())();
  const date = ctx.now();
  for (const x of files) zip.file(x.name, x.bytes, { date });
  zip.file(MANIFEST_NAME, JSON.stringify(manifest, null, 1), { date });
  progress('压缩数据包', 95);
  const buffer = await zip.generateAsync({
    type: 'nodebuffer',
    compression: 'DEFLATE',
    compressionOptions: { level: 6 },
  });
  progress('完成', 100);
  return { fileName: `${town}-${formatPeriodCn(period)}-数据包.zip`, base64: buffer.toString('base64') };
}

interface Verified {
  result: PackageVerify;
  figures: PackageFigures | null;
  manifestText: string | null;
}

/**
 * Checks a package against its manifest: every listed file present with its SHA-256 and size, nothing unlisted,
 * one file of each kind, the format version this program reads, and the figures file consistent with the
 * manifest. Each refusal names its file. A file that is not a zip at all is unreadable input (UNREADABLE).
 */
export async function verifyPackageBytes(bytes: Uint8Array, file: string): Promise<Verified> {
  let zip: JSZip;
  try {
    zip = await (await loadJSZip()).loadAsync(bytes);
  } catch {
    throw new AppError('UNREADABLE', `“${file}”不是有效的数据包（无法作为压缩包打开）`);
  }
  const problems: PackageProblem[] = [];
  const checked: PackageVerify['files'] = [];
  const done = (manifest: Manifest | null, figures: PackageFigures | null, manifestText: string | null): Verified => {
    const ok = problems.length === 0;
    const first = problems[0];
    return {
      result: {
        ok,
        file,
        town: manifest?.town ?? null,
        period: manifest?.period ?? null,
        formatVersion: manifest?.formatVersion ?? null,
        appVersion: manifest?.appVersion ?? null,
        files: checked,
        problems,
        message: ok
          ? `数据包校验通过：${manifest!.town}${formatPeriodCn(manifest!.period)}，${checked.length}个文件与清单一致`
          : `数据包未通过校验，已拒收：文件“${first!.file}”${first!.reason}${problems.length > 1 ? `（另有${problems.length - 1}处问题）` : ''}`,
      },
      figures: ok ? figures : null,
      manifestText: ok ? manifestText : null,
    };
  };
  const entry = zip.file(MANIFEST_NAME);
  if (!entry) {
    problems.push({ file: MANIFEST_NAME, reason: '缺失：数据包没有清单，不完整' });
    return done(null, null, null);
  }
  let manifest: Manifest;
  let manifestText: string;
  try {
    manifestText = await entry.async('string');
    const parsed = ManifestSchema.safeParse(JSON.parse(manifestText));
    if (!parsed.success) throw new Error();
    manifest = parsed.data;
  } catch {
    problems.push({ file: MANIFEST_NAME, reason: '不是本程序的数据包清单（格式不正确）' });
    return done(null, null, null);
  }
  if (manifest.format !== PACKAGE_FORMAT) {
    problems.push({ file: MANIFEST_NAME, reason: `格式为“${manifest.format}”，不是${PACKAGE_FORMAT}` });
    return done(manifest, null, null);
  }
  if (manifest.formatVersion !== PACKAGE_FORMAT_VERSION) {
    problems.push({
      file: MANIFEST_NAME,
      reason: `数据包格式版本为 ${manifest.formatVersion}，本程序只接受版本 ${PACKAGE_FORMAT_VERSION}，请用同一版本的程序重新导出`,
    });
    return done(manifest, null, null);
  }
  const listed = new Set<string>();
  let figuresBytes: Uint8Array | null = null;
  for (const m of manifest.files) {
    if (listed.has(m.name)) {
      problems.push({ file: m.name, reason: '在清单中重复出现' });
      continue;
    }
    listed.add(m.name);
    const z = zip.file(m.name);
    if (!z) {
      problems.push({ file: m.name, reason: '缺失：清单中有此文件，数据包中没有，数据包不完整' });
      checked.push({ name: m.name, kind: m.kind, bytes: 0, sha256: '', ok: false });
      continue;
    }
    // The size the zip declares, read before inflating: a file that would unpack to more than the manifest says (or
    // than any package holds) is refused unread, so a crafted package cannot fill the memory.
    const declared = (z as unknown as { _data?: { uncompressedSize?: number } })._data?.uncompressedSize;
    if (declared !== undefined && (declared !== m.bytes || declared > MAX_FILE_BYTES)) {
      problems.push({
        file: m.name,
        reason: `大小（${declared} 字节）与清单记录的 ${m.bytes} 字节不符，已被改动或损坏`,
      });
      checked.push({ name: m.name, kind: m.kind, bytes: declared, sha256: '', ok: false });
      continue;
    }
    let content: Uint8Array;
    try {
      content = await z.async('uint8array');
    } catch {
      // A byte changed inside the compressed data can make it undecodable: the file is named like any other change.
      problems.push({ file: m.name, reason: '无法解压，已被改动或损坏' });
      checked.push({ name: m.name, kind: m.kind, bytes: 0, sha256: '', ok: false });
      continue;
    }
    const hash = sha256(content);
    const ok = hash === m.sha256 && content.length === m.bytes;
    if (!ok) problems.push({ file: m.name, reason: '内容与清单记录的校验值（哈希值）不符，已被改动或损坏' });
    checked.push({ name: m.name, kind: m.kind, bytes: content.length, sha256: hash, ok });
    if (ok && m.kind === 'figures') figuresBytes = content;
  }
  for (const kind of PACKAGE_FILE_KINDS) {
    const n = manifest.files.filter((m) => m.kind === kind).length;
    if (n !== 1)
      problems.push({
        file: MANIFEST_NAME,
        reason: n === 0 ? `清单中没有${KIND_TEXT(kind)}，数据包不完整` : `清单中有${n}个${KIND_TEXT(kind)}`,
      });
  }
  for (const name of Object.keys(zip.files)) {
    if (zip.files[name]!.dir || name === MANIFEST_NAME || listed.has(name)) continue;
    problems.push({ file: name, reason: '不在清单中，数据包被加入了额外文件' });
  }
  let figures: PackageFigures | null = null;
  if (figuresBytes) {
    const name = manifest.files.find((m) => m.kind === 'figures')!.name;
    try {
      const parsed = PackageFiguresSchema.safeParse(
        JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(figuresBytes)),
      );
      if (!parsed.success) throw new Error();
      figures = parsed.data;
    } catch {
      problems.push({ file: name, reason: '不是本程序的指标数据（格式不正确）' });
    }
    if (figures) {
      const same =
        figures.town === manifest.town &&
        figures.period === manifest.period &&
        figures.formatVersion === manifest.formatVersion &&
        figures.closeSnapshotSha256 === manifest.closeSnapshotSha256 &&
        figures.auditHead.rows === manifest.auditHead.rows &&
        figures.auditHead.hash === manifest.auditHead.hash &&
        figures.totals.period === figures.period;
      if (!same) problems.push({ file: name, reason: '乡镇、期别、关账快照或留痕链与清单不一致' });
    }
  }
  return done(manifest, figures, manifestText);
}

/** package:verify — the check alone, for the 县级汇总 page and `package verify`. */
export async function verifyPackage(input: { fileName: string; base64: string }): Promise<PackageVerify> {
  return (await verifyPackageBytes(decodeBase64(input.base64), input.fileName)).result;
}

/** package:import — county mode: verify, then keep the town's figures for its period (replacing an earlier import). */
export async function importPackage(ctx: Ctx, input: { fileName: string; base64: string }): Promise<PackageImport> {
  const settings = countySettings(ctx);
  if (settings.countyName === null && countProjects(ctx.db) > 0)
    throw new AppError(
      'CONFLICT',
      '本数据库是乡镇台账，不是县级汇总库，不能导入乡镇数据包；县级汇总请另建一个空白数据库并设为县级汇总库',
    );
  const bytes = decodeBase64(input.base64);
  progress('校验数据包', 10);
  const v = await verifyPackageBytes(bytes, input.fileName);
  if (!v.result.ok) throw new AppError('VALIDATION', v.result.message);
  const f = v.figures!;
  if (settings.towns.length && !settings.towns.includes(f.town))
    throw new AppError(
      'CONFLICT',
      `“${f.town}”不在${settings.countyName}应报送的乡镇名单中（${settings.towns.join('、')}）；如确属本县，请先在县级汇总设置中加入该乡镇`,
    );
  checkpoint();
  // A package may replace the figures a town sent earlier for the period: the county can go back to them.
  progress('导入前备份', 40);
  const backupFile = (await takeBackup(ctx, '导入前')).file;
  progress('写入乡镇指标', 60);
  const r = storeTownPackage(ctx, {
    fileName: input.fileName,
    packageSha256: sha256(bytes),
    manifest: v.manifestText!,
    figures: f,
  });
  progress('完成', 100);
  return { ...r, backupFile };
}
