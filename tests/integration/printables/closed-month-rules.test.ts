// A closed month keeps the 预警规则 its lights were judged by. September closed under the default rules; the town then
// set its yellow band from 5 points and its 月报 due on the 10th; September's 预警清单 printed the new rules under
// lights judged by the old ones — a leader comparing a red light 25 points behind with "超过20个百分点为红灯" found
// them agreeing by chance and a yellow 15 points behind disagreeing with them.
import { execFileSync } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { laggingData } from '../../../electron/core/printables/data.ts';
import { closeSnapshotSha256 } from '../../../electron/core/services/period.service.ts';
import { rulesText } from '../../../shared/domain/light-rules-text.ts';
import { DEFAULT_LIGHT_RULES, type Dimension, type LightRules } from '../../../shared/domain/schedule.ts';
import { tempCore, type TempCore } from '../../helpers/temp-core.ts';

let t: TempCore;
beforeEach(async () => {
  t = await tempCore();
  await t.ok('app:onboard', { mode: 'demo' });
  await t.signIn('审核人');
  await t.ok('periods:close', { period: '2017-09' });
});
afterEach(() => t.cleanup());

const NEW_RULES = {
  investYellowFromPts: 5,
  investRedAbovePts: 20,
  startRedMonths: 2,
  nodeYellowDays: 3,
  nodeRedDays: 10,
  paymentMinPct: 60,
  statsThresholdWan: '1000',
  reportDueDay: 10,
};
const { statsThresholdWan: _wan, ...sameKeys } = NEW_RULES;
const NEW: LightRules = { ...sameKeys, statsThresholdFen: 1000_000_000 };
const changeRules = () => t.ok('lights:rules:save', NEW_RULES as never);

const rulesLine = async (period: string) => {
  const html = (await t.ok('reports:render', { doc: 'lagging', period })).html;
  return /<p class="rules">([^<]*)<\/p>/.exec(html)?.[1] ?? '';
};
const TAIL = '序时进度按计划工期逐月计算；同为红灯（黄灯）时按差距从大到小排列。';

/** The rule each parameterised dimension's light states (shared/domain/schedule.ts), under the given rules. */
const ruleTexts = (r: LightRules): Partial<Record<Dimension, string>> => ({
  投资进度: `低于序时${r.investYellowFromPts}–${r.investRedAbovePts}个百分点为黄，超过${r.investRedAbovePts}个百分点为红`,
  开工: `计划开工月未开工为黄，连续${r.startRedMonths}个月未开工为红`,
  节点: `节点逾期为黄，逾期${r.nodeRedDays}天及以上为红`,
  资金支付: `支付率低于${r.paymentMinPct}%为红`,
});

/** Every light on the list states the rule of the rules printed under it. */
function expectLightsJudgedBy(period: string, rules: LightRules): number {
  const d = laggingData(t.core.ctx, period);
  const want = ruleTexts(rules);
  let checked = 0;
  for (const e of d.entries)
    for (const l of e.project.lights) {
      if (!want[l.dimension]) continue;
      expect(l.rule, `${e.project.name}的${l.dimension}灯`).toBe(want[l.dimension]);
      checked++;
    }
  return checked;
}

