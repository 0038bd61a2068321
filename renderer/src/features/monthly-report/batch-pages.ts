/**
 * The 月报 batch of a period, read from the core a page at a time (reports:batch with page): a county has 20 000
 * projects, and reading them all took seconds before the first row showed. The first page comes with every row's
 * project id in order, so the sheet knows its rows by index from the start; further pages are read as their rows
 * are drawn (the table is windowed), and the rows a paste, a fill, a copy or an undo reaches are read before it
 * acts. After a write the rows at hand stay on screen and are read again: the drawn ones at once, the rest when
 * they are drawn again.
 */
import { useSyncExternalStore } from 'react';
import type { ReportBatch, ReportBatchRow } from '../../../../shared/schemas/monthly-report.ts';
import { ApiError, call } from '../../lib/api.ts';

/** Rows per page read as the clerk scrolls: about two screens. */
export const PAGE_ROWS = 30;
/** The most rows one call reads when many are wanted at once (a whole column selected); the contract's limit. */
const CHUNK_ROWS = 500;

export type BatchHead = Omit<ReportBatch, 'rows'>;

const EMPTY_ROW: Omit<ReportBatchRow, 'projectId'> = {
  code: null,
  name: '',
  parentId: null,
  isParent: false,
  leadOrgName: null,
  totalFen: 0,
  yearPlanFen: 0,
  priorFen: 0,
  monthFen: 0,
  ytdFen: 0,
  cumFen: 0,
  ytdPct: null,
  mustReport: false,
  last: null,
  entry: null,
  state: null,
  filledBy: null,
  filledAt: null,
  reviewedBy: null,
  returnReason: null,
  updatedAt: null,
  flags: [],
  level: null,
  levelReason: null,
  lights: [],
};

export class BatchPages {
  head: BatchHead | null = null;
  ids: number[] = [];
  error: ApiError | null = null;
  /** the first page not read yet (the page shows a spinner where the table will be) */
  loading = true;
  /** bumped whenever rows arrive: the table's data is built again */
  version = 0;
  private index = new Map<number, number>();
  private rows = new Map<number, ReportBatchRow>();
  /** the reading each row came from: rows read before the last write are stale (shown, read again when drawn) */
  private rowGen = new Map<number, number>();
  private gen = 0;
  private placeholders = new Map<number, ReportBatchRow>();
  private queued = new Set<number>();
  /**
   * The pages drawn are being read: pages wanted meanwhile wait, and when the read ends only those drawn then are
   * read. The core answers one call at a time in the order they came; reading every page a drag of the scroll bar
   * passes over (67 on the way to row 8,000) put the page in view behind them all.
   */
  private drawnReading = false;
  /** the readings under way: a second ask for the same rows waits for the first */
  private inflight = new Map<string, Promise<void>>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** pages whose reading failed since the last write: not asked for again on every render (the error is shown) */
  private failed = new Set<string>();
  private listeners = new Set<() => void>();

  constructor(
    readonly period: string,
    /** the rows just read (the draft store takes their saved values) */
    private onRows: (rows: ReportBatchRow[]) => void,
    /** the indexes of the rows drawn now (read again at once after a write, and the pages wanted after a read) */
    private drawn?: () => number[],
  ) {}

  subscribe = (fn: () => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };
  getVersion = () => this.version;
  private emit() {
    this.version++;
    for (const fn of this.listeners) fn();
  }

  get total() {
    return this.ids.length;
  }
  /** the row at an index: as read, or an empty stand-in until its page arrives */
  rowAt(i: number): ReportBatchRow {
    const id = this.ids[i]!;
    const r = this.rows.get(id);
    if (r) return r;
    let p = this.placeholders.get(id);
    if (!p) {
      // its empty fields from one shared prototype: 20 000 stand-ins are built when the first page arrives
      p = Object.create(EMPTY_ROW) as ReportBatchRow;
      p.projectId = id;
      this.placeholders.set(id, p);
    }
    return p;
  }
  /** a stand-in (made on EMPTY_ROW) rather than a row read from the core */
  isUnread = (r: ReportBatchRow) => Object.getPrototypeOf(r) === EMPTY_ROW;
  has = (i: number) => this.rows.has(this.ids[i]!);
  byId = (id: number) => this.rows.get(id);
  indexOf = (id: number) => this.index.get(id) ?? -1;
  /** every row, read or standing in (the table's data: its length gives the scroll height) */
  all(): ReportBatchRow[] {
    return this.ids.map((_, i) => this.rowAt(i));
  }

