/**
 * A deterministic county-scale ledger for benchmarks: N projects (a fifth of them grouped as
 * sub-projects under parents), items, funding plans, milestones, year plans, `years` years of
 * monthly reports and fund flows, with realistic Chinese names and amounts. Same seed → same data.
 * Bulk inserts use prepared statements inside the caller's transaction (this is tooling, not a use-case).
 */
import { CATEGORIES, FUND_SOURCES, NATURES, STAGE_GROUPS, SUBCATEGORIES } from '../../../shared/domain/vocab.ts';
import { mulberry32 } from '../../../shared/domain/random.ts';
import type { Db } from '../db/connection.ts';
import { storedSearchKey } from '../search-key.ts';

const TOWNS = [
  '蒲州',
  '韩阳',
  '张营',
  '卿头',
  '开张',
  '栲栳',
  '蒲州',
  '虞乡',
  '城西',
  '城北',
  '城东',
  '东城',
  '北城',
  '张家湾',
  '石桥',
  '黄河',
  '洪山',
  '杨柳',
  '白石',
  '青龙',
];
const VILLAGES = [
  '西厢',
  '杨家营',
  '韩家庄',
  '东王',
  '南坡',
  '北关',
  '后河',
  '前进',
  '新民',
  '太平',
  '和平',
  '长乐',
  '永安',
  '双塔',
  '柳林',
];
const WORKS = [
  '道路硬化',
  '雨污管网改造',
  '路灯亮化',
  '绿化提升',
  '公厕新建',
  '垃圾中转站',
  '农贸市场',
  '文化广场',
  '健身步道',
  '立面改造',
  '供水管网延伸',
  '污水处理站',
  '停车场',
  '老旧小区改造',
  '养老服务中心',
  '防洪排涝',
  '燃气入户',
  '游客中心',
  '集贸市场规范',
  '智慧平台',
];
const STAGES = [
  '前期手续办理中',
  '招标完成，施工单位进场',
  '基础施工',
  '主体施工',
  '管网铺设',
  '面层施工',
  '设备安装',
  '收尾扫尾',
  '已完工待验收',
];

export interface CountyScaleOptions {
  projects: number;
  years: number;
  fundFlows: number;
  seed?: number;
  firstYear?: number;
}

