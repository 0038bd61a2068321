/**
 * npm run bench -- [--projects 20000] [--years 3] [--fund-flows 100000] [--rows 10000] [--runs 5]
 *                  [--quick] [--json] [--reuse] [--no-browser] [--out bench-out]
 * Builds a deterministic county-scale database (and a 10,000-project ledger for the Excel and document
 * operations), then measures each operation against the floor of the library underneath, in the same run
 * (ratios hold on a noisy machine). Prints a table, or JSON. It checks speed by measuring, never by timed
 * unit tests; --quick runs every operation on tiny data and only proves the script works.
 * Every row names the state it was measured in (STATE: cached, first after the app's own write, after opening the
 * database, after another program wrote, after an import…); the 总览 and the lights are measured in each.
 * The JSON is also written to bench-out/bench.json (bench-quick.json with --quick); `npm run bench:readme`
 * writes the README's table from it (readme-table.ts).
 * --reuse keeps databases already generated with the same parameters (generation is deterministic).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { build as viteBuild } from 'vite';
import * as XLSX from 'xlsx';
import { parseArgs, flagString } from '../../electron/cli/args.ts';
import { onlineBackup } from '../../electron/core/backup/online-backup.ts';
import { createCore, type Core } from '../../electron/core/index.ts';
import { chromiumPrinter, printWithChromium } from '../../electron/printing/chromium-printer.ts';
import { seedCountyScale } from '../../electron/core/seed/county-scale.ts';
import { dashboardSummary } from '../../electron/core/services/dashboard.service.ts';
import { ledgerPage } from '../../electron/core/services/ledger-grid.service.ts';
import { exportContext, writeTemplate } from '../../electron/core/excel/export/templates.ts';
import { exportReport, importApply } from '../../electron/core/services/excel.service.ts';
import { figuresSlice, openPeriod, periodFigures } from '../../electron/core/services/period.service.ts';
import { renderPrintable, renderPrintablePdf } from '../../electron/core/services/printables.service.ts';
import { measureInBrowser, PAGE_TIMEOUT_MS } from './browser.ts';
import { importLibraryFloor } from './import-floor.ts';
import { judge, round, measure, table, type BenchReport, type Budget, type OpResult, type Sample } from './measure.ts';

const args = parseArgs(process.argv.slice(2), {
  values: ['projects', 'years', 'fund-flows', 'rows', 'runs', 'out', 'only', 'port'],
  switches: ['quick', 'json', 'reuse', 'no-browser'],
});
const flag = (name: string) => args.flags.get(name) === true;
const quick = flag('quick');
const json = flag('json');
const num = (name: string, full: number, small: number) => Number(flagString(args, name) ?? (quick ? small : full));
const projects = num('projects', 20_000, 300);
const years = num('years', 3, 1);
const fundFlows = num('fund-flows', 100_000, 1_000);
const ledgerRows = num('rows', 10_000, 150);
const runs = num('runs', 5, 1);
/** Operations that take seconds each (import, export, PDF) run fewer times. */
const slowRuns = Math.min(runs, quick ? 1 : 3);
const outDir = resolve(flagString(args, 'out') ?? 'bench-out');
/** --only import,export: just those groups (import, export, dashboard, lights, figures, ledger, backup, reports, memory, browser). */
const only = flagString(args, 'only')
  ?.split(',')
  .map((x) => x.trim());
const want = (group: string) => !only || only.includes(group);
const needsCounty = ['dashboard', 'lights', 'figures', 'ledger', 'backup', 'reports', 'memory', 'browser'].some(want);
mkdirSync(outDir, { recursive: true });

const log = (m: string) => console.error(m); // stderr: stdout carries only the table or the JSON
const ms = (t0: number) => Math.round(performance.now() - t0);

