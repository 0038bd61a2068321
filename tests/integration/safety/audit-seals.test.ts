// The audit means what it says: edits made to the ledger file with the sqlite3 tool — a project row, a
// change-log row with its hashes recomputed, a row deleted together with its seal — are found by verify and
// named; a lone surrogate is stored and verified safely. The tool is the real sqlite3 command (apt sqlite3).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, readdirSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { anchorPath } from '../../../electron/core/audit/row-seal.ts';
import { runCli } from '../../../electron/cli/main.ts';
import { verifyAudit } from '../../../electron/core/audit/audit.service.ts';
import { CANCELLED_MESSAGE, runInCallScope } from '../../../electron/core/progress.ts';
import { tempCore, type TempCore } from '../../helpers/temp-core.ts';

let t: TempCore | null = null;
afterEach(() => {
  t?.cleanup();
  t = null;
});

const project = (name: string) => ({ name, planYear: 2017, location: '镇区', scope: '测试用', totalWan: '12.5' });

/** Runs SQL on the ledger file with the sqlite3 command-line tool, as someone editing it behind the app would. */
function sqliteTool(file: string, sql: string): string {
  return execFileSync('sqlite3', [file, sql], { encoding: 'utf8' });
}

async function ledgerWithProjects(): Promise<TempCore> {
  t = await tempCore();
  await t.ok('app:onboard', { mode: 'demo' });
  await t.ok('projects:create', project('防篡改测试项目'));
  return t;
}

/** Closes the app (the anchor is written at each write and at close), edits the file, opens it again. */
async function editClosed(c: TempCore, sql: string): Promise<void> {
  c.core.close();
  sqliteTool(c.file, sql);
  await c.reopen();
}

async function cliVerify(
  file: string,
): Promise<{ code: number; json: { ok: boolean; audit: { ok: boolean; message: string } } }> {
  const out: string[] = [];
  const code = await runCli(['verify', '--db', file, '--json'], { out: (s) => out.push(s), err: () => {} });
  return { code, json: JSON.parse(out.join('\n')) };
}

