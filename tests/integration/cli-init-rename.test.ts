// init --town on a ledger set up for another town renames it: the command says so (townRenamed in --json, a line
// in words), the change log records it as 设置 saves do, and a 填报单位 that was only the old name's default follows
// the new name — it kept 蒲州镇人民政府 on every printout of 韩阳镇, with nothing said.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { cli } from '../helpers/run-cli.ts';
import { tempDir } from '../helpers/temp-core.ts';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

function read(db: string) {
  const sqlite = new Database(db, { readonly: true });
  try {
    const setting = (k: string) =>
      (sqlite.prepare('SELECT value FROM setting WHERE key = ?').get(k) as { value: string } | undefined)?.value;
    const log = sqlite
      .prepare("SELECT old_value AS oldValue, new_value AS newValue FROM change_log WHERE field = 'town.name'")
      .all();
    return { town: setting('town.name'), filler: setting('org.filler'), log };
  } finally {
    sqlite.close();
  }
}

it('renaming the town is said, logged, and the default 填报单位 follows', async () => {
  const db = join(tmp.dir, 'a.db');
  expect((await cli('init', '--db', db, '--town', '蒲州镇', '--year', '2017')).code).toBe(0);
  const same = await cli('init', '--db', db, '--town', '蒲州镇', '--json');
  expect(JSON.parse(same.out)).not.toHaveProperty('townRenamed');
  const r = await cli('init', '--db', db, '--town', '韩阳镇', '--json');
  expect(r.code, r.err).toBe(0);
  expect(JSON.parse(r.out)).toMatchObject({ townName: '韩阳镇', townRenamed: { from: '蒲州镇', to: '韩阳镇' } });
  expect(read(db)).toEqual({
    town: '韩阳镇',
    filler: '韩阳镇人民政府',
    log: [
      { oldValue: null, newValue: '蒲州镇' },
      { oldValue: '蒲州镇', newValue: '韩阳镇' },
    ],
  });
  const words = await cli('init', '--db', db, '--town', '石门镇');
  expect(words.out).toContain('乡镇名称已由“韩阳镇”改为“石门镇”（已记入修改记录，可在“设置”中改回）');
});

it('a 填报单位 the town typed itself stays when the town is renamed', async () => {
  const db = join(tmp.dir, 'b.db');
  expect((await cli('init', '--db', db, '--town', '蒲州镇', '--year', '2017')).code).toBe(0);
  const sqlite = new Database(db);
  sqlite.prepare("UPDATE setting SET value = '永济市蒲州镇人民政府' WHERE key = 'org.filler'").run();
  sqlite.close();
  expect((await cli('init', '--db', db, '--town', '韩阳镇')).code).toBe(0);
  expect(read(db)).toMatchObject({ town: '韩阳镇', filler: '永济市蒲州镇人民政府' });
});
