import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cli } from '../helpers/run-cli.ts';
import { cleanupAll, tempDbFile, tempDir } from '../helpers/temp-core.ts';

afterEach(cleanupAll);
const dbFile = () => tempDbFile('cli.db');

describe('CLI', () => {
  it('init, seed-demo, then stats --json prints the sample total of 21390万元 in 分', async () => {
    const db = dbFile();
    expect((await cli('init', '--db', db)).code).toBe(0);
    const seeded = await cli('seed-demo', '--db', db, '--json');
    expect(seeded.code).toBe(0);
    const stats = await cli('stats', '--db', db, '--json');
    expect(stats.code).toBe(0);
    const s = JSON.parse(stats.out);
    expect(s.totalInvestmentFen).toBe(21_390_000_000);
    expect(s.projects).toBe(24);
    expect(s.byCategory.reduce((a: number, c: { totalInvestmentFen: number }) => a + c.totalInvestmentFen, 0)).toBe(
      21_390_000_000,
    );
  });

  it('seed-demo loads the sample into a ledger that init named (town and year already set)', async () => {
    const db = dbFile();
    expect((await cli('init', '--db', db, '--town', '蒲州镇', '--year', '2017')).code).toBe(0);
    const seeded = await cli('seed-demo', '--db', db);
    expect(seeded.err).toBe('');
    expect(seeded.code).toBe(0);
    expect(JSON.parse((await cli('stats', '--db', db, '--json')).out).projects).toBe(24);
    expect(seeded.out).not.toContain('乡镇名称已由');
  });

  it('seed-demo into a ledger set up for another town says the name became 蒲州镇', async () => {
    const db = dbFile();
    expect((await cli('init', '--db', db, '--town', '虞乡镇', '--year', '2017')).code).toBe(0);
    const seeded = await cli('seed-demo', '--db', db, '--json');
    expect(JSON.parse(seeded.out).townRenamed).toEqual({ from: '虞乡镇', to: '蒲州镇' });
  });

  it('exit 1 with a Chinese message and nothing written on a business error', async () => {
    const db = dbFile();
    await cli('seed-demo', '--db', db);
    const again = await cli('seed-demo', '--db', db);
    expect(again.code).toBe(1);
    expect(again.err).toContain('示例数据只能载入空白台账');
    expect(JSON.parse((await cli('stats', '--db', db, '--json')).out).projects).toBe(24);
  });

  it('exit 2 on bad usage or an unreadable database', async () => {
    expect((await cli()).code).toBe(2);
    expect((await cli('no-such-command', '--db', dbFile())).code).toBe(2);
    expect((await cli('stats')).err).toContain('请用 --db 指定数据库文件');
    const notDb = join(tempDir().dir, 'x.db');
    (await import('node:fs')).writeFileSync(notDb, 'garbage'.repeat(200));
    expect((await cli('stats', '--db', notDb)).code).toBe(2);
  });

  it('runs as `npm run cli` in a real process with the documented exit code', () => {
    const db = dbFile();
    const run = (...a: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'electron/cli/index.ts', ...a, '--db', db, '--json'], {
        encoding: 'utf8',
      });
    // A mistyped --db is unreadable input, not a new empty ledger reporting zeros (and left there).
    const missing = run('stats');
    expect(missing.status).toBe(2);
    expect(JSON.parse(missing.stdout)).toMatchObject({ ok: false, error: { code: 'UNREADABLE' } });
    expect(missing.stderr).toContain(`数据库文件不存在：${db}`);
    expect(existsSync(db)).toBe(false);
    expect(run('init').status).toBe(0);
    const r = run('stats');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ projects: 0, totalInvestmentFen: 0 });
  });

  it("`npm run cli` reads relative paths in the folder it was typed in, not the app's", () => {
    const typed = tempDir('cli-typed-');
    try {
      // npm starts the script in the package's folder and keeps the caller's in INIT_CWD (--prefix: from anywhere)
      const npm = (...a: string[]) =>
        spawnSync('npm', ['run', '-s', '--prefix', process.cwd(), 'cli', '--', ...a, '--db', '台账.db', '--json'], {
          cwd: typed.dir,
          encoding: 'utf8',
          env: { ...process.env, npm_lifecycle_event: undefined, INIT_CWD: undefined },
        });
      const init = npm('init');
      expect(init.status, init.stderr).toBe(0);
      expect(JSON.parse(init.stdout).dbFile).toBe(join(typed.dir, '台账.db'));
      expect(existsSync(join(typed.dir, '台账.db'))).toBe(true);
      expect(existsSync(join(process.cwd(), '台账.db'))).toBe(false);
      expect(npm('stats').status).toBe(0);
    } finally {
      typed.cleanup();
    }
  });

  it('a command refused at once in a real process says only why (the start-up warm-up finds the ledger closed)', async () => {
    const db = dbFile();
    await cli('seed-demo', '--db', db);
    const missing = join(tempDir().dir, '没有这个文件.xlsx');
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'electron/cli/index.ts', 'import', missing, '--db', db], {
      encoding: 'utf8',
    });
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe(`错误：无法读取文件：${missing}（文件不存在）`);
  });
});