describe('row seals and the outside anchor', () => {
  it('a fresh ledger and the sample verify clean; the anchor file sits beside the ledger', async () => {
    const c = await ledgerWithProjects();
    const v = await c.ok('audit:verify', {});
    expect(v.ok).toBe(true);
    expect(v.seals!.ok).toBe(true);
    expect(v.seals!.checked).toBeGreaterThan(100);
    expect(v.seals!.anchor?.ok).toBe(true);
    expect(existsSync(anchorPath(c.file))).toBe(true);
    const cli = await cliVerify(c.file);
    expect(cli.code).toBe(0);
    expect(cli.json.ok).toBe(true);
  });

  it('a project row edited with the sqlite3 tool is found and named', async () => {
    const c = await ledgerWithProjects();
    const id = Number(sqliteTool(c.file, `SELECT id FROM project WHERE name = '防篡改测试项目'`).trim());
    await editClosed(c, `UPDATE project SET total_fen = total_fen * 10 WHERE id = ${id}`);
    const v = await c.ok('audit:verify', {});
    expect(v.ok).toBe(false);
    expect(v.seals!.problems).toContainEqual(
      expect.objectContaining({ table: 'project', rowKey: String(id), kind: '改动' }),
    );
    expect(v.message).toContain(`“项目”表中编号 ${id} 的记录与封签不符`);
    const cli = await cliVerify(c.file);
    expect(cli.code).toBe(1);
    expect(cli.json.audit.message).toContain(`编号 ${id}`);
  });

  it('a change-log row edited with its hashes recomputed passes the chain but not the anchor', async () => {
    const c = await ledgerWithProjects();
    c.core.close();
    // Rewrite the last row's text and recompute its (unkeyed) hash as a careful forger would.
    const row = JSON.parse(
      sqliteTool(
        c.file,
        `SELECT json_object('id', id, 'at', at, 'operator', operator, 'action', action, 'entity', entity,
      'entity_id', entity_id, 'project_id', project_id, 'field', field, 'old_value', old_value, 'new_value', new_value, 'reason', reason,
      'prev_hash', prev_hash) FROM change_log ORDER BY id DESC LIMIT 1`,
      ),
    ) as Record<string, string | number | null>;
    row.operator = '别人';
    const content = JSON.stringify([
      row.at,
      row.operator,
      row.action,
      row.entity,
      row.entity_id,
      row.project_id,
      row.field,
      row.old_value,
      row.new_value,
      row.reason,
    ]);
    const hash = createHash('sha256').update(String(row.prev_hash)).update('\n').update(content).digest('hex');
    sqliteTool(c.file, `UPDATE change_log SET operator = '别人', hash = '${hash}' WHERE id = ${row.id}`);
    await c.reopen();
    const v = await c.ok('audit:verify', {});
    expect(v.ok).toBe(false);
    expect(v.message).toMatch(/留痕记录第 \d+ 条与外部锚点不符/);
  });

  it('a change-log row edited without recomputing is named by the chain', async () => {
    const c = await ledgerWithProjects();
    const id = Number(sqliteTool(c.file, 'SELECT min(id) FROM change_log').trim());
    await editClosed(c, `UPDATE change_log SET new_value = '改过' WHERE id = ${id}`);
    const v = await c.ok('audit:verify', {});
    expect(v.ok).toBe(false);
    expect(v.firstBrokenId).toBe(id);
    expect(v.message).toContain(`第 ${id} 条`);
  });

  it('a row deleted together with its seal, and the seal totals adjusted to match, shows against the anchor', async () => {
    const c = await ledgerWithProjects();
    const id = Number(sqliteTool(c.file, `SELECT id FROM project WHERE name = '防篡改测试项目'`).trim());
    // A forger who understood the seal tables: deletes the row and its seal and lowers the count (the XOR they cannot
    // redo without the key, but even a count that matches leaves the anchor disagreeing).
    await editClosed(
      c,
      `PRAGMA foreign_keys = OFF; DELETE FROM project WHERE id = ${id}; DELETE FROM row_seal WHERE tbl = 'project' AND rk = '${id}';
       UPDATE seal_state SET n = n - 1 WHERE tbl = 'project';`,
    );
    const v = await c.ok('audit:verify', {});
    expect(v.ok).toBe(false);
    expect(v.message).toContain('“项目”表');
  });

  it('an edit made while the app was closed stays on the record after the app writes again', async () => {
    const c = await ledgerWithProjects();
    await editClosed(
      c,
      `UPDATE seal_state SET n = n + 1 WHERE tbl = 'project'; INSERT INTO project_tag (project_id, tag) SELECT id, '以奖代补' FROM project LIMIT 1 ON CONFLICT DO NOTHING`,
    );
    // The start says what it found (a restarted core host tells the window so).
    expect(c.core.started).toEqual([
      {
        kind: 'anchor-mismatch',
        message: expect.stringMatching(/^打开台账时发现与外部锚点不符：.*请在“数据安全”中点“校验留痕”查看。$/),
      },
    ]);
    // …and the window says it at an ordinary opening too, not only after a core host's restart.
    expect((await c.ok('app:info', {})).startNotes).toEqual([c.core.started[0]!.message]);
    // The app's next write moves the anchor on; the disagreement found at opening was set aside as evidence.
    await c.ok('projects:create', project('之后新建的项目'));
    const v = await c.ok('audit:verify', {});
    expect(v.ok).toBe(false);
    expect(v.evidence!.length).toBe(1);
    expect(readdirSync(c.dir).some((f) => f.includes('.anchor.不符-'))).toBe(true);
  });

  it('an app edit of a row changed behind its back does not launder the change: verify still names the row', async () => {
    const c = await ledgerWithProjects();
    const id = Number(sqliteTool(c.file, `SELECT id FROM project WHERE name = '防篡改测试项目'`).trim());
    await editClosed(c, `UPDATE project SET total_fen = total_fen + 100000000 WHERE id = ${id}`);
    // the clerk changes another field of the same project through the app, and another project too
    await c.ok('projects:update', { id, patch: { location: '镇区东街' } });
    const other = Number(sqliteTool(c.file, `SELECT id FROM project WHERE id <> ${id} ORDER BY id LIMIT 1`).trim());
    await c.ok('projects:update', { id: other, patch: { location: '镇区西街' } });
    const v = await c.ok('audit:verify', {});
    expect(v.ok).toBe(false);
    expect(v.seals!.problems).toEqual([
      expect.objectContaining({ table: 'project', rowKey: String(id), kind: '改动' }),
    ]);
    expect(v.message).toContain(`“项目”表中编号 ${id} 的记录与封签不符：在程序之外被改动过，之后又经程序修改`);
    // and again, and after the app closed and opened: still there
    await c.ok('projects:update', { id, patch: { location: '镇区北街' } });
    c.core.close();
    await c.reopen();
    expect((await cliVerify(c.file)).code).toBe(1);
    expect((await c.ok('audit:verify', {})).seals!.problems.map((p) => p.rowKey)).toEqual([String(id)]);
  });

  it('an app delete of a row changed behind its back leaves its seal: verify still reports it', async () => {
    const c = await ledgerWithProjects();
    const flow = Number(sqliteTool(c.file, 'SELECT id FROM fund_flow ORDER BY id LIMIT 1').trim());
    await editClosed(c, `UPDATE fund_flow SET amount_fen = amount_fen + 5000000 WHERE id = ${flow}`);
    await c.ok('funds:removeFlow', { id: flow });
    const v = await c.ok('audit:verify', {});
    expect(v.ok).toBe(false);
    expect(v.seals!.problems).toEqual([
      expect.objectContaining({ table: 'fund_flow', rowKey: String(flow), kind: '删除' }),
    ]);
    // an intact row deleted through the app leaves nothing to report beside it
    const intact = Number(sqliteTool(c.file, 'SELECT id FROM fund_flow ORDER BY id LIMIT 1').trim());
    await c.ok('funds:removeFlow', { id: intact });
    expect((await c.ok('audit:verify', {})).seals!.problems.map((p) => p.rowKey)).toEqual([String(flow)]);
  });

  it('verify shows its progress through the tables, and a cancel stops it part way', async () => {
    const c = await ledgerWithProjects();
    // enough rows for several progress steps: 30,000 fund flows, sealed as written
    const raw = c.core.ctx.db;
    raw.tx(() => {
      const pid = raw.sqlite.prepare('SELECT min(id) FROM project').pluck().get() as number;
      const add = raw.sqlite.prepare(
        `INSERT INTO fund_flow (project_id, type, source, date, amount_fen) VALUES (?, '到位', '县级资金', '2017-05-01', ?)`,
      );
      for (let i = 1; i <= 30_000; i++) add.run(pid, i);
    });
    const seen: string[] = [];
    const v = runInCallScope({ progress: (stage, pct) => seen.push(`${stage} ${pct}`) }, () => verifyAudit(c.core.ctx));
    expect(v.seals!.checked).toBeGreaterThan(30_000);
    const steps = seen.filter((x) => x.startsWith('核对各表记录的封签'));
    expect(steps.length).toBeGreaterThan(3);
    expect(new Set(steps).size).toBe(steps.length); // it moves
    let asked = 0;
    expect(() =>
      runInCallScope(
        { progress: (stage) => stage === '核对各表记录的封签' && asked++, cancelRequested: () => asked > 2 },
        () => verifyAudit(c.core.ctx),
      ),
    ).toThrow(CANCELLED_MESSAGE);
    expect(asked).toBeLessThan(steps.length);
  });

  it('a ledger whose anchor was removed is re-sealed at opening, and the change log says so', async () => {
    const c = await ledgerWithProjects();
    c.core.close();
    rmSync(anchorPath(c.file));
    await c.reopen();
    expect(c.core.started).toEqual([
      {
        kind: 'resealed',
        message:
          '打开台账时发现外部锚点文件不见了：已为台账重新封签，台账中的数据没有改动。请在“数据安全”中点“校验留痕”查看。',
      },
    ]);
    const v = await c.ok('audit:verify', {});
    expect(v.ok).toBe(true);
    const last = sqliteTool(c.file, `SELECT reason FROM change_log ORDER BY id DESC LIMIT 1`).trim();
    expect(last).toContain('建立防篡改封签');
  });

  it('a ledger copied without its anchor is re-sealed without calling its kept figures tampered (they were the old key’s)', async () => {
    const c = await ledgerWithProjects();
    const before = await c.ok('dashboard:summary', { period: '2017-09' }); // the 总览's figures kept in the file
    c.core.close();
    rmSync(anchorPath(c.file));
    const logged: string[] = [];
    await c.reopen({ log: (m: string) => logged.push(m) });
    expect(await c.ok('dashboard:summary', { period: '2017-09' })).toEqual(before);
    await c.ok('funds:summary', {} as never);
    expect(logged.filter((m) => m.includes('统计数字缓存'))).toEqual([]);
    expect((await c.ok('audit:verify', {})).ok).toBe(true);
  });

  it('a text with a lone surrogate is stored as the file keeps it and verifies for ever', async () => {
    const c = await ledgerWithProjects();
    const created = await c.ok('projects:create', project('半个表情\uD83D项目'));
    const back = await c.ok('projects:get', { id: created.id });
    expect(back.name).toBe('半个表情\uFFFD项目');
    await c.ok('projects:update', { id: created.id, patch: { scope: '又\uDC00改了' } });
    await c.reopen();
    const v = await c.ok('audit:verify', {});
    expect(v.ok).toBe(true);
    expect((await cliVerify(c.file)).json.ok).toBe(true);
  });
});

