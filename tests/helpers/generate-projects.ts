/**
 * Generates N plausible projects straight into a ledger database (for the 20,000-row grid measurement).
 * One transaction, prepared statements: 20,000 projects take a second or two.
 *   node --import tsx tests/helpers/generate-projects.ts --db big.db --count 20000
 */
import { mulberry32 } from '../../shared/domain/random.ts';
import {
  CATEGORIES,
  FUND_SOURCES,
  NATURES,
  PROJECT_STATUSES,
  PROJECT_TAGS,
  STAGE_GROUPS,
  SUBCATEGORIES,
} from '../../shared/domain/vocab.ts';
import type { Db } from '../../electron/core/db/connection.ts';

const PLACES = ['蒲州镇', '韩阳镇', '张营镇', '栲栳镇', '开张镇', '虞乡镇', '卿头镇', '城西街道'];
const WORKS = [
  '道路硬化',
  '污水管网',
  '路灯亮化',
  '集贸市场',
  '文化广场',
  '公厕改造',
  '立面改造',
  '绿化提升',
  '供水管网',
  '停车场',
];

export function generateProjects(db: Db, count: number, at = '2017-10-08T01:00:00.000Z'): void {
  const s = db.sqlite;
  s.transaction(() => {
    const orgIds: number[] = [];
    const insOrg = s.prepare("INSERT OR IGNORE INTO org_unit(name, level, kind) VALUES (?, '镇', '镇站所')");
    for (const n of ['生成财政所', '生成城建办', '生成水利站', '生成林业站', '生成交通站'])
      orgIds.push(Number(insOrg.run(n).lastInsertRowid));
    const staffIds = ['甲', '乙', '丙', '丁'].map((n) =>
      Number(s.prepare("INSERT INTO staff(name, title) VALUES (?, '副镇长')").run(`生成${n}`).lastInsertRowid),
    );
    const ins =
      s.prepare(`INSERT INTO project (code, name, plan_year, parent_id, category, subcategory, stage_group, nature, location, scope,
      total_fen, plan_start, plan_end, status, lead_org_id, leader_staff_id, created_at, updated_at)
      VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`);
    const insOrgLink = s.prepare('INSERT INTO project_org(project_id, org_id) VALUES (?, ?)');
    const insTag = s.prepare('INSERT INTO project_tag(project_id, tag) VALUES (?, ?)');
    let parent: number | null = null;
    for (let i = 0; i < count; i++) {
      const place = PLACES[i % PLACES.length]!;
      const work = WORKS[(i * 7) % WORKS.length]!;
      const year = 2015 + (i % 5);
      const child: boolean = i % 10 !== 0 && parent !== null && i % 10 < 4;
      const id: number = Number(
        ins.run(
          `G${year}-${String(i).padStart(5, '0')}`,
          `${place}${work}工程${i}号`,
          year,
          child ? parent : null,
          CATEGORIES[i % CATEGORIES.length],
          SUBCATEGORIES[i % SUBCATEGORIES.length],
          STAGE_GROUPS[i % STAGE_GROUPS.length],
          NATURES[i % NATURES.length],
          `${place}${i % 30}村`,
          `${work}，规模${(i % 50) + 1}单位`,
          (((i * 37) % 5000) + 10) * 1_000_000,
          `${year}-03-01`,
          `${year}-11-30`,
          PROJECT_STATUSES[i % PROJECT_STATUSES.length],
          orgIds[i % orgIds.length],
          staffIds[i % staffIds.length],
          at,
          at,
        ).lastInsertRowid,
      );
      if (i % 10 === 0) parent = id;
      insOrgLink.run(id, orgIds[(i + 1) % orgIds.length]);
      if (i % 3 === 0) insTag.run(id, PROJECT_TAGS[i % PROJECT_TAGS.length]);
    }
    s.prepare("INSERT OR REPLACE INTO setting(key, value) VALUES ('app.onboarded', 'generated')").run();
  })();
}

export interface LedgerShape {
  seed: number;
  /** top-level projects */
  tops: number;
  year?: number;
  /** the last month with reports (1–12) */
  lastMonth?: number;
}

/**
 * A whole small ledger for the figures tests, deterministic per seed: top-level projects, some with sub-projects
 * two levels deep (parents with their own 总投资, without one, and differing from their parts), 资金构成 of every
 * source on parents and parts (parents with and without rows of their own), year plans with and without a
 * monthly split, monthly reports (some missing), milestones (late, done late, done after the month), fund flows
 * of every type and batch (some after the month), 以奖代补 applications, odd 分 amounts. Written straight into
 * the tables in one transaction, as an import would leave them.
 */
