// ExcelJS, JSZip and SheetJS cost the core some 45 MB the moment they are imported; most sessions never export or
// read a file (excel/libraries.ts loads them on first use). pinyin-pro costs some 15 MB and is needed only to make a
// project's search key (search-key.ts loads it then). The collection kit and the data package had come to
// import ExcelJS and JSZip at the top again: the core's modules alone grew from 93 to 108 MB and a county ledger's
// core went past its 250 MB budget. Only the parse worker's own modules may import them directly.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../electron/core');
const SHARED = join(import.meta.dirname, '../../shared');
const WORKER_SIDE = new Set(['excel/import/parse-core.ts', 'excel/import/astral-refs.ts']);

function* sources(dir: string): Generator<string> {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* sources(p);
    else if (e.name.endsWith('.ts')) yield p;
  }
}

it('the core imports the spreadsheet libraries only through excel/libraries.ts (the parse worker aside)', () => {
  const eager = [...sources(ROOT)]
    .map((f) => relative(ROOT, f))
    .filter((f) => !WORKER_SIDE.has(f))
    .filter((f) => /^import (?!type\b)[^;]* from '(exceljs|jszip|xlsx)'/m.test(readFileSync(join(ROOT, f), 'utf8')));
  expect(eager).toEqual([]);
});

it('pinyin-pro is loaded only where a search key is made, on first use', () => {
  const eager = [...sources(ROOT), ...sources(SHARED)].filter((f) =>
    /^import (?!type\b)[^;]* from 'pinyin-pro'/m.test(readFileSync(f, 'utf8')),
  );
  expect(eager).toEqual([]);
});
