// A bulk import seals the rows it adds in one pass at the end of each run of new projects (withDeferredSeals),
// not by the per-row triggers. This proves the result is the same thing: the same file imported into two copies
// of one ledger (same seal key), once in bulk and once row by row (deferSealsFrom: Infinity), leaves identical
// seals, seal totals, change-log chain, figure-journal position and projects marked written — for an import of new projects and for a mixed one
// (updates of existing projects between runs of new ones); a full re-seal changes nothing; verify is clean; and
// an edit made afterwards with another connection to a bulk-sealed row is still found and named. The ledger grid's
// write watch (temporary triggers, set aside during a run and stamped at its end) is left as row by row leaves it,
// and every trigger set aside — the ledger file's and the connection's temporary ones — is back as it was.
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { anchorPath, sealEverything, sealKeyOf, withDeferredSeals } from '../../../electron/core/audit/row-seal.ts';
import { verifyLedgerAudit } from '../../../electron/core/audit/verify-ledger.ts';
import { stopParseWorker } from '../../../electron/core/excel/import/read.ts';
import { createCore, type Core } from '../../../electron/core/index.ts';
import { GRID_TABLES } from '../../../electron/core/repositories/project.repository.ts';
import { withDeferredWatches, writeStamp } from '../../../electron/core/repositories/write-watch.repository.ts';
import { importApply } from '../../../electron/core/services/excel-import.service.ts';
import { tempCore, type TempCore } from '../../helpers/temp-core.ts';

type Row = [number, string, number, number | null];

/** A county-style sheet (title, 单位 row, two-row header with 资金来源 split) of the given projects. */
function sheet(rows: Row[]): string {
  const aoa: (string | number | null)[][] = [
    ['某某镇2017年重点项目清单', null, null, null, null, null, null, null],
    ['单位：万元', null, null, null, null, null, null, null],
    ['序号', '工程名称', '建设地点', '建设内容', '计划总投资', '资金来源', null, '责任单位'],
    [null, null, null, null, null, '上级补助', '镇级自筹', null],
    ...rows.map(([seq, name, totalWan, grantWan]) => [
      seq,
      name,
      '镇区',
      `${name}的建设内容`,
      totalWan,
      grantWan,
      grantWan === null ? null : totalWan - grantWan,
      seq % 3 === 0 ? null : `城建办、${['财政所', '水利站', '交通站'][seq % 3]}`,
    ]),
  ];
  const ws = XLSX.utils.aoa_to_sheet(aoa);
  ws['!merges'] = ['A3:A4', 'B3:B4', 'C3:C4', 'D3:D4', 'E3:E4', 'F3:G3', 'H3:H4'].map((r) =>
    XLSX.utils.decode_range(r),
  );
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, '项目清单');
  return (XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer).toString('base64');
}

const project = (i: number, totalWan = 100 + i): Row => [
  i,
  `测试工程${i}号`,
  totalWan,
  i % 4 === 0 ? null : Math.floor(totalWan / 2),
];
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, k) => from + k);

/** Everything the seals, the chain and the figure journal leave behind, as text. */
function auditState(core: Core) {
  const s = core.ctx.db.sqlite;
  const all = (sql: string) =>
    (s.prepare(sql).raw(true).safeIntegers(true).all() as unknown[][]).map((r) => r.map(String).join('|'));
  return {
    seals: all('SELECT tbl, rk, mac FROM row_seal ORDER BY tbl, rk'),
    totals: all('SELECT tbl, n, x FROM seal_state ORDER BY tbl'),
    chain: all('SELECT id, prev_hash, hash FROM change_log ORDER BY id'),
    // The figure journal: its position, and the projects marked written after the position before the import (what
    // a reader asks; row by row each project is marked at its own last write, in bulk all at the run's end).
    journal: [
      ...all('SELECT n FROM derived_seq'),
      ...all(`SELECT project_id FROM derived_written WHERE seq > ${journalBefore.get(core) ?? 0} ORDER BY project_id`),
    ],
    projects: all('SELECT id, name, total_fen, updated_at FROM project ORDER BY id'),
    funding: all('SELECT id, project_id, source, amount_fen FROM funding_plan ORDER BY id'),
    orgs: all('SELECT project_id, org_id FROM project_org ORDER BY project_id, org_id'),
    // the ledger grid's watch: its count, and the projects it saw written after the count before the import
    watch: [
      ...all('SELECT n FROM temp.grid_seq'),
      ...all(`SELECT id FROM temp.grid_written WHERE seq > ${watchBefore.get(core) ?? 0} ORDER BY id`),
    ],
  };
}

/** Every trigger of the ledger file and of the connection, as created. */
const triggers = (core: Core) =>
  core.ctx.db.sqlite
    .prepare(
      `SELECT 'main', name, sql FROM main.sqlite_master WHERE type = 'trigger'
       UNION ALL SELECT 'temp', name, sql FROM temp.sqlite_master WHERE type = 'trigger' ORDER BY 1, 2`,
    )
    .raw(true)
    .all() as [string, string, string][];

