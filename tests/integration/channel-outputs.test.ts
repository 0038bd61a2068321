/**
 * Every channel's answer matches its declared output schema (shared/ipc/contract.ts). Inputs are validated at
 * runtime by handleCall; outputs are not (parsing a 20 000-row answer on every call costs), so this test calls each
 * channel once with a valid input on the 蒲州镇 sample and parses the answer strictly (tests/helpers/output-check.ts;
 * tempCore's ok() does the same check in every other integration test).
 *
 * CASES runs in its written order on one ledger: reads first, then the writes (each on data the table made itself
 * where it removes or changes something), the restores and the recovery last. A channel added to CHANNELS without
 * a line here (or in EXCLUDED, with the reason) fails the completeness test.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS, type Channel } from '../../shared/ipc/channels.ts';
import { contract, type In, type Out } from '../../shared/ipc/contract.ts';
import { handleCall } from '../../electron/core/handle-call.ts';
import { createCoreOrRecovery } from '../../electron/core/index.ts';
import type { DialogProvider } from '../../electron/core/files/file-tokens.ts';
import { createWarmChromiumPrinter } from '../../electron/printing/warm-chromium-printer.ts';
import { lightRulesInput } from '../../shared/schemas/lights.ts';
import { outputProblems } from '../helpers/output-check.ts';
import { tempCore, type TempCore } from '../helpers/temp-core.ts';

const TEMPLATE = fileURLToPath(new URL('../fixtures/county-template/county-template.xlsx', import.meta.url));
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
const PERIOD = '2017-09';

let t: TempCore;
let autoBackup: Out<'backups:create'> | undefined;
/** The last ok answer of each channel, for the ids the later lines need. */
const out: { [C in Channel]?: Out<C> } = {};
function got<C extends Channel>(channel: C): Out<C> {
  const v = out[channel];
  if (v === undefined) throw new Error(`表中 ${channel} 须排在用到它的答复之前`);
  return v;
}
/** The first project of the sample as the first projects:list answered it (later answers hold the table's own too). */
let firstProject: Out<'projects:list'>[number] | undefined;
const sampleProject = () => (firstProject ??= got('projects:list')[0]!);
const sampleOrg = () => got('orgs:list')[0]!;
/** A project the table created itself, so that changing or removing it leaves the sample's own rows alone. */
const ownProject = () => got('projects:create');
/** The project whose 资金构成, plans, milestones and files the reads look at: the table's own once WRITES filled them. */
const partsProject = () => (out['projects:create'] ?? sampleProject()).id;

type Case<C extends Channel> = () => In<C> | Promise<In<C>>;
type Cases = { [C in Channel]?: Case<C> };

/** The sample itself: the first run's 示例台账 (蒲州镇, domain.md §5). */
const SEED: Cases = { 'app:onboard': () => ({ mode: 'demo' }) };

/**
 * Channels that only look (or, like the dialogs, only hand out a token): they run on the sample first, and again
 * after WRITES, when the lists the sample leaves empty (督办, 批示, 考核, light history…) hold rows to check.
 * Adding a channel is one line here or in WRITES.
 */
