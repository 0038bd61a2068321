/**
 * The 蒲州镇 2017 sample (../shared/docs/domain.md §5): the fixture for tests, demos and the first-run
 * "示例数据". Rows 1–9 and 9a–9e come from seed S3; everything marked * in §5 is invented but chosen so
 * that the reference date 2017-09-30 produces the lights listed there. People are fictional.
 *
 * The caller owns the transaction: seeding is one step of a larger unit (first run, test setup).
 */
import { SAMPLE_LEDGER } from '../../../shared/domain/sample-ledger.ts';
import type { Db } from '../db/connection.ts';
import { setSetting } from '../repositories/setting.repository.ts';
import { storedSearchKey } from '../search-key.ts';
import { FEN_PER_WAN } from '../../../shared/domain/money.ts';
import { addMonths, comparePeriods, makePeriod, monthsInclusive, periodEnd } from '../../../shared/domain/period.ts';
import {
  FUND_SOURCE_GROUPS,
  type FundSource,
  type CATEGORIES,
  type NATURES,
  type PROJECT_STATUSES,
  type PROJECT_TAGS,
  type SUBCATEGORIES,
} from '../../../shared/domain/vocab.ts';

const YEAR = SAMPLE_LEDGER.fiscalYear;
/** The fixture's "today": reports exist up to this month. */
const REF_PERIOD = '2017-09';

// ---------------------------------------------------------------------------------------------------
// Organisation
// ---------------------------------------------------------------------------------------------------

const ORGS = [
  { key: '党委', name: '蒲州镇党委', level: '镇', kind: '党委政府' },
  { key: '政府', name: '蒲州镇人民政府', level: '镇', kind: '党委政府' },
  { key: '财政所', name: '蒲州镇财政所', level: '镇', kind: '镇站所' },
  { key: '城建办', name: '蒲州镇城建办', level: '镇', kind: '镇站所' },
  { key: '交通道路站', name: '蒲州镇交通道路站', level: '镇', kind: '镇站所' },
  { key: '水利站', name: '蒲州镇水利站', level: '镇', kind: '镇站所' },
  { key: '林业站', name: '蒲州镇林业站', level: '镇', kind: '镇站所' },
  { key: '派出所', name: '蒲州镇派出所', level: '镇', kind: '镇站所' },
  { key: '土地所', name: '蒲州镇土地所', level: '镇', kind: '镇站所' },
  { key: '西厢村', name: '西厢村', level: '村', kind: '村(社区)' },
  { key: '蒲州村', name: '蒲州村', level: '村', kind: '村(社区)' },
  { key: '韩阳村', name: '韩阳村', level: '村', kind: '村(社区)' },
  { key: '杨家营村', name: '杨家营村', level: '村', kind: '村(社区)' },
  { key: '住建局', name: '永济市住建局', level: '县', kind: '县直部门' },
  { key: '发改局', name: '永济市发改局', level: '县', kind: '县直部门' },
  { key: '自然资源局', name: '永济市自然资源和规划局', level: '县', kind: '县直部门' },
  { key: '交通运输局', name: '永济市交通运输局', level: '县', kind: '县直部门' },
  { key: '文旅局', name: '永济市文旅局', level: '县', kind: '县直部门' },
  { key: '恒通路桥', name: '永济市恒通路桥工程有限公司', level: '企业', kind: '施工' },
  { key: '宏达建筑', name: '永济市宏达建筑工程有限公司', level: '企业', kind: '施工' },
  { key: '正信监理', name: '运城市正信工程监理有限公司', level: '企业', kind: '监理' },
] as const;
type OrgKey = (typeof ORGS)[number]['key'];

type LgRole = '组长' | '副组长' | '成员';
/** S3's leading group, in its printed order (= lg_member.sort). Names are fictional. */
const STAFF = [
  { key: '书记', name: '赵建国', title: '党委书记', org: '党委', phone: '0359-8021001', role: '组长' },
  { key: '镇长', name: '钱立新', title: '镇长', org: '政府', phone: '0359-8021002', role: '副组长' },
  { key: '副书记', name: '孙卫东', title: '党委副书记', org: '党委', phone: '0359-8021003', role: '副组长' },
  { key: '纪检', name: '李秀芳', title: '纪检书记', org: '党委', phone: '0359-8021005', role: '副组长' },
  { key: '副镇长', name: '周志强', title: '副镇长', org: '政府', phone: '0359-8021006,13903590106', role: '副组长' },
  { key: '财政', name: '吴海涛', title: '财政所所长', org: '财政所', phone: '0359-8021011,13903590111', role: '成员' },
  { key: '城建', name: '郑晓明', title: '城建办主任', org: '城建办', phone: '0359-8021012,13903590112', role: '成员' },
  { key: '交通', name: '王德胜', title: '交通道路站长', org: '交通道路站', phone: '13903590113', role: '成员' },
  { key: '水利', name: '冯春生', title: '水利站站长', org: '水利站', phone: '13903590114', role: '成员' },
  { key: '林业', name: '陈永红', title: '林业站站长', org: '林业站', phone: '13903590115', role: '成员' },
  { key: '派出所', name: '褚国栋', title: '派出所所长', org: '派出所', phone: '0359-8021110', role: '成员' },
  { key: '土地', name: '卫振华', title: '土地所所长', org: '土地所', phone: '13903590117', role: '成员' },
] as const satisfies readonly { key: string; name: string; title: string; org: OrgKey; phone: string; role: LgRole }[];
type StaffKey = (typeof STAFF)[number]['key'];

