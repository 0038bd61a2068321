/**
 * A fresh core on the 蒲州镇 demo data for every test of a file, logged in as the sample's 审核人, with the raw
 * connection and a project-id-by-code lookup for writes the tests make behind the services' back.
 */
import type Database from 'better-sqlite3';
import { afterEach, beforeEach } from 'vitest';
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
