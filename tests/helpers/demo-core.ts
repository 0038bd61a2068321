/**
 * A fresh core on the 蒲州镇 demo data for every test of a file, logged in as the sample's 审核人, with the raw
 * connection and a project-id-by-code lookup for writes the tests make behind the services' back.
 */
import type Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { tempCore, type TempCore } from './temp-core.ts';

export interface DemoCore {
  /** the current test's core (a new one per test) */
  readonly t: TempCore;
  sql(): Database.Database;
  idOf(code: string): number;
}

export function useDemoCore(): DemoCore {
  let t: TempCore;
  beforeEach(async () => {
    t = await tempCore({ role: '审核人', operator: '周志强' });
    await t.ok('app:onboard', { mode: 'demo' });
  });
  afterEach(() => t.cleanup());
  const sql = () => t.core.ctx.db.sqlite;
  return {
    get t() {
      return t;
    },
    sql,
    idOf: (code) => (sql().prepare('SELECT id FROM project WHERE code = ?').get(code) as { id: number }).id,
  };
}

/**
 * One core on the 蒲州镇 demo data for the whole file (as the local 录入员), for files whose tests only read, and
 * `saved` writes a channel's base64 output into its folder for an outside reader (openpyxl, pdfinfo).
 */
export function useSampleCoreOnce(): { readonly t: TempCore; saved(name: string, base64: string): string } {
  let t: TempCore;
  beforeAll(async () => {
    t = await tempCore();
    await t.ok('app:onboard', { mode: 'demo' });
  });
  afterAll(() => t?.cleanup());
  return {
    get t() {
      return t;
    },
    saved(name, base64) {
      const file = join(t.dir, name);
      writeFileSync(file, Buffer.from(base64, 'base64'));
      return file;
    },
  };
}