/** Who answers the phone for a project led by this unit (项目责任人/联系人). */
const HEAD_OF: Partial<Record<OrgKey, StaffKey>> = {
  政府: '副镇长',
  党委: '副书记',
  财政所: '财政',
  城建办: '城建',
  交通道路站: '交通',
  水利站: '水利',
  林业站: '林业',
  派出所: '派出所',
  土地所: '土地',
};

// ---------------------------------------------------------------------------------------------------
// Projects (万元, whole numbers; converted to 分 only when inserted)
// ---------------------------------------------------------------------------------------------------

type Category = (typeof CATEGORIES)[number];
type Subcategory = (typeof SUBCATEGORIES)[number];
type Nature = (typeof NATURES)[number];
type Status = (typeof PROJECT_STATUSES)[number];
type Tag = (typeof PROJECT_TAGS)[number];
export type PuzhouLight = 'green' | 'yellow' | 'red';
/** [source, 万元, note]. */
type Fund = readonly [FundSource, number, string?];
/** S3's "镇、村、户自筹": split 50/30/20 so all three 自筹 sources appear. */
const SELF3 = 'self3';

interface Spec {
  key: string;
  parent?: string;
  name: string;
  scope: string;
  location: string;
  village?: OrgKey;
  cat: Category;
  sub?: Subcategory;
  nature: Nature;
  total: number;
  approx?: true;
  fund: readonly Fund[] | typeof SELF3;
  /** Plan window, YYYY-MM (次年 = 2018). Absent only for row 29 (谋划). */
  from?: string;
  to?: string;
  /** 2017 年计 when the window spans years; otherwise the total. */
  yearPlan?: number;
  /** 开工以来累计 at 2017-09-30 (0 for the two parents: theirs is derived from the children). */
  cum: number;
  /** 2017-09 形象进度 and its %. */
  text: string;
  pct: number;
  light: PuzhouLight | null;
  leader: StaffKey;
  lead: OrgKey;
  orgs: readonly OrgKey[];
  /** Completed in this month (→ 完工, act_end). */
  done?: string;
  /** Set only where §5 departs from 在建/完工. */
  status?: Status;
  /** Work (and investment) stopped after this month. */
  stopAfter?: string;
  tags?: readonly Tag[];
  issue?: string;
  node?: string;
  landMu?: number;
  delivery?: string;
}

const T = (wan: number, note?: string): Fund => ['镇政府自筹', wan, note];

