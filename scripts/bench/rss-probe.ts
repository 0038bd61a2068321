/**
 * Child process for the memory figure: opens the county database the way the app does, runs the heavy
 * reads (figures for a period, 总览, the 资金 page's figures that the core host keeps from its start — warm-up.ts —,
 * the ledger grid's first page with its whole order) and prints
 * its peak RSS in MB. A separate process so the bench's own workbooks and generators do not count against the core.
 * The bench bundles it first (as the app bundles its core) and runs the bundle with plain node:
 *   node bench-out/rss-probe/rss-probe.mjs FILE PERIOD
 *   node bench-out/rss-probe/rss-probe.mjs --modules-only   (the core's modules loaded, nothing opened)
 */
import { readFileSync } from 'node:fs';
import { createCore } from '../../electron/core/index.ts';
import { dashboardSummary } from '../../electron/core/services/dashboard.service.ts';
import { fundsSummary } from '../../electron/core/services/funds.service.ts';
import { ledgerPage } from '../../electron/core/services/ledger-grid.service.ts';
import { periodFigures } from '../../electron/core/services/period.service.ts';
import { periodEnd } from '../../shared/domain/period.ts';

/**
 * Peak RSS of this process in MB. On Linux from VmHWM (the address space's high-water mark, new at exec):
 * getrusage's maxRSS survives exec, so a child spawned by the big bench process would report the bench's size.
 */
function peakRssMb(): number {
  try {
    const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
    if (kb) return Number(kb) / 1024;
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS / 1024;
}

const [file, period] = process.argv.slice(2);
if (file === '--modules-only') {
  console.log(JSON.stringify({ peakRssMb: peakRssMb() }));
  process.exit(0);
}
const core = await createCore({ dbPath: file!, log: () => {}, autoBackup: false });
periodFigures(core.ctx, period!);
dashboardSummary(core.ctx, period!);
fundsSummary(core.ctx, { asOf: periodEnd(period!), page: { offset: 0, limit: 100 } });
ledgerPage(core.ctx, { filters: {}, sort: { key: 'name', desc: false }, deleted: false, first: 100 });
core.close();
console.log(JSON.stringify({ peakRssMb: peakRssMb() }));
