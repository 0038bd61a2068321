/**
 * The reading of a windowed grid's rows (components/sheet/shown-first-reader.ts): one read at a time, the next for the
 * rows in view when it ends, so a jump down the scroll bar does not wait behind the blocks it passed over.
 */
import { describe, expect, it } from 'vitest';
import { ShownFirstReader } from '../../renderer/src/components/sheet/shown-first-reader.ts';

/** 10,000 rows with ids 1…10,000; each read waits until the test answers it (or fails it). */
function setUp(total = 10_000) {
  const ids = Array.from({ length: total }, (_, i) => i + 1);
  const held = new Set<number>();
  const reads: { ids: number[]; answer: (missing?: number[]) => void; fail: () => void }[] = [];
  const errors: string[] = [];
  const reader = new ShownFirstReader(
    {
      idsIn: (from, to) => ids.slice(from, to),
      has: (id) => held.has(id),
      read: (asked) =>
        new Promise<void>((resolve, reject) => {
          reads.push({
            ids: asked,
            answer: (missing = []) => {
              for (const id of asked) if (!missing.includes(id)) held.add(id);
              resolve();
            },
            fail: () => reject(new Error('读取失败')),
          });
        }),
    },
    100,
    500,
    (e) => errors.push(e.message),
  );
  const settle = () => new Promise((r) => setTimeout(r, 0));
  const span = (r: { ids: number[] }) => [r.ids[0], r.ids.at(-1)];
  return { reader, reads, held, errors, settle, span };
}

describe('ShownFirstReader', () => {
  it('reads the blocks in view; a jump waits for the one read under way, then reads where the window is', async () => {
    const { reader, reads, settle, span } = setUp();
    reader.show(0, 30);
    expect(reads.map(span)).toEqual([[1, 100]]);
    // the scroll bar dragged down to row 8,000 while that read is under way: nothing more is asked meanwhile
    for (let row = 200; row <= 7800; row += 200) reader.show(row, row + 30);
    reader.show(7996, 8026);
    expect(reads).toHaveLength(1);
    reads[0]!.answer();
    await settle();
    // the next read is the window's blocks (rows 7,996…8,025 touch two), not the 79 passed over
    expect(reads.map(span)).toEqual([
      [1, 100],
      [7901, 8100],
    ]);
    reads[1]!.answer();
    await settle();
    expect(reads).toHaveLength(2);
    // scrolling on a little finds the rows read; the next block is read when it comes into view
    reader.show(8050, 8080);
    expect(reads).toHaveLength(2);
    reader.show(8090, 8120);
    expect(reads.map(span).at(-1)).toEqual([8101, 8200]);
  });

  it('a failed read is told once and tried again when rows are shown again; a row not answered is not asked again', async () => {
    const { reader, reads, errors, settle, span } = setUp();
    reader.show(0, 30);
    reads[0]!.fail();
    await settle();
    expect(errors).toEqual(['读取失败']);
    expect(reads).toHaveLength(1);
    reader.show(0, 30);
    expect(reads.map(span)).toEqual([
      [1, 100],
      [1, 100],
    ]);
    // project 7 was deleted meanwhile: the core answers the others, and 7 is not asked for again and again
    reads[1]!.answer([7]);
    await settle();
    reader.show(0, 30);
    expect(reads).toHaveLength(2);
    // a new order may hold it again
    reader.reset();
    reader.show(0, 30);
    expect(reads.map(span).at(-1)).toEqual([7, 7]);
  });

  it('ensure reads the rows an action needs now, in calls of at most 500 ids, skipping those at hand', async () => {
    const { reader, reads, held, span } = setUp();
    for (let id = 1; id <= 50; id++) held.add(id);
    const done = reader.ensure(0, 1200);
    const answered = (async () => {
      for (let i = 0; i < 3; i++) {
        while (reads.length <= i) await new Promise((r) => setTimeout(r, 0));
        reads[i]!.answer();
      }
    })();
    await Promise.all([done, answered]);
    expect(reads.map(span)).toEqual([
      [51, 550],
      [551, 1050],
      [1051, 1200],
    ]);
  });

  it('ensure does not read again the rows already on their way in the read of the rows in view: it waits for it', async () => {
    const { reader, reads, held, settle, span } = setUp();
    reader.show(0, 30);
    let done = false;
    const ensured = reader.ensure(0, 300).then(() => (done = true));
    await settle();
    expect(reads.map(span)).toEqual([
      [1, 100],
      [101, 300],
    ]);
    reads[1]!.answer();
    await settle();
    expect(done).toBe(false); // rows 1…100 are still on their way
    reads[0]!.answer();
    await ensured;
    expect(held.size).toBe(300);
  });
});
