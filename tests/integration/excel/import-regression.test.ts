// The files the import already handled keep importing exactly as before: every file of the shared corpus, the
// county-style sheet of import.test.ts in all its formats, and the demo's own T2 export. Each goes through the real
// import (excel:importApply) into a fresh ledger; the outcome — projects, sub-projects and total in 分 from
// stats:summary, or a refusal with nothing written — must equal the snapshot recorded from the code before issue 13.
// The snapshot also notes each refusal's reason (encrypted, damaged, no data …) so a re-recording shows what changed,
// but the reason is not compared: its wording and code are corpus-sweep's business (issue 13 itself answers "no
// project rows" with exit 1 instead of 2, and names a real Word file as such).
//
// To re-record after a deliberate change (say why in the commit): RECORD_IMPORT_SNAPSHOT=1 npx vitest run <this file>
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stopParseWorker } from '../../../electron/core/excel/import/read.ts';
import { PARSE_FAILURE_MESSAGES, type ParseFailureKind } from '../../../electron/core/excel/import/sheet-data.ts';
import { rowCounts } from '../../../electron/core/repositories/excel.repository.ts';
import { CORPUS_ROOT, corpusFiles } from '../../helpers/corpus.ts';
import { b64, FORMATS } from '../../helpers/county-sheet.ts';
import { tempCore } from '../../helpers/temp-core.ts';

const SNAPSHOT = join(import.meta.dirname, 'import-regression.snapshot.json');
const RECORD = process.env.RECORD_IMPORT_SNAPSHOT === '1';

type Outcome =
  | { imported: { projects: number; subProjects: number; totalInvestmentFen: number } }
  | { refused: ParseFailureKind | 'VALIDATION' };

afterAll(stopParseWorker);

/** Which of the reader's failure messages a refusal gives (VALIDATION for a row or column problem with its own text). */
function kindOf(message: string): ParseFailureKind | 'VALIDATION' {
  const hit = (Object.entries(PARSE_FAILURE_MESSAGES) as [ParseFailureKind, string][]).find(([, m]) =>
    message.startsWith(m.split('。')[0]!),
  );
  return hit ? hit[0] : 'VALIDATION';
}

async function importOnce(fileName: string, base64: string): Promise<Outcome> {
  const t = await tempCore();
  try {
    await t.ok('app:onboard', { mode: 'empty' });
    const before = rowCounts(t.core.ctx.db);
    const r = await t.call('excel:importApply', { fileName, base64, year: 2017 });
    if (!r.ok) {
      expect(rowCounts(t.core.ctx.db), `${fileName}: nothing written when refused`).toEqual(before);
      return { refused: kindOf(r.error.message) };
    }
    const s = await t.ok('stats:summary', {});
    return { imported: { projects: s.projects, subProjects: s.subProjects, totalInvestmentFen: s.totalInvestmentFen } };
  } finally {
    t.cleanup();
  }
}

async function demoT2(): Promise<{ fileName: string; base64: string }> {
  const t = await tempCore();
  try {
    await t.ok('app:onboard', { mode: 'demo' });
    return await t.ok('excel:export', { template: 'T2', period: '2017-09' });
  } finally {
    t.cleanup();
  }
}

describe('import regression snapshot', () => {
  it(
    'the shared corpus, the county-style sheet in every format and the demo T2 export import exactly as recorded',
    { timeout: 600_000 },
    async () => {
      const results: Record<string, Outcome> = {};
      for (const f of corpusFiles().sort())
        results[`corpus/${f}`] = await importOnce(
          f.split('/')[1]!,
          readFileSync(join(CORPUS_ROOT, f)).toString('base64'),
        );
      for (const [name, bytes] of FORMATS) results[`county-sheet/${name}`] = await importOnce(name, b64(bytes()));
      const t2 = await demoT2();
      results['demo/T2-export.xlsx'] = await importOnce(t2.fileName, t2.base64);

      const outcome = (o: Outcome) => ('imported' in o ? o : { refused: true });
      // one file per line, so a change shows as a one-line diff
      if (RECORD)
        writeFileSync(
          SNAPSHOT,
          `{\n${Object.entries(results)
            .map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)}`)
            .join(',\n')}\n}\n`,
        );
      const recorded = JSON.parse(readFileSync(SNAPSHOT, 'utf8')) as Record<string, Outcome>;
      expect(Object.fromEntries(Object.entries(results).map(([k, o]) => [k, outcome(o)]))).toEqual(
        Object.fromEntries(Object.entries(recorded).map(([k, o]) => [k, outcome(o)])),
      );
    },
  );
});
