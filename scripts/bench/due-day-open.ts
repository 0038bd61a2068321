/**
 * tsx scripts/bench/due-day-open.ts [--db bench-out/county-20000-3-100000.db]
 * The first open of a ledger after its open month's 月报 fell due (次月5日), a state the bench's table does not
 * model (its clock is today's): a copy of the bench county is written on the due day, so the figures and the 总览
 * the file keeps are judged before it, then opened the next morning. Prints the first 总览 and the first 红黄绿灯
 * page (each in a core opened afresh), how the figures were read (figures-state.ts lastRead), and whether the 总览
 * equals one computed from scratch. Made by `npm run bench -- --only dashboard` (the county ledger).
 */
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { flagString, parseArgs } from '../../electron/cli/args.ts';
import { createCore } from '../../electron/core/index.ts';
import { dashboardOf, dashboardSummary } from '../../electron/core/services/dashboard.service.ts';
import { computePeriodFigures } from '../../electron/core/services/figures.service.ts';
import { lastRead } from '../../electron/core/services/figures-state.ts';
import { figuresSlice, openPeriod } from '../../electron/core/services/period.service.ts';

const args = parseArgs(process.argv.slice(2), { values: ['db'], switches: [] });
const source = flagString(args, 'db') ?? 'bench-out/county-20000-3-100000.db';
if (!existsSync(source)) throw new Error(`没有 ${source}：先运行 npm run bench -- --only dashboard`);
const dir = mkdtempSync(join(tmpdir(), 'town-ledger-due-day-'));
const db = join(dir, 'ledger.db');
// The ledger with its anchor and its users' folder, as the app keeps them side by side.
for (const part of ['', '.anchor', '-users'])
  if (existsSync(source + part)) cpSync(source + part, db + part, { recursive: true });

let clock = new Date();
const open = () => createCore({ dbPath: db, log: () => {}, autoBackup: false, now: () => clock });
const ms = (t0: number) => Math.round(performance.now() - t0);

let core = await open();
const period = openPeriod(core.ctx).period;
const [year, month] = period.split('-').map(Number) as [number, number];
core.close();

// The due day, 17:00: one 月报 saved again (as the bench's own write does), which keeps the figures judged that day.
clock = new Date(year, month, 5, 17, 0);
core = await open();
core.ctx.db.tx(() =>
  core.ctx.db.sqlite
    .prepare(
      `UPDATE progress SET month_fen = month_fen, updated_at = ?
        WHERE period = ? AND project_id = (SELECT min(project_id) FROM progress WHERE period = ?)`,
    )
    .run(clock.toISOString(), period, period),
);
core.close();

// The next morning.
clock = new Date(year, month, 6, 8, 30);
core = await open();
let t0 = performance.now();
const shown = dashboardSummary(core.ctx, period);
const dashboardMs = ms(t0);
const how = `${lastRead.figures}（${lastRead.figuresFrom}）`;
const fresh = dashboardOf(core.ctx, period, () => computePeriodFigures(core.ctx, period));
const same = isDeepStrictEqual(JSON.parse(JSON.stringify(shown)), JSON.parse(JSON.stringify(fresh)));
core.close();
core = await open();
t0 = performance.now();
figuresSlice(core.ctx, period, { page: { offset: 0, limit: 100 } });
const lightsMs = ms(t0);
core.close();
rmSync(dir, { recursive: true, force: true });

console.log(
  `${period}：截止日次日首次打开，总览 ${dashboardMs} ms（各项目数字：${how}；与从头计算${same ? '一致' : '不一致'}），` +
    `红黄绿灯首页 ${lightsMs} ms`,
);
if (!same) process.exitCode = 1;