const SPECS: readonly Spec[] = [
  {
    key: 'tour',
    name: '蒲州镇旅游景区提升工程',
    scope:
      '景区东起永济西高速路口至黄河坝，东西长8.5公里，含普救寺、蒲州古城遗址、唐铁牛、鹳雀楼；实施接待中心、绿化、立面改造、绕村道路、农家乐、观光农业7个子项目',
    location: '蒲州镇旅游景区',
    cat: '产业发展',
    sub: '旅游',
    nature: '新建',
    total: 8800,
    fund: SELF3,
    from: '2017-03',
    to: '2017-12',
    cum: 0,
    text: '',
    pct: 0,
    light: 'red',
    leader: '镇长',
    lead: '城建办',
    orgs: ['城建办', '林业站', '文旅局'],
    tags: ['示范镇项目'],
  },
  {
    key: '1',
    parent: 'tour',
    name: '新建旅游接待中心',
    scope: '景区入口新建旅游接待中心，占地30亩',
    location: '蒲州镇旅游景区入口',
    village: '西厢村',
    cat: '产业发展',
    sub: '旅游',
    nature: '新建',
    total: 3500,
    fund: SELF3,
    from: '2017-03',
    to: '2017-12',
    cum: 900,
    text: '围墙在建，设计完成，招标中',
    pct: 25,
    light: 'red',
    leader: '镇长',
    lead: '城建办',
    orgs: ['城建办', '土地所'],
    issue: '主体工程招标滞后，年底建成压力大',
    landMu: 30,
  },
  {
    key: '2',
    parent: 'tour',
    name: '旅游路绿化提升',
    scope: '旅游路全线8.5公里绿化升级，栽植各类树木3万余株，建设绿化带1万㎡',
    location: '旅游路（永济西高速路口至黄河坝）',
    cat: '城镇风貌',
    sub: '绿化',
    nature: '新建',
    total: 1200,
    fund: SELF3,
    from: '2017-03',
    to: '2017-10',
    cum: 1000,
    text: '栽植完成90%',
    pct: 90,
    light: 'green',
    leader: '副书记',
    lead: '林业站',
    orgs: ['林业站', '交通道路站'],
  },
  {
    key: '3',
    parent: 'tour',
    name: '西厢大街绿化',
    scope: '新栽各类树木2800株，新建绿化带4000㎡',
    location: '西厢大街',
    village: '西厢村',
    cat: '城镇风貌',
    sub: '绿化',
    nature: '新建',
    total: 300,
    fund: SELF3,
    from: '2017-03',
    to: '2017-10',
    cum: 260,
    text: '基本完成',
    pct: 95,
    light: 'green',
    leader: '副书记',
    lead: '林业站',
    orgs: ['林业站', '城建办'],
  },
  {
    key: '4',
    parent: 'tour',
    name: '西厢大街牌匾整治及立面仿唐改造',
    scope: '沿街商户门牌广告“五统一”更换；已建成153户门房立面仿唐改造',
    location: '西厢大街',
    village: '西厢村',
    cat: '城镇风貌',
    sub: '立面',
    nature: '改扩建',
    total: 1600,
    fund: SELF3,
    from: '2017-04',
    to: '2017-10',
    cum: 1100,
    text: '完成105户',
    pct: 69,
    light: 'yellow',
    leader: '副镇长',
    lead: '城建办',
    orgs: ['城建办'],
    issue: '部分商户对仿唐改造方案有异议',
  },
  {
    key: '5',
    parent: 'tour',
    name: '修建硬化绕村道路',
    scope: '大街商户屋后新开通硬化东西向道路一条，分流西厢大街车辆',
    location: '西厢大街商户屋后',
    village: '西厢村',
    cat: '基础设施',
    sub: '硬化',
    nature: '新建',
    total: 900,
    fund: SELF3,
    from: '2017-04',
    to: '2017-10',
    cum: 800,
    text: '面层施工',
    pct: 85,
    light: 'green',
    leader: '副镇长',
    lead: '交通道路站',
    orgs: ['交通道路站', '土地所'],
  },
  {
    key: '6',
    parent: 'tour',
    name: '景区“农家乐”',
    scope: '引导发展集休闲、餐饮、服务为一体的农家乐6家',
    location: '蒲州镇旅游景区',
    cat: '产业发展',
    sub: '旅游',
    nature: '新建',
    total: 600,
    fund: SELF3,
    from: '2017-03',
    to: '2017-10',
    cum: 600,
    text: '6家已营业',
    pct: 100,
    light: 'green',
    leader: '纪检',
    lead: '政府',
    orgs: ['政府', '财政所'],
    done: '2017-09',
  },
  {
    key: '7',
    parent: 'tour',
    name: '特色观光农业',
    scope: '新建生态观光园、采摘园8家，发展早熟杏、桃、核桃等特色品种2000余亩',
    location: '景区沿线及景点周边',
    village: '韩阳村',
    cat: '产业发展',
    sub: '观光农业',
    nature: '新建',
    total: 700,
    fund: SELF3,
    from: '2017-03',
    to: '2017-10',
    cum: 620,
    text: '定植完成',
    pct: 88,
    light: 'green',
    leader: '纪检',
    lead: '林业站',
    orgs: ['林业站', '土地所'],
  },
  {
    key: '8',
    name: '生态园林休闲区',
    scope: '占地80余亩，栽植雪松、栾树等苗木15000余株，硬化慢行便道8000余㎡',
    location: '旅游路两侧铁牛馆至鹳雀楼段',
    village: '蒲州村',
    cat: '公共环境',
    sub: '绿化',
    nature: '新建',
    total: 850,
    fund: [T(850)],
    from: '2017-04',
    to: '2017-10',
    cum: 300,
    text: '苗木栽植中',
    pct: 35,
    light: 'red',
    leader: '副书记',
    lead: '林业站',
    orgs: ['林业站', '土地所'],
    issue: '苗木调运滞后',
    landMu: 80,
  },
  {
    key: '9',
    name: '蒲州商业街工程',
    scope: '商业街硬化1.8公里、雨污排水管3.6公里、太阳能路灯120盏及高杆灯4盏、人行道3.6公里、绿地及园林绿化',
    location: '蒲州商业街',
    village: '蒲州村',
    cat: '基础设施',
    nature: '改扩建',
    total: 2700,
    fund: [['省级资金', 1500, '上级补助'], T(1200)],
    from: '2017-05',
    to: '2017-12',
    cum: 0,
    text: '',
    pct: 0,
    light: 'red',
    leader: '副镇长',
    lead: '城建办',
    orgs: ['城建办', '交通道路站', '水利站'],
    tags: ['县级重点'],
  },
  {
    key: '9a',
    parent: '9',
    name: '商业街硬化工程',
    scope: '商业街路面硬化，全长1.8公里',
    location: '蒲州商业街',
    village: '蒲州村',
    cat: '基础设施',
    sub: '硬化',
    nature: '改扩建',
    total: 860,
    approx: true,
    fund: [],
    from: '2017-05',
    to: '2017-09',
    cum: 860,
    text: '完工',
    pct: 100,
    light: 'green',
    leader: '副镇长',
    lead: '交通道路站',
    orgs: ['交通道路站'],
    done: '2017-09',
  },
  {
    key: '9b',
    parent: '9',
    name: '商业街雨污排水管工程',
    scope: '雨、污排水管道铺装，全长3.6公里',
    location: '蒲州商业街',
    village: '蒲州村',
    cat: '基础设施',
    sub: '雨污管网',
    nature: '改扩建',
    total: 600,
    approx: true,
    fund: [],
    from: '2017-05',
    to: '2017-09',
    cum: 420,
    text: '完成2.5公里',
    pct: 69,
    light: 'yellow',
    leader: '副镇长',
    lead: '水利站',
    orgs: ['水利站'],
    issue: '既有管线迁改影响施工',
  },
  {
    key: '9c',
    parent: '9',
    name: '商业街亮化工程',
    scope: '安装太阳能路灯120盏，西厢十字路口安装高杆灯4盏',
    location: '蒲州商业街及西厢十字路口',
    village: '蒲州村',
    cat: '基础设施',
    sub: '亮化',
    nature: '改扩建',
    total: 238,
    approx: true,
    fund: [],
    from: '2017-08',
    to: '2017-11',
    cum: 0,
    text: '未开工',
    pct: 0,
    light: 'red',
    leader: '副镇长',
    lead: '城建办',
    orgs: ['城建办'],
    status: '前期',
    issue: '灯具采购招标未完成',
  },
  {
    key: '9d',
    parent: '9',
    name: '商业街人行道铺装工程',
    scope: '人行道铺装，全长3.6公里',
    location: '蒲州商业街',
    village: '蒲州村',
    cat: '基础设施',
    sub: '硬化',
    nature: '改扩建',
    total: 240,
    approx: true,
    fund: [],
    from: '2017-07',
    to: '2017-11',
    cum: 150,
    text: '铺装中',
    pct: 60,
    light: 'green',
    leader: '副镇长',
    lead: '交通道路站',
    orgs: ['交通道路站'],
  },
  {
    key: '9e',
    parent: '9',
    name: '商业街绿地及园林绿化工程',
    scope: '商业街绿地建设和园林绿化',
    location: '蒲州商业街',
    village: '蒲州村',
    cat: '基础设施',
    sub: '绿化',
    nature: '改扩建',
    total: 180,
    approx: true,
    fund: [],
    from: '2017-09',
    to: '2017-12',
    cum: 0,
    text: '待开工',
    pct: 0,
    light: 'yellow',
    leader: '副镇长',
    lead: '林业站',
    orgs: ['林业站'],
    status: '前期',
  },
  {
    key: '10',
    name: '垃圾中转站',
    scope: '新建垃圾中转站1座，配套压缩及转运设备',
    location: '镇区东侧',
    village: '蒲州村',
    cat: '公共环境',
    sub: '垃圾',
    nature: '新建',
    total: 120,
    fund: [['市级资金', 60, '上级补助（以奖代补）'], T(60)],
    from: '2017-04',
    to: '2017-09',
    cum: 120,
    text: '已完工',
    pct: 100,
    light: 'green',
    leader: '副镇长',
    lead: '城建办',
    orgs: ['城建办', '土地所'],
    done: '2017-09',
    tags: ['以奖代补'],
  },
  {
    key: '11',
    name: '水冲式公厕2座',
    scope: '镇区新建水冲式公厕2座',
    location: '西厢大街、蒲州商业街',
    village: '西厢村',
    cat: '公共环境',
    sub: '公厕',
    nature: '新建',
    total: 60,
    fund: [T(60)],
    from: '2017-05',
    to: '2017-08',
    cum: 60,
    text: '已完工',
    pct: 100,
    light: 'green',
    leader: '副镇长',
    lead: '城建办',
    orgs: ['城建办'],
    done: '2017-08',
    tags: ['以奖代补'],
  },
  {
    key: '12',
    name: '农贸市场新建',
    scope: '新建农贸市场1处，含交易大棚及配套设施',
    location: '镇区北侧',
    village: '蒲州村',
    cat: '公共服务',
    sub: '市场',
    nature: '新建',
    total: 450,
    fund: [['社会资本', 300, '招商引资'], T(150)],
    from: '2017-06',
    to: '2017-12',
    cum: 150,
    text: '基础施工',
    pct: 30,
    light: 'yellow',
    leader: '镇长',
    lead: '城建办',
    orgs: ['城建办', '土地所'],
    issue: '社会资本到位偏慢',
  },
  {
    key: '13',
    name: '文化广场及健身场所',
    scope: '新建文化广场及健身场所，配置健身器材',
    location: '镇政府南侧',
    village: '蒲州村',
    cat: '公共服务',
    sub: '文化广场',
    nature: '新建',
    total: 380,
    fund: [['市级资金', 200, '上级补助'], T(180)],
    from: '2017-04',
    to: '2017-10',
    cum: 330,
    text: '铺装完成',
    pct: 85,
    light: 'green',
    leader: '副书记',
    lead: '城建办',
    orgs: ['城建办', '财政所'],
  },
  {
    key: '14',
    name: '自来水管网延伸',
    scope: '延伸镇区及周边村自来水管网，自来水普及率达到97%',
    location: '镇区及西厢村、韩阳村',
    village: '韩阳村',
    cat: '基础设施',
    sub: '供水',
    nature: '改扩建',
    total: 520,
    fund: [['省级资金', 300, '上级补助'], T(220)],
    from: '2017-03',
    to: '2017-11',
    cum: 380,
    text: '主管完成',
    pct: 75,
    light: 'green',
    leader: '副镇长',
    lead: '水利站',
    orgs: ['水利站'],
  },
  {
    key: '15',
    name: '镇区污水处理设施',
    scope: '新建镇区污水处理站及收集管网',
    location: '镇区西南侧',
    village: '杨家营村',
    cat: '公共环境',
    sub: '污水处理',
    nature: '新建',
    total: 900,
    fund: [['专项债券', 600], T(300)],
    from: '2017-07',
    to: '2018-06',
    yearPlan: 300,
    cum: 80,
    text: '管网开挖中',
    pct: 10,
    light: 'yellow',
    leader: '镇长',
    lead: '水利站',
    orgs: ['水利站', '城建办', '土地所'],
    node: '收集管网完工',
  },
  {
    key: '16',
    name: '主干道节能路灯',
    scope: '镇区主干道安装节能路灯',
    location: '镇区主干道',
    cat: '基础设施',
    sub: '亮化',
    nature: '新建',
    total: 150,
    fund: [T(150)],
    from: '2017-05',
    to: '2017-08',
    cum: 150,
    text: '已完工',
    pct: 100,
    light: 'green',
    leader: '副镇长',
    lead: '城建办',
    orgs: ['城建办'],
    done: '2017-08',
  },
  {
    key: '17',
    name: '公共停车场',
    scope: '新建景区及镇区公共停车场',
    location: '西厢大街东口',
    village: '西厢村',
    cat: '基础设施',
    sub: '停车场',
    nature: '新建',
    total: 200,
    fund: [T(200)],
    from: '2017-06',
    to: '2017-10',
    cum: 60,
    text: '场地平整',
    pct: 30,
    light: 'red',
    leader: '纪检',
    lead: '交通道路站',
    orgs: ['交通道路站', '土地所'],
    issue: '场地征收协调未完成',
  },
  {
    key: '18',
    name: '镇总体规划修编',
    scope: '修编蒲州镇总体规划（委托乙级以上资质单位编制）',
    location: '蒲州镇全域',
    cat: '规划设计',
    sub: '规划编制',
    nature: '新建',
    total: 60,
    fund: [['县级资金', 30, '县级配套'], T(30)],
    from: '2017-03',
    to: '2017-09',
    cum: 60,
    text: '专家评审通过',
    pct: 100,
    light: 'green',
    leader: '镇长',
    lead: '城建办',
    orgs: ['城建办', '土地所', '自然资源局'],
    done: '2017-09',
  },
  {
    key: '19',
    name: '沿街立面及“空中蜘蛛网”治理',
    scope: '沿街建筑立面整治，通信、电力线缆规整入管',
    location: '西厢大街、蒲州商业街',
    cat: '城镇风貌',
    sub: '立面',
    nature: '改扩建',
    total: 300,
    fund: [T(300)],
    from: '2017-05',
    to: '2017-11',
    cum: 220,
    text: '线缆入管70%',
    pct: 70,
    light: 'green',
    leader: '副镇长',
    lead: '城建办',
    orgs: ['城建办', '派出所'],
  },
  {
    key: '20',
    name: '防洪排涝及避难场所',
    scope: '镇区防洪排涝设施改造，建设避灾避难场所1处',
    location: '镇区沿河段',
    village: '杨家营村',
    cat: '基础设施',
    sub: '防灾',
    nature: '新建',
    total: 400,
    fund: [['中央资金', 400, '上级补助']],
    from: '2017-09',
    to: '2018-05',
    yearPlan: 100,
    cum: 0,
    text: '可研已批，待招标',
    pct: 0,
    light: 'yellow',
    leader: '镇长',
    lead: '水利站',
    orgs: ['水利站', '土地所'],
    status: '前期',
    node: '完成招标并开工',
  },
  {
    key: '21',
    name: '文明住宅小区',
    scope: '建设文明住宅小区1处，不少于100户，绿化面积不低于用地30%',
    location: '镇区东北片区',
    village: '蒲州村',
    cat: '公共服务',
    sub: '住房',
    nature: '新建',
    total: 3000,
    fund: [['社会资本', 3000, '招商引资']],
    from: '2017-03',
    to: '2018-12',
    yearPlan: 1500,
    cum: 600,
    text: '主体施工',
    pct: 20,
    light: 'yellow',
    leader: '书记',
    lead: '城建办',
    orgs: ['城建办', '土地所', '住建局'],
    tags: ['县级重点'],
    node: '主体结构封顶',
    delivery: '招商综合开发',
    issue: '招商资金到位滞后',
  },
  {
    key: '22',
    name: '镇机关“五个一”改造',
    scope: '改造镇机关会议室、食堂、洗浴室、娱乐室、水冲式厕所',
    location: '蒲州镇人民政府机关院内',
    cat: '治理水平',
    nature: '改扩建',
    total: 80,
    fund: [T(80)],
    from: '2017-06',
    to: '2017-09',
    cum: 80,
    text: '已完工',
    pct: 100,
    light: 'green',
    leader: '纪检',
    lead: '财政所',
    orgs: ['财政所', '政府'],
    done: '2017-09',
  },
  {
    key: '23',
    name: '老旧小区整治改造',
    scope: '镇区老旧小区道路、管网、外立面及环境整治',
    location: '镇区老街片区',
    village: '蒲州村',
    cat: '城镇风貌',
    sub: '老旧小区',
    nature: '改扩建',
    total: 350,
    fund: [['中央资金', 200, '上级补助'], T(150)],
    from: '2017-08',
    to: '2017-12',
    cum: 70,
    text: '已进场',
    pct: 20,
    light: 'yellow',
    leader: '副书记',
    lead: '城建办',
    orgs: ['城建办', '住建局'],
  },
  {
    key: '24',
    name: '养老服务中心',
    scope: '建设镇养老服务中心，实施适老化改造',
    location: '镇区敬老院旧址',
    village: '蒲州村',
    cat: '公共服务',
    sub: '养老',
    nature: '新建',
    total: 350,
    fund: [['县级资金', 200, '县级配套'], T(150)],
    from: '2017-10',
    to: '2018-06',
    yearPlan: 100,
    cum: 0,
    text: '前期',
    pct: 0,
    light: null,
    leader: '副书记',
    lead: '政府',
    orgs: ['政府', '财政所'],
    status: '前期',
    node: '完成前期手续并开工',
  },
  {
    key: '25',
    name: '燃气管网入户',
    scope: '镇区燃气主管网及入户工程，气化率达到60%',
    location: '镇区',
    village: '西厢村',
    cat: '基础设施',
    sub: '燃气',
    nature: '新建',
    total: 800,
    fund: [['PPP', 800]],
    from: '2017-05',
    to: '2017-12',
    cum: 200,
    text: '停工（征地纠纷）',
    pct: 25,
    light: 'red',
    leader: '镇长',
    lead: '城建办',
    orgs: ['城建办', '土地所', '派出所'],
    status: '停工',
    stopAfter: '2017-07',
    delivery: 'PPP',
    issue: '管网路由涉及征地纠纷，7月底起停工',
  },
  {
    key: '26',
    name: '网格化+智慧小镇平台',
    scope: '建设网格化管理及智慧小镇信息平台',
    location: '蒲州镇综治中心',
    cat: '治理水平',
    sub: '智慧小镇',
    nature: '新建',
    total: 100,
    fund: [['县级资金', 100]],
    from: '2017-07',
    to: '2017-12',
    cum: 40,
    text: '系统部署',
    pct: 40,
    light: 'yellow',
    leader: '纪检',
    lead: '派出所',
    orgs: ['派出所', '政府'],
  },
  {
    key: '27',
    name: '镇区健身绿道',
    scope: '沿镇区及景区建设健身绿道',
    location: '镇区至鹳雀楼段',
    village: '韩阳村',
    cat: '公共环境',
    sub: '绿道',
    nature: '新建',
    total: 250,
    fund: [['一般债券', 150], T(100)],
    from: '2017-05',
    to: '2017-10',
    cum: 200,
    text: '基本完成',
    pct: 80,
    light: 'green',
    leader: '副书记',
    lead: '林业站',
    orgs: ['林业站'],
  },
  {
    key: '28',
    name: '断头路打通',
    scope: '打通镇区断头路，完善道路微循环',
    location: '镇区南环路',
    village: '杨家营村',
    cat: '基础设施',
    sub: '道路',
    nature: '新建',
    total: 500,
    fund: [['市级资金', 300, '上级补助'], T(200)],
    from: '2017-03',
    to: '2017-08',
    cum: 300,
    text: '逾期30天未完工',
    pct: 60,
    light: 'red',
    leader: '副镇长',
    lead: '交通道路站',
    orgs: ['交通道路站', '土地所'],
    issue: '沿线拆迁未完成，主体工程逾期',
  },
  {
    key: '29',
    name: '垃圾分类收集点',
    scope: '镇区设置垃圾分类收集点',
    location: '镇区',
    cat: '公共环境',
    sub: '垃圾',
    nature: '新建',
    total: 40,
    fund: [T(40)],
    cum: 0,
    text: '谋划',
    pct: 0,
    light: null,
    leader: '副镇长',
    lead: '城建办',
    orgs: ['城建办'],
    status: '谋划',
  },
  {
    key: '30',
    name: '集贸市场“八进”规范设施',
    scope: '集贸市场设置“八进”规范化宣传及便民设施',
    location: '蒲州集贸市场',
    village: '蒲州村',
    cat: '治理水平',
    sub: '市场',
    nature: '改扩建',
    total: 30,
    fund: [T(30)],
    from: '2017-06',
    to: '2017-08',
    cum: 30,
    text: '已完工',
    pct: 100,
    light: 'green',
    leader: '纪检',
    lead: '政府',
    orgs: ['政府', '派出所', '财政所'],
    done: '2017-08',
  },
];

