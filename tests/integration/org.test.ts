import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyChain } from '../../electron/core/audit/change-log.ts';
import { tempCore, type TempCore } from '../helpers/temp-core.ts';

let t: TempCore;
beforeEach(async () => {
  t = await tempCore();
});
afterEach(() => t.cleanup());

const count = (table: string) =>
  (t.core.ctx.db.sqlite.prepare(`SELECT count(*) n FROM ${table}`).get() as { n: number }).n;

async function refused(channel: Parameters<TempCore['call']>[0], input: unknown, message: RegExp) {
  const before = { log: count('change_log'), orgs: count('org_unit'), staff: count('staff'), lg: count('lg_member') };
  const r = await t.call(channel, input as never);
  expect(r.ok).toBe(false);
  if (!r.ok) expect(r.error.message).toMatch(message);
  expect({ log: count('change_log'), orgs: count('org_unit'), staff: count('staff'), lg: count('lg_member') }).toEqual(
    before,
  );
}

describe('组织单位', () => {
  it('creates, edits and removes a unit, logging each step', async () => {
    const o = await t.ok('orgs:save', { name: '蒲州镇文化站', level: '镇', kind: '镇站所' });
    expect(o).toMatchObject({ name: '蒲州镇文化站', level: '镇', kind: '镇站所', staffCount: 0 });
    await t.ok('orgs:save', { id: o.id, name: '蒲州镇文化服务中心', level: '镇', kind: '镇站所' });
    await t.ok('orgs:remove', { id: o.id });
    const log = t.core.ctx.db.sqlite
      .prepare("SELECT action, field, old_value, new_value FROM change_log WHERE entity='org_unit' ORDER BY id")
      .all();
    expect(log).toEqual([
      { action: '新增', field: null, old_value: null, new_value: '蒲州镇文化站' },
      { action: '修改', field: 'name', old_value: '蒲州镇文化站', new_value: '蒲州镇文化服务中心' },
      { action: '删除', field: null, old_value: '蒲州镇文化服务中心', new_value: null },
    ]);
    expect(verifyChain(t.core.ctx.db).ok).toBe(true);
  });

  it('keeps a unit’s 法人代表: saved, listed, changed on the record, checked as a person’s name', async () => {
    const o = await t.ok('orgs:save', { name: '永济市城投公司', kind: '实施单位', legalRep: ' 王  伟 ' });
    // a two-character name padded to three is one name (王伟), as the 人员's 姓名 reads it
    expect(o).toMatchObject({ name: '永济市城投公司', legalRep: '王伟' });
    expect((await t.ok('orgs:list', {})).find((x) => x.id === o.id)?.legalRep).toBe('王伟');
    await t.ok('orgs:save', { id: o.id, name: '永济市城投公司', kind: '实施单位', legalRep: '李建国' });
    const log = t.core.ctx.db.sqlite
      .prepare("SELECT action, field, old_value, new_value FROM change_log WHERE entity='org_unit' ORDER BY id")
      .all();
    expect(log.at(-1)).toEqual({ action: '修改', field: 'legalRep', old_value: '王伟', new_value: '李建国' });
    for (const [legalRep, message] of [
      ['13800000000', /法人代表“13800000000”应为姓名，不能含数字/],
      ['张三、李四', /法人代表只填一人，“张三、李四”写了多人/],
      ['王', /法人代表至少2个字/],
    ] as const)
      await refused('orgs:save', { id: o.id, name: '永济市城投公司', legalRep }, message);
    expect((await t.ok('orgs:list', {})).find((x) => x.id === o.id)?.legalRep).toBe('李建国');
    // emptied: nobody named
    await t.ok('orgs:save', { id: o.id, name: '永济市城投公司', kind: '实施单位', legalRep: '' });
    expect((await t.ok('orgs:list', {})).find((x) => x.id === o.id)?.legalRep).toBeNull();
  });

  it('rejects a missing name, a duplicate name and a level outside the list, naming the field', async () => {
    await refused('orgs:save', { name: '' }, /请填写单位名称/);
    await refused('orgs:save', { name: '   ' }, /请填写单位名称/);
    await t.ok('orgs:save', { name: '蒲州镇文化站' });
    await refused('orgs:save', { name: '蒲州镇文化站' }, /单位名称“蒲州镇文化站”已存在/);
    await refused('orgs:save', { name: '某单位', level: '乡' }, /层级应为：省、市、县、镇、村、企业/);
    await refused('orgs:save', { name: '某单位', kind: '协会' }, /类型应为/);
  });

  it('a name that is an existing unit however it is spaced, padded or prefixed with the town is refused, naming it', async () => {
    await t.ok('app:onboard', { mode: 'demo' });
    // 蒲州镇水利站 (简称 水利站) is the sample's; the import takes each of these for it (import-orgs.ts).
    await refused('orgs:save', { name: '蒲州镇 水利站' }, /与已有单位“蒲州镇水利站”只差空格或全角、半角，是同一单位/);
    await refused('orgs:save', { name: '蒲州镇　水利站' }, /请直接使用“蒲州镇水利站”/);
    await refused('orgs:save', { name: '永济市蒲州镇水利站' }, /与已有单位“蒲州镇水利站”只差前面的镇名/);
    await refused('orgs:save', { name: '水利站' }, /与已有单位“蒲州镇水利站”是它的简称/);
    await refused('orgs:save', { name: '蒲州镇政府' }, /与已有单位“蒲州镇人民政府”是它的简称“政府”前加镇名/);
    await refused('orgs:save', { name: '永济市 住建局' }, /已有单位“永济市住建局”/);
    // renaming another unit to it is refused too; a unit respelling its own name is not
    const orgs = await t.ok('orgs:list', {});
    const lin = orgs.find((o) => o.name === '蒲州镇林业站')!;
    const shui = orgs.find((o) => o.name === '蒲州镇水利站')!;
    await refused('orgs:save', { id: lin.id, name: '水利站' }, /已有单位“蒲州镇水利站”/);
    await t.ok('orgs:save', { id: shui.id, name: '蒲州镇 水利站', shortName: '水利站' });
    // a unit that is another (蒲州村 is not 蒲州镇's) is still added
    await t.ok('orgs:save', { name: '蒲州镇文化站' });
    // a 简称 another unit goes by (its 简称, its name) is refused: the import would take it for that unit
    await refused(
      'orgs:save',
      { name: '永济市水务局', shortName: '水利站' },
      /简称“水利站”已指单位“蒲州镇 水利站”，导入台账时会认作该单位；请换一个简称/,
    );
    await refused('orgs:save', { id: lin.id, name: '蒲州镇林业站', shortName: '城建办' }, /已指单位“蒲州镇城建办”/);
    await t.ok('orgs:save', { name: '永济市水务局', shortName: '水务局' });
    await t.ok('orgs:save', { id: lin.id, name: '蒲州镇林业站', shortName: '林业站' });
  });

  it('refuses to remove a unit still in use and says where', async () => {
    await t.ok('app:onboard', { mode: 'demo' });
    const orgs = await t.ok('orgs:list', {});
    const chengjian = orgs.find((o) => o.name === '蒲州镇城建办')!;
    expect(chengjian.projectCount).toBeGreaterThan(0);
    await refused(
      'orgs:remove',
      { id: chengjian.id },
      /单位“蒲州镇城建办”仍被使用，不能删除：它是1名人员的所在单位、\d+个项目的牵头单位/,
    );
  });
});

