import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../electron/core/db/connection.ts';
import { migrate } from '../../electron/core/db/migrate.ts';
import { PUZHOU_PROJECTS, seedPuzhou2017 } from '../../electron/core/seed/puzhou-2017.ts';
import { FUND_SOURCE_GROUPS } from '../../shared/domain/vocab.ts';

const WAN = 1_000_000;

let dir: string;
let db: Db;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'seed-puzhou-'));
  const file = join(dir, 'ledger.db');
  db = openDatabase(file);
  await migrate(db.sqlite, file);
  db.tx(() => seedPuzhou2017(db, '2017-10-01T00:00:00.000Z'));
});

afterAll(() => {
  db?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

type Row = Record<string, unknown>;
const all = (sql: string, ...params: unknown[]) => db.sqlite.prepare(sql).all(...params) as Row[];
const one = (sql: string, ...params: unknown[]) => db.sqlite.prepare(sql).get(...params) as Row;
const idOfCode = (code: string) => one(`SELECT id FROM project WHERE code = ?`, code).id as number;
const byKey = (key: string) => PUZHOU_PROJECTS.find((p) => p.key === key)!;

describe('蒲州镇 2017 seed', () => {
  it('writes the town settings', () => {
    const settings = Object.fromEntries(all(`SELECT key, value FROM setting`).map((r) => [r.key, r.value]));
    expect(settings).toMatchObject({
      'town.name': '蒲州镇',
      'town.fullName': '永济市蒲州镇',
      'org.filler': '永济市蒲州镇人民政府',
      'org.receiver': '永济市小城镇建设领导组办公室',
      'fiscal.year': '2017',
      'demo.referenceDate': '2017-09-30',
    });
  });

  it('has 24 top-level projects totalling 21390万 and 12 sub-projects', () => {
    const top = one(
      `SELECT count(*) AS n, sum(total_fen) AS s FROM project WHERE parent_id IS NULL AND deleted_at IS NULL`,
    );
    expect(top.n).toBe(24);
    expect(top.s).toBe(21_390_000_000);
    expect(one(`SELECT count(*) AS n FROM project WHERE parent_id IS NOT NULL`).n).toBe(12);
    expect(PUZHOU_PROJECTS).toHaveLength(36);
  });

  it('numbers the projects in table order', () => {
    const codes = Object.fromEntries(all(`SELECT code, name FROM project`).map((r) => [r.code, r.name]));
    expect(codes['2017-01']).toBe('蒲州镇旅游景区提升工程');
    expect(codes['2017-01-07']).toBe('特色观光农业');
    expect(codes['2017-02']).toBe('生态园林休闲区');
    expect(codes['2017-03']).toBe('蒲州商业街工程');
    expect(codes['2017-03-05']).toBe(byKey('9e').name);
    expect(codes['2017-04']).toBe('垃圾中转站');
    expect(codes['2017-24']).toBe(byKey('30').name);
    for (const p of PUZHOU_PROJECTS) expect(codes[p.code]).toBe(p.name);
  });

  it('funds every project exactly, except 9a–9e which have no funding rows', () => {
    const rows = all(
      `SELECT p.code, p.total_fen, count(f.id) AS n, coalesce(sum(f.amount_fen), 0) AS s
         FROM project p LEFT JOIN funding_plan f ON f.project_id = p.id GROUP BY p.id`,
    );
    const row9Children = new Set(PUZHOU_PROJECTS.filter((p) => p.parentKey === '9').map((p) => p.code));
    expect(row9Children.size).toBe(5);
    for (const r of rows) {
      if (row9Children.has(r.code as string)) expect(r.n, String(r.code)).toBe(0);
      else expect(r.s, String(r.code)).toBe(r.total_fen);
    }
  });

  it('uses every funding source except 众筹/银行贷款/企业自筹/其他', () => {
    const used = new Set(all(`SELECT DISTINCT source FROM funding_plan`).map((r) => r.source));
    const expected = Object.values(FUND_SOURCE_GROUPS)
      .flat()
      .filter((s) => !['众筹', '银行贷款', '企业自筹', '其他'].includes(s));
    for (const s of expected) expect(used.has(s), s).toBe(true);
  });

  it('keeps 蒲州商业街 items at 2118万 against a total of 2700万', () => {
    const id = idOfCode('2017-03');
    const items = one(
      `SELECT count(*) AS n, sum(amount_fen) AS s, min(approx) AS a FROM project_item WHERE project_id = ?`,
      id,
    );
    expect(items).toEqual({ n: 5, s: 2118 * WAN, a: 1 });
    expect(one(`SELECT total_fen FROM project WHERE id = ?`, id).total_fen).toBe(2700 * WAN);
  });

  it('reports per leaf project sum exactly to the table’s 累计', () => {
    const parents = new Set(PUZHOU_PROJECTS.map((p) => p.parentKey).filter(Boolean));
    for (const p of PUZHOU_PROJECTS) {
      const r = one(
        `SELECT count(*) AS n, coalesce(sum(month_fen), 0) AS s FROM progress WHERE project_id = ?`,
        idOfCode(p.code),
      );
      if (parents.has(p.key)) {
        expect(r.n, p.key).toBe(0);
        continue;
      }
      expect(r.s, p.key).toBe(p.cumWanAt0930 * WAN);
      if (p.key === '24' || p.key === '29') expect(r.n, p.key).toBe(0);
      else expect(r.n, p.key).toBeGreaterThan(0);
    }
    const sept = one(
      `SELECT image_text, month_fen FROM progress WHERE project_id = ? AND period = '2017-09'`,
      idOfCode(byKey('9c').code),
    );
    expect(sept).toEqual({ image_text: '未开工', month_fen: 0 });
  });

  it('gives the 蒲州商业街 children a 累计 of 1430万', () => {
    const r = one(
      `SELECT sum(pr.month_fen) AS s FROM progress pr JOIN project c ON c.id = pr.project_id WHERE c.parent_id = ?`,
      idOfCode('2017-03'),
    );
    expect(r.s).toBe(1430 * WAN);
    expect(byKey('9').cumWanAt0930).toBe(1430);
  });

  it('records the multi-year year plans and the overdue node of row 28', () => {
    const plan = (key: string) =>
      one(`SELECT plan_fen FROM year_plan WHERE project_id = ? AND year = 2017`, idOfCode(byKey(key).code)).plan_fen;
    expect(plan('15')).toBe(300 * WAN);
    expect(plan('20')).toBe(100 * WAN);
    expect(plan('21')).toBe(1500 * WAN);
    expect(plan('24')).toBe(100 * WAN);
    expect(plan('tour')).toBe(8800 * WAN);
    const node = one(
      `SELECT plan_date, act_date FROM milestone WHERE project_id = ? AND node = '主体完工'`,
      idOfCode(byKey('28').code),
    );
    expect(node).toEqual({ plan_date: '2017-08-31', act_date: null });
    const p15 = one(`SELECT plan_start, plan_end, year_from, year_to FROM project WHERE code = ?`, byKey('15').code);
    expect(p15).toEqual({ plan_start: '2017-07-01', plan_end: '2018-06-30', year_from: 2017, year_to: 2018 });
  });

  it('builds the leading group with exactly one 组长', () => {
    expect(one(`SELECT count(*) AS n FROM lg_member WHERE role = '组长'`).n).toBe(1);
    const roles = all(`SELECT role, count(*) AS n FROM lg_member GROUP BY role`);
    expect(Object.fromEntries(roles.map((r) => [r.role, r.n]))).toEqual({ 组长: 1, 副组长: 4, 成员: 7, 办公室主任: 1 });
    const director = one(`SELECT s.title FROM leading_group g JOIN staff s ON s.id = g.office_director_staff_id`);
    expect(director.title).toBe('副镇长');
    expect(one(`SELECT count(*) AS n FROM staff WHERE active = 1`).n).toBe(12);
  });

  it('leaves no dangling foreign keys', () => {
    expect(db.sqlite.pragma('foreign_key_check')).toEqual([]);
  });
});