/** 蒲州商业街 as S3 words it: the sub-items (all "余") sum to 2118, not to the stated 2700. */
const ROW9_ITEMS = [
  { name: '硬化', qty: 1.8, unit: '公里', wan: 860 },
  { name: '雨污排水管', qty: 3.6, unit: '公里', wan: 600 },
  { name: '太阳能路灯120盏+高杆灯4盏', qty: 124, unit: '盏', wan: 238 },
  { name: '人行道', qty: 3.6, unit: '公里', wan: 240 },
  { name: '绿地及园林绿化', qty: null, unit: null, wan: 180 },
] as const;

// ---------------------------------------------------------------------------------------------------
// Derived figures
// ---------------------------------------------------------------------------------------------------

const fen = (wan: number): number => wan * FEN_PER_WAN;
const childrenOf = (key: string) => SPECS.filter((s) => s.parent === key);
const isParent = (s: Spec) => childrenOf(s.key).length > 0;
const statusOf = (s: Spec): Status => s.status ?? (s.done ? '完工' : '在建');
const started = (s: Spec) => s.cum > 0 || isParent(s);

function stageGroupOf(s: Spec): string {
  const st = statusOf(s);
  if (st === '完工') return '投产达产';
  if (st === '谋划') return '前期储备';
  if (st === '前期') return s.from && comparePeriods(s.from, REF_PERIOD) <= 0 ? '促进开工' : '前期储备';
  return '加快建设';
}

