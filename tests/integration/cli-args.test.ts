/**
 * The CLI's arguments through node:util.parseArgs: wrong usage is exit 2 with a Chinese message naming the flag,
 * nothing on stdout (not even with --json) and no ledger file created; what a command reads stays as before
 * (the last of a repeated flag, --flag=value, positionals anywhere, a stray `--`).
 */
import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { ArgsError, CLI_FLAGS, parseArgs } from '../../electron/cli/args.ts';
import { cli } from '../helpers/run-cli.ts';
import { cleanupAll, tempDbFile } from '../helpers/temp-core.ts';

afterEach(cleanupAll);

describe('CLI flag errors', () => {
  it("an unknown flag is refused with exit 2, its name in Chinese, and the command's usage", async () => {
    const db = tempDbFile('args.db');
    const r = await cli('stats', '--db', db, '--peroid', '2017-10', '--json');
    expect(r.code).toBe(2);
    // --json: the one JSON document on stdout is the refusal's envelope, as for every other refusal
    expect(JSON.parse(r.out)).toEqual({ ok: false, error: { code: 'USAGE', message: '不认识的参数：--peroid' } });
    expect(r.err).toContain('不认识的参数：--peroid');
    expect(r.err).toContain('用法：npm run cli -- stats --db FILE');
    expect(r.err).not.toMatch(/Unknown option|\n\s+at /);
    expect(existsSync(db)).toBe(false);
  });

  it('a flag without its value (at the end, or followed by another flag) is refused with exit 2', async () => {
    const db = tempDbFile('args.db');
    const atEnd = await cli('figures', '--db', db, '--period');
    expect(atEnd.code).toBe(2);
    expect(atEnd.err).toContain('--period 后面缺少取值');
    const beforeFlag = await cli('figures', '--db', '--json');
    expect(beforeFlag.code).toBe(2);
    expect(JSON.parse(beforeFlag.out).error).toMatchObject({
      code: 'USAGE',
      message: expect.stringContaining('--db 后面缺少取值'),
    });
    expect(beforeFlag.err).toContain('--db 后面缺少取值');
    expect((await cli('figures', '--db', db, '--period')).out).toBe(''); // without --json: nothing on stdout
    expect(existsSync(db)).toBe(false);
  });

  it('a switch given a value is refused with exit 2', async () => {
    const r = await cli('stats', '--db', tempDbFile('args.db'), '--json=yes');
    expect(r.code).toBe(2);
    expect(r.err).toContain('--json 是开关，后面不能带取值');
  });

  it('without a command: the Chinese help and exit 2; -h and --help print it', async () => {
    const bad = await cli('--nonsense');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('不认识的参数：--nonsense');
    expect(bad.err).toContain('乡镇建设项目台账 命令行');
    expect((await cli('stats', '-h')).out).toContain('退出码');
    expect((await cli('stats', '--help')).code).toBe(0);
  });

  it('--help with --json is one JSON document too: the commands with their usage, the help text on stderr', async () => {
    for (const args of [
      ['--help', '--json'],
      ['help', '--json'],
      ['stats', '--help', '--json'],
    ]) {
      const r = await cli(...args);
      expect(r.code).toBe(0);
      const j = JSON.parse(r.out);
      expect(j.commands).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ name: 'figures', usage: 'figures --period YYYY-MM --db FILE [--json]' }),
        ]),
      );
      expect(j.exitCodes).toEqual({ 0: expect.any(String), 1: expect.any(String), 2: expect.any(String) });
      expect(r.err).toContain('乡镇建设项目台账 命令行');
    }
  });

  it('with --json, no command and a --role that is none are refused as one JSON document too', async () => {
    const none = await cli('--json');
    expect(none.code).toBe(2);
    expect(JSON.parse(none.out)).toMatchObject({ ok: false, error: { code: 'USAGE' } });
    expect(none.err).toContain('乡镇建设项目台账 命令行');
    const db = tempDbFile('args.db');
    expect((await cli('init', '--db', db)).code).toBe(0);
    const role = await cli('stats', '--db', db, '--role', '局长', '--json');
    expect(role.code).toBe(2);
    expect(JSON.parse(role.out)).toEqual({
      ok: false,
      error: { code: 'USAGE', message: '--role 应为：录入员、审核人、领导、管理员' },
    });
    expect(role.err).toContain('用法：npm run cli -- stats');
  });

  it('a date flag whose value is no date is wrong usage (exit 2), as a period that is none is', async () => {
    const db = tempDbFile('args.db');
    expect((await cli('init', '--db', db)).code).toBe(0);
    const r = await cli('lights', '--period', '2017-09', '--as-of', '2017-09-31', '--db', db, '--json');
    expect(r.code).toBe(2);
    expect(JSON.parse(r.out)).toMatchObject({
      ok: false,
      error: { code: 'USAGE', message: expect.stringContaining('--as-of') },
    });
    expect((await cli('lights', '--period', '2017-13', '--db', db)).code).toBe(2);
    // A day before the month: September's lights as of August 15th were printed all the same.
    const early = await cli('lights', '--period', '2017-09', '--as-of', '2017-08-15', '--db', db);
    expect(early.code).toBe(2);
    expect(early.err).toContain('--as-of 2017-08-15 早于2017年9月');
  });

  it('a word more than the command takes is wrong usage, not silently dropped', async () => {
    const db = tempDbFile('args.db');
    expect((await cli('init', '--db', db)).code).toBe(0);
    // two files to import: the second was ignored without a word
    const two = await cli('import', '甲.xlsx', '乙.xlsx', '--dry-run', '--db', db, '--json');
    expect(two.code).toBe(2);
    expect(JSON.parse(two.out)).toEqual({ ok: false, error: { code: 'USAGE', message: '多余的参数：乙.xlsx' } });
    expect(two.err).toContain('用法：npm run cli -- import FILE');
    expect((await cli('stats', '--db', db, '2017')).code).toBe(2);
    expect((await cli('stats', '--db', db)).code).toBe(0);
  });

  it('the last of a repeated flag wins, --flag=value and a stray -- work as before', async () => {
    const a = parseArgs(
      ['collect', 'merge', 'a.xlsx', '--db', 'x.db', '--', 'b.xlsx', '--db=y.db', '--dry-run', '--json'],
      CLI_FLAGS,
    );
    expect(a.positionals).toEqual(['collect', 'merge', 'a.xlsx', 'b.xlsx']);
    expect(a.flags.get('db')).toBe('y.db');
    expect(a.flags.get('dry-run')).toBe(true);
    expect(a.flags.get('json')).toBe(true);
    expect(parseArgs(['init', '--town=蒲州镇', '--year', '2017'], CLI_FLAGS).flags).toEqual(
      new Map([
        ['town', '蒲州镇'],
        ['year', '2017'],
      ]),
    );
    // A value that starts with "-" is written --flag=value (a bare one is taken for a forgotten value).
    expect(parseArgs(['x', '--sheet=-1'], CLI_FLAGS).flags.get('sheet')).toBe('-1');
    expect(() => parseArgs(['x', '--sheet', '-1'], CLI_FLAGS)).toThrow(ArgsError);
  });

  it('a repeated --db: the ledger named last is the one used', async () => {
    const first = tempDbFile('first.db');
    const last = tempDbFile('last.db');
    expect((await cli('init', '--db', first, '--db', last)).code).toBe(0);
    expect(existsSync(last)).toBe(true);
    expect(existsSync(first)).toBe(false);
  });
});