/** A generated database: reused with --reuse when one with the same parameters exists, else built afresh. */
async function generated(
  name: string,
  o: { projects: number; years: number; fundFlows: number },
): Promise<{ core: Core; file: string; seedMs: number | null; reports: number }> {
  const file = join(outDir, `${name}-${o.projects}-${o.years}-${o.fundFlows}.db`);
  if (flag('reuse') && existsSync(file)) {
    const core = await createCore({ dbPath: file, log: () => {}, autoBackup: false, pdfPrinter: chromiumPrinter });
    const reports = (core.ctx.db.sqlite.prepare('SELECT count(*) AS n FROM progress').get() as { n: number }).n;
    log(`[bench] 复用 ${file}（月报 ${reports} 行）`);
    return { core, file, seedMs: null, reports };
  }
  for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
  log(`[bench] 生成 ${name}：${o.projects} 个项目，${o.years} 年月报，${o.fundFlows} 条资金流水…`);
  const core = await createCore({ dbPath: file, log: () => {}, autoBackup: false, pdfPrinter: chromiumPrinter });
  const t0 = performance.now();
  const made = core.ctx.db.tx(() => seedCountyScale(core.ctx.db, o));
  core.ctx.db.sqlite.pragma('optimize');
  const seedMs = ms(t0);
  log(`[bench] 生成 ${seedMs} ms：月报 ${made.reports} 行，数据库 ${(statSync(file).size / 1e6).toFixed(1)} MB`);
  return { core, file, seedMs, reports: made.reports };
}

const county = needsCounty ? await generated('county', { projects, years, fundFlows }) : null;
const ledger = await generated('ledger', { projects: ledgerRows, years, fundFlows: ledgerRows * 5 });

const lctx = ledger.core.ctx;
// The month the 总览 opens at: the ledgers' open month (the latest with 月报, not closed), whose figures the
// figure store keeps in the file (figure-store.service.ts).
const period = openPeriod((county ?? ledger).core.ctx).period;
const results: OpResult[] = [];
const started = performance.now();
const loadAtStart = loadavg()[0]!;
const step = (name: string) => log(`[bench] ${((performance.now() - started) / 1000).toFixed(1)} s ${name}…`);

/** The states a figure is measured in, by name: the README's 状态 column. */
const STATE = {
  cached: '已缓存（重复读取）',
  ownWrite: '本程序写入后首次',
  opened: '打开数据库后首次（未预热）',
  openedWarm: '打开数据库后首次（核心宿主启动后预热）',
  otherWrite: '另一程序（命令行，经核心）写入后首次',
  rawWrite: '另一程序绕过核心（sqlite3 工具）写入后首次',
  imported: `导入${ledgerRows}行后首次`,
  emptyDb: '空库（每次新建）',
  figured: '数字已算好',
  idle: '无写入进行中',
  newProcess: '新进程打开数据库后首次',
  reopenPage: '应用已载入，侧栏切换（重复打开）',
  firstPage: '应用已载入，侧栏切换（本次启动后第一次打开）',
} as const;

// The county-style sheet: the app's own T2 export of the 10,000-project ledger (merged headers, title rows, a 合计
// row). Made once, for the import group and for the 导入后首次 state of the 总览 and the lights.
let countyXlsx: Promise<{ base64: string; bytes: Buffer }> | null = null;
const countySheet = () =>
  (countyXlsx ??= (async () => {
    step('生成县里样式的 .xlsx');
    const t2 = await exportReport(lctx, 'T2', period);
    const bytes = Buffer.from(t2.base64, 'base64');
    writeFileSync(join(outDir, `county-${ledgerRows}.xlsx`), bytes);
    return { base64: t2.base64, bytes };
  })());

