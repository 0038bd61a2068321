/** Medians over repeated runs, measured the same way for an operation and its floor. */
export interface Sample {
  medianMs: number;
  runs: number[];
}

/** `setup` runs before every run (warm-up included) outside the clock, e.g. to give each run an empty database. */
export async function measure(
  fn: () => unknown | Promise<unknown>,
  runs: number,
  warmup = 1,
  setup?: () => unknown | Promise<unknown>,
): Promise<Sample> {
  for (let i = 0; i < warmup; i++) {
    await setup?.();
    await fn();
  }
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    await setup?.();
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  const sorted = [...times].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const medianMs = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { medianMs, runs: times };
}

export interface OpResult {
  operation: string;
  /** The state the measured call ran in, named (已缓存（重复读取）, 打开数据库后首次, …): a figure means nothing without it. */
  state: string;
  medianMs: number;
  floor: string | null;
  floorMs: number | null;
  ratio: number | null;
  budget: string;
  met: boolean | null;
  note?: string;
}

/** What `npm run bench -- --json` prints and writes to bench-out/bench.json; readme-table.ts reads it. */
export interface BenchReport {
  /** When the run ended (ISO, UTC). */
  date: string;
  /** `load`: the 1-minute load average at the start and at the end of the run (other work on the machine skews it). */
  machine: { cores: number; cpu: string | null; node: string; load?: [number, number] };
  data: {
    projects: number;
    years: number;
    fundFlows: number;
    reports: number | null;
    ledgerRows: number;
    period: string;
    seedMs: { county: number | null; ledger: number | null };
  };
  quick: boolean;
  runs: number;
  /** The groups of --only, or null for all. */
  groups: string[] | null;
  results: OpResult[];
}

export interface Budget {
  /** Max ratio to the floor. */
  maxRatio?: number;
  /** Max absolute milliseconds. */
  maxMs?: number;
}

export function judge(
  operation: string,
  state: string,
  op: Sample,
  floorName: string | null,
  floor: Sample | null,
  budget: Budget,
  note?: string,
): OpResult {
  const ratio = floor ? op.medianMs / Math.max(floor.medianMs, 0.001) : null;
  const parts: string[] = [];
  let met: boolean | null = null;
  if (budget.maxRatio !== undefined && ratio !== null) {
    parts.push(`≤ ${budget.maxRatio}× 基线`);
    met = ratio <= budget.maxRatio;
  }
  if (budget.maxMs !== undefined) {
    parts.push(`≤ ${budget.maxMs} ms`);
    met = (met ?? true) && op.medianMs <= budget.maxMs;
  }
  return {
    operation,
    state,
    medianMs: round(op.medianMs),
    floor: floorName,
    floorMs: floor ? round(floor.medianMs) : null,
    ratio: ratio === null ? null : round(ratio),
    budget: parts.join(' 且 ') || '—',
    met,
    ...(note ? { note } : {}),
  };
}

export const round = (x: number) => Math.round(x * 100) / 100;

/** A row that is not a time (the memory row, a group that could not be measured) shows no milliseconds. */
const time = (r: OpResult) => (r.medianMs === 0 && !/ms/.test(r.budget) ? '—' : r.medianMs.toFixed(2));

/** The Markdown table of the bench's rows: printed by the bench and written into the README (readme-table.ts). */
export function table(rows: OpResult[]): string {
  const head = ['操作', '状态', '中位数(ms)', '基线', '基线(ms)', '倍数', '预算', '达标', '说明'];
  const body = rows.map((r) => [
    r.operation,
    r.state,
    time(r),
    r.floor ?? '—',
    r.floorMs?.toFixed(2) ?? '—',
    r.ratio?.toFixed(2) ?? '—',
    r.budget,
    r.met === null ? '—' : r.met ? '是' : '否',
    r.note ?? '',
  ]);
  // A '|' or a line break inside a cell would end it: escaped, so a note cannot break the table.
  const cell = (x: string) => x.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
  return [head, ...body]
    .map((cols) => `| ${cols.map(cell).join(' | ')} |`)
    .join('\n')
    .replace(/\n/, `\n|${head.map(() => '---').join('|')}|\n`);
}
