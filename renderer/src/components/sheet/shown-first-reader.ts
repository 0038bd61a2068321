/**
 * Reads the data of a windowed grid's rows from the core as the clerk scrolls, the rows in view first.
 *
 * The core answers one call at a time, in the order they came. Asking for every block of rows the window passes over
 * (a drag of the scroll bar to row 8,000 of the 台账 passes 80 of them, PageDown held as many) put the block in view
 * last in that line: the clerk looked at “…” while the core read pages nobody would see. So one read is under way at
 * a time, and when it ends the next one is for the rows in view then; blocks scrolled past and out of view are not
 * read until they are shown again. An action that needs rows (Ctrl+↓ scanning down, a copy, a paste) asks for them
 * with `ensure`, which reads at once.
 */

export interface ShownRowsSource {
  /** the ids of the grid's rows from..to-1, in screen order (fewer past the end) */
  idsIn: (from: number, to: number) => readonly number[];
  /** whether a row's data is at hand */
  has: (id: number) => boolean;
  /** reads these rows' data and keeps it (the grid is drawn again by the caller) */
  read: (ids: number[]) => Promise<void>;
}

export class ShownFirstReader {
  private shown: { from: number; to: number } | null = null;
  private reading = false;
  /** a read failed: no other is tried until the grid shows rows again (a scroll), so a failure does not loop */
  private halted = false;
  /** ids asked for in this order, answered or not (a project deleted meanwhile is not answered, nor asked again) */
  private asked = new Set<number>();
  /** the read each id is on its way in: a second ask for it waits for that one instead of reading it again */
  private underWay = new Map<number, Promise<void>>();

  constructor(
    private readonly source: ShownRowsSource,
    /** rows per read as the clerk scrolls: the window's rows are read with the rest of their block */
    private readonly block: number,
    /** the most ids one call may carry (the contract's limit), for `ensure` */
    private readonly most: number,
    private readonly onError: (e: Error) => void,
  ) {}

  /** The grid drew rows from..to-1: they are read next, whatever was in view before and is no longer. */
  show(from: number, to: number): void {
    this.shown = { from, to };
    this.halted = false;
    this.readNext();
  }

  /** A new order, or the data held was dropped: every row may be read again. */
  reset(): void {
    this.asked = new Set();
  }

  /** Rows from..to-1 at hand before an action uses them: those missing are read now, in calls of `most` ids. */
  async ensure(from: number, to: number): Promise<void> {
    const missing = this.source.idsIn(from, to).filter((id) => !this.source.has(id));
    const waits = new Set(missing.flatMap((id) => this.underWay.get(id) ?? []));
    const ids = missing.filter((id) => !this.underWay.has(id));
    // one call after another: a read for the rows in view gets its turn at the core between them
    for (let i = 0; i < ids.length; i += this.most) {
      const some = ids.slice(i, i + this.most);
      for (const id of some) this.asked.add(id);
      await this.read(some);
    }
    // rows on their way in another read: their failure is that read's to tell (the caller finds them missing)
    await Promise.allSettled(waits);
  }

  private read(ids: number[]): Promise<void> {
    const p = this.source.read(ids);
    for (const id of ids) this.underWay.set(id, p);
    const done = () => {
      for (const id of ids) if (this.underWay.get(id) === p) this.underWay.delete(id);
    };
    p.then(done, done);
    return p;
  }

  private readNext(): void {
    if (this.reading || this.halted || !this.shown) return;
    const from = Math.floor(this.shown.from / this.block) * this.block;
    const to = Math.ceil(this.shown.to / this.block) * this.block;
    const asked = this.asked;
    const ids = this.source
      .idsIn(from, to)
      .filter((id) => !this.source.has(id) && !asked.has(id))
      .slice(0, this.most);
    if (ids.length === 0) return;
    for (const id of ids) asked.add(id);
    this.reading = true;
    this.read(ids).then(
      () => {
        this.reading = false;
        this.readNext();
      },
      (e: Error) => {
        this.reading = false;
        this.halted = true;
        for (const id of ids) asked.delete(id);
        this.onError(e);
      },
    );
  }
}