/** How often `text` occurs in `s`. */
const times = (s: string, text: string) => s.split(text).length - 1;

/** The CLI's `verify` as a 管理员 reads it: its text, and its JSON. */
async function cliVerifyBoth(file: string): Promise<{ lines: string[]; findings: string[]; message: string }> {
  const lines: string[] = [];
  await runCli(['verify', '--db', file], { out: (s) => lines.push(...s.split('\n')), err: () => {} });
  const out: string[] = [];
  await runCli(['verify', '--db', file, '--json'], { out: (s) => out.push(s), err: () => {} });
  const json = JSON.parse(out.join('\n')) as { audit: { findings: string[]; message: string } };
  return { lines, findings: json.audit.findings, message: json.audit.message };
}

describe('verify names each problem once, saying where to look — the CLI and 数据安全’s 校验留痕 list the same', () => {
  it('a ledger put back from an older copy by hand, under the newer anchor: one finding, before and after the program opened it', async () => {
    const c = await ledgerWithProjects();
    c.core.close();
    const older = join(c.dir, '旧副本.db');
    copyFileSync(c.file, older);
    await c.reopen();
    await c.ok('projects:create', project('之后新建的项目'));
    c.core.close();
    // Someone copies the older file over the ledger while the program is closed; the anchor beside it stays.
    copyFileSync(older, c.file);
    for (const s of ['-wal', '-shm']) rmSync(c.file + s, { force: true });
    const anchorName = `${basename(c.file)}.anchor`;

    const before = await cliVerifyBoth(c.file);
    expect(before.findings).toEqual([
      `留痕记录少于外部锚点记载（现 2 条，锚点 3 条）：有留痕在程序之外被删除，或台账文件在程序之外被换成了较早的副本。外部锚点即台账文件旁的“${anchorName}”。请对照“修改记录”和“数据安全”中的备份核查`,
    ]);

    // The program opens it (the anchor is set aside as evidence), and opens it again before it writes: one copy.
    await c.reopen();
    await c.reopen();
    const copies = readdirSync(c.dir).filter((f) => f.includes('.anchor.不符-'));
    expect(copies).toHaveLength(1);
    const page = await c.ok('audit:verify', {});
    expect(page.ok).toBe(false);
    expect(page.findings).toEqual([
      `留痕记录少于外部锚点记载（现 2 条，锚点 3 条）：有留痕在程序之外被删除，或台账文件在程序之外被换成了较早的副本。外部锚点即台账文件旁的“${anchorName}”，打开台账时已把它另存为“${join(c.dir, copies[0]!)}”作为证据。请对照“修改记录”和“数据安全”中的备份核查；核查清楚后可删除另存的文件`,
    ]);
    // Said once: not again as 与另存的锚点相比 nor as 打开台账时曾发现.
    expect(times(page.message, '留痕记录少于外部锚点记载')).toBe(1);
    expect(page.message).not.toContain('打开台账时曾发现');
    c.core.close();
    const cli = await cliVerifyBoth(c.file);
    expect(cli.findings).toEqual(page.findings);
    expect(cli.message).toBe(page.message);
    // The text: one line per problem, numbered, beside what passed.
    expect(cli.lines).toContain(`  1. ${page.findings![0]}`);
    expect(cli.lines.find((l) => l.startsWith('留痕与统计数字：'))).toMatch(/^留痕与统计数字：发现 1 处问题（其余：/);
    expect(times(cli.lines.join('\n'), '留痕记录少于外部锚点记载')).toBe(1);

    // The program writes: the anchor moves on, the copy keeps the disagreement — still one finding, naming the copy.
    await c.reopen();
    await c.ok('projects:create', project('再新建的项目'));
    const after = await c.ok('audit:verify', {});
    expect(after.findings).toHaveLength(1);
    expect(after.findings![0]).toMatch(
      /^打开台账时曾发现台账与外部锚点不符，当时的锚点（.*）已另存为“.*\.anchor\.不符-\d{8}T\d{6}”；与它相比：.*。请对照“修改记录”和“数据安全”中的备份核查；核查清楚后可删除该文件$/,
    );
    expect(times(after.message, '打开台账时曾发现')).toBe(1);
  });

  it('another ledger’s anchor beside the ledger (or the ledger replaced by another’s): one finding, not every row and table', async () => {
    const other = await tempCore();
    await other.ok('app:onboard', { mode: 'empty', townName: '虞乡镇', fiscalYear: 2017 });
    await other.ok('projects:create', project('虞乡镇的项目'));
    other.core.close();
    const c = await ledgerWithProjects();
    c.core.close();
    copyFileSync(anchorPath(other.file), anchorPath(c.file));
    other.cleanup();
    const cli = await cliVerifyBoth(c.file);
    expect(cli.findings).toEqual([
      `台账中没有一行记录的封签与外部锚点的密钥相符：外部锚点不是这个台账的（台账文件或锚点文件在程序之外被换成了别的台账的）。外部锚点即台账文件旁的“${basename(c.file)}.anchor”。请对照“修改记录”和“数据安全”中的备份核查`,
    ]);
    expect(cli.lines.filter((l) => /^ {2}\d+\. /.test(l))).toHaveLength(1);

    // The program opens it and writes (its new rows sealed under that key): the rows it cannot vouch for are named
    // ten, then counted — their tables are not named again for their totals (“现有 44 条记录，封签记载 44 条”).
    await c.reopen();
    await c.ok('projects:create', project('之后新建的项目'));
    const after = await c.ok('audit:verify', {});
    const rows = after.seals!.rowProblems!;
    expect(rows).toBeGreaterThan(500);
    expect(after.findings!.filter((f) => f.includes('的记录与封签不符'))).toHaveLength(10);
    expect(after.findings).toContain(`另有 ${rows - 10} 条记录与封签不符（以上只列出前 10 条）`);
    expect(after.findings!.filter((f) => f.includes('封签记载'))).toEqual([]);
    expect(after.findings!.filter((f) => f.startsWith('打开台账时曾发现'))).toHaveLength(1);
  });
});
