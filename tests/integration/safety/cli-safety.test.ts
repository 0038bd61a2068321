import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { cli } from '../../helpers/run-cli.ts';
import { tempDir } from '../../helpers/temp-core.ts';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));
function dir() {
  const t = tempDir('ledger-cli-safety-');
  cleanups.push(t.cleanup);
  return t.dir;
}

describe('CLI backup / restore / verify', () => {
  it('verify --json is ok on a fresh sample, then names the change-log row altered directly in the file', async () => {
    const d = dir();
    const db = join(d, 'ledger.db');
    await cli('seed-demo', '--db', db);
    await cli('stats', '--db', db);
    const good = await cli('verify', '--db', db, '--json');
    expect(good.code).toBe(0);
    expect(JSON.parse(good.out)).toMatchObject({
      ok: true,
      integrity: 'ok',
      foreignKeys: 0,
      audit: { ok: true, firstBrokenId: null },
    });

    const raw = new Database(db);
    const id = (raw.prepare('SELECT max(id) AS id FROM change_log').get() as { id: number }).id;
    raw.prepare("UPDATE change_log SET operator = '冒名者' WHERE id = ?").run(id);
    raw.close();
    const bad = await cli('verify', '--db', db, '--json');
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.out)).toMatchObject({ ok: false, integrity: 'ok', audit: { ok: false, firstBrokenId: id } });
  });

  it('verify reports a file that is not a database without crashing', async () => {
    const db = join(dir(), 'junk.db');
    writeFileSync(db, 'x'.repeat(5000));
    const r = await cli('verify', '--db', db, '--json');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out).ok).toBe(false);
    // named in Chinese, not in SQLite's words (file is not a database, disk I/O error)
    expect(JSON.parse(r.out).integrity).toBe('台账文件“junk.db”已损坏（不是本软件的数据库文件），无法打开。');
    const text = await cli('verify', '--db', db);
    expect(text.out).toContain('完整性：台账文件“junk.db”已损坏');
    const folder = await cli('verify', '--db', dir(), '--json');
    expect(JSON.parse(folder.out).integrity).toMatch(/^无法读取台账文件/);
    expect(`${JSON.parse(folder.out).integrity}${text.out}`).not.toMatch(/database|error|unable/i);
  });

  it('verify names an empty file, an empty database and another program’s database in Chinese', async () => {
    const d = dir();
    const empty = join(d, 'empty.db');
    writeFileSync(empty, '');
    const blank = join(d, 'blank.db');
    const none = new Database(blank);
    none.pragma('user_version = 1'); // a database file with its header and no table
    none.close();
    const other = join(d, 'other.db');
    const raw = new Database(other);
    raw.exec('CREATE TABLE t (a)');
    raw.close();
    for (const [file, said] of [
      [empty, '是空的（0 字节）'],
      [blank, '不是本软件的台账'],
      [other, '不是本软件的台账（其中的表：t）'],
    ] as const) {
      const r = await cli('verify', '--db', file, '--json');
      expect(r.code).toBe(1);
      const j = JSON.parse(r.out);
      expect(j.ok).toBe(false);
      expect(j.integrity).toContain(said);
      // not SQLite's words (no such table: change_log) beside an integrity of "ok"
      expect(r.out).not.toMatch(/no such table|change_log|"integrity":"ok"/);
    }
  });

  it('backup --out writes a verified copy; restore puts it back and keeps the replaced data', async () => {
    const d = dir();
    const db = join(d, 'ledger.db');
    const copy = join(d, 'copy.db');
    await cli('seed-demo', '--db', db);
    expect((await cli('backup', '--db', db, '--out', copy)).code).toBe(0);
    expect(existsSync(copy)).toBe(true);
    expect((await cli('backup', '--db', db, '--out', copy)).code).toBe(2); // never overwrites

    const raw = new Database(db);
    raw.exec('UPDATE project SET total_fen = 0');
    raw.close();
    // a folder given as the backup: unreadable input, named as a folder (was exit 1 with advice about the ledger)
    const folder = await cli('restore', d, '--db', db, '--json');
    expect(folder.code).toBe(2);
    expect(JSON.parse(folder.out)).toEqual({
      ok: false,
      error: { code: 'UNREADABLE', message: `“${d}”是一个文件夹，请给出其中的备份文件（.db）` },
    });
    const restored = await cli('restore', copy, '--db', db, '--json');
    expect(restored.code, restored.err).toBe(0);
    expect(JSON.parse(restored.out).keptAs).toMatch(/恢复前/);
    const stats = JSON.parse((await cli('stats', '--db', db, '--json')).out);
    expect(stats.totalInvestmentFen).toBe(21_390_000_000);
  });

  it('restore works on a database that cannot be opened, moving it aside untouched', async () => {
    const d = dir();
    const db = join(d, 'ledger.db');
    const copy = join(d, 'copy.db');
    await cli('seed-demo', '--db', db);
    await cli('backup', '--db', db, '--out', copy);
    writeFileSync(db, 'garbage'.repeat(1000));
    expect((await cli('stats', '--db', db)).code).toBe(2);
    const r = await cli('restore', copy, '--db', db, '--json');
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out).setAside).toMatch(/损坏的数据库/);
    expect((await cli('verify', '--db', db, '--json')).code).toBe(0);
  });

  it('restore refuses a damaged backup file', async () => {
    const d = dir();
    const db = join(d, 'ledger.db');
    await cli('seed-demo', '--db', db);
    const junk = join(d, 'junk.db');
    writeFileSync(junk, 'nope'.repeat(2000));
    const before = readFileSync(db);
    // unreadable input, as import of a damaged workbook and package verify of a file that is no zip: exit 2
    const r = await cli('restore', junk, '--db', db, '--json');
    expect(r.code).toBe(2);
    expect(JSON.parse(r.out)).toMatchObject({ ok: false, error: { code: 'UNREADABLE' } });
    expect(r.err).toContain('不能从备份');
    expect(readFileSync(db).equals(before)).toBe(true);
    const empty = join(d, 'empty.db');
    writeFileSync(empty, '');
    expect((await cli('restore', empty, '--db', db)).code).toBe(2);
  });
});
