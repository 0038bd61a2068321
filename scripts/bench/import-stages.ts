/**
 * tsx scripts/bench/import-stages.ts --file SHEET.xlsx [--runs 3]
 * Where an import's time goes: the sheet imported into a new empty ledger, `runs` times, with the time spent in
 * each of the stages the import reports to the clerk (读取文件, 检查数据, 导入前备份, 写入台账…), read from its own
 * progress events. The bench's import row gives the whole against SheetJS; this splits it, for work on one stage
 * (paired runs of two versions of the code on a quiet machine: one stage moves while the others stay).
 * The county-style sheet the bench makes is bench-out/county-10000.xlsx (`npm run bench -- --only import`).
 * --into LEDGER.db imports into a copy of that ledger instead (the county's sheet again into the ledger it came from:
 * bench-out/ledger-10000-3-50000.db, whose projects the sheet's rows update), with duplicates: 'update'.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { flagString, parseArgs } from '../../electron/cli/args.ts';
import { stopParseWorker } from '../../electron/core/excel/import/read.ts';
import { createCore } from '../../electron/core/index.ts';
import { runInCallScope } from '../../electron/core/progress.ts';
import { importApply } from '../../electron/core/services/excel.service.ts';

const args = parseArgs(process.argv.slice(2), { values: ['file', 'runs', 'into'], switches: [] });
const file = flagString(args, 'file');
if (!file) throw new Error('用法：tsx scripts/bench/import-stages.ts --file 表格.xlsx [--runs 3]');
const runs = Number(flagString(args, 'runs') ?? 3);
const into = flagString(args, 'into');
const base64 = readFileSync(file).toString('base64');

for (let run = 1; run <= runs; run++) {
  const dir = mkdtempSync(join(tmpdir(), 'town-ledger-import-stages-'));
  if (into) copyFileSync(into, join(dir, 'ledger.db'));
  const core = await createCore({ dbPath: join(dir, 'ledger.db'), log: () => {}, autoBackup: false });
  const stages: [string, number][] = [];
  const t0 = performance.now();
  let stage = '开始';
  let since = t0;
  const report = (next: string) => {
    const now = performance.now();
    stages.push([stage, now - since]);
    stage = next;
    since = now;
  };
  const out = await runInCallScope({ progress: (s) => s !== stage && report(s) }, () =>
    importApply(core.ctx, { fileName: file, base64, duplicates: into ? 'update' : 'skip' }),
  );
  report('');
  const total = performance.now() - t0;
  console.log(
    `第${run}次：共 ${Math.round(total)} ms，新增 ${out.created}、更新 ${out.updated} 个项目｜` +
      stages
        .filter(([, ms]) => ms >= 1)
        .map(([s, ms]) => `${s} ${Math.round(ms)}`)
        .join('｜'),
  );
  core.close();
  rmSync(dir, { recursive: true, force: true });
}
await stopParseWorker();