export function generateLedger(db: Db, shape: LedgerShape): void {
  const rnd = mulberry32(shape.seed);
  const year = shape.year ?? 2017;
  const lastMonth = shape.lastMonth ?? 9;
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const chance = (p: number) => rnd() < p;
  const pad = (n: number) => String(n).padStart(2, '0');
  const day = (m: number, d = int(1, 28)) => `${year}-${pad(Math.min(12, Math.max(1, m)))}-${pad(d)}`;
  const at = `${year}-${pad(lastMonth)}-28T01:00:00.000Z`;
  const s = db.sqlite;
  let sourceTurn = shape.seed % FUND_SOURCES.length;
  let n = 0;
  s.transaction(() => {
    const ins =
      s.prepare(`INSERT INTO project (code, name, plan_year, parent_id, category, stage_group, nature, total_fen, plan_start, plan_end,
      act_start, act_end, status, in_stats, needs_matching, opening_cum_fen, opening_cum_year, sort, created_at, updated_at)
      VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`);
    const insPlan = s.prepare('INSERT INTO funding_plan (project_id, source, amount_fen) VALUES (?,?,?)');
    const insYear =
      s.prepare(`INSERT INTO year_plan (project_id, year, plan_fen, m01_fen, m02_fen, m03_fen, m04_fen, m05_fen, m06_fen, m07_fen, m08_fen,
      m09_fen, m10_fen, m11_fen, m12_fen) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`);
    const insReport = s.prepare(
      `INSERT INTO progress (project_id, period, month_fen, image_text, issues, state, updated_at) VALUES (?,?,?,?,?,?,?)`,
    );
    const insMilestone = s.prepare('INSERT INTO milestone (project_id, node, plan_date, act_date) VALUES (?,?,?,?)');
    const insFlow = s.prepare(
      'INSERT INTO fund_flow (project_id, date, type, source, amount_fen, batch) VALUES (?,?,?,?,?,?)',
    );
    const insAward = s.prepare(
      "INSERT INTO award_subsidy (project_id, applied_fen, applied_on, note) VALUES (?,?,?,'以奖代补')",
    );

    /** A project and what it carries; returns its id and own 总投资. */
    const project = (
      parentId: number | null,
      depth: number,
      ownTotal: number | null,
    ): { id: number; totalFen: number } => {
      n++;
      const startM = int(1, 8);
      const endM = int(startM + 1, 12);
      const started = chance(0.75) && startM <= lastMonth;
      const finished = started && endM < lastMonth && chance(0.5);
      const totalFen = ownTotal ?? int(50, 5000) * 1_000_000 + int(0, 99_999);
      const id = Number(
        ins.run(
          `S${shape.seed}-${String(n).padStart(3, '0')}`,
          `生成${shape.seed}号${depth > 0 ? '子' : ''}项目${n}`,
          year,
          parentId,
          pick(CATEGORIES),
          pick(STAGE_GROUPS),
          pick(NATURES),
          totalFen,
          day(startM, 1),
          day(endM, 28),
          started ? day(chance(0.8) ? startM : startM + 1) : null,
          finished ? day(endM, int(1, 28)) : null,
          finished ? '完工' : started ? '在建' : pick(['前期', '谋划']),
          chance(0.8) ? 1 : 0,
          chance(0.3) ? 1 : 0,
          chance(0.2) ? int(1, 300) * 1_000_000 + int(0, 99) : 0,
          chance(0.2) ? year - 1 : null,
          n,
          at,
          at,
        ).lastInsertRowid,
      );
      // 资金构成: one to three sources, taking turns so every source appears; now and then an odd 分 amount.
      if (ownTotal === null || ownTotal > 0) {
        let left = totalFen;
        const k = int(1, 3);
        for (let i = 0; i < k && left > 0; i++) {
          const amount = i === k - 1 && chance(0.7) ? left : Math.floor(left * rnd());
          insPlan.run(id, FUND_SOURCES[sourceTurn++ % FUND_SOURCES.length], amount);
          left -= amount;
        }
      }
      return { id, totalFen };
    };

    /**
     * Year plan, reports, milestones, flows and award of a project that reports itself. Its health decides how its
     * lights come out: on pace and paying (green), 20–40% behind (yellow), or anything at all (often red).
     */
    const reporting = (id: number, totalFen: number) => {
      const health = pick(['good', 'good', 'behind', 'any'] as const);
      const planFen = Math.floor(totalFen * (0.3 + rnd() * 0.7));
      const split = chance(0.5);
      const months: (number | null)[] = Array.from({ length: 12 }, () => (split ? Math.floor(planFen / 12) : null));
      if (split) months[11] = planFen - Math.floor(planFen / 12) * 11;
      if (chance(0.85)) insYear.run(id, year, planFen, ...months);
      const pace = health === 'good' ? 1.05 + rnd() * 0.3 : health === 'behind' ? 0.6 + rnd() * 0.15 : rnd() * 1.4;
      for (let m = 1; m <= lastMonth; m++) {
        if (health === 'any' && (chance(0.1) || (m === lastMonth && chance(0.3)))) continue; // not reported: a 填报 light
        const monthFen = Math.floor((planFen / 12) * pace * (0.8 + rnd() * 0.4));
        insReport.run(
          id,
          `${year}-${pad(m)}`,
          monthFen,
          `形象进度${m}月`,
          chance(0.3) ? '征地拆迁未完成' : null,
          pick(['草稿', '已报送', '已报送']),
          at,
        );
      }
      for (const node of ['开工', '主体完工', '竣工验收']) {
        if (!chance(0.6)) continue;
        const planM = int(1, 12);
        // on time where healthy; else late, early, or done after the month
        const act =
          health !== 'any' ? (planM <= lastMonth ? day(planM, 1) : null) : chance(0.5) ? day(planM + int(-1, 3)) : null;
        insMilestone.run(id, node, day(planM, health !== 'any' ? 28 : int(1, 28)), act);
      }
      for (let i = int(0, 3); i > 0; i--) {
        const source = FUND_SOURCES[sourceTurn++ % FUND_SOURCES.length]!;
        const amount = int(1, 200) * 1_000_000 + int(0, 99);
        const date = day(int(1, 12));
        if (health === 'any') {
          const type = pick(['到位', '到位', '拨付', '支付'] as const);
          insFlow.run(
            id,
            date,
            type,
            source,
            amount,
            type === '到位'
              ? pick([null, '预拨', '以奖代补', '验收兑现', '进度款'])
              : pick([null, '进度款', '验收兑现']),
          );
        } else {
          // money that arrives is passed on and paid the same day
          insFlow.run(id, date, '到位', source, amount, pick([null, '预拨', '以奖代补', '验收兑现', '进度款']));
          insFlow.run(id, date, '拨付', source, amount, '进度款');
          insFlow.run(id, date, '支付', source, amount, '进度款');
        }
      }
      if (chance(0.3)) insAward.run(id, int(10, 200) * 1_000_000, day(int(1, lastMonth)));
    };

    for (let t = 0; t < shape.tops; t++) {
      const shapeOf = rnd();
      if (shapeOf < 0.55) {
        const p = project(null, 0, null);
        reporting(p.id, p.totalFen);
        continue;
      }
      // A parent: its own 总投资 (equal to its parts, or not), or none (0: its parts stand for it).
      const mode = pick(['equal', 'differs', 'none'] as const);
      const parent = project(null, 0, mode === 'none' ? 0 : 1);
      let partsSum = 0;
      for (let c = int(2, 3); c > 0; c--) {
        if (chance(0.35)) {
          const mid = project(parent.id, 1, chance(0.5) ? 0 : null);
          let midSum = 0;
          for (let g = int(1, 2); g > 0; g--) {
            const leaf = project(mid.id, 2, null);
            reporting(leaf.id, leaf.totalFen);
            midSum += leaf.totalFen;
          }
          partsSum += mid.totalFen > 0 ? mid.totalFen : midSum;
          if (chance(0.3))
            insFlow.run(
              mid.id,
              day(int(1, 12)),
              '到位',
              pick(FUND_SOURCES),
              int(1, 50) * 1_000_000,
              pick([null, '预拨']),
            );
        } else {
          const leaf = project(parent.id, 1, null);
          reporting(leaf.id, leaf.totalFen);
          partsSum += leaf.totalFen;
        }
      }
      if (mode !== 'none') {
        const total = mode === 'equal' ? partsSum : partsSum + int(-30, 300) * 1_000_000 + int(1, 99);
        s.prepare('UPDATE project SET total_fen = ? WHERE id = ?').run(Math.max(1, total), parent.id);
        s.prepare('DELETE FROM funding_plan WHERE project_id = ?').run(parent.id);
        if (chance(0.6))
          insPlan.run(
            parent.id,
            FUND_SOURCES[sourceTurn++ % FUND_SOURCES.length],
            Math.floor(Math.max(1, total) * 0.6),
          );
      }
      // Now and then a parent reported itself before it was split into parts (its first months, and last year's).
      if (chance(0.25))
        for (const period of [`${year - 1}-12`, `${year}-01`, `${year}-02`].slice(0, int(1, 3)))
          insReport.run(parent.id, period, int(1, 90) * 1_000_000 + int(0, 99), '拆分前', null, '已报送', at);
      // A parent has a milestone, a flow and now and then an application of its own too.
      if (chance(0.5)) insMilestone.run(parent.id, '主体完工', day(int(1, lastMonth)), null);
      if (chance(0.5))
        insFlow.run(
          parent.id,
          day(int(1, 12)),
          pick(['到位', '支付'] as const),
          pick(FUND_SOURCES),
          int(1, 80) * 1_000_000 + 7,
          pick([null, '验收兑现']),
        );
      if (chance(0.3)) insAward.run(parent.id, int(10, 100) * 1_000_000, null);
    }
    s.prepare("INSERT OR REPLACE INTO setting(key, value) VALUES ('app.onboarded', 'generated')").run();
    s.prepare("INSERT OR REPLACE INTO setting(key, value) VALUES ('town.name', ?)").run(`生成${shape.seed}镇`);
  })();
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\/tests\//, 'tests/'))) {
  const { createCore } = await import('../../electron/core/index.ts');
  const arg = (k: string) => process.argv[process.argv.indexOf(k) + 1];
  const core = await createCore({ dbPath: arg('--db')!, log: () => {} });
  generateProjects(core.ctx.db, Number(arg('--count') ?? 20000));
  core.close();
}