// ── Excel in: the county-style sheet imported into an EMPTY database through the service the UI calls (apply, not preview).
if (want('import')) {
  const sheet = await countySheet();
  step('导入 .xlsx 到空库');
  const importDir = mkdtempSync(join(outDir, 'import-'));
  let importCore: Core | null = null;
  let importRun = 0;
  let imported = 0;
  const importSample = await measure(
    async () => {
      imported = (
        await importApply(importCore!.ctx, { fileName: 'county.xlsx', base64: sheet.base64, duplicates: 'skip' })
      ).created;
    },
    slowRuns,
    1,
    async () => {
      importCore?.close();
      importCore = await createCore({
        dbPath: join(importDir, `empty-${importRun++}.db`),
        log: () => {},
        autoBackup: false,
      });
    },
  );
  importCore!.close();
  // The empty ledger the import ran into, as it was (a core opened and closed on a new file): the libraries' floor
  // stores into copies of it what the last import left.
  const emptyDb = join(importDir, 'empty-before.db');
  (await createCore({ dbPath: emptyDb, log: () => {}, autoBackup: false })).close();
  const floor = importLibraryFloor({
    importedDb: join(importDir, `empty-${importRun - 1}.db`),
    emptyDb,
    workDir: importDir,
    bytes: sheet.bytes,
  });
  const sheetjsSample = await measure(() => XLSX.read(sheet.bytes, { type: 'buffer', dense: true }), slowRuns);
  const librariesSample = await measure(
    () => floor.run(),
    slowRuns,
    1,
    () => floor.setup(),
  );
  floor.close();
  rmSync(importDir, { recursive: true, force: true });
  const importName = `Excel 导入（${ledgerRows} 行 .xlsx → 空库，含校验与导入前备份）`;
  results.push(
    judge(
      importName,
      STATE.emptyDb,
      importSample,
      'SheetJS XLSX.read 同一文件',
      sheetjsSample,
      { maxRatio: 1.5 },
      `新增 ${imported} 个项目`,
    ),
    judge(
      importName,
      STATE.emptyDb,
      importSample,
      'SheetJS 读同一文件 + better-sqlite3 写入导入留下的同样各行',
      librariesSample,
      {},
      `参考行：两库合起来的下限（${floor.rows} 行，同表同索引同约束，一个事务；无结构识别、校验、行封印、变更记录、统计数字），即 SheetJS 基线的 ${(librariesSample.medianMs / sheetjsSample.medianMs).toFixed(2)} 倍`,
    ),
  );
}

// ── Excel out: T1 of the 10,000-project ledger vs ExcelJS writing the same cell values with no styles or merges.
if (want('export')) {
  step('导出 T1');
  let t1Bytes = 0;
  const exportSample = await measure(async () => {
    t1Bytes = (await exportReport(lctx, 'T1', period)).base64.length;
  }, slowRuns);
  const t1Values = await sheetValues(Buffer.from((await exportReport(lctx, 'T1', period)).base64, 'base64'));
  const exceljsSample = await measure(async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('T1');
    for (const row of t1Values) ws.addRow(row);
    await wb.xlsx.writeBuffer();
  }, slowRuns);
  results.push(
    judge(
      `Excel 导出 T1（${ledgerRows} 个项目）`,
      STATE.cached,
      exportSample,
      'ExcelJS 仅写同样单元格',
      exceljsSample,
      { maxRatio: 1.5 },
      `${t1Values.length} 行，${((t1Bytes * 0.75) / 1e6).toFixed(1)} MB`,
    ),
  );
  // The same export from figures already computed: what the export itself costs, apart from periodFigures.
  const figured = exportContext(lctx, period);
  const writeSample = await measure(() => writeTemplate(figured, 'T1'), slowRuns);
  results.push(
    judge(
      `Excel 导出 T1，不含 periodFigures（${ledgerRows} 个项目）`,
      STATE.figured,
      writeSample,
      'ExcelJS 仅写同样单元格',
      exceljsSample,
      { maxRatio: 1.5 },
    ),
  );
}

async function sheetValues(bytes: Buffer): Promise<ExcelJS.CellValue[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const rows: ExcelJS.CellValue[][] = [];
  wb.worksheets[0]!.eachRow({ includeEmpty: true }, (row) => rows.push((row.values as ExcelJS.CellValue[]).slice(1)));
  return rows;
}

