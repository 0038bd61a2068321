// Exit 1 and 2 mean nothing written. Opening a path where no ledger is creates one (the file, its users folder, its
// anchor) before a command checks its input, so a refused `init` (a bad --year, a short password), an import of a
// wrong file into a new path or a dry run left a whole empty ledger behind; a spreadsheet given as --db got a users
// folder beside it; any command given a mistyped --db reported the zeros of the ledger it had just created there.
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { stopParseWorker } from '../../electron/core/excel/import/read.ts';
import { cli } from '../helpers/run-cli.ts';
import { tempDir } from '../helpers/temp-core.ts';

const tmp = tempDir();
afterAll(async () => {
  tmp.cleanup();
  await stopParseWorker();
});
const folder = (name: string) => {
  const d = join(tmp.dir, name);
  return { db: join(d, '台账.db'), list: () => (readdirSync(tmp.dir).includes(name) ? readdirSync(d).sort() : []) };
};

it('a refused init leaves no ledger', async () => {
  const f = folder('init');
  mkdirSync(join(tmp.dir, 'init'));
  expect((await cli('init', '--db', f.db, '--year', '20x7')).code).toBe(2);
  expect(f.list()).toEqual([]);
  const saved = process.env.TOWN_LEDGER_PASSWORD;
  process.env.TOWN_LEDGER_PASSWORD = '123';
  try {
    const short = await cli('init', '--db', f.db, '--admin', '王管理');
    expect(short.code).toBe(1);
    expect(short.err).toContain('密码');
  } finally {
    if (saved === undefined) delete process.env.TOWN_LEDGER_PASSWORD;
    else process.env.TOWN_LEDGER_PASSWORD = saved;
  }
  expect(f.list()).toEqual([]);
  expect((await cli('init', '--db', f.db)).code).toBe(0);
  expect(f.list()).toEqual(['台账.db', '台账.db-users', '台账.db.anchor']);
});

it('read-only commands refuse a path where no ledger is; nothing is created', async () => {
  const f = folder('read');
  mkdirSync(join(tmp.dir, 'read'));
  for (const args of [
    ['stats'],
    ['figures', '--period', '2017-09'],
    ['lights', '--period', '2017-09'],
    ['export', 'T1', '--period', '2017-09', '--out', join(tmp.dir, 'read', 'T1.xlsx')],
    ['backup'],
    ['collect', 'roster', '--period', '2017-09'],
  ]) {
    const r = await cli(...args, '--db', f.db, '--json');
    expect(r.code, args.join(' ')).toBe(2);
    expect(JSON.parse(r.out)).toMatchObject({ ok: false, error: { code: 'UNREADABLE' } });
    expect(r.err).toContain('数据库文件不存在');
  }
  expect(f.list()).toEqual([]);
});

it('a file that is not a ledger gets nothing beside it', async () => {
  const f = folder('foreign');
  mkdirSync(join(tmp.dir, 'foreign'));
  writeFileSync(f.db, '这不是数据库，只是一段文字。'.repeat(50));
  const r = await cli('stats', '--db', f.db, '--json');
  expect(r.code).toBe(2);
  expect(f.list()).toEqual(['台账.db']);
});

it('an import refused, or only tried, into a new path leaves no ledger', async () => {
  const f = folder('import');
  mkdirSync(join(tmp.dir, 'import'));
  const sheet = (rows: (string | number)[][]) => {
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(
      wb,
      XLSX.utils.aoa_to_sheet([['序号', '项目名称', '总投资（万元）'], ...rows]),
      '项目',
    );
    const file = join(tmp.dir, `表${rows.length}.xlsx`);
    writeFileSync(file, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    return file;
  };
  expect((await cli('import', sheet([[1, '甲村道路', '约三百']]), '--db', f.db)).code).toBe(1);
  expect(f.list()).toEqual([]);
  const good = sheet([
    [1, '甲村道路', 300],
    [2, '乙村水厂', 120],
  ]);
  expect((await cli('import', good, '--dry-run', '--db', f.db)).code).toBe(0);
  expect(f.list()).toEqual([]);
  expect((await cli('import', good, '--db', f.db)).code).toBe(0);
  expect(f.list()).toContain('台账.db');
});

it('an output path that cannot be written is named, with why (exit 2), not an internal error', async () => {
  const f = folder('out');
  mkdirSync(join(tmp.dir, 'out'));
  expect((await cli('seed-demo', '--db', f.db)).code).toBe(0);
  const missing = join(tmp.dir, 'out', '没有这个文件夹', 'T1.xlsx');
  const r = await cli('export', 'T1', '--period', '2017-09', '--out', missing, '--db', f.db, '--json');
  expect(r.code).toBe(2);
  expect(JSON.parse(r.out)).toMatchObject({ ok: false, error: { code: 'UNREADABLE' } });
  expect(r.err).toContain(`无法写入文件：${missing}（文件夹“${join(tmp.dir, 'out', '没有这个文件夹')}”不存在）`);
  const folderAsFile = await cli('export', 'T2', '--period', '2017-09', '--out', join(tmp.dir, 'out'), '--db', f.db);
  expect(folderAsFile.code).toBe(2);
  expect(folderAsFile.err).toContain('这是一个文件夹');
  // the backup too: a mistyped folder is named, not made
  const backup = await cli('backup', '--out', missing.replace(/T1\.xlsx$/, '备份.db'), '--db', f.db, '--json');
  expect(backup.code).toBe(2);
  expect(JSON.parse(backup.out)).toMatchObject({ ok: false, error: { code: 'UNREADABLE' } });
  expect(backup.err).toContain(`文件夹“${join(tmp.dir, 'out', '没有这个文件夹')}”不存在`);
  expect(existsSync(join(tmp.dir, 'out', '没有这个文件夹'))).toBe(false);
});

it('call refuses a path where no ledger is, and leaves nothing beside a file that is not one (exit 2)', async () => {
  const f = folder('call');
  mkdirSync(join(tmp.dir, 'call'));
  const missing = await cli('call', 'projects:list', '{}', '--db', f.db, '--signed-out', '--json');
  expect(missing.code).toBe(2);
  expect(JSON.parse(missing.out)).toMatchObject({ ok: false, error: { code: 'UNREADABLE' } });
  expect(missing.err).toContain('数据库文件不存在');
  expect(f.list()).toEqual([]);
  writeFileSync(f.db, '这不是数据库，只是一段文字。'.repeat(50));
  const foreign = await cli('call', 'projects:list', '{}', '--db', f.db, '--signed-out', '--json');
  expect(foreign.code).toBe(2);
  expect(JSON.parse(foreign.out)).toMatchObject({ ok: false });
  expect(f.list()).toEqual(['台账.db']);
  // a folder given as --db: unreadable input, as for every other command
  const folderAsDb = await cli('call', 'projects:list', '{}', '--db', join(tmp.dir, 'call'), '--signed-out', '--json');
  expect(folderAsDb.code).toBe(2);
  expect(JSON.parse(folderAsDb.out)).toMatchObject({ ok: false, error: { code: 'DB_UNREADABLE' } });
});
