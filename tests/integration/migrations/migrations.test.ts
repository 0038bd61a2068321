import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { format, resolveConfig } from 'prettier';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/core/db/connection.ts';
import { migrate } from '../../../electron/core/db/migrate.ts';
import { appliedMigrations } from '../../../electron/core/db/schema-version.ts';
import { MIGRATIONS, type Migration } from '../../../electron/core/db/migrations/index.ts';
import { createCore } from '../../../electron/core/index.ts';
import { AppError } from '../../../electron/core/errors.ts';
import { cleanupAll, tempCore, tempDbFile } from '../../helpers/temp-core.ts';
import { anchorKey, sealEverything, writeAnchor } from '../../../electron/core/audit/row-seal.ts';

const SNAPSHOT = join(import.meta.dirname, 'schema-snapshot.json');
afterEach(cleanupAll);
const dbFile = () => tempDbFile();

/** Tables, their columns (name, type, notnull, pk) and indexes: the schema as data. */
function schemaOf(sqlite: Database.Database) {
  const tables = sqlite
    .prepare(`SELECT name, sql FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
    .all() as { name: string; sql: string }[];
  return Object.fromEntries(
    tables.map((t) => [
      t.name,
      {
        columns: sqlite.prepare(`SELECT name, type, "notnull", pk FROM pragma_table_info(?)`).all(t.name) as object[],
        indexes: sqlite
          .prepare(`SELECT name, "unique" FROM pragma_index_list(?) ORDER BY name`)
          .all(t.name) as object[],
        strict: /\)\s*STRICT/i.test(t.sql),
      },
    ]),
  );
}

/**
 * The 蒲州镇 sample as 0017's version left it: org_unit without legal_rep, every row sealed over the columns it had,
 * the anchor written under its key; closed. A 管理员 (local, as the CLI's): a restore is theirs. The clock moves (a
 * second a reading), as a real one does: a restore's own 迁移前 copy is named by the second.
 */
async function sampleBefore0018() {
  let tick = 0;
  const now = () => new Date(Date.parse('2017-10-08T09:00:00+08:00') + 1000 * tick++);
  const t = await tempCore({ role: '管理员', now });
  await t.ok('app:onboard', { mode: 'demo' });
  t.core.close();
  const old = openDatabase(t.file);
  old.sqlite.exec(`ALTER TABLE org_unit DROP COLUMN legal_rep`);
  old.sqlite.prepare(`DELETE FROM schema_migration WHERE name = '0018_org_legal_rep'`).run();
  old.sqlite.pragma(`user_version = 17`);
  const { key } = anchorKey(t.file);
  sealEverything(old.sqlite, key);
  writeAnchor(old.sqlite, t.file, key, now());
  old.close();
  return t;
}

describe('migrations', () => {
  it('every migration file is listed, in order', () => {
    const files = readdirSync(join(import.meta.dirname, '../../../electron/core/db/migrations'))
      .filter((f) => /^\d{4}_.+\.ts$/.test(f))
      .map((f) => f.replace(/\.ts$/, ''))
      .sort();
    expect(MIGRATIONS.map((m) => m.name)).toEqual(files);
  });

  it('a fresh database matches the committed schema snapshot', async () => {
    const file = dbFile();
    const db = openDatabase(file);
    await migrate(db.sqlite, file);
    const schema = schemaOf(db.sqlite);
    db.close();
    // Written as the format check wants it (Prettier), so a new migration's snapshot diff is only its change.
    if (process.env.UPDATE_SCHEMA_SNAPSHOT)
      writeFileSync(
        SNAPSHOT,
        await format(JSON.stringify(schema, null, 2), { ...(await resolveConfig(SNAPSHOT)), filepath: SNAPSHOT }),
      );
    expect(schema).toEqual(JSON.parse(readFileSync(SNAPSHOT, 'utf8')));
    // Money is never a float: every *_fen column is INTEGER in a STRICT table.
    for (const [table, t] of Object.entries(schema)) {
      for (const c of t.columns as { name: string; type: string }[])
        if (c.name.endsWith('_fen')) expect(`${table}.${c.name}:${c.type}`).toBe(`${table}.${c.name}:INTEGER`);
      if (table !== 'schema_migration') expect(t.strict, table).toBe(true);
    }
  });

  it('sets WAL, foreign keys and synchronous=FULL', async () => {
    const file = dbFile();
    const db = openDatabase(file);
    expect(db.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.sqlite.pragma('synchronous', { simple: true })).toBe(2);
    db.close();
  });

  it('a later migration keeps the data written under the previous one, after an online backup', async () => {
    const file = dbFile();
    const db = openDatabase(file);
    await migrate(db.sqlite, file, { migrations: MIGRATIONS });
    db.sqlite
      .prepare(
        `INSERT INTO project (code, name, plan_year, total_fen, location, scope, created_at, updated_at) VALUES ('2017-01','垃圾中转站',2017,120000000,'镇区','新建',?,?)`,
      )
      .run('2017-01-01', '2017-01-01');
    const next: Migration = {
      name: '9001_test_add_column',
      up: (s) => s.exec(`ALTER TABLE project ADD COLUMN test_flag INTEGER NOT NULL DEFAULT 0`),
    };
    const r = await migrate(db.sqlite, file, {
      migrations: [...MIGRATIONS, next],
      now: () => new Date('2026-01-02T03:04:05'),
    });
    expect(r.applied).toEqual(['9001_test_add_column']);
    expect(r.backupFile).toMatch(/迁移前-9001_test_add_column\.db$/);
    expect(db.sqlite.prepare(`SELECT name, total_fen, test_flag FROM project`).all()).toEqual([
      { name: '垃圾中转站', total_fen: 120000000, test_flag: 0 },
    ]);
    const backup = new Database(r.backupFile!, { readonly: true });
    expect(backup.prepare(`SELECT count(*) AS n FROM project`).get()).toEqual({ n: 1 });
    expect(appliedMigrations(backup)).toEqual(MIGRATIONS.map((m) => m.name));
    backup.close();
    db.close();
  });

  it('0017: a ledger’s 资金构成 rows keep their amounts and read as exact; running it again changes nothing', async () => {
    const file = dbFile();
    const db = openDatabase(file);
    const upTo16 = MIGRATIONS.filter((m) => m.name < '0017');
    await migrate(db.sqlite, file, { migrations: upTo16 });
    db.sqlite
      .prepare(
        `INSERT INTO project (id, name, plan_year, total_fen, location, scope, created_at, updated_at) VALUES (1,'商业街改造',2017,2700000000,'镇区','硬化',?,?)`,
      )
      .run('2017-01-01', '2017-01-01');
    db.sqlite
      .prepare(
        `INSERT INTO funding_plan (project_id, source, amount_fen, note) VALUES (1, '省级资金', 460000000, NULL)`,
      )
      .run();
    const r = await migrate(db.sqlite, file, { migrations: MIGRATIONS.filter((m) => m.name < '0018') });
    expect(r.applied).toEqual(['0017_funding_approx']);
    const rows = () => db.sqlite.prepare(`SELECT source, amount_fen, approx FROM funding_plan`).all();
    expect(rows()).toEqual([{ source: '省级资金', amount_fen: 460000000, approx: 0 }]);
    MIGRATIONS.find((m) => m.name === '0017_funding_approx')!.up(db.sqlite);
    expect(rows()).toEqual([{ source: '省级资金', amount_fen: 460000000, approx: 0 }]);
    expect(() => db.sqlite.prepare(`UPDATE funding_plan SET approx = 2`).run()).toThrow(/CHECK/);
    db.close();
  });

  it('0018: a unit gets a 法人代表 (none yet); running it again changes nothing', async () => {
    const file = dbFile();
    const db = openDatabase(file);
    await migrate(db.sqlite, file, { migrations: MIGRATIONS.filter((m) => m.name < '0018') });
    db.sqlite.prepare(`INSERT INTO org_unit (name, kind, sort) VALUES ('永济市城投公司', '实施单位', 1)`).run();
    const r = await migrate(db.sqlite, file, { migrations: MIGRATIONS });
    expect(r.applied).toEqual(['0018_org_legal_rep']);
    const rows = () => db.sqlite.prepare(`SELECT name, kind, legal_rep FROM org_unit`).all();
    expect(rows()).toEqual([{ name: '永济市城投公司', kind: '实施单位', legal_rep: null }]);
    MIGRATIONS.find((m) => m.name === '0018_org_legal_rep')!.up(db.sqlite);
    expect(rows()).toEqual([{ name: '永济市城投公司', kind: '实施单位', legal_rep: null }]);
    db.close();
  });

  it('0018: a ledger changed behind the app’s back before the upgrade still names the row after it, and its 迁移前 copy (with the ledger’s anchor) is refused on restore', async () => {
    const t = await sampleBefore0018();
    try {
      const tool = new Database(t.file);
      tool.prepare(`UPDATE project SET total_fen = total_fen * 10 WHERE id = 1`).run();
      tool.close();
      await t.reopen();
      // the upgrade seals the ledger anew, keeping the row it found changed marked (upgrade-findings.ts); the copy
      // taken before it keeps the evidence too
      const log = t.core.ctx.db.sqlite.prepare(`SELECT reason FROM change_log ORDER BY id DESC LIMIT 2`).pluck().all();
      expect(log.reverse()).toEqual([
        '数据库结构升级后重新封签',
        '升级前的校验发现台账中有 1 条记录在程序之外被改动、加入或删除：重新封签时保留了这些标记，校验仍会指出',
      ]);
      expect((await t.ok('audit:verify', {})).seals!.problems).toEqual([
        expect.objectContaining({ table: 'project', rowKey: '1', kind: '改动' }),
      ]);
      const before = (await t.ok('backups:list', {})).backups.find((b) =>
        b.name.includes('迁移前-0018_org_legal_rep'),
      )!;
      const r = await t.call('backups:restore', { name: before.name });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.message).toContain('备份在程序之外被改动过');
    } finally {
      t.cleanup();
    }
  });

  it('0018: the sample ledger as the version before it left it (sealed, anchored) verifies clean once migrated; its 迁移前 copy restores clean', async () => {
    const t = await sampleBefore0018();
    try {
      await t.reopen();
      expect(appliedMigrations(t.core.ctx.db.sqlite)).toContain('0018_org_legal_rep');
      const v = await t.ok('audit:verify', {});
      expect(v.message).not.toMatch(/不符|删除|改动/);
      expect(v.ok).toBe(true);
      expect(v.seals!.ok).toBe(true);
      expect(v.seals!.anchor?.ok).toBe(true);
      const units = await t.ok('orgs:list', {});
      expect(units.length).toBeGreaterThan(10);
      expect(units.every((u) => u.legalRep === null)).toBe(true);
      // a 法人代表 written after it is sealed as any edit
      const unit = units[0]!;
      await t.ok('orgs:save', {
        id: unit.id,
        name: unit.name,
        level: unit.level,
        kind: unit.kind,
        legalRep: '王伟',
      } as never);
      expect((await t.ok('audit:verify', {})).ok).toBe(true);

      // the copy taken before it is the ledger as it was (the column is the migration's), and carries the ledger's
      // anchor: it restores (migrated again) and verifies clean — it had no anchor, and a restore refused it
      const before = (await t.ok('backups:list', {})).backups.find((b) => b.name.includes('迁移前-0018_org_legal_rep'));
      expect(before, '迁移前 copy').toBeDefined();
      const copy = new Database(join(t.dir, 'backups', before!.name), { readonly: true });
      expect(
        copy.prepare(`SELECT 1 FROM pragma_table_info('org_unit') WHERE name = 'legal_rep'`).get(),
      ).toBeUndefined();
      expect(copy.prepare(`SELECT count(*) AS n FROM org_unit`).get()).toEqual({ n: units.length });
      copy.close();
      await t.ok('backups:restore', { name: before!.name });
      expect((await t.ok('audit:verify', {})).ok).toBe(true);
      expect((await t.ok('orgs:list', {})).find((u) => u.id === unit.id)?.legalRep).toBeNull();
    } finally {
      t.cleanup();
    }
  });

  it('a failing migration leaves neither schema nor record behind', async () => {
    const file = dbFile();
    const db = openDatabase(file);
    await migrate(db.sqlite, file);
    const broken: Migration = {
      name: '9002_broken',
      up: (s) => {
        s.exec(`CREATE TABLE half_done (id INTEGER PRIMARY KEY)`);
        s.exec(`INSERT INTO no_such_table VALUES (1)`);
      },
    };
    await expect(migrate(db.sqlite, file, { migrations: [...MIGRATIONS, broken] })).rejects.toThrow(/no_such_table/);
    expect(db.sqlite.prepare(`SELECT name FROM sqlite_master WHERE name='half_done'`).get()).toBeUndefined();
    expect(appliedMigrations(db.sqlite)).toEqual(MIGRATIONS.map((m) => m.name));
    expect(db.sqlite.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    db.close();
  });

  it('refuses a database from a newer version and leaves the file byte-for-byte untouched', async () => {
    const file = dbFile();
    const c = await createCore({ dbPath: file, log: () => {} });
    c.close();
    const s = new Database(file);
    s.prepare(`INSERT INTO schema_migration (name, applied_at) VALUES ('0099_from_the_future', 'x')`).run();
    s.pragma('wal_checkpoint(TRUNCATE)');
    s.close();
    const before = createHash('sha256').update(readFileSync(file)).digest('hex');
    const err = await createCore({ dbPath: file, log: () => {} }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('DB_FROM_FUTURE');
    expect((err as AppError).message).toContain('由更新版本的本软件创建');
    expect(createHash('sha256').update(readFileSync(file)).digest('hex')).toBe(before);
    expect(existsSync(`${file}-wal`) ? readFileSync(`${file}-wal`).length : 0).toBe(0);
  });

  it('reports a file that is not a database as damaged, without overwriting it', async () => {
    const file = dbFile();
    writeFileSync(file, '这不是数据库文件'.repeat(100));
    const err = await createCore({ dbPath: file, log: () => {} }).catch((e: unknown) => e);
    expect((err as AppError).code).toBe('DB_DAMAGED');
    expect(readFileSync(file, 'utf8')).toBe('这不是数据库文件'.repeat(100));
  });
});
