import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { INDICATOR_CATALOGUE } from '../../electron/core/seed/indicator-catalogue.ts';
import { tempCore, type TempCore } from '../helpers/temp-core.ts';

let t: TempCore;
beforeEach(async () => {
  t = await tempCore();
});
afterEach(() => t.cleanup());

const count = (table: string) =>
  (t.core.ctx.db.sqlite.prepare(`SELECT count(*) n FROM ${table}`).get() as { n: number }).n;

async function refused(input: unknown, message: RegExp) {
  const before = [count('indicator_value'), count('change_log')];
  const r = await t.call('indicators:saveValue', input as never);
  expect(r.ok).toBe(false);
  if (!r.ok) expect(r.error.message).toMatch(message);
  expect([count('indicator_value'), count('change_log')]).toEqual(before);
}

const byName = async (name: string) => (await t.ok('indicators:list', {})).find((i) => i.name === name)!;

describe('指标', () => {
  it('loads the §1.6 catalogue on onboarding, in both modes, once', async () => {
    expect(await t.ok('indicators:list', {})).toEqual([]);
    await t.ok('app:onboard', { mode: 'empty' });
    const list = await t.ok('indicators:list', {});
    expect(list).toHaveLength(INDICATOR_CATALOGUE.length);
    // Each 来源文件 as the clerk knows the document: not the S0–S4 labels of our own domain notes.
    expect(list.filter((i) => /^S\d/.test(i.sourceDoc ?? ''))).toEqual([]);
    expect(list.find((i) => i.name === '绿化覆盖率')).toMatchObject({
      unit: '%',
      comparator: '≥',
      target: 30,
      status: '未填报',
      gap: null,
    });
    expect(list.find((i) => i.name === '垃圾日产日清')).toMatchObject({ comparator: null, status: '无量化目标' });
    await t.ok('app:onboard', { mode: 'empty' });
    expect(await t.ok('indicators:list', {})).toHaveLength(INDICATOR_CATALOGUE.length);
  });

  it('loads with the demo too', async () => {
    await t.ok('app:onboard', { mode: 'demo' });
    expect(await t.ok('indicators:list', {})).toHaveLength(INDICATOR_CATALOGUE.length);
  });

  it('records baseline and actual values with dates; attainment follows the latest actual', async () => {
    await t.ok('app:onboard', { mode: 'empty' });
    const green = await byName('绿化覆盖率');
    await t.ok('indicators:saveValue', { indicatorId: green.id, kind: '基期', value: '18.5', asOf: '2016-12-31' });
    let row = await t.ok('indicators:saveValue', {
      indicatorId: green.id,
      kind: '实际',
      value: 25,
      asOf: '2017-06-30',
    });
    expect(row).toMatchObject({
      status: '未达标',
      gap: 5,
      baseline: { value: 18.5 },
      actual: { value: 25, asOf: '2017-06-30' },
    });
    row = await t.ok('indicators:saveValue', { indicatorId: green.id, kind: '实际', value: 31.2, asOf: '2017-09-30' });
    expect(row).toMatchObject({ status: '达标', gap: 0, actual: { value: 31.2 } });
    const latest = row.values.find((v) => v.asOf === '2017-09-30')!;
    row = await t.ok('indicators:saveValue', {
      id: latest.id,
      indicatorId: green.id,
      kind: '实际',
      value: 29,
      asOf: '2017-09-30',
    });
    expect(row).toMatchObject({ status: '未达标', gap: 1 });
    await t.ok('indicators:removeValue', { id: latest.id });
    expect((await byName('绿化覆盖率')).actual).toMatchObject({ value: 25 });
    const sewage = await byName('镇区污水直排口');
    expect(
      await t.ok('indicators:saveValue', { indicatorId: sewage.id, kind: '实际', value: 0, asOf: '2017-09-30' }),
    ).toMatchObject({ status: '达标' });
    const h = await t.ok('history:list', { entity: 'indicator_value' });
    expect(h.rows.map((r) => r.action)).toEqual(['新增', '删除', '修改', '新增', '新增', '新增']);
    expect(h.rows[2]).toMatchObject({ fieldLabel: '数值', oldValue: '31.2', newValue: '29', reason: '绿化覆盖率' });
  });

  it('rejects non-numbers, impossible dates, duplicates per date, percentages over 100 and unknown indicators', async () => {
    await t.ok('app:onboard', { mode: 'empty' });
    const green = await byName('绿化覆盖率');
    await refused({ indicatorId: green.id, kind: '实际', value: '三十', asOf: '2017-09-30' }, /数值“三十”不是有效数字/);
    await refused({ indicatorId: green.id, kind: '实际', value: '', asOf: '2017-09-30' }, /数值“”不是有效数字/);
    await refused({ indicatorId: green.id, kind: '实际', value: 30, asOf: '2017-09-31' }, /日期不是有效日期/);
    await refused({ indicatorId: green.id, kind: '实际', value: 30 }, /请填写日期/);
    await refused({ indicatorId: green.id, kind: '目标', value: 30, asOf: '2017-09-30' }, /数值类型应为：基期、实际/);
    await refused(
      { indicatorId: green.id, kind: '实际', value: 130, asOf: '2017-09-30' },
      /“绿化覆盖率”是百分比，数值应在0到100之间/,
    );
    // nothing is negative (but a rate of change), and a count is whole
    await refused(
      { indicatorId: (await byName('人均公共绿地')).id, kind: '实际', value: -1, asOf: '2017-09-30' },
      /“人均公共绿地”的数值不能为负数/,
    );
    await refused(
      { indicatorId: (await byName('水冲式公厕')).id, kind: '实际', value: 2.5, asOf: '2017-09-30' },
      /“水冲式公厕”以座计，数值应为整数/,
    );
    await refused({ indicatorId: 9999, kind: '实际', value: 1, asOf: '2017-09-30' }, /指标（编号 9999）不存在/);
    await t.ok('indicators:saveValue', { indicatorId: green.id, kind: '实际', value: 30, asOf: '2017-09-30' });
    await refused(
      { indicatorId: green.id, kind: '实际', value: 31, asOf: '2017-09-30' },
      /“绿化覆盖率”在2017年9月30日已有实际值/,
    );
  });
});