export function seedCountyScale(
  db: Db,
  o: CountyScaleOptions,
): { projects: number; reports: number; fundFlows: number } {
  const rnd = mulberry32(o.seed ?? 20171001);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)]!;
  const firstYear = o.firstYear ?? 2015;
  const now = '2018-01-10T08:00:00.000Z';
  const s = db.sqlite;
  const orgIds: number[] = [];
  const insOrg = s.prepare(`INSERT INTO org_unit (name, level, kind) VALUES (?, ?, ?)`);
  for (const t of new Set(TOWNS))
    for (const unit of ['人民政府', '财政所', '城建办', '交通道路站', '水利站']) {
      orgIds.push(
        Number(insOrg.run(`${t}镇${unit}`, '镇', unit === '人民政府' ? '党委政府' : '镇站所').lastInsertRowid),
      );
    }
  const staffIds: number[] = [];
  const insStaff = s.prepare(`INSERT INTO staff (name, title, org_id, phone) VALUES (?, ?, ?, ?)`);
  const surnames =
    '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段漕钱汤尹黎易常武乔贺赖龚文';
  const given = '建国志强海燕晓明丽华国庆红军卫东秀英振华春梅伟宏文静俊杰子涵雨轩浩然';
  for (let i = 0; i < 400; i++) {
    const name = pick([...surnames]) + pick([...given]) + (rnd() < 0.5 ? pick([...given]) : '');
    staffIds.push(
      Number(
        insStaff.run(
          name,
          pick(['副镇长', '镇长', '党委副书记', '城建办主任', '站长']),
          pick(orgIds),
          `139${String(Math.floor(rnd() * 1e8)).padStart(8, '0')}`,
        ).lastInsertRowid,
      ),
    );
  }

  const insProject =
    s.prepare(`INSERT INTO project (code, name, plan_year, parent_id, category, subcategory, stage_group, nature, location, scope,
      total_fen, year_from, year_to, plan_start, plan_end, act_start, act_end, status, lead_org_id, leader_staff_id, in_stats, created_at, updated_at, sort, search_key)
    VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`);
  const insRespOrg = s.prepare(`INSERT OR IGNORE INTO project_org (project_id, org_id) VALUES (?, ?)`);
  const insItem = s.prepare(
    `INSERT INTO project_item (project_id, name, qty, unit, amount_fen, sort) VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const insFunding = s.prepare(`INSERT INTO funding_plan (project_id, source, amount_fen) VALUES (?, ?, ?)`);
  const insMilestone = s.prepare(
    `INSERT INTO milestone (project_id, node, plan_date, act_date, sort) VALUES (?, ?, ?, ?, ?)`,
  );
  const insYearPlan = s.prepare(`INSERT INTO year_plan (project_id, year, plan_fen) VALUES (?, ?, ?)`);
  const insReport =
    s.prepare(`INSERT INTO progress (project_id, period, month_fen, image_text, image_pct, state, filled_by, filled_at, updated_at)
    VALUES (?, ?, ?, ?, ?, '已报送', '录入员', ?, ?)`);
  const insFlow = s.prepare(
    `INSERT INTO fund_flow (project_id, date, type, source, amount_fen, batch, voucher_no) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );

  let reports = 0;
  const leafIds: { id: number; total: number; start: number }[] = [];
  let parentId: number | null = null;
  let childrenLeft = 0;
  for (let i = 0; i < o.projects; i++) {
    const isChild: boolean = childrenLeft > 0 && parentId !== null;
    const startYear = firstYear + Math.floor(rnd() * o.years);
    const years = 1 + Math.floor(rnd() * 2);
    const startMonth = 1 + Math.floor(rnd() * 9);
    const endMonth = years === 1 ? Math.min(12, startMonth + 2 + Math.floor(rnd() * 8)) : 1 + Math.floor(rnd() * 12);
    const total = (20 + Math.floor(rnd() * 3000)) * 1_000_000 + Math.floor(rnd() * 100) * 10_000;
    const town = pick(TOWNS);
    const village = pick(VILLAGES);
    const work = pick(WORKS);
    const name = `${town}镇${village}村${work}工程（${i + 1}）`;
    const planStart = `${startYear}-${String(startMonth).padStart(2, '0')}-01`;
    const planEnd = `${startYear + years - 1}-${String(endMonth).padStart(2, '0')}-28`;
    const started = rnd() < 0.97;
    const done = started && rnd() < 0.3;
    const code = `X${startYear}-${String(i + 1).padStart(5, '0')}`;
    const location = `${town}镇${village}村`;
    const id: number = Number(
      insProject.run(
        code,
        name,
        startYear,
        isChild ? parentId : null,
        pick(CATEGORIES),
        pick(SUBCATEGORIES),
        pick(STAGE_GROUPS),
        pick(NATURES),
        location,
        `${work}，规模约${Math.floor(rnd() * 5000)}㎡`,
        total,
        startYear,
        startYear + years - 1,
        planStart,
        planEnd,
        started ? planStart : null,
        done ? planEnd : null,
        done ? '完工' : started ? '在建' : '前期',
        pick(orgIds),
        pick(staffIds),
        total >= 500_000_000 && started ? 1 : 0,
        now,
        now,
        i,
        storedSearchKey({ name, code, location }),
      ).lastInsertRowid,
    );
    insRespOrg.run(id, pick(orgIds));
    insRespOrg.run(id, pick(orgIds));
    if (isChild) childrenLeft--;
    else if (rnd() < 0.05 && i < o.projects - 5) {
      parentId = id;
      childrenLeft = 4;
    }
    for (let k = 0; k < 3; k++)
      insItem.run(id, `${work}子项${k + 1}`, Math.floor(rnd() * 100) / 10, '公里', Math.floor(total / 4), k);
    const split = Math.floor(total * 0.6);
    insFunding.run(id, pick(FUND_SOURCES), split);
    insFunding.run(id, '镇政府自筹', total - split);
    insMilestone.run(id, '开工', planStart, started ? planStart : null, 0);
    insMilestone.run(id, '主体完工', planEnd, done ? planEnd : null, 1);
    insMilestone.run(id, '竣工验收', planEnd, done ? planEnd : null, 2);
    for (let y = startYear; y < startYear + years; y++) insYearPlan.run(id, y, Math.floor(total / years));
    leafIds.push({ id, total, start: startYear });
    // Reports: every month of the horizon, so the table reaches about projects × years × 12 rows.
    if (started) {
      for (let y = firstYear; y < firstYear + o.years; y++) {
        for (let m = 1; m <= 12; m++) {
          const period = `${y}-${String(m).padStart(2, '0')}`;
          insReport.run(
            id,
            period,
            Math.floor((total / (years * 12)) * (0.5 + rnd())),
            pick(STAGES),
            Math.min(100, Math.floor(rnd() * 100)),
            `${period}-28`,
            now,
          );
          reports++;
        }
      }
    }
  }
  for (let f = 0; f < o.fundFlows; f++) {
    const p = pick(leafIds);
    const y = p.start;
    const date = `${y}-${String(1 + Math.floor(rnd() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rnd() * 28)).padStart(2, '0')}`;
    insFlow.run(
      p.id,
      date,
      pick(['到位', '拨付', '支付'] as const),
      pick(FUND_SOURCES),
      Math.floor(p.total / 20),
      pick(['预拨', '进度款', '验收兑现', '以奖代补']),
      `凭${y}-${f}`,
    );
  }
  return { projects: o.projects, reports, fundFlows: o.fundFlows };
}