if (county) {
  const openCounty = (dbPath: string) =>
    createCore({ dbPath, log: () => {}, autoBackup: false, pdfPrinter: chromiumPrinter });
  /** The county core every group reads through; replaced when a state needs the database opened afresh. */
  let countyCore = county.core;
  const ctx = () => countyCore.ctx;
  // A clerk saving one project's monthly report of the period again (its row rewritten through the app's
  // connection, so it counts as a change and the figures are patched for that project, figures-state.ts) with the
  // same amount, so the runs measure the recomputation without a light changing (a changed light also stores
  // ~100,000 history rows).
  const TOUCH = `UPDATE progress SET month_fen = month_fen, updated_at = ?
  WHERE period = ? AND project_id = (SELECT min(project_id) FROM progress WHERE period = ?)`;
  // Through a transaction of the core, as every service writes: its commit keeps the figure store current.
  const touchIn = (c: Core) =>
    c.ctx.db.tx(() => c.ctx.db.sqlite.prepare(TOUCH).run(new Date().toISOString(), period, period));
  const afterWrite = () => void touchIn(countyCore);
  // The same write by another program on the same file: the CLI, a core of its own (its commit keeps the store).
  let otherCore: Core | null = null;
  const afterOtherWrite = async () => void touchIn((otherCore ??= await openCounty(county.file)));
  // …and by a tool that bypasses the core (the sqlite3 shell): only the schema's journal sees it.
  const otherConnection = new Database(county.file);
  const otherTouch = otherConnection.prepare(TOUCH);
  const afterRawWrite = () => void otherTouch.run(new Date().toISOString(), period, period);
  // What the clerk waits for when saving: the write with the upkeep of the kept figures at its commit.
  const saveSample = await measure(() => touchIn(countyCore), runs, 1);
  results.push(
    judge(
      '保存一条月报（含提交时更新库内保存的本月数字与总览）',
      STATE.ownWrite,
      saveSample,
      null,
      null,
      {},
      '写入本身与随附的统计数字更新',
    ),
  );
  // First after opening: the core closed and a fresh one created on the same file (createCore is not in the
  // figure; its time goes into the note).
  const openMs: number[] = [];
  const reopen = async () => {
    countyCore.close();
    const t0 = performance.now();
    countyCore = await openCounty(county.file);
    openMs.push(performance.now() - t0);
  };
  // …as the app's core host opens it: the open month's figures (and the 资金 page's) read into memory right after
  // start-up (warm); the time to that point goes into the note.
  const warmMs: number[] = [];
  const reopenWarm = async () => {
    countyCore.close();
    const t0 = performance.now();
    countyCore = await createCore({
      dbPath: county.file,
      log: () => {},
      autoBackup: false,
      pdfPrinter: chromiumPrinter,
      warm: true,
    });
    await countyCore.warmed; // its steps run one macrotask each (warm-up.ts)
    warmMs.push(performance.now() - t0);
  };
  // First after an import: a copy of the county database (the bench's own must stay as generated, --reuse keeps it)
  // opened with its figures already computed, then the county-style sheet imported into it through the service
  // the UI calls (its rows that match a project by 编号 update it, the others are created); neither the copy,
  // the warm-up nor the import is in the figure.
  const importDir = mkdtempSync(join(outDir, 'county-import-'));
  let importCopy = 0;
  let importNote = '';
  const importedCores: Core[] = [];
  const afterImport = async (warm: (c: Core) => unknown) => {
    ctx().db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    const copy = join(importDir, `county-${importCopy++}.db`);
    copyFileSync(county.file, copy);
    if (existsSync(`${county.file}.anchor`)) copyFileSync(`${county.file}.anchor`, `${copy}.anchor`);
    const c = await openCounty(copy);
    importedCores.push(c);
    warm(c);
    const t0 = performance.now();
    const r = await importApply(c.ctx, {
      fileName: `county-${ledgerRows}.xlsx`,
      base64: (await countySheet()).base64,
      duplicates: 'update',
    });
    importNote = `导入本身 ${ms(t0)} ms（新增 ${r.created}、更新 ${r.updated}、跳过 ${r.skipped} 个项目，不计入）`;
    return c;
  };
  const dropImported = () => {
    for (const c of importedCores.splice(0)) c.close();
    rmSync(importDir, { recursive: true, force: true });
    mkdirSync(importDir, { recursive: true });
  };
  const medianOf = (xs: number[]) => (xs.length ? median(xs).toFixed(0) : '—');

  /**
   * One figure in every state, each judged against the same budget. `fn` reads through the given core: the
   * county core, or the freshly imported copy for the import state.
   */
  async function everyState(
    name: string,
    fn: (c: Core) => unknown,
    floorName: string | null,
    floor: Sample | null,
    budget: Budget,
  ): Promise<void> {
    results.push(judge(name, STATE.cached, await measure(() => fn(countyCore), runs), floorName, floor, budget));
    results.push(
      judge(
        name,
        STATE.ownWrite,
        await measure(() => fn(countyCore), runs, 1, afterWrite),
        floorName,
        floor,
        budget,
        '同一项目本期月报原值重存一次',
      ),
    );
    openMs.length = 0;
    const opened = await measure(() => fn(countyCore), slowRuns, 1, reopen);
    results.push(
      judge(
        name,
        STATE.opened,
        opened,
        floorName,
        floor,
        budget,
        `关闭核心后新建，立即读取（createCore ${medianOf(openMs)} ms，不计入）`,
      ),
    );
    warmMs.length = 0;
    const openedWarm = await measure(() => fn(countyCore), slowRuns, 1, reopenWarm);
    results.push(
      judge(
        name,
        STATE.openedWarm,
        openedWarm,
        floorName,
        floor,
        budget,
        `启动到预热完成 ${medianOf(warmMs)} ms（不计入）`,
      ),
    );
    results.push(
      judge(
        name,
        STATE.otherWrite,
        await measure(() => fn(countyCore), slowRuns, 1, afterOtherWrite),
        floorName,
        floor,
        budget,
        '另一个核心（如命令行）在自己的事务里重存同一行',
      ),
    );
    results.push(
      judge(
        name,
        STATE.rawWrite,
        await measure(() => fn(countyCore), slowRuns, 1, afterRawWrite),
        floorName,
        floor,
        budget,
        '另一连接直接改同一行，不经核心',
      ),
    );
    let target = countyCore;
    const imported = await measure(
      () => fn(target),
      slowRuns,
      0,
      async () => {
        dropImported();
        target = await afterImport(fn);
      },
    );
    dropImported();
    results.push(judge(name, STATE.imported, imported, floorName, floor, budget, importNote));
  }

  // ── 总览 vs one hand-written aggregate over the same tables: Σ month_fen by category, year to the period.
  if (want('dashboard')) {
    step('总览');
    const floorSql = ctx().db.sqlite
      .prepare(`SELECT p.category, sum(r.month_fen) AS fen FROM progress r JOIN project p ON p.id = r.project_id
  WHERE r.period BETWEEN ? AND ? AND p.deleted_at IS NULL GROUP BY p.category`);
    const dashFloor = await measure(() => floorSql.all(`${period.slice(0, 4)}-01`, period), runs);
    await everyState(
      '总览数字（一期）',
      (c) => dashboardSummary(c.ctx, period),
      '手写 SQL 聚合（按类别 Σ月完成）',
      dashFloor,
      { maxRatio: 2, maxMs: 50 },
    );
  }

  // Traffic lights as the 红黄绿灯 page asks for them (channel figures:period with a page: the first 100 projects and
  // how many there are; filtered by light the same way), judged by an absolute budget. The floor is the least any
  // computation of the lights reads: the period's 月报 rows of every project, by hand-written SQL.
  // Prepared on the county core of the moment: a state reopens it, closing the connection a statement was made on.
  const lightsFloorSample = () => {
    const floorSql = ctx().db.sqlite.prepare(`SELECT project_id, month_fen FROM progress WHERE period = ?`);
    return measure(() => floorSql.all(period), runs);
  };
  const lightsFloorName = 'SQLite 读本期全部月报行（手写 SQL）';
  if (want('lights')) {
    step('红黄绿灯');
    const lightsFloor = await lightsFloorSample();
    await everyState(
      '红黄绿灯页（全部灯色中的首页 100 个项目及总数，一期）',
      (c) => figuresSlice(c.ctx, period, { page: { offset: 0, limit: 100 } }),
      lightsFloorName,
      lightsFloor,
      { maxMs: 200 },
    );
  }
  // Every project's figures and lights at once (periodFigures: the `lights` and `figures` commands, exports, printouts).
  if (want('figures')) {
    step('全部项目的数字与灯色');
    const lightsFloor = await lightsFloorSample();
    await everyState(
      '全部项目的数字与灯色（periodFigures，一期）',
      (c) => periodFigures(c.ctx, period),
      lightsFloorName,
      lightsFloor,
      {},
    );
  }
  rmSync(importDir, { recursive: true, force: true });

  if (want('ledger')) {
    // The ledger grid's page query: the order of every
    // matching project plus the first 100 rows. Warm = the core's in-memory facts are current; cold = after a write.
    step('台账查询');
    const pageQuery = {
      filters: { category: '基础设施', query: 'dl' },
      sort: { key: 'name', desc: true },
      deleted: false,
      first: 50,
    } as const;
    let pageInfo = '';
    const pageSample = await measure(() => {
      const p = ledgerPage(ctx(), pageQuery);
      pageInfo = `${p.ids.length} 个匹配，首屏 ${p.rows.length} 行`;
    }, runs);
    results.push(
      judge(
        '表格分页查询（类别+拼音搜索 dl，按名称中文降序，首屏 50 行）',
        STATE.cached,
        pageSample,
        null,
        null,
        { maxMs: 20 },
        pageInfo,
      ),
    );
    const keystroke = { filters: { query: 'zj' }, deleted: false, first: 50 } as const;
    results.push(
      judge(
        '表格搜索一次按键（拼音 zj，全部项目）',
        STATE.cached,
        await measure(() => ledgerPage(ctx(), keystroke), runs),
        null,
        null,
        { maxMs: 20 },
      ),
    );
    const coldSample = await measure(
      () => ledgerPage(ctx(), pageQuery),
      runs,
      1,
      () => ctx().db.sqlite.exec(`UPDATE project SET sort = sort WHERE id = 1`),
    );
    results.push(
      judge('表格分页查询（重建筛选索引并排序）', STATE.ownWrite, coldSample, null, null, {}, '每次写入后第一次查询'),
    );
  }

  // A backup of the whole database vs VACUUM INTO of the same database.
  if (want('backup')) {
    step('备份');
    const backupFile = join(outDir, 'bench-backup.db');
    const vacuumFile = join(outDir, 'bench-vacuum.db');
    // The clerk waits for the copy and its read-back; the full integrity check runs after, in a worker thread.
    let lastCheck: Promise<string | null> = Promise.resolve(null);
    const backupSample = await measure(
      async () => {
        lastCheck = (await onlineBackup(ctx().db.sqlite, backupFile)).verified;
      },
      runs,
      0,
      async () => {
        await lastCheck;
        rmSync(backupFile, { force: true });
      },
    );
    await lastCheck;
    const checkSample = await measure(
      async () => {
        const problem = await (await onlineBackup(ctx().db.sqlite, backupFile)).verified;
        if (problem) throw new Error(problem);
      },
      Math.min(runs, 3),
      0,
      () => rmSync(backupFile, { force: true }),
    );
    const vacuumSample = await measure(
      () => {
        rmSync(vacuumFile, { force: true });
        ctx().db.sqlite.exec(`VACUUM INTO '${vacuumFile.replace(/'/g, "''")}'`);
      },
      runs,
      0,
    );
    results.push(
      judge(
        '整库备份（在线复制+回读核对）',
        STATE.idle,
        backupSample,
        'VACUUM INTO',
        vacuumSample,
        { maxRatio: 1.5 },
        '完整校验随后在后台线程进行',
      ),
    );
    results.push(
      judge(
        '备份＋后台完整校验（integrity_check）全部完成',
        STATE.idle,
        checkSample,
        'VACUUM INTO',
        vacuumSample,
        {},
        '不阻塞界面；恢复前还会再完整校验一次',
      ),
    );
    for (const f of [backupFile, vacuumFile]) rmSync(f, { force: true });
  }

  // Documents: the progress table for the 10,000-project ledger as HTML; the briefing as PDF (Chromium start-up counts).
  if (want('reports')) {
    step('进展情况表 HTML');
    let progressKb = 0;
    const progressSample = await measure(() => {
      progressKb = renderPrintable(lctx, { doc: 'progress', period }).html.length / 1024;
    }, slowRuns);
    results.push(
      judge(
        `进展情况表 HTML（${ledgerRows} 个项目）`,
        STATE.cached,
        progressSample,
        null,
        null,
        {},
        `${(progressKb / 1024).toFixed(1)} MB HTML`,
      ),
    );
    step('工作简报 PDF');
    // Every PDF is one run of the machine's Chromium (chromium-printer.ts), so each sample includes its start-up.
    let pdfKb = 0;
    const briefingPdf = async () => {
      pdfKb = (await renderPrintablePdf(ctx(), { doc: 'briefing', period })).bytes / 1024;
    };
    const pdfWarmup = quick ? 0 : 1;
    const pdfSample = await measure(briefingPdf, slowRuns, pdfWarmup);
    const pdfAfterWrite = await measure(briefingPdf, slowRuns, pdfWarmup, afterWrite);
    const blankPdf = await measure(
      () => printWithChromium('<!doctype html><meta charset="utf-8"><p>空白页</p>'),
      slowRuns,
      pdfWarmup,
    );
    results.push(
      judge(
        '工作简报 PDF（含启动 Chromium）',
        STATE.cached,
        pdfSample,
        'Chromium 打印空白页',
        blankPdf,
        { maxMs: 2000 },
        `${pdfKb.toFixed(0)} KB`,
      ),
    );
    results.push(
      judge(
        '工作简报 PDF（含启动 Chromium，重算数字）',
        STATE.ownWrite,
        pdfAfterWrite,
        'Chromium 打印空白页',
        blankPdf,
        { maxMs: 2000 },
      ),
    );
  }

  otherConnection.close();
  (otherCore as Core | null)?.close();
  countyCore.close();

  // Memory: a fresh process opens the county database and runs the heavy reads; its peak RSS.
  if (want('memory')) {
    step('内存');
    // The probe is bundled the way the app ships its core (plain JS, no tsx transpiling in memory) and run by plain node.
    // Inside the project (.tmp/ is ignored by git), whatever --out says: the bundle imports better-sqlite3 from its
    // node_modules, which node finds only from a folder below it.
    const probeDir = fileURLToPath(new URL('../../.tmp/rss-probe', import.meta.url));
    await viteBuild({
      configFile: false,
      logLevel: 'silent',
      build: {
        ssr: fileURLToPath(new URL('./rss-probe.ts', import.meta.url)),
        outDir: probeDir,
        emptyOutDir: true,
        minify: false,
        target: 'node20',
        rolldownOptions: { output: { format: 'es', entryFileNames: '[name].mjs' } },
      },
    });
    const rssOf = (...probeArgs: string[]) => {
      const probe = spawnSync(process.execPath, [join(probeDir, 'rss-probe.mjs'), ...probeArgs], { encoding: 'utf8' });
      if (probe.status !== 0) throw new Error(`内存探针失败：${probe.stderr}`);
      return (JSON.parse(probe.stdout.trim().split('\n').pop()!) as { peakRssMb: number }).peakRssMb;
    };
    const rssMb = rssOf(county.file, period);
    const modulesMb = rssOf('--modules-only');
    const maxRssMb = 250;
    results.push({
      operation: '核心进程内存峰值（RSS，打开县级数据库并算一期）',
      state: STATE.newProcess,
      medianMs: 0,
      floor: null,
      floorMs: null,
      ratio: null,
      budget: `≤ ${maxRssMb} MB`,
      met: rssMb <= maxRssMb,
      note: `${rssMb.toFixed(0)} MB（打包后的核心；仅载入模块 ${modulesMb.toFixed(0)} MB）`,
    });
  }

  // The pages in Chromium over the county database (skipped with --no-browser).
  if (!flag('no-browser') && want('browser')) {
    step('浏览器：各页面首屏、台账搜索与滚动');
    // A failure here (browser mode not starting, Chromium missing) is a row of its own, not the loss of the rows above.
    const b = await measureInBrowser({
      dbFile: county.file,
      port: Number(flagString(args, 'port') ?? 5208),
      runs: quick ? 1 : 5,
      pageRuns: quick ? 1 : 3,
    }).catch((e: Error) => {
      process.exitCode = 1;
      results.push({
        operation: '浏览器中的各页面',
        state: STATE.reopenPage,
        medianMs: 0,
        floor: null,
        floorMs: null,
        ratio: null,
        budget: '—',
        met: false,
        note: `未能测量：${e.message.split('\n')[0]}`,
      });
      return null;
    });
    if (b) {
      const sample = (xs: number[]): Sample => ({ medianMs: median(xs), runs: xs });
      const load = b.firstLoad
        ? `；首次载入应用时挂载→首行 ${b.firstLoad.open.toFixed(0)} ms、从导航开始 ${b.firstLoad.fromNav.toFixed(0)} ms`
        : '';
      // Judged from the sidebar click: what the clerk waits for, including the page's own mount.
      results.push(
        judge(
          '台账首屏（侧栏切换→首批行绘出）',
          STATE.reopenPage,
          sample(b.firstRowsFromNavMs),
          null,
          null,
          { maxMs: 300 },
          `其中页面挂载→首行 ${median(b.openMs).toFixed(0)} ms${load}`,
        ),
      );
      for (const p of b.pages) {
        const late = `超过 ${PAGE_TIMEOUT_MS / 1000} 秒仍未绘出，放弃等待（中位数按 ${PAGE_TIMEOUT_MS} ms 计，实际更长）`;
        // A page that timed out on its first open was not opened again: its row is that first open.
        const firstOnly = p.timedOut && p.ms.length === 1;
        const note = firstOnly
          ? late
          : `本次启动后第一次打开 ${p.firstMs.toFixed(0)} ms${p.timedOut ? `；其后一次${late}` : ''}`;
        results.push(
          judge(
            `${p.label}首屏（侧栏点击→${p.content}绘出）`,
            firstOnly ? STATE.firstPage : STATE.reopenPage,
            sample(p.ms),
            null,
            null,
            { maxMs: 300 },
            note,
          ),
        );
      }
      results.push(judge('搜索框按键→筛选后的行绘出', STATE.cached, sample(b.keystrokeMs), null, null, { maxMs: 100 }));
      const sorted = [...b.frameMs].sort((x, y) => x - y);
      results.push(
        judge(
          '滚动帧时间（中位数）',
          STATE.cached,
          sample(b.frameMs),
          null,
          null,
          {},
          `p95 ${sorted[Math.floor(sorted.length * 0.95)]?.toFixed(1)} ms，${b.frameMs.length} 帧`,
        ),
      );
    }
  }
}
ledger.core.close();

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

const report: BenchReport = {
  date: new Date().toISOString(),
  machine: {
    cores: cpus().length,
    cpu: cpus()[0]?.model ?? null,
    node: process.version,
    load: [round(loadAtStart), round(loadavg()[0]!)],
  },
  data: {
    projects,
    years,
    fundFlows,
    reports: county?.reports ?? null,
    ledgerRows,
    period,
    seedMs: { county: county?.seedMs ?? null, ledger: ledger.seedMs },
  },
  quick,
  runs,
  groups: only ?? null,
  results: results.map((r) => ({ ...r, medianMs: round(r.medianMs) })),
};
// Also on disk: `npm run` prints its own banner on stdout, so `npm run bench -- --json > x` needs `npm run -s`.
writeFileSync(join(outDir, quick ? 'bench-quick.json' : 'bench.json'), JSON.stringify(report, null, 2));
if (json) console.log(JSON.stringify(report, null, 2));
else console.log(table(results));
