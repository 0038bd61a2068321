/**
 * Generates N plausible projects straight into a ledger database (for the 20,000-row grid measurement).
 * One transaction, prepared statements: 20,000 projects take a second or two.
 *   node --import tsx tests/helpers/generate-projects.ts --db big.db --count 20000
 */
import { CATEGORIES, NATURES, PROJECT_STATUSES, PROJECT_TAGS, STAGE_GROUPS, SUBCATEGORIES } from '../../shared/domain/vocab.ts';
import type { Db } from '../../electron/core/db/connection.ts';

const PLACES = ['蒲州镇', '韩阳镇', '张营镇', '栲栳镇', '开张镇', '虞乡镇', '卿头镇', '城西街道'];
const WORKS = ['道路硬化', '污水管网', '路灯亮化', '集贸市场', '文化广场', '公厕改造', '立面改造', '绿化提升', '供水管网', '停车场'];

export function generateProjects(db: Db, count: number, at = '2017-10-08T01:00:00.000Z'): void {
  const s = db.sqlite;
  s.transaction(() => {
    const orgIds: number[] = [];
    const insOrg = s.prepare("INSERT OR IGNORE INTO org_unit(name, level, kind) VALUES (?, '镇', '镇站所')");
    for (const n of ['生成财政所', '生成城建办', '生成水利站', '生成林业站', '生成交通站']) orgIds.push(Number(insOrg.run(n).lastInsertRowid));
    const staffIds = ['甲', '乙', '丙', '丁'].map((n) => Number(s.prepare("INSERT INTO staff(name, title) VALUES (?, '副镇长')").run(`生成${n}`).lastInsertRowid));
    const ins = s.prepare(`INSERT INTO project (code, name, plan_year, parent_id, category, subcategory, stage_group, nature, location, scope,
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
      const id: number = Number(ins.run(
        `G${year}-${String(i).padStart(5, '0')}`, `${place}${work}工程${i}号`, year, child ? parent : null,
        CATEGORIES[i % CATEGORIES.length], SUBCATEGORIES[i % SUBCATEGORIES.length], STAGE_GROUPS[i % STAGE_GROUPS.length], NATURES[i % NATURES.length],
        `${place}${i % 30}村`, `${work}，规模${(i % 50) + 1}单位`, ((i * 37) % 5000 + 10) * 1_000_000,
        `${year}-03-01`, `${year}-11-30`, PROJECT_STATUSES[i % PROJECT_STATUSES.length], orgIds[i % orgIds.length], staffIds[i % staffIds.length], at, at,
      ).lastInsertRowid);
      if (i % 10 === 0) parent = id;
      insOrgLink.run(id, orgIds[(i + 1) % orgIds.length]);
      if (i % 3 === 0) insTag.run(id, PROJECT_TAGS[i % PROJECT_TAGS.length]);
    }
    s.prepare("INSERT OR REPLACE INTO setting(key, value) VALUES ('app.onboarded', 'generated')").run();
  })();
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\/tests\//, 'tests/'))) {
  const { createCore } = await import('../../electron/core/index.ts');
  const arg = (k: string) => process.argv[process.argv.indexOf(k) + 1];
  const core = await createCore({ dbPath: arg('--db')!, log: () => {} });
  generateProjects(core.ctx.db, Number(arg('--count') ?? 20000));
  core.close();
}