const READS: Cases = {
  'app:info': () => ({}),
  'app:elsewhere': () => ({}),
  'lookups:get': () => ({}),
  'projects:list': () => ({}),
  'projects:get': () => ({ id: sampleProject().id }),
  'projects:page': () => ({ filters: {}, first: 20 }),
  'projects:rows': () => ({ ids: got('projects:page').ids.slice(0, 5) }),
  'projects:pick': () => ({ query: '' }),
  'stats:summary': () => ({}),
  'figures:period': () => ({ period: PERIOD }),
  'figures:set': () => ({ period: PERIOD }),
  'orgs:list': () => ({}),
  'staff:list': () => ({}),
  'leadingGroup:get': () => ({}),
  'campaigns:list': () => ({}),
  'indicators:list': () => ({}),
  'operators:list': () => ({}),
  'session:current': () => ({}),
  'session:active': () => ({}),
  'security:signIns': () => ({}),
  'security:getIdle': () => ({}),
  'history:list': () => ({ limit: 50 }),
  'settings:get': () => ({}),
  'items:list': () => ({ projectId: partsProject() }),
  'funding:list': () => ({ projectId: partsProject() }),
  'plans:list': () => ({ projectId: partsProject() }),
  'milestones:list': () => ({ projectId: partsProject() }),
  'attachments:list': () => ({ projectId: partsProject() }),
  'settings:getUi': () => ({ key: 'ledger.columns' }),
  'excel:export': () => ({ template: 'T1', period: PERIOD }),
  'excel:importPreview': () => ({ fileName: got('excel:export').fileName, base64: got('excel:export').base64 }),
  'excel:mappingsList': () => ({}),
  'excel:templateInspect': () => ({
    fileName: 'county-template.xlsx',
    base64: readFileSync(TEMPLATE).toString('base64'),
  }),
  'excel:templateFill': () => ({
    fileName: 'county-template.xlsx',
    templateBase64: readFileSync(TEMPLATE).toString('base64'),
    period: PERIOD,
  }),
  'reports:render': () => ({ doc: 'lagging', period: PERIOD }),
  'reports:pdf': () => ({ doc: 'lagging', period: PERIOD }),
  'reports:getSettings': () => ({ doc: 'card' }),
  'reports:options': () => ({}),
  'briefings:list': () => ({ year: 2017 }),
  'funds:listFlows': () => ({}),
  'funds:pageFlows': () => ({ offset: 0, limit: 20 }),
  'funds:summary': () => ({ asOf: '2017-09-30', page: { offset: 0, limit: 20 } }),
  'dashboard:summary': () => ({ period: PERIOD }),
  'assessments:list': () => ({ year: 2017 }),
  'assessments:rank': () => ({ year: 2017 }),
  'reports:batch': () => ({ period: PERIOD }),
  'collect:roster': () => ({ period: PERIOD }),
  'collect:paperForms': () => ({ period: PERIOD }),
  'collect:notice': () => ({ period: PERIOD }),
  'collect:chase': () => ({ period: PERIOD }),
  'package:export': () => ({ period: PERIOD }),
  'package:verify': () => ({ fileName: got('package:export').fileName, base64: got('package:export').base64 }),
  'county:settings': () => ({}),
  'periods:list': () => ({}),
  'periods:current': () => ({}),
  'periods:closePreview': () => ({ period: PERIOD }),
  'lights:rules:get': () => ({}),
  'lights:history': () => ({
    projectId: (got('figures:period').projects.find((p) => p.level === 'red') ?? sampleProject()).id,
  }),
  'supervision:list': () => ({}),
  'instructions:list': () => ({ projectId: sampleProject().id }),
  'backups:list': () => ({}),
  'audit:verify': () => ({}),
  'recovery:status': () => ({}),
  'dialog:pickBackupFolder': () => ({}),
  'dialog:saveFile': () => ({ kind: 'xlsx', defaultName: '修改留痕' }),
  'dialog:openFile': () => ({ kind: 'excel' }),
};

