// @vitest-environment happy-dom
/** The renderer's pure helpers that the node-side sheet tests (tests/unit/sheet*.test.ts) do not already cover. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { firstMissing } from '../../renderer/src/components/sheet/use-sheet.ts';
import { downloadBase64, downloadBlob, fileToBase64 } from '../../renderer/src/lib/files.ts';
import { visibleRows } from '../../renderer/src/features/ledger/ledger-view.ts';
import { formatSize } from '../../renderer/src/features/safety/BackupTable.tsx';
import { vocabOptions } from '../../renderer/src/lib/options.ts';
import { columnWidthPx, textWidthPx } from '../../renderer/src/lib/text-width.ts';
import { PROJECT_STATUSES } from '../../shared/domain/vocab.ts';

afterEach(() => vi.restoreAllMocks());

describe('vocabOptions', () => {
  it('makes each word both value and label, in order', () => {
    expect(vocabOptions(['在建', '已完工'])).toEqual([
      { value: '在建', label: '在建' },
      { value: '已完工', label: '已完工' },
    ]);
    expect(vocabOptions(PROJECT_STATUSES).map((o) => o.value)).toEqual([...PROJECT_STATUSES]);
  });
});

describe('backup sizes', () => {
  it('as they are: an empty backup reads 0 字节 (not 1 KB), under 1 KB in bytes, then KB and MB', () => {
    expect(formatSize(0)).toBe('0 字节');
    expect(formatSize(512)).toBe('512 字节');
    expect(formatSize(1023)).toBe('1023 字节');
    expect(formatSize(557_056)).toBe('544 KB');
    expect(formatSize(5 * 1024 * 1024)).toBe('5.0 MB');
  });
});

describe('text widths', () => {
  it('a longer text is never narrower, and a column keeps its bounds with the padding added', () => {
    expect(textWidthPx('乡村道路硬化工程')).toBeGreaterThan(textWidthPx('道路'));
    const longest = textWidthPx('乡村道路硬化工程', getComputedStyle(document.body).font);
    expect(columnWidthPx(['道路', '乡村道路硬化工程', null, undefined, ''], { min: 10, max: 1000 })).toBe(
      longest + 16 + 5,
    );
    expect(columnWidthPx(['道路'], { min: 10, max: 1000, paddingPx: 0 })).toBe(textWidthPx('道路') + 5);
    expect(columnWidthPx([], { min: 80, max: 200 })).toBe(80);
    expect(columnWidthPx(['乡村道路硬化工程'.repeat(20)], { min: 80, max: 200 })).toBe(200);
  });
});

describe('files: a picked file as base64, bytes offered as a download', () => {
  it('reads every byte of a file larger than one chunk (0x8000) as base64, including the high ones', async () => {
    const bytes = new Uint8Array(0x8000 * 2 + 123).map((_, i) => (i * 37) % 256);
    const b64 = await fileToBase64(new File([bytes], '台账.xlsx'));
    expect(Buffer.from(b64, 'base64').equals(Buffer.from(bytes))).toBe(true);
  });

  it('downloads under the given name with the bytes decoded from base64, and lets the URL go afterwards', async () => {
    vi.useFakeTimers();
    const blobs: Blob[] = [];
    const clicked: { download: string; href: string }[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => {
      blobs.push(b as Blob);
      return `blob:test/${blobs.length}`;
    });
    const revoke = vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push({ download: this.download, href: this.href });
    });
    const content = Buffer.from('项目编号,项目名称\r\nXM-001,乡村道路硬化\r\n', 'utf8');
    downloadBase64('台账导出.csv', content.toString('base64'), 'text/csv');
    expect(clicked).toEqual([{ download: '台账导出.csv', href: 'blob:test/1' }]);
    expect(blobs[0]!.type).toBe('text/csv');
    expect(Buffer.from(await blobs[0]!.arrayBuffer()).equals(content)).toBe(true);
    expect(document.querySelector('a')).toBeNull(); // the link is taken away again
    expect(revoke).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1000);
    expect(revoke).toHaveBeenCalledWith('blob:test/1');
    downloadBlob('简报.pdf', new Blob(['%PDF'], { type: 'application/pdf' }));
    expect(clicked[1]!.download).toBe('简报.pdf');
    expect(blobs[1]!.type).toBe('application/pdf');
    vi.useRealTimers();
  });
});

describe('visibleRows: the ledger tree with collapsed branches', () => {
  // 1 ├ 2 │ └ 3 ├ 4 5 ├ 6
  const order = { ids: [1, 2, 3, 4, 5, 6], depths: [0, 1, 2, 1, 0, 1] };
  it('shows every row with its position and whether it has children', () => {
    expect(visibleRows(order, new Set())).toEqual([
      { id: 1, pos: 0, depth: 0, hasChildren: true },
      { id: 2, pos: 1, depth: 1, hasChildren: true },
      { id: 3, pos: 2, depth: 2, hasChildren: false },
      { id: 4, pos: 3, depth: 1, hasChildren: false },
      { id: 5, pos: 4, depth: 0, hasChildren: true },
      { id: 6, pos: 5, depth: 1, hasChildren: false },
    ]);
  });
  it('hides the descendants of a collapsed row, keeping positions in the full order; a leaf cannot collapse', () => {
    expect(visibleRows(order, new Set([2])).map((r) => [r.id, r.pos])).toEqual([
      [1, 0],
      [2, 1],
      [4, 3],
      [5, 4],
      [6, 5],
    ]);
    expect(visibleRows(order, new Set([1, 6])).map((r) => r.id)).toEqual([1, 5, 6]);
    expect(visibleRows({ ids: [], depths: [] }, new Set([1]))).toEqual([]);
  });
});

describe('firstMissing: rows a paged sheet has not read yet', () => {
  it('is -1 for a sheet holding all its rows, else the first row of the range not at hand', () => {
    expect(firstMissing({}, 0, 100)).toBe(-1);
    const has = (r: number) => r < 30 || r >= 60;
    expect(firstMissing({ has }, 0, 29)).toBe(-1);
    expect(firstMissing({ has }, 10, 70)).toBe(30);
    expect(firstMissing({ has }, 45, 50)).toBe(45);
  });
});