describe('人员', () => {
  it('rejects bad phones, until before since, a 在任 person with 离任日期, impossible dates and duplicates', async () => {
    const org = await t.ok('orgs:save', { name: '蒲州镇城建办' });
    await refused(
      'staff:save',
      { name: '张三', title: '城建办主任', phone: '0359-80210x1' },
      /电话“0359-80210x1”不是有效号码/,
    );
    await refused('staff:save', { name: '', title: '城建办主任' }, /请填写姓名/);
    await refused('staff:save', { name: '张三', title: '' }, /请填写职务/);
    await refused('staff:save', { name: '张三', title: '城建办主任', since: '2017-09-31' }, /任职日期不是有效日期/);
    await refused(
      'staff:save',
      { name: '张三', title: '主任', active: false, since: '2017-05-01', until: '2017-03-01' },
      /离任日期（2017年3月1日）不能早于任职日期（2017年5月1日）/,
    );
    await refused(
      'staff:save',
      { name: '张三', title: '主任', active: true, until: '2017-03-01' },
      /在任人员不能填写离任日期/,
    );
    await refused('staff:save', { name: '张三', title: '主任', orgId: 999 }, /单位（编号 999）不存在/);
    const s = await t.ok('staff:save', {
      name: '张三',
      title: '城建办主任',
      orgId: org.id,
      phone: '0359-8021012，13903590112',
    });
    expect(s).toMatchObject({ phone: '0359-8021012,13903590112', orgName: '蒲州镇城建办', active: true });
    await refused('staff:save', { name: '张三', title: '城建办主任' }, /已有在任人员“张三”（城建办主任）/);
  });

  it('a person typed as a document pads the name (相 挺, 相　挺) is the one in office, as the import takes him', async () => {
    const s = await t.ok('staff:save', { name: '相挺', title: '副镇长' });
    await refused(
      'staff:save',
      { name: '相 挺', title: '副镇长' },
      /已有在任人员“相挺”（副镇长），“相 挺”与其只差空格或全角、半角，是同一人，不能重复录入/,
    );
    await refused('staff:save', { name: '相　挺', title: '副 镇长' }, /已有在任人员“相挺”（副镇长）/);
    // the grid: another person renamed to him is refused the same way
    const other = await t.ok('staff:save', { name: '屈波', title: '副镇长' });
    await refused(
      'staff:updateCells',
      { cells: [{ id: other.id, field: 'name', value: '相 挺' }] },
      /已有在任人员“相挺”（副镇长）/,
    );
    // he may respell his own name; another 职务 or one who has left is another record
    await t.ok('staff:save', { id: s.id, name: '相 挺', title: '副镇长' });
    await t.ok('staff:save', { name: '相挺', title: '党委委员' });
  });

  it('rotates a 包联领导: the old one is kept as 离任, the successor takes the group seat and the projects', async () => {
    await t.ok('app:onboard', { mode: 'demo' });
    const staff = await t.ok('staff:list', {});
    const mayor = staff.find((s) => s.title === '镇长')!;
    expect(mayor.leaderOf.length).toBeGreaterThan(0);
    const { predecessor, successor } = await t.ok('staff:rotate', {
      staffId: mayor.id,
      date: '2017-10-08',
      successor: { name: '林国华', phone: '0359-8021002' },
    });
    expect(predecessor).toMatchObject({ active: false, until: '2017-10-08', leaderOf: [] });
    expect(successor).toMatchObject({
      name: '林国华',
      title: '镇长',
      active: true,
      since: '2017-10-08',
      leaderOf: mayor.leaderOf,
    });
    expect((await t.ok('staff:list', { active: false })).map((s) => s.name)).toEqual([mayor.name]);
    const group = await t.ok('leadingGroup:get', {});
    expect(group.members.find((m) => m.title === '镇长')!.name).toBe('林国华');
    const hist = await t.ok('history:list', { entity: 'project' });
    expect(hist.rows[0]).toMatchObject({
      fieldLabel: '包联领导',
      oldValue: mayor.name,
      newValue: '林国华',
      reason: '人员交接',
    });
  });

  it('rejects a rotation without successor, to oneself, of someone already gone, or dated before taking office', async () => {
    const a = await t.ok('staff:save', { name: '张三', title: '镇长', since: '2017-03-01' });
    await refused('staff:rotate', { staffId: a.id, date: '2017-10-01' }, /请选择接任人/);
    await refused('staff:rotate', { staffId: a.id, date: '2017-10-01', successorId: a.id }, /接任人不能是本人/);
    await refused(
      'staff:rotate',
      { staffId: a.id, date: '2017-02-01', successor: { name: '李四' } },
      /交接日期（2017年2月1日）不能早于“张三”的任职日期/,
    );
    await refused(
      'staff:rotate',
      { staffId: a.id, date: '2017-02-30', successor: { name: '李四' } },
      /交接日期不是有效日期/,
    );
    await t.ok('staff:rotate', { staffId: a.id, date: '2017-10-01', successor: { name: '李四' } });
    await refused('staff:rotate', { staffId: a.id, date: '2017-10-02', successor: { name: '王五' } }, /“张三”已离任/);
  });
});