/** Codes follow the §5 row order: top level 2017-01…, children parent-code-01…. */
function assignCodes(): Map<string, string> {
  const codes = new Map<string, string>();
  let top = 0;
  const childCount = new Map<string, number>();
  for (const s of SPECS) {
    if (s.parent) {
      const n = (childCount.get(s.parent) ?? 0) + 1;
      childCount.set(s.parent, n);
      codes.set(s.key, `${codes.get(s.parent)}-${String(n).padStart(2, '0')}`);
    } else {
      codes.set(s.key, `${YEAR}-${String(++top).padStart(2, '0')}`);
    }
  }
  return codes;
}
const CODES = assignCodes();

function cumWanOf(s: Spec): number {
  return isParent(s) ? childrenOf(s.key).reduce((a, c) => a + c.cum, 0) : s.cum;
}

export interface PuzhouProject {
  key: string;
  code: string;
  name: string;
  parentKey: string | null;
  totalWan: number;
  /** For the two parents: the children's sum (parents carry no reports). */
  cumWanAt0930: number;
  planFrom: string | null;
  planTo: string | null;
  yearPlanWan: number | null;
  /** §5 灯 (investment vs 序时 at 2017-09); parents = worst child; null = not yet due / 谋划. */
  expectedLight: PuzhouLight | null;
  status: Status;
  approx: boolean;
  imageText: string;
}