/** Channels that change the ledger (or the session, or a preference), in the order they run. */
const WRITES: Cases = {
  'periods:pick': () => ({ period: '2017-08' }),
  'settings:setUi': () => ({ key: 'ledger.columns', value: ['name', 'totalFen'] }),
  'projects:create': () => ({
    name: '输出结构测试项目',
    planYear: 2017,
    location: '镇区',
    scope: '内容',
    totalWan: '100',
  }),
  'projects:update': () => ({ id: ownProject().id, patch: { status: '在建' } }),
  'projects:updateCells': () => ({ rows: [{ id: ownProject().id, patch: { location: '东街' } }] }),
  'projects:bulkUpdate': () => ({ ids: [ownProject().id], patch: { addTag: '以奖代补' } }),
  'items:save': () => ({ projectId: ownProject().id, items: [{ name: '全部', amountWan: '100' }] }),
  'funding:save': () => ({ projectId: ownProject().id, funding: [{ source: '县级资金', amountWan: '100' }] }),
  'plans:save': () => ({ projectId: ownProject().id, plans: [{ year: 2017, planWan: '60' }] }),
  'milestones:save': () => ({ projectId: ownProject().id, milestones: [{ node: '开工', planDate: '2017-05-01' }] }),
  'attachments:add': () => ({
    projectId: ownProject().id,
    kind: '现场照片-前',
    fileName: '施工前.png',
    dataBase64: PNG.toString('base64'),
    caption: '东侧',
  }),
  'attachments:get': () => ({ id: got('attachments:add').id }),
  // A second file, removed, so that the one above stays for attachments:list's second run.
  'attachments:remove': async () => ({
    id: (
      await t.ok('attachments:add', {
        projectId: ownProject().id,
        kind: '现场照片-后',
        fileName: '施工后.png',
        dataBase64: Buffer.concat([PNG, Buffer.from('后')]).toString('base64'),
      })
    ).id,
  }),
  'funds:saveFlow': () =>
    ({ projectId: ownProject().id, date: '2017-09-01', type: '到位', source: '县级资金', amountWan: '10' }) as never,
  'funds:removeFlow': () => ({ id: got('funds:saveFlow').flow.id }),
  'funds:saveAward': () => ({ projectId: ownProject().id, appliedWan: '100', appliedOn: '2017-04-01' }),
  'reports:save': () => ({
    period: PERIOD,
    rows: [{ projectId: ownProject().id, monthWan: '12.5', imageText: '主体施工' }],
  }),
  'reports:submit': () => ({ period: PERIOD, projectIds: [ownProject().id] }),
  'reports:return': () => ({ period: PERIOD, projectIds: [ownProject().id], reason: '数字有误' }),
  'collect:make': () => ({ period: PERIOD }),
  // A kit sent back as it went out: checked (not written), matched by its hidden identity.
  'collect:merge': () => ({
    returns: [{ fileName: got('collect:make').kits[0]!.fileName, base64: got('collect:make').kits[0]!.base64 }],
    period: PERIOD,
    dryRun: true,
  }),
  'orgs:save': () => ({ name: '输出结构测试站', level: '镇', kind: '镇站所' }),
  'staff:save': () => ({ name: '输出测试甲', title: '站长', orgId: sampleOrg().id }),
  'staff:updateCells': () => ({ cells: [{ id: got('staff:save').id, field: 'title', value: '副站长' }] }),
  'staff:rotate': () => ({ staffId: got('staff:save').id, date: '2017-10-08', successor: { name: '输出测试乙' } }),
  'orgs:remove': () => ({ id: got('orgs:save').id }),
  'leadingGroup:save': () => {
    const lg = got('leadingGroup:get');
    return {
      name: lg.group?.name ?? '蒲州镇小城镇建设领导组',
      members: lg.members.map((m) => ({ staffId: m.staffId, role: m.role as never, sort: m.sort, duty: m.duty })),
    };
  },
  'tasks:loadTemplate': () => ({ template: 'suixian' }),
  'tasks:list': () => ({ campaignId: got('tasks:loadTemplate').campaignId }),
  'tasks:save': () => ({
    no: '99',
    title: '打通断头路',
    leadOrgId: sampleOrg().id,
    respOrgIds: [],
    deadline: '2017-12-31',
    projectIds: [ownProject().id],
  }),
  'tasks:updateCells': () => ({ cells: [{ id: got('tasks:save').id, field: 'title', value: '打通断头路二期' }] }),
  'tasks:remove': () => ({ id: got('tasks:save').id }),
  'campaigns:save': () => ({ name: '擦亮小城镇', phases: [{ name: '谋划', dateTo: '2021-04-30' }] }),
  'indicators:saveValue': () => ({
    indicatorId: got('indicators:list')[0]!.id,
    kind: '基期',
    value: '18.5',
    asOf: '2016-12-31',
  }),
  'indicators:removeValue': () => ({ id: got('indicators:saveValue').values.at(-1)!.id }),
  'operators:save': () => ({ id: null, name: '输出测试员', role: '录入员', password: '输出测试员2017' }),
  'session:login': () => ({ operatorId: got('operators:save').id, password: '输出测试员2017' }),
  'session:logout': () => ({}),
  'operators:remove': () => ({ id: got('operators:save').id }),
  'security:saveIdle': () => ({ idleMinutes: 45 }),
  'settings:save': () => ({
    townName: '蒲州镇',
    filler: '永济市蒲州镇人民政府',
    receiver: '永济市住建局',
    fiscalYear: 2017,
  }),
  'excel:mappingsSave': () => ({ name: '输出测试映射', kind: 'import', columns: { 项目名称: 'name' } }),
  'excel:importApply': () => ({
    fileName: got('excel:export').fileName,
    base64: got('excel:export').base64,
    year: 2017,
    duplicates: 'skip',
  }),
  'reports:saveSettings': () => ({ doc: 'card', settings: got('reports:getSettings') }),
  'briefings:save': () => ({
    year: 2017,
    period: '2017-10',
    highlights: '亮点',
    problems: '问题',
    nextSteps: '打算',
    copies: 40,
  }),
  'assessments:save': () => ({ year: 2017, town: '输出测试镇' }),
  'assessments:get': () => ({ id: got('assessments:save').id }),
  'assessments:saveItems': () => {
    const a = got('assessments:save');
    return {
      id: a.id,
      items: a.items.map(({ id: _id, ...i }) => ({ ...i, score: i.maxPoints, deductionReason: null })),
    };
  },
  'assessments:updateCells': () => {
    const a = got('assessments:save');
    return { id: a.id, cells: [{ id: a.items[0]!.id, field: 'score', value: a.items[0]!.maxPoints }] };
  },

  'assessments:loadExample': () => ({ year: 2016 }),
  'lights:rules:save': () => {
    const { rules } = got('lights:rules:get');
    return { ...lightRulesInput(rules), paymentMinPct: 90 };
  },
  'lights:record': () => ({ period: PERIOD }),
  'supervision:create': () => ({ projectId: sampleProject().id, deadline: '2017-10-20', content: '加快进度' }),
  'supervision:reply': () => ({ id: got('supervision:create').id, reply: '已发布招标公告' }),
  'supervision:escalate': () => ({ id: got('supervision:create').id }),
  'supervision:close': () => ({ id: got('supervision:escalate').id, note: '已约谈，招标完成' }),
  'supervision:escalateOverdue': () => ({ asOf: '2017-12-31' }),
  'instructions:add': () => ({ projectId: sampleProject().id, content: '拆迁要依法依规，做好群众工作。' }),
  'periods:close': async () => ({
    period: PERIOD,
    confirmUnreported: (await t.ok('periods:closePreview', { period: PERIOD })).unreported.map((p) => p.id),
  }),
  'periods:reopen': () => ({ period: PERIOD, reason: '补报' }),
  'projects:delete': () => ({ id: ownProject().id }),
  'projects:restore': () => ({ id: ownProject().id }),
  'audit:export': () => ({
    format: 'xlsx',
    destToken: got('dialog:saveFile')!.token,
    from: null,
    to: null,
    operator: null,
  }),

  // Backups, restores and the recovery screen last: they replace the ledger under the table.
  'backups:create': () => ({ target: 'manual', destToken: got('dialog:pickBackupFolder')!.token }),
  // The manual backup above went to the U盘 folder; preview and restore read the backups folder beside the ledger.
  'backups:preview': async () => ({ name: (autoBackup = await t.ok('backups:create', { target: 'auto' })).name }),
  'backups:restore': () => ({ name: autoBackup!.name }),
  'backups:undoRestore': () => ({}),
  'backups:dismissRestoreNotice': () => ({}),
  'recovery:restore': async () => {
    // Only a ledger that cannot be opened is restored from this screen: damage the file, open the recovery core.
    const name = (await t.ok('backups:create', { target: 'auto' })).name;
    t.core.close();
    writeFileSync(t.file, 'not a database, damaged for the test');
    rmSync(`${t.file}-wal`, { force: true });
    rmSync(`${t.file}-shm`, { force: true });
    t.core = await createCoreOrRecovery({
      dbPath: t.file,
      role: '管理员',
      log: () => {},
      autoBackup: false,
      pdfPrinter: printer,
      dialogs,
    });
    expect(t.core.mode).toBe('recovery');
    return { name };
  },
};