let bulk: TempCore;
let rowByRow: Core;

beforeAll(async () => {
  bulk = await tempCore({ autoBackup: false });
  bulk.core.close();
  // A copy of the same empty ledger, its anchor (the seal key) included: both seal alike.
  const copy = join(bulk.dir, 'row-by-row.db');
  copyFileSync(bulk.file, copy);
  copyFileSync(anchorPath(bulk.file), anchorPath(copy));
  await bulk.reopen();
  rowByRow = await createCore({
    dbPath: copy,
    now: () => new Date('2017-10-08T09:00:00+08:00'),
    operator: '测试员',
    role: '录入员',
    log: () => {},
    autoBackup: false,
  });
});

afterAll(async () => {
  rowByRow?.close();
  bulk?.cleanup();
  await stopParseWorker();
});

/** Where each ledger's figure journal and grid watch stood before the last import. */
const journalBefore = new Map<Core, number>();
const watchBefore = new Map<Core, number>();

const both = async (base64: string, duplicates: 'skip' | 'update') => {
  const input = { fileName: '项目清单.xlsx', base64, duplicates, year: 2017 } as const;
  for (const core of [bulk.core, rowByRow]) {
    journalBefore.set(core, core.ctx.db.sqlite.prepare('SELECT n FROM derived_seq').pluck().get() as number);
    // the ledger grid watches this connection's writes once it has been shown
    watchBefore.set(core, writeStamp(core.ctx.db, 'grid', GRID_TABLES).writes);
  }
  const a = await importApply(bulk.core.ctx, input);
  const b = await importApply(rowByRow.ctx, input, { deferSealsFrom: Infinity });
  expect({ ...a, backupFile: null }).toEqual({ ...b, backupFile: null });
  return a;
};