describe('领导小组', () => {
  it('shows the 蒲州镇 group of the sample in rank order with titles', async () => {
    await t.ok('app:onboard', { mode: 'demo' });
    const g = await t.ok('leadingGroup:get', {});
    expect(g.group).toMatchObject({ name: '永济市蒲州镇小城镇建设领导组', officeAt: '蒲州镇人民政府' });
    expect(g.members.map((m) => `${m.role}:${m.title}`)).toEqual([
      '组长:党委书记',
      '副组长:镇长',
      '副组长:党委副书记',
      '副组长:纪检书记',
      '副组长:副镇长',
      '成员:财政所所长',
      '成员:城建办主任',
      '成员:交通道路站长',
      '成员:水利站站长',
      '成员:林业站站长',
      '成员:派出所所长',
      '成员:土地所所长',
      '办公室主任:副镇长',
    ]);
  });

  it('prints by rank, not by input order or name', async () => {
    const ids = [];
    for (const [name, title] of [
      ['甲', '副镇长'],
      ['乙', '镇长'],
      ['丙', '党委书记'],
      ['丁', '城建办主任'],
    ] as const)
      ids.push((await t.ok('staff:save', { name: `${name}某`, title })).id);
    const g = await t.ok('leadingGroup:save', {
      name: '蒲州镇小城镇建设领导组',
      members: [
        { staffId: ids[3]!, role: '办公室主任' },
        { staffId: ids[0]!, role: '副组长' },
        { staffId: ids[3]!, role: '成员' },
        { staffId: ids[1]!, role: '常务副组长' },
        { staffId: ids[2]!, role: '组长' },
      ],
    });
    expect(g.members.map((m) => `${m.role}:${m.name}`)).toEqual([
      '组长:丙某',
      '常务副组长:乙某',
      '副组长:甲某',
      '成员:丁某',
      '办公室主任:丁某',
    ]);
    expect(g.group!.officeDirectorStaffId).toBe(ids[3]);
  });

  it('two people of one name both sit in the group; one person in two posts is named with the 职务', async () => {
    const head = await t.ok('staff:save', { name: '赵建国', title: '党委书记' });
    const deputy = await t.ok('staff:save', { name: '王德胜', title: '副镇长' });
    const station = await t.ok('staff:save', { name: '王德胜', title: '交通道路站长' });
    const g = await t.ok('leadingGroup:save', {
      name: '永济市蒲州镇小城镇建设领导组',
      members: [
        { staffId: head.id, role: '组长' },
        { staffId: deputy.id, role: '副组长' },
        { staffId: station.id, role: '成员' },
      ],
    });
    expect(g.members.map((m) => [m.role, m.name, m.title])).toEqual([
      ['组长', '赵建国', '党委书记'],
      ['副组长', '王德胜', '副镇长'],
      ['成员', '王德胜', '交通道路站长'],
    ]);
    await refused(
      'leadingGroup:save',
      {
        name: '领导组',
        members: [
          { staffId: head.id, role: '组长' },
          { staffId: deputy.id, role: '副组长' },
          { staffId: deputy.id, role: '成员' },
          { staffId: station.id, role: '成员' },
        ],
      },
      /^“王德胜（副镇长）”在领导小组中只能任一职，现为副组长、成员$/,
    );
  });

  it('requires exactly one 组长, known people and no one twice in a role', async () => {
    const a = await t.ok('staff:save', { name: '赵某', title: '党委书记' });
    const b = await t.ok('staff:save', { name: '钱某', title: '镇长' });
    await refused(
      'leadingGroup:save',
      { name: '领导组', members: [{ staffId: b.id, role: '副组长' }] },
      /领导小组必须有一名组长/,
    );
    await refused(
      'leadingGroup:save',
      {
        name: '领导组',
        members: [
          { staffId: a.id, role: '组长' },
          { staffId: b.id, role: '组长' },
        ],
      },
      /只能有一名组长，现有2名：赵某、钱某/,
    );
    await refused(
      'leadingGroup:save',
      {
        name: '领导组',
        members: [
          { staffId: a.id, role: '组长' },
          { staffId: 999, role: '成员' },
        ],
      },
      /第2位成员（人员编号 999）不存在/,
    );
    await refused(
      'leadingGroup:save',
      {
        name: '领导组',
        members: [
          { staffId: a.id, role: '组长' },
          { staffId: b.id, role: '成员' },
          { staffId: b.id, role: '成员' },
        ],
      },
      /“钱某”重复列为成员/,
    );
    await refused(
      'leadingGroup:save',
      { name: '领导组', members: [{ staffId: a.id, role: '组员' }] },
      /组内角色应为：组长、常务副组长、副组长、成员、办公室主任/,
    );
    await refused('leadingGroup:save', { name: '', members: [{ staffId: a.id, role: '组长' }] }, /请填写领导小组名称/);
    await refused(
      'leadingGroup:save',
      { name: '领导组', establishedOn: '2017-13-01', members: [{ staffId: a.id, role: '组长' }] },
      /成立日期不是有效日期/,
    );
  });
});