const CASES: Cases = { ...SEED, ...READS, ...WRITES };

/** Channels no line above calls, each with the reason. Keep it empty where a channel can be called at all. */
const EXCLUDED: Partial<Record<Channel, string>> = {
  // Only a county ledger (县级汇总, made from an empty ledger) answers these; a town ledger holding the sample refuses
  // them. county-package.test.ts makes one and calls them through tempCore, whose ok() checks every answer's shape.
  'package:import': '县级汇总库专用：county-package.test.ts 中经 tempCore 调用并核对输出结构',
  'county:saveSettings': '县级汇总库专用：county-package.test.ts 中经 tempCore 调用并核对输出结构',
  'county:summary': '县级汇总库专用：county-package.test.ts 中经 tempCore 调用并核对输出结构',
};

/** A DialogProvider stand-in like the harness's: the chosen paths are in the temp folder, “open” picks the template. */
const dialogs: DialogProvider = {
  pickFolder: async () => join(t.dir, 'U盘'),
  saveFile: async (o) => join(t.dir, o.defaultName),
  openFile: async () => TEMPLATE,
};

/** Signing in or out changes who calls the next lines: the table runs as the local 管理员 throughout. */
const KEEPS_SESSION = new Set<Channel>(['session:login', 'session:logout']);

// One kept browser for the file's PDFs, as browser mode and the CLI print: collect:paperForms prints a form per unit.
const printer = createWarmChromiumPrinter();
beforeAll(async () => {
  t = await tempCore({ role: '管理员', dialogs, pdfPrinter: printer });
  mkdirSync(join(t.dir, 'U盘'), { recursive: true });
});
afterAll(async () => {
  t.cleanup();
  await printer.close();
});

