/**
 * Child process for the memory figure: opens the county database the way the app does, runs the heavy
 * reads (figures for a period, 总览, the whole ledger list) and prints its peak RSS in MB. A separate process so
 * the bench's own workbooks and generators do not count against the core.
 *   tsx scripts/bench/rss-probe.ts FILE PERIOD
 */
import { createCore } from '../../electron/core/index.ts';
import { dashboardSummary } from '../../electron/core/services/dashboard.service.ts';
import { periodFigures } from '../../electron/core/services/period.service.ts';
import { listProjects } from '../../electron/core/services/project.service.ts';

const [file, period] = process.argv.slice(2);
const core = await createCore({ dbPath: file!, log: () => {}, autoBackup: false });
periodFigures(core.ctx, period!);
dashboardSummary(core.ctx, period!);
listProjects(core.ctx, {});
core.close();
// maxRSS is in kilobytes (the OS high-water mark of this process).
console.log(JSON.stringify({ peakRssMb: process.resourceUsage().maxRSS / 1024 }));