  /** The first page with the ids of all rows, and its head (status, due date). */
  async start(): Promise<void> {
    const gen = ++this.gen;
    try {
      const b = await call('reports:batch', { period: this.period, page: { offset: 0, limit: PAGE_ROWS }, ids: true });
      const { rows, ids, rowsTotal: _t, pendingIds: _p, ...head } = b;
      this.head = head;
      if (ids) {
        this.ids = ids;
        this.index = new Map(ids.map((id, i) => [id, i]));
      }
      this.take(rows, gen);
      this.error = null;
    } catch (e) {
      this.error = e instanceof ApiError ? e : new ApiError('INTERNAL', String(e));
    } finally {
      this.loading = false;
      this.emit();
    }
    this.readDrawn();
  }

  /** After a write or a change of state: the head and the first page again; the rows drawn at once, the rest as drawn. */
  reload(): Promise<void> {
    return this.start();
  }

  /** A drawn row: its page is read unless it is current (asked from the table's render: the call goes out after it). */
  want(i: number) {
    const id = this.ids[i];
    if (id === undefined || this.rowGen.get(id) === this.gen) return;
    const page = Math.floor(i / PAGE_ROWS);
    if (this.failed.has(`${this.gen}:${page * PAGE_ROWS}`)) return;
    this.queued.add(page);
    this.timer ??= setTimeout(() => {
      this.timer = null;
      this.readWanted();
    }, 0);
  }

  private readWanted() {
    if (this.drawnReading || this.queued.size === 0) return;
    const pages = [...this.queued];
    this.queued.clear();
    this.drawnReading = true;
    void Promise.allSettled(pages.map((p) => this.readRange(p * PAGE_ROWS, PAGE_ROWS))).then(() => {
      this.drawnReading = false;
      // pages wanted while it read may have been scrolled past: the rows drawn now say which are wanted still (not
      // the pages just read: a row they did not bring is not asked for again in a loop)
      if (this.drawn) {
        this.queued.clear();
        const justRead = new Set(pages);
        for (const i of this.drawn()) if (!justRead.has(Math.floor(i / PAGE_ROWS))) this.want(i);
      }
      this.readWanted();
    });
  }

  private readDrawn() {
    for (const i of this.drawn?.() ?? []) this.want(i);
  }

  /** Rows top..bottom at hand (read if never read), before a paste, a fill or a copy uses them. */
  async ensureRows(top: number, bottom: number): Promise<void> {
    const ranges: [number, number][] = [];
    for (let i = Math.max(0, top); i <= Math.min(bottom, this.total - 1); i++) {
      if (this.has(i)) continue;
      const last = ranges.at(-1);
      if (last && last[1] === i - 1 && i - last[0] < CHUNK_ROWS) last[1] = i;
      else ranges.push([i, i]);
    }
    await Promise.all(ranges.map(([a, b]) => this.readRange(a, b - a + 1)));
  }

  /** These projects' rows at hand (an undo, or a write, names its rows by id). */
  async ensureIds(ids: number[]): Promise<void> {
    const missing = [...new Set(ids)].filter((id) => !this.rows.has(id) && this.index.has(id));
    for (let i = 0; i < missing.length; i += CHUNK_ROWS) {
      const b = await call('reports:batch', { period: this.period, projectIds: missing.slice(i, i + CHUNK_ROWS) });
      this.take(b.rows, this.gen);
      this.emit();
    }
  }

  /** The ids whose report is 草稿 or 退回, over the whole batch (报送 with nothing ticked). */
  async pendingIds(): Promise<number[]> {
    return (
      (await call('reports:batch', { period: this.period, page: { offset: 0, limit: 1 }, pending: true })).pendingIds ??
      []
    );
  }

  private readRange(offset: number, limit: number): Promise<void> {
    const key = `${offset}:${limit}:${this.gen}`;
    let p = this.inflight.get(key);
    if (!p) {
      p = this.read(offset, limit).finally(() => this.inflight.delete(key));
      this.inflight.set(key, p);
    }
    return p;
  }

  private async read(offset: number, limit: number): Promise<void> {
    const gen = this.gen;
    try {
      const b = await call('reports:batch', { period: this.period, page: { offset, limit } });
      this.take(b.rows, gen);
      this.emit();
    } catch (e) {
      this.failed.add(`${gen}:${offset}`);
      this.error = e instanceof ApiError ? e : new ApiError('INTERNAL', String(e));
      this.emit();
    }
  }

  private take(rows: ReportBatchRow[], gen: number) {
    const fresh = rows.filter((r) => (this.rowGen.get(r.projectId) ?? -1) <= gen);
    for (const r of fresh) {
      this.rows.set(r.projectId, r);
      this.rowGen.set(r.projectId, gen);
    }
    if (fresh.length) this.onRows(fresh);
  }
}

/** Re-renders on every arrival of rows. */
export const useBatchVersion = (pages: BatchPages) => useSyncExternalStore(pages.subscribe, pages.getVersion);