export const PUZHOU_PROJECTS: readonly PuzhouProject[] = SPECS.map((s) => ({
  key: s.key,
  code: CODES.get(s.key)!,
  name: s.name,
  parentKey: s.parent ?? null,
  totalWan: s.total,
  cumWanAt0930: cumWanOf(s),
  planFrom: s.from ?? null,
  planTo: s.to ?? null,
  yearPlanWan: s.from ? (s.yearPlan ?? s.total) : null,
  expectedLight: s.light,
  status: statusOf(s),
  approx: s.approx === true,
  imageText: s.text,
}));

function fundingRows(s: Spec): { source: FundSource; fen: number; note: string | null }[] {
  if (s.fund !== SELF3) return s.fund.map(([source, wan, note]) => ({ source, fen: fen(wan), note: note ?? null }));
  const total = fen(s.total);
  const town = (total / 10) * 5;
  const village = (total / 10) * 3;
  return [
    { source: '镇政府自筹', fen: town, note: '镇、村、户自筹' },
    { source: '村集体自筹', fen: village, note: '镇、村、户自筹' },
    { source: '农户自筹', fen: total - town - village, note: '镇、村、户自筹' },
  ];
}

const UPPER = FUND_SOURCE_GROUPS.上级补助 as readonly string[];

interface Report {
  period: string;
  fen: number;
  text: string;
  pct: number;
}

