// 按县里模板填报 of a form that asks for each project's people (tests/fixtures/county-template/people-template.xlsx,
// built by openpyxl: make_people_template.py beside it): its 包联领导 column takes the project's 包联领导 and its
// 项目负责人 column the project's 责任人, by the names T1 and the 一项目一档 give them (project-people.ts: one place
// for all three). The 责任人 column was recognised but left empty. Read back by openpyxl, a second library.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { filledDataRows, PY } from '../../helpers/python.ts';
import { tempCore, type TempCore } from '../../helpers/temp-core.ts';

const TEMPLATE = fileURLToPath(new URL('../../fixtures/county-template/people-template.xlsx', import.meta.url));

let t: TempCore;
beforeAll(async () => {
  t = await tempCore({ role: '审核人', operator: '周志强' });
  await t.ok('app:onboard', { mode: 'demo' });
});
afterAll(() => t.cleanup());

/** The filled template's rows as openpyxl reads them: 项目名称 → [包联领导, 项目负责人], for the rows numbered 1, 2 … */
async function filled(period = '2017-09'): Promise<Map<string, [unknown, unknown]>> {
  const out = await t.ok('excel:templateFill', {
    fileName: 'people-template.xlsx',
    templateBase64: readFileSync(TEMPLATE).toString('base64'),
    period,
  });
  return new Map(filledDataRows(t.dir, out).map((r) => [String(r[1]), [r[3], r[4]]]));
}

/** T1's 责任领导(包联领导) column: 项目名称 → name. */
async function t1Leaders(period = '2017-09'): Promise<Map<string, unknown>> {
  const out = await t.ok('excel:export', { template: 'T1', period });
  const ws = XLSX.read(Buffer.from(out.base64, 'base64')).Sheets['月报表']!;
  const rows = XLSX.utils.sheet_to_json<unknown[]>(ws, { header: 1, defval: null });
  const header = rows.find((r) => r.includes('责任领导(包联领导)'))!;
  const [nameAt, leaderAt] = [header.indexOf('项目名称'), header.indexOf('责任领导(包联领导)')];
  // project rows: numbered 1, 2 … (sub-projects 1-1, named 其中：…), under the section headings
  return new Map(rows.filter((r) => /^\d+$/.test(String(r[0]))).map((r) => [String(r[nameAt]), r[leaderAt]]));
}

const ledger = () =>
  t.core.ctx.db.sqlite
    .prepare(
      `SELECT p.name, l.name AS leader, m.name AS manager FROM project p
       LEFT JOIN staff l ON l.id = p.leader_staff_id LEFT JOIN staff m ON m.id = p.manager_staff_id
       WHERE p.parent_id IS NULL AND p.deleted_at IS NULL`,
    )
    .all() as { name: string; leader: string | null; manager: string | null }[];
const staffId = (name: string) =>
  t.core.ctx.db.sqlite.prepare('SELECT id FROM staff WHERE name = ?').pluck().get(name) as number;

describe('a county template with 包联领导 and 项目负责人 columns', () => {
  it('gets each project’s 包联领导 and 责任人, by the names T1 gives them; the sample names are gone', async () => {
    const rows = await filled();
    const projects = ledger();
    expect(rows.size).toBe(projects.length);
    for (const p of projects) expect(rows.get(p.name), p.name).toEqual([p.leader, p.manager]);
    expect(projects.filter((p) => p.manager).length).toBeGreaterThan(20);
    const t1 = await t1Leaders();
    for (const p of projects) expect(t1.get(p.name), p.name).toBe(rows.get(p.name)![0]);
    const names = [...rows.values()].flat();
    for (const sample of ['张三', '李四', '王五', '赵六', '钱七', '孙八']) expect(names).not.toContain(sample);
  });

  it('the 合计 row added under the projects (the template has none) keeps nothing of the sample row it was', async () => {
    // The third sample row (3 | 示例：XX安置房 | … | 钱七 | 孙八) became the 合计 row: 序号 3, 钱七 and 孙八 stayed in it.
    const out = await t.ok('excel:templateFill', {
      fileName: 'people-template.xlsx',
      templateBase64: readFileSync(TEMPLATE).toString('base64'),
      period: '2017-09',
    });
    const file = join(t.dir, 'total-row.xlsx');
    writeFileSync(file, Buffer.from(out.base64, 'base64'));
    const script = [
      'import json, sys, openpyxl',
      'ws = openpyxl.load_workbook(sys.argv[1]).active',
      "print(json.dumps([list(r) for r in ws.iter_rows(values_only=True) if str(r[1]).startswith('合计')], ensure_ascii=False))",
    ].join('\n');
    const [total] = JSON.parse(execFileSync(PY, ['-c', script, file], { encoding: 'utf8' })) as unknown[][];
    const projects = ledger().length;
    expect(total).toEqual([null, `合计（${projects}个）`, `=SUM(C4:C${3 + projects})`, null, null, null]);
    // In bold, as a 合计 is printed, with the data rows' borders and number formats; the data rows stay regular.
    const looks = [
      'import json, sys, openpyxl',
      'ws = openpyxl.load_workbook(sys.argv[1]).active',
      'look = lambda r: [[c.font.b, c.font.name, c.border.left.style, c.number_format] for c in ws[r][:6]]',
      'rows = [r for r in range(1, ws.max_row + 1) if str(ws.cell(r, 2).value).startswith("合计")]',
      'print(json.dumps({"total": look(rows[0]), "data": look(4)}, ensure_ascii=False))',
    ].join('\n');
    const { total: totalLook, data } = JSON.parse(execFileSync(PY, ['-c', looks, file], { encoding: 'utf8' })) as {
      total: unknown[][];
      data: unknown[][];
    };
    expect(totalLook.map((c) => c[0])).toEqual([true, true, true, true, true, true]);
    expect(data.map((c) => c[0])).toEqual([false, false, false, false, false, false]);
    expect(totalLook.map((c) => c.slice(1))).toEqual(data.map((c) => c.slice(1)));
  });

  it('a closed month keeps its 包联领导 (as its figures and T1 do); the 责任人 is whoever is linked now', async () => {
    const p = ledger().find((x) => x.name === '断头路打通')!;
    expect(p).toMatchObject({ leader: '周志强', manager: '王德胜' });
    await t.ok('periods:close', { period: '2017-09', confirmUnreported: [] });
    const id = t.core.ctx.db.sqlite.prepare("SELECT id FROM project WHERE name = '断头路打通'").pluck().get() as number;
    await t.ok('projects:update', {
      id,
      patch: { leaderStaffId: staffId('钱立新'), managerStaffId: staffId('冯春生') },
    });
    expect((await filled()).get('断头路打通')).toEqual(['周志强', '冯春生']);
    expect((await t1Leaders()).get('断头路打通')).toBe('周志强');
    // the card of that month names the same people; 职务 only of the person linked now
    const card = (await t.ok('reports:render', { doc: 'card', period: '2017-09', projectId: id })).html;
    expect(card).toContain('<th>包联领导</th><td>周志强</td><th>责任人</th><td>冯春生\u3000水利站站长</td>');
    // the open month names the people linked now, on every surface
    expect((await filled('2017-10')).get('断头路打通')).toEqual(['钱立新', '冯春生']);
    expect((await t1Leaders('2017-10')).get('断头路打通')).toBe('钱立新');
  });
});
