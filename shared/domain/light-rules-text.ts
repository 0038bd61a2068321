/**
 * The 预警规则 in words, every dimension a light can come from: printed under the 滞后/预警清单 and shown by the
 * 预警规则 dialog of a closed month (the rules kept at its close), so the two never word them differently.
 */
import { formatWan } from './money.ts';
import type { LightRules } from './schedule.ts';

export function rulesText(r: LightRules): string {
  return (
    [
      `投资完成率低于序时进度${r.investYellowFromPts}–${r.investRedAbovePts}个百分点（含）为黄灯，超过${r.investRedAbovePts}个百分点为红灯`,
      `计划开工月未开工为黄灯，连续${r.startRedMonths}个月未开工为红灯`,
      `节点逾期${r.nodeYellowDays > 1 ? `${r.nodeYellowDays}天起` : ''}为黄灯，逾期${r.nodeRedDays}天及以上为红灯`,
      `资金到位后支付率低于${r.paymentMinPct}%为红灯`,
      `总投资${formatWan(r.statsThresholdFen)}万元及以上的项目开工1个月未入统为黄灯，超过2个月为红灯`,
      `月报次月${r.reportDueDay}日前未报送为黄灯`,
    ].join('；') + '。'
  );
}