describe('every channel answers in its declared output schema', () => {
  it('every channel has a line in CASES or a reason in EXCLUDED, not both', () => {
    const listed = new Set(Object.keys(CASES));
    expect(
      CHANNELS.filter((c) => !listed.has(c) && !EXCLUDED[c]),
      '新通道须在 CASES 中给出一个有效输入（或在 EXCLUDED 中写明原因）',
    ).toEqual([]);
    expect(CHANNELS.filter((c) => listed.has(c) && EXCLUDED[c])).toEqual([]);
    expect([...listed].filter((c) => !(CHANNELS as readonly string[]).includes(c))).toEqual([]);
  });

  it('the check itself finds a wrong type and an undeclared key', () => {
    expect(
      outputProblems('session:current', { operatorId: null, operator: '甲', role: null, loggedIn: 'yes' }),
    ).toEqual([expect.stringMatching(/^loggedIn: invalid_type/)]);
    expect(outputProblems('orgs:remove', { removed: 1, extra: 2 })).toEqual(['extra: 输出结构未声明此字段']);
    expect(outputProblems('orgs:remove', { removed: 1 })).toEqual([]);
  });

  it('no output schema transforms, defaults or leaves a value unchecked: the answer parsed is the answer the renderer gets', () => {
    const found: string[] = [];
    for (const channel of CHANNELS) loosePartsOf(contract[channel].output, channel, found, new Set());
    // z.json() (界面设置, any JSON value by design) is built on z.lazy.
    expect(found).toEqual(['settings:getUi.value: lazy', 'settings:setUi.value: lazy']);
  });

  it.each(Object.keys(CASES) as Channel[])('%s', { timeout: 60_000 }, (channel) => callAndCheck(channel, CASES));

  it.each(Object.keys(READS) as Channel[])(
    '%s, again on the ledger the writes filled',
    { timeout: 60_000 },
    (channel) => callAndCheck(channel, READS),
  );
});

/** Walks a zod schema for the parts that rewrite a value or let any value through. */
function loosePartsOf(schema: unknown, path: string, found: string[], seen: Set<unknown>): void {
  const def = (schema as { _zod?: { def?: Record<string, unknown> } } | null)?._zod?.def;
  if (!def || seen.has(schema)) return;
  seen.add(schema);
  if (['transform', 'default', 'prefault', 'pipe', 'catch', 'lazy', 'any', 'unknown'].includes(def.type as string))
    found.push(`${path}: ${String(def.type)}`);
  if (def.shape) for (const [k, v] of Object.entries(def.shape)) loosePartsOf(v, `${path}.${k}`, found, seen);
  // Wrappers (nullable, optional, array, record) keep the path of what they wrap.
  for (const key of ['element', 'innerType', 'in', 'out', 'valueType', 'keyType', 'left', 'right'])
    if (def[key]) loosePartsOf(def[key], path, found, seen);
  for (const key of ['options', 'items'])
    if (Array.isArray(def[key])) for (const v of def[key]) loosePartsOf(v, path, found, seen);
}

async function callAndCheck(channel: Channel, cases: Cases): Promise<void> {
  const input = await (cases[channel] as Case<Channel>)();
  const session = t.core.ctx.session;
  const r = await handleCall(t.core, channel, input);
  if (KEEPS_SESSION.has(channel)) t.core.ctx.session = session;
  if (!r.ok) throw new Error(`${channel} 失败：${r.error.code} ${r.error.message}`);
  expect(outputProblems(channel, r.data), `${channel} 的答复不符合其输出结构`).toEqual([]);
  (out as Record<string, unknown>)[channel] = r.data;
}