describe('a closed month keeps the 预警规则 its lights were judged by', () => {
  it('September’s list states the rules kept at its close after the town changed them; an open month’s the ones in force', async () => {
    await changeRules();
    // the lights of the list were judged at the close by the defaults (10–30), and the list says so
    expect(expectLightsJudgedBy('2017-09', DEFAULT_LIGHT_RULES)).toBeGreaterThan(0);
    expect(await rulesLine('2017-09')).toBe(`预警规则（本月关账时执行）：${rulesText(DEFAULT_LIGHT_RULES)}${TAIL}`);
    expect(laggingData(t.core.ctx, '2017-09').rules).toEqual({ rules: DEFAULT_LIGHT_RULES, source: 'kept' });

    // October is open: judged now, by the rules in force, and says so plainly
    const oct = laggingData(t.core.ctx, '2017-10');
    expect(oct.rules).toEqual({ rules: NEW, source: 'current' });
    expect(await rulesLine('2017-10')).toBe(`预警规则：${rulesText(NEW)}${TAIL}`);
    expectLightsJudgedBy('2017-10', NEW);

    // the 月报 page's 截止 of the closed month is the one its 填报 lights were judged by (次月5日), October's the new one
    expect((await t.ok('reports:batch', { period: '2017-09' })).dueDate).toBe('2017-10-05');
    expect((await t.ok('reports:batch', { period: '2017-10' })).dueDate).toBe('2017-11-10');
  });

  it('the 预警规则 dialog opened on a month’s page is told the rules that month was judged by', async () => {
    await changeRules();
    const sep = await t.ok('lights:rules:get', { period: '2017-09' });
    expect(sep.rules).toEqual(NEW); // what the dialog edits: the rules in force
    expect(sep.periodRules).toEqual({ rules: DEFAULT_LIGHT_RULES, source: 'kept' });
    expect((await t.ok('lights:rules:get', { period: '2017-10' })).periodRules).toEqual({
      rules: NEW,
      source: 'current',
    });
    expect((await t.ok('lights:rules:get', {})).periodRules).toBeUndefined();
  });

  it('reopening drops the kept rules with the snapshot; closing again keeps the rules then in force', async () => {
    await changeRules();
    await t.ok('periods:reopen', { period: '2017-09', reason: '补报' });
    expect(laggingData(t.core.ctx, '2017-09').rules).toEqual({ rules: NEW, source: 'current' });
    await t.ok('periods:close', { period: '2017-09' });
    await t.ok('lights:rules:save', { ...NEW_RULES, investRedAbovePts: 40 } as never);
    expect(laggingData(t.core.ctx, '2017-09').rules).toEqual({ rules: NEW, source: 'kept' });
    expectLightsJudgedBy('2017-09', NEW);
  });

  it('the kept rules are under the close hash and the row seals: changed with the sqlite3 tool, both show it', async () => {
    const meta = () =>
      JSON.parse(
        execFileSync(
          'sqlite3',
          [t.file, `SELECT data FROM period_snapshot WHERE period = '2017-09' AND project_id = 0`],
          {
            encoding: 'utf8',
          },
        ),
      ) as { rules?: LightRules };
    expect(meta().rules).toEqual(DEFAULT_LIGHT_RULES);
    const before = closeSnapshotSha256(t.core.ctx, '2017-09');
    t.core.close();
    execFileSync('sqlite3', [
      t.file,
      `UPDATE period_snapshot SET data = json_set(data, '$.rules.investRedAbovePts', 60) WHERE period = '2017-09' AND project_id = 0`,
    ]);
    await t.reopen();
    expect(meta().rules!.investRedAbovePts).toBe(60);
    expect(closeSnapshotSha256(t.core.ctx, '2017-09')).not.toBe(before);
    const v = await t.ok('audit:verify', {});
    expect(v.ok).toBe(false);
    expect(v.seals!.problems).toContainEqual(expect.objectContaining({ table: 'period_snapshot', kind: '改动' }));
  });

  it('a month closed before closes kept their rules says the rules under it are the current ones', async () => {
    // such a close's meta row holds no rules (written through the app's connection: its seal stays current)
    t.core.ctx.db.sqlite
      .prepare(
        `UPDATE period_snapshot SET data = json_remove(data, '$.rules') WHERE period = '2017-09' AND project_id = 0`,
      )
      .run();
    await changeRules();
    expect(laggingData(t.core.ctx, '2017-09').rules).toEqual({ rules: NEW, source: 'notKept' });
    expect(await rulesLine('2017-09')).toBe(
      `预警规则（现行规则；本月关账时未留存当时执行的规则，本表灯色以关账时为准）：${rulesText(NEW)}${TAIL}`,
    );
    expect((await t.ok('audit:verify', {})).ok).toBe(true);
  });
});