describe('the pickers’ pinyin', () => {
  it('every list a unit or person picker is filled from carries the name’s pinyin, following a rename', async () => {
    const o = await t.ok('orgs:save', { name: '蒲州镇文化站', level: '镇', kind: '镇站所' });
    const s = await t.ok('staff:save', { name: '周志强', title: '副镇长', orgId: o.id });
    const lookups = await t.ok('lookups:get', {});
    expect(lookups.orgs.find((x) => x.id === o.id)?.pinyin).toBe('pzzwhz\u0002puzhouzhenwenhuazhan');
    expect(lookups.staff.find((x) => x.id === s.id)?.pinyin).toBe('zzq\u0002zhouzhiqiang');
    expect((await t.ok('orgs:list', {})).find((x) => x.id === o.id)?.pinyin).toMatch(/^pzzwhz/);
    expect((await t.ok('staff:list', {})).find((x) => x.id === s.id)?.pinyin).toMatch(/^zzq/);
    await t.ok('orgs:save', { id: o.id, name: '蒲州镇文化服务中心', level: '镇', kind: '镇站所' });
    expect((await t.ok('lookups:get', {})).orgs.find((x) => x.id === o.id)?.pinyin).toBe(
      'pzzwhfwzx\u0002puzhouzhenwenhuafuwuzhongxin',
    );
  });
});