describe('bulk import: seals made in one pass equal the per-row triggers', () => {
  it('120 new projects: same seals, totals, chain and journal as row by row; verify clean; a full re-seal changes nothing', async () => {
    const schema = () =>
      bulk.core.ctx.db.sqlite.prepare(`SELECT type, name, sql FROM sqlite_master ORDER BY name`).all();
    const schemaBefore = schema();
    writeStamp(bulk.core.ctx.db, 'grid', GRID_TABLES);
    const triggersBefore = triggers(bulk.core);
    expect(triggersBefore.filter(([schema]) => schema === 'temp').length).toBeGreaterThan(10); // seals and watch
    const r = await both(sheet(range(1, 120).map((i) => project(i))), 'skip');
    expect(r.created).toBe(120);
    const a = auditState(bulk.core);
    expect(a.projects).toHaveLength(120);
    expect(a.funding.length).toBeGreaterThan(120);
    expect(a.orgs.length).toBe(160);
    expect(a.seals.length).toBeGreaterThan(250);
    expect(a).toEqual(auditState(rowByRow));
    expect(a.journal).toHaveLength(1 + 1 + 120); // the position, project 0 (units the import added), the 120 projects
    expect(a.watch).toHaveLength(1 + 120); // the count, the 120 projects
    // The journal's, seals' and watch's triggers, set aside during the run, are back as they were.
    expect(schema()).toEqual(schemaBefore);
    expect(triggers(bulk.core)).toEqual(triggersBefore);
    for (const core of [bulk.core, rowByRow]) {
      const v = verifyLedgerAudit(core.ctx.db);
      expect(v.ok, v.message).toBe(true);
      expect(v.seals.checked).toBe(a.seals.length);
    }
    // Recomputed from scratch, every seal and total is what the bulk pass wrote.
    const key = sealKeyOf(bulk.core.ctx.db.sqlite)!;
    sealEverything(bulk.core.ctx.db.sqlite, key);
    expect(auditState(bulk.core)).toEqual(a);
  });

  it('a mixed import (updates of existing projects around runs of new ones, long and short) stays identical', async () => {
    const rows = [
      ...range(1, 10).map((i) => project(i, 500 + i)), // updates
      ...range(121, 170).map((i) => project(i)), // 50 new: sealed in one pass
      ...range(11, 15).map((i) => project(i, 700 + i)), // updates
      ...range(171, 180).map((i) => project(i)), // 10 new: row by row
    ];
    const r = await both(sheet(rows), 'update');
    expect(r).toMatchObject({ created: 60, updated: 15 });
    const a = auditState(bulk.core);
    expect(a.projects).toHaveLength(180);
    expect(a).toEqual(auditState(rowByRow));
    const v = verifyLedgerAudit(bulk.core.ctx.db);
    expect(v.ok, v.message).toBe(true);
  });

  it('the same sheet imported again with 更新 rewrites nothing but what moved: no row, seal or journal mark for the rest', async () => {
    const core = bulk.core;
    const s = core.ctx.db.sqlite;
    const importAgain = async (totalOf3: number) => {
      journalBefore.set(core, s.prepare('SELECT n FROM derived_seq').pluck().get() as number);
      watchBefore.set(core, writeStamp(core.ctx.db, 'grid', GRID_TABLES).writes);
      const rows = range(1, 10).map((i) => project(i, i === 3 ? totalOf3 : 500 + i)); // as the mixed import left them
      const r = await importApply(core.ctx, {
        fileName: '项目清单.xlsx',
        base64: sheet(rows),
        duplicates: 'update',
        year: 2017,
      });
      expect(r).toMatchObject({ created: 0, updated: 10 });
    };
    const before = auditState(core);
    await importAgain(503);
    const same = auditState(core);
    // The change log gains the import's own line only; projects (their 更新时间 too), units, plans, seals, the figure
    // journal and the grid's watch are as they were.
    expect(same.chain).toHaveLength(before.chain.length + 1);
    expect(s.prepare('SELECT action, entity FROM change_log ORDER BY id DESC LIMIT 1').get()).toEqual({
      action: '导入',
      entity: 'import',
    });
    expect({ ...same, chain: [], journal: same.journal.slice(1), watch: same.watch.slice(1) }).toEqual({
      ...before,
      chain: [],
      journal: [],
      watch: [],
    });
    // One project's 总投资 moved: that project alone is written, logged and marked.
    await importAgain(900);
    const moved = auditState(core);
    const id3 = String(s.prepare(`SELECT id FROM project WHERE name = '测试工程3号'`).pluck().get());
    expect(moved.journal.slice(1)).toEqual([id3]);
    expect(moved.watch.slice(1)).toEqual([id3]);
    expect(
      s
        .prepare(`SELECT field, old_value, new_value FROM change_log WHERE project_id = ? ORDER BY id DESC LIMIT 1`)
        .get(id3),
    ).toEqual({ field: 'totalWan', old_value: '503.00万元', new_value: '900.00万元' });
    expect(moved.projects.filter((p) => !same.projects.includes(p)).map((p) => p.split('|')[0])).toEqual([id3]);
    const v = verifyLedgerAudit(core.ctx.db);
    expect(v.ok, v.message).toBe(true);
  });

  it('a bulk write that promised units only for its new projects, and adds one to an older project, is refused whole', () => {
    const { db } = bulk.core.ctx;
    const s = db.sqlite;
    const before = auditState(bulk.core);
    const triggersBefore = triggers(bulk.core);
    const older = s.prepare('SELECT min(id) FROM project').pluck().get() as number;
    const addUnit = () => {
      const org = s.prepare(`INSERT INTO org_unit (name, sort) VALUES ('新增单位', 0)`).run().lastInsertRowid;
      s.prepare('INSERT INTO project_org (project_id, org_id) VALUES (?, ?)').run(older, org);
    };
    const tables = ['project', 'project_org'];
    // the seals' side and the watch's side each refuse it (their insert triggers were set aside on that promise)
    expect(() => db.tx(() => withDeferredSeals(s, tables, addUnit, { newParentsOnly: true }))).toThrow(
      '本次写入已撤销',
    );
    expect(() => db.tx(() => withDeferredWatches(db, tables, addUnit, { newParentsOnly: true }))).toThrow(
      '本次写入已撤销',
    );
    expect(auditState(bulk.core)).toEqual(before);
    expect(triggers(bulk.core)).toEqual(triggersBefore);
    // without the promise the unit is added, sealed by its trigger as any edit
    db.tx(() => withDeferredSeals(s, tables, addUnit));
    expect(verifyLedgerAudit(db).ok).toBe(true);
  });

  it('an edit and a deletion made afterwards behind the app to bulk-sealed rows are found and named', async () => {
    const s = bulk.core.ctx.db.sqlite;
    const id = s
      .prepare(`SELECT f.id FROM funding_plan f JOIN project p ON p.id = f.project_id WHERE p.name = '测试工程150号'`)
      .pluck()
      .get() as number;
    const tool = new Database(bulk.file);
    tool.prepare('UPDATE funding_plan SET amount_fen = amount_fen + 1 WHERE id = ?').run(id);
    const link = tool
      .prepare(
        `SELECT project_id, org_id FROM project_org WHERE project_id = (SELECT id FROM project WHERE name = '测试工程151号') LIMIT 1`,
      )
      .get() as { project_id: number; org_id: number };
    tool.prepare('DELETE FROM project_org WHERE project_id = ? AND org_id = ?').run(link.project_id, link.org_id);
    tool.close();
    const v = verifyLedgerAudit(bulk.core.ctx.db);
    expect(v.ok).toBe(false);
    expect(v.seals.problems).toContainEqual(
      expect.objectContaining({ table: 'funding_plan', rowKey: String(id), kind: '改动' }),
    );
    expect(v.seals.problems).toContainEqual(
      expect.objectContaining({
        table: 'project_org',
        rowKey: JSON.stringify([link.project_id, link.org_id]),
        kind: '删除',
      }),
    );
  });
});
