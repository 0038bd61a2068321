/**
 * npm run bench -- [--projects 20000] [--years 3] [--fund-flows 100000] [--runs 5] [--quick] [--json]
 * Builds a deterministic county-scale database, then measures each operation against the floor of the
 * library underneath, in the same run (ratios hold on a noisy machine). Prints a table, or JSON.
 * It checks speed by measuring, never by timed unit tests; --quick only proves the script works.
 */
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs, flagString } from '../../electron/cli/args.ts';
import { onlineBackup } from '../../electron/core/backup/online-backup.ts';
import { createCore } from '../../electron/core/index.ts';
import { seedCountyScale } from '../../electron/core/seed/county-scale.ts';
import { periodFigures } from '../../electron/core/services/period.service.ts';
import { listProjects } from '../../electron/core/services/project.service.ts';
import { judge, measure, table, type OpResult } from './measure.ts';

const args = parseArgs(process.argv.slice(2));
const quick = args.flags.get('quick') === true;
const json = args.flags.get('json') === true;
const num = (name: string, full: number, small: number) => Number(flagString(args, name) ?? (quick ? small : full));
const projects = num('projects', 20_000, 300);
const years = num('years', 3, 1);
const fundFlows = num('fund-flows', 100_000, 1_000);
const runs = num('runs', 5, 1);
const outDir = resolve(flagString(args, 'out') ?? 'bench-out');

mkdirSync(outDir, { recursive: true });
const dbFile = join(outDir, `county-${projects}-${years}.db`);
for (const suffix of ['', '-wal', '-shm']) rmSync(dbFile + suffix, { force: true });

const log = (m: string) => { if (!json) console.error(m); };
log(`[bench] 生成县级规模数据：${projects} 个项目，${years} 年月报，${fundFlows} 条资金流水…`);
const core = await createCore({ dbPath: dbFile, log: () => {} });
const ctx = core.ctx;
const t0 = performance.now();
const made = ctx.db.tx(() => seedCountyScale(ctx.db, { projects, years, fundFlows }));
ctx.db.sqlite.pragma('optimize');
log(`[bench] 数据生成 ${(performance.now() - t0).toFixed(0)} ms：月报 ${made.reports} 行，数据库 ${(statSync(dbFile).size / 1e6).toFixed(1)} MB`);

const lastYear = 2015 + years - 1;
const period = `${lastYear}-09`;
const results: OpResult[] = [];

// Traffic lights for every project for a period (no library floor: an absolute budget).
results.push(judge('红黄绿灯（全部项目，一期）', await measure(() => periodFigures(ctx, period), runs), null, null, { maxMs: 200 }));

// The ledger query behind the grid.
results.push(judge('台账列表查询（全部在册项目）', await measure(() => listProjects(ctx, {}), runs), null, null, { maxMs: 20 }));

// A backup of the whole database vs VACUUM INTO of the same database.
const backupFile = join(outDir, 'bench-backup.db');
const vacuumFile = join(outDir, 'bench-vacuum.db');
const backupSample = await measure(async () => { rmSync(backupFile, { force: true }); await onlineBackup(ctx.db.sqlite, backupFile); }, runs, 0);
const vacuumSample = await measure(() => { rmSync(vacuumFile, { force: true }); ctx.db.sqlite.exec(`VACUUM INTO '${vacuumFile.replace(/'/g, "''")}'`); }, runs, 0);
results.push(judge('整库备份（在线备份+校验）', backupSample, 'VACUUM INTO', vacuumSample, { maxRatio: 1.5 }));

const rssMb = process.memoryUsage().rss / 1e6;
results.push({ operation: '核心进程内存峰值（RSS，打开县级数据库）', medianMs: 0, floor: null, floorMs: null, ratio: null, budget: '≤ 300 MB', met: rssMb <= 300, note: `${rssMb.toFixed(0)} MB` });

core.close();
for (const f of [backupFile, vacuumFile]) rmSync(f, { force: true });
const report = { machine: { cores: (await import('node:os')).cpus().length, node: process.version }, data: { projects, years, fundFlows, reports: made.reports }, quick, results };
if (json) console.log(JSON.stringify(report, null, 2));
else console.log(table(results));