/**
 * One report per month from the plan start to 2017-09. Investment is spread in whole 万元 over the
 * months actually worked (to completion or stoppage), the remainder in the last of them, so the sum is
 * exactly §5's 累计. Texts change every month so no report trips the "数据与上月雷同" flag.
 */
function reportsOf(s: Spec): Report[] {
  if (isParent(s) || !s.from || comparePeriods(s.from, REF_PERIOD) > 0) return [];
  if (s.cum === 0) return [{ period: REF_PERIOD, fen: 0, text: s.text, pct: 0 }];
  const workTo = s.done ?? s.stopAfter ?? REF_PERIOD;
  const workMonths = monthsInclusive(s.from, workTo);
  const baseWan = Math.floor(s.cum / workMonths);
  const n = monthsInclusive(s.from, REF_PERIOD);
  const out: Report[] = [];
  let cumFen = 0;
  for (let i = 0; i < n; i++) {
    const period = addMonths(s.from, i);
    const working = i < workMonths;
    const monthFen = !working ? 0 : i === workMonths - 1 ? fen(s.cum) - cumFen : fen(baseWan);
    cumFen += monthFen;
    const pct = Math.floor((s.pct * cumFen) / fen(s.cum));
    let text: string;
    if (period === REF_PERIOD) text = s.text;
    else if (period === s.done) text = '工程完工，组织竣工验收';
    else if (s.done && comparePeriods(period, s.done) > 0) text = '竣工验收通过，已交付使用';
    else if (s.stopAfter && comparePeriods(period, s.stopAfter) > 0) text = '施工暂停，协调征地纠纷';
    else if (i === 0) text = '项目启动，完成施工准备并进场';
    else text = `按计划推进，形象进度约${pct}%`;
    out.push({ period, fen: monthFen, text, pct });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Insertion
// ---------------------------------------------------------------------------------------------------

export function seedPuzhou2017(db: Db, nowIso: string): void {
  const settings: [string, string][] = [
    ['town.name', SAMPLE_LEDGER.townName],
    ['town.fullName', '永济市蒲州镇'],
    ['org.filler', '永济市蒲州镇人民政府'],
    ['org.receiver', '永济市小城镇建设领导组办公室'],
    ['fiscal.year', String(YEAR)],
    ['demo.referenceDate', '2017-09-30'],
  ];
  // Upserted: a ledger made by `init --town … --year …` already holds the town's name and year.
  for (const [key, value] of settings) setSetting(db, key, value);

  const orgId = new Map<OrgKey, number>();
  ORGS.forEach((o, i) => {
    const shortName = o.name === o.key ? null : o.key;
    const { lastInsertRowid } = db.run(
      db.q
        .insertInto('org_unit')
        .values({ name: o.name, short_name: shortName, level: o.level, kind: o.kind, sort: i + 1, note: null }),
    );
    orgId.set(o.key, lastInsertRowid);
  });
  const org = (k: OrgKey) => orgId.get(k)!;

  const staffId = new Map<StaffKey, number>();
  for (const p of STAFF) {
    const { lastInsertRowid } = db.run(
      db.q.insertInto('staff').values({
        name: p.name,
        title: p.title,
        org_id: org(p.org),
        phone: p.phone,
        active: 1,
        since: null,
        until: null,
        note: null,
      }),
    );
    staffId.set(p.key, lastInsertRowid);
  }
  const staff = (k: StaffKey) => staffId.get(k)!;
  const staffRec = (k: StaffKey) => STAFF.find((p) => p.key === k)!;

  const { lastInsertRowid: groupId } = db.run(
    db.q.insertInto('leading_group').values({
      name: '永济市蒲州镇小城镇建设领导组',
      doc_no: null,
      office_at: '蒲州镇人民政府',
      office_director_staff_id: staff('副镇长'),
      established_on: '2017-03-01',
    }),
  );
  STAFF.forEach((p, i) => {
    db.run(
      db.q
        .insertInto('lg_member')
        .values({ group_id: groupId, staff_id: staff(p.key), role: p.role, sort: i + 1, duty: null }),
    );
  });
  db.run(
    db.q.insertInto('lg_member').values({
      group_id: groupId,
      staff_id: staff('副镇长'),
      role: '办公室主任',
      sort: STAFF.length + 1,
      duty: '负责组织、协调小城镇建设的日常工作',
    }),
  );

  const filler = staffRec('城建').name;
  const reviewer = staffRec('副镇长').name;
  const projectId = new Map<string, number>();

  SPECS.forEach((s, i) => {
    const funds = fundingRows(s);
    const manager = HEAD_OF[s.lead] ?? '城建';
    const actStart = started(s) && s.from ? `${s.from}-01` : null;
    const actEnd = s.done ? periodEnd(s.done) : null;
    const inStats = actStart !== null && s.total >= 500;
    const { lastInsertRowid: id } = db.run(
      db.q.insertInto('project').values({
        search_key: storedSearchKey({ name: s.name, code: CODES.get(s.key)!, location: s.location }),
        code: CODES.get(s.key)!,
        name: s.name,
        plan_year: YEAR,
        parent_id: s.parent ? projectId.get(s.parent)! : null,
        category: s.cat,
        subcategory: s.sub ?? null,
        stage_group: stageGroupOf(s),
        nature: s.nature,
        location: s.location,
        village_org_id: s.village ? org(s.village) : null,
        scope: s.scope,
        total_fen: fen(s.total),
        approx: s.approx ? 1 : 0,
        year_from: s.from ? Number(s.from.slice(0, 4)) : null,
        year_to: s.to ? Number(s.to.slice(0, 4)) : null,
        plan_start: s.from ? `${s.from}-01` : null,
        plan_end: s.to ? periodEnd(s.to) : null,
        act_start: actStart,
        act_end: actEnd,
        status: statusOf(s),
        approval_kind: s.delivery === '招商综合开发' || s.delivery === 'PPP' ? '备案' : '审批',
        approval_no: null,
        approval_ym: null,
        owner_org_id: org('政府'),
        lead_org_id: org(s.lead),
        leader_staff_id: staff(s.leader),
        manager_staff_id: staff(manager),
        contact: staffRec(manager).name,
        phone: staffRec(manager).phone,
        delivery: s.delivery ?? '政府直接实施',
        gov_funded: s.delivery === '招商综合开发' || s.delivery === 'PPP' ? 0 : 1,
        in_stats: inStats ? 1 : 0,
        // County statistics take a started ≥500万 project in the month it breaks ground.
        stats_date: inStats && s.from ? periodEnd(s.from) : null,
        land_mu_have: s.landMu ?? null,
        land_mu_need: null,
        needs_matching: funds.some((f) => UPPER.includes(f.source)) ? 1 : 0,
        opening_cum_fen: 0,
        opening_cum_year: null,
        note: null,
        sort: i + 1,
        created_at: nowIso,
        updated_at: nowIso,
        deleted_at: null,
      }),
    );
    projectId.set(s.key, id);

    for (const o of new Set<OrgKey>([s.lead, ...s.orgs]))
      db.run(db.q.insertInto('project_org').values({ project_id: id, org_id: org(o) }));
    for (const tag of s.tags ?? []) db.run(db.q.insertInto('project_tag').values({ project_id: id, tag }));
    for (const f of funds)
      db.run(
        db.q.insertInto('funding_plan').values({ project_id: id, source: f.source, amount_fen: f.fen, note: f.note }),
      );

    if (s.key === '9') {
      ROW9_ITEMS.forEach((it, k) => {
        db.run(
          db.q.insertInto('project_item').values({
            project_id: id,
            name: it.name,
            qty: it.qty,
            unit: it.unit,
            amount_fen: fen(it.wan),
            approx: 1,
            sort: k + 1,
          }),
        );
      });
    }

    if (!s.from || !s.to) return;
    const multiYear = s.to.slice(0, 4) !== String(YEAR);
    db.run(
      db.q.insertInto('year_plan').values({
        project_id: id,
        year: YEAR,
        plan_fen: fen(s.yearPlan ?? s.total),
        content: s.scope,
        node_target: s.node ?? (multiYear ? null : '竣工投产'),
        m01_fen: null,
        m02_fen: null,
        m03_fen: null,
        m04_fen: null,
        m05_fen: null,
        m06_fen: null,
        m07_fen: null,
        m08_fen: null,
        m09_fen: null,
        m10_fen: null,
        m11_fen: null,
        m12_fen: null,
      }),
    );

    const milestones: { node: string; plan: string; act: string | null; note: string | null }[] = [
      { node: '开工', plan: `${s.from}-01`, act: actStart, note: null },
    ];
    if (s.key === '28') {
      // The overdue node of §5: planned for the end of the window, still open at the reference date.
      milestones.push({
        node: '主体完工',
        plan: periodEnd(s.to),
        act: null,
        note: '沿线拆迁未完成，主体工程未按期完工',
      });
    }
    milestones.push({ node: '竣工验收', plan: periodEnd(s.to), act: actEnd, note: null });
    milestones.forEach((m, k) => {
      db.run(
        db.q
          .insertInto('milestone')
          .values({ project_id: id, node: m.node, plan_date: m.plan, act_date: m.act, note: m.note, sort: k + 1 }),
      );
    });

    for (const r of reportsOf(s)) {
      const [y, mo] = r.period.split('-').map(Number) as [number, number];
      const next = mo === 12 ? makePeriod(y + 1, 1) : makePeriod(y, mo + 1);
      db.run(
        db.q.insertInto('progress').values({
          project_id: id,
          period: r.period,
          month_fen: r.fen,
          image_text: r.text,
          image_pct: r.pct,
          issues: r.period === REF_PERIOD ? (s.issue ?? null) : null,
          next_steps: null,
          needs: null,
          state: '已报送',
          filled_by: filler,
          reviewed_by: reviewer,
          filled_at: `${next}-05`,
          return_reason: null,
          updated_at: nowIso,
        }),
      );
    }
  });
}
