// Real-layout county and town sheets (tests/fixtures/real-layouts, issue 13) through the CLI as a county's IT person
// runs it: `import FILE --dry-run --json`, then the real import, then `stats --json`, each against a fresh ledger.
// The expected figures were worked out from the sheets themselves (see the README beside them), not from the app.
import { existsSync, readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import * as cptable from 'xlsx/dist/cpexcel.full.mjs';
import { cli } from '../../helpers/run-cli.ts';
import { stopParseWorker } from '../../../electron/core/excel/import/read.ts';
import { cleanupAll, tempDbFile } from '../../helpers/temp-core.ts';

XLSX.set_cptable(cptable);

const DIR = resolve(import.meta.dirname, '../../fixtures/real-layouts');

interface TotalCheck {
  sheet: string;
  row: number;
  fileFen: number;
  sumFen: number;
}
interface Expected {
  projects: number;
  subProjects: number;
  totalInvestmentFen: number;
  year: number;
  unit: string;
  missingFields: string[];
  totalsChecked: TotalCheck[];
  /** top-level project name → names of its sub-projects (not part of the CLI report; checked in the ledger) */
  projectNames: Record<string, string[]>;
}
type Entry = Expected | { refused: true; exitCode: number };

const EXPECTED = JSON.parse(readFileSync(join(DIR, 'expected.json'), 'utf8')) as Record<string, Entry>;
const importable = Object.entries(EXPECTED).filter((e): e is [string, Expected] => !('refused' in e[1]));
const refused = Object.entries(EXPECTED)
  .filter(([, e]) => 'refused' in e)
  .map(([f]) => f);

afterEach(cleanupAll);
afterAll(stopParseWorker);

/** `--json` prints exactly one JSON document on stdout and nothing else. */
function oneJson(
  { out, err, code }: { out: string; err: string; code: number },
  what: string,
): Record<string, unknown> {
  expect(out.trim(), `${what}: stdout (exit ${code}; stderr: ${err.slice(0, 300)})`).not.toBe('');
  let doc: unknown;
  expect(() => (doc = JSON.parse(out)), `${what}: stdout is one JSON document:\n${out.slice(0, 300)}`).not.toThrow();
  expect(doc, what).toBeTypeOf('object');
  return doc as Record<string, unknown>;
}

/** The fields the CLI contract promises for an import report, in a comparable form. */
function contractFields(r: Record<string, unknown>) {
  return {
    projects: r.projects,
    subProjects: r.subProjects,
    totalInvestmentFen: r.totalInvestmentFen,
    year: r.year,
    unit: r.unit,
    missingFields: Array.isArray(r.missingFields) ? [...(r.missingFields as string[])].sort() : r.missingFields,
    totalsChecked: Array.isArray(r.totalsChecked)
      ? (r.totalsChecked as TotalCheck[]).map(({ sheet, row, fileFen, sumFen }) => ({ sheet, row, fileFen, sumFen }))
      : r.totalsChecked,
    errors: r.errors,
  };
}

const UNIT_DIGITS: Record<string, number> = { 元: 2, 万元: 6, 亿元: 10 };
/** A cell's decimal text in the file's unit → 分, exactly (string digits, no floating point); null if not a number. */
function fenOf(text: string, unit: string): number | null {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(text.replace(/,/g, ''));
  const digits = UNIT_DIGITS[unit]!;
  if (!m || (m[2] ?? '').length > digits) return null;
  return Number(`${m[1]}${(m[2] ?? '').padEnd(digits, '0')}`);
}

const wanted = ({ projectNames: _names, ...e }: Expected) => ({
  ...e,
  missingFields: [...e.missingFields].sort(),
  errors: [],
});

/** The ledger's projects as top-level name → sorted sub-project names, read straight from the SQLite file. */
function ledgerNames(db: string): Record<string, string[]> {
  const sqlite = new Database(db, { readonly: true });
  try {
    const rows = sqlite
      .prepare(
        'SELECT p.name AS name, parent.name AS parent FROM project p LEFT JOIN project parent ON parent.id = p.parent_id',
      )
      .all() as { name: string; parent: string | null }[];
    const out: Record<string, string[]> = {};
    for (const r of rows) if (r.parent === null) out[r.name] = [];
    for (const r of rows) if (r.parent !== null) (out[r.parent] ??= []).push(r.name);
    for (const k of Object.keys(out)) out[k]!.sort();
    return out;
  } finally {
    sqlite.close();
  }
}
const sortedNames = (n: Record<string, string[]>) =>
  Object.fromEntries(Object.entries(n).map(([k, v]) => [k, [...v].sort()]));

describe('the fixtures themselves (read with SheetJS, independent of the import)', () => {
  it('has every file of expected.json, and each checked total row states the figure expected.json gives', () => {
    expect(importable.length).toBeGreaterThanOrEqual(8);
    expect(refused.length).toBe(1);
    for (const [file, e] of importable) {
      const bytes = readFileSync(join(DIR, file));
      const wb = file.endsWith('.csv')
        ? XLSX.read(bytes, { type: 'buffer', codepage: 936, raw: true })
        : XLSX.read(bytes, { type: 'buffer' });
      for (const c of e.totalsChecked) {
        const ws = wb.Sheets[file.endsWith('.csv') ? wb.SheetNames[0]! : c.sheet];
        expect(ws, `${file}: sheet ${c.sheet}`).toBeDefined();
        const rows = XLSX.utils.sheet_to_json<unknown[]>(ws!, { header: 1, blankrows: true, raw: true, defval: null });
        const texts = (rows[c.row - 1] ?? []).map((v) => String(v ?? ''));
        expect(texts.join('|'), `${file} row ${c.row}`).toMatch(/合计|总计|小计|^一、|^二、/);
        expect(
          texts.map((t) => fenOf(t, e.unit)),
          `${file} row ${c.row}: ${texts.join('|')}`,
        ).toContain(c.fileFen);
      }
    }
    // the one deliberate difference
    const diffs = importable.flatMap(([f, e]) =>
      e.totalsChecked.filter((c) => c.fileFen !== c.sumFen).map((c) => `${f}:${c.row}`),
    );
    expect(diffs).toEqual(['石门镇重点项目进展情况表（2019年1-6月）.xlsx:5']);
  });
});

describe('import of real-layout sheets (CLI, fresh ledger each)', () => {
  for (const [file, e] of importable) {
    it(`${file}: --dry-run --json reports the exact projects, total, year, unit, missing fields and 合计 checks; writes nothing`, async () => {
      const db = tempDbFile();
      const dry = await cli('import', join(DIR, file), '--dry-run', '--json', '--db', db);
      expect(dry.err, `${file}: timing notes go to a log, not beside the JSON`).not.toContain('慢调用');
      const report = oneJson(dry, `${file} --dry-run`);
      expect(contractFields(report)).toEqual(wanted(e));
      expect(dry.code, `${file}: exit code; stderr: ${dry.err}`).toBe(0);
      // Not even the ledger the file was read against is left at the new path.
      expect(existsSync(db)).toBe(false);
    });

    it(`${file}: the real import reports the same, stats --json agrees, and the ledger holds exactly the file's projects`, async () => {
      const db = tempDbFile();
      const real = await cli('import', join(DIR, file), '--json', '--db', db);
      const report = oneJson(real, `${file} import`);
      expect(contractFields(report)).toEqual(wanted(e));
      expect(real.code, `${file}: exit code; stderr: ${real.err}`).toBe(0);
      const s = await cli('stats', '--json', '--db', db);
      expect(s.code).toBe(0);
      const stats = oneJson(s, 'stats');
      expect({
        projects: stats.projects,
        subProjects: stats.subProjects,
        totalInvestmentFen: stats.totalInvestmentFen,
      }).toEqual({ projects: e.projects, subProjects: e.subProjects, totalInvestmentFen: e.totalInvestmentFen });
      // the right rows became projects, and each sub-project hangs under its own parent
      expect(ledgerNames(db)).toEqual(sortedNames(e.projectNames));
      // The same file again, updating what it matches: every project is left as it was, and the report says so.
      const again = oneJson(
        await cli('import', join(DIR, file), '--duplicates', 'update', '--json', '--db', db),
        'again',
      );
      expect({ created: again.created, updated: again.updated, unchanged: again.unchanged }).toEqual({
        created: 0,
        updated: e.projects + e.subProjects,
        unchanged: e.projects + e.subProjects,
      });
    });
  }

  for (const file of refused) {
    it(`${file}: a sheet with no project rows is refused with exit 1 and a Chinese reason; nothing written`, async () => {
      const db = tempDbFile();
      for (const dryRun of [true, false]) {
        const r = await cli('import', join(DIR, file), ...(dryRun ? ['--dry-run'] : []), '--json', '--db', db);
        expect(r.code, `${dryRun ? 'dry run' : 'import'}; stderr: ${r.err}`).toBe(
          (EXPECTED[file] as { exitCode: number }).exitCode,
        );
        expect(r.err, 'a Chinese reason on stderr').toMatch(/[\u4e00-\u9fff]/);
        if (r.out.trim() !== '') oneJson(r, `${file} refused`);
      }
      expect(existsSync(db), 'no ledger left at the new path').toBe(false);
    });
  }
});
