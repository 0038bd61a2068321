/**
 * The indicator catalogue of domain §1.6, loaded into every new ledger when the user onboards.
 * Where a seed gives a number, `comparator` + `target` make attainment computable; where it only
 * gives words (日产日清, 3A级以上 as a rating) `targetText` carries them. Values the seeds lost to
 * scraper damage (鄂州/渭城 路网覆盖率, 硬化率, 渭城 供水普及率; domain §0) are not invented.
 */
import type { COMPARATORS } from '../../../shared/domain/vocab.ts';

type Cmp = (typeof COMPARATORS)[number];
export interface CatalogueIndicator {
  code: string;
  name: string;
  unit: string | null;
  comparator: Cmp | null;
  target: number | null;
  targetText: string | null;
  sourceDoc: string;
}

// The documents as a clerk knows them (docs/domain.md labels them S0–S4; those labels are ours, not theirs).
const S0 = '某市《小城镇建设实施意见》';
const S1 = '随县“擦亮小城镇”实施方案（2021）';
const S2 = '嘉兴2016特色小镇/小城市培育要点';
const S3 = '2017小城镇建设工作实施方案';
const S3E = '2017小城镇建设工作实施方案（鄂州）';
const S3W = '2017小城镇建设工作实施方案（渭城）';
const S4 = '吉林乡村振兴示范镇方案';

const row = (
  code: string,
  name: string,
  unit: string | null,
  comparator: Cmp | null,
  target: number | null,
  sourceDoc: string,
  targetText: string | null = null,
): CatalogueIndicator => ({ code, name, unit, comparator, target, targetText, sourceDoc });

export const INDICATOR_CATALOGUE: readonly CatalogueIndicator[] = [
  row('ZB01', '人均绿化面积', '㎡', '≥', 3, S0),
  row('ZB02', '主干道硬化率', '%', '≥', 100, S0),
  row('ZB03', '路沿石铺设率', '%', '≥', 100, S0),
  row('ZB04', '自来水普及率', '%', '≥', 70, S0),
  row('ZB05', '自来水普及率（鄂州标准）', '%', '≥', 95, S3E),
  row('ZB06', '自来水普及率（鄂州供水工程）', '%', '≥', 97, S3E),
  row('ZB07', '安全饮水率', '%', '≥', 100, S3E),
  row('ZB08', '水冲式公厕', '座', '≥', 2, S0, '每个乡镇不少于2座；全部水冲式，无旱厕（S3 渭城）'),
  row('ZB09', '垃圾中转站', '座', '≥', 1, S0, '每个乡镇1座；村镇收集、市运输处理'),
  row('ZB10', '新建农贸市场', '个', '≥', 1, S0, '每个乡镇新建1个'),
  row('ZB11', '集贸市场或专业街', '个', '≥', 1, S3),
  row('ZB12', '乡镇机关“五个一”', '项', '≥', 5, S0, '会议室、食堂、洗浴室、娱乐室、水冲式厕所'),
  row('ZB13', '人均道路面积', '㎡', '≥', 8, S3),
  row('ZB14', '建成区面积', '平方公里', '≥', 2, S3E),
  row('ZB15', '镇区人口', '万人', '≥', 1, S3E),
  row('ZB16', '建成区人口增长', '%', '≥', 4, S3W),
  row('ZB17', '文明住宅小区规模', '户', '≥', 100, S3),
  row('ZB18', '文明住宅小区绿化面积占用地比例', '%', '≥', 30, S3),
  row('ZB19', '绿化覆盖率', '%', '≥', 30, S3),
  row('ZB20', '人均公共绿地', '㎡', '≥', 4, S3),
  row('ZB21', '垃圾处理率', '%', '≥', 50, S3),
  row('ZB22', '燃气气化率', '%', '≥', 60, S3W),
  row('ZB23', '主干道路灯设置率', '%', '≥', 100, S3W),
  row('ZB24', '“一书二证”办证率', '%', '≥', 100, S3),
  row('ZB25', '镇区污水直排口', '个', '=', 0, S1),
  row('ZB26', '垃圾日产日清', null, null, null, S1, '垃圾日产日清'),
  row('ZB27', '三级投入', '万元/年', '≥', 6000, S3E, '每年不少于6000万元，其中市级2000万元以奖代补'),
  row('ZB28', '市级以奖代补资金', '万元/年', '≥', 2000, S3E),
  row('ZB29', '区、镇配套资金与补助之比', '倍', '≥', 1, S3E, '区、镇配套不低于1:1'),
  row('ZB30', '工作经费占比', '%', '=', 1, S3E),
  row('ZB31', '省级支持门槛（单项工程投资）', '万元', null, 500, S4, '单项工程投资规模超过500万元，省级予以重点支持'),
  row('ZB32', '省级示范镇数量', '个', '≥', 30, S4, '每个市（州）至少2个'),
  row('ZB33', '市级示范镇数量', '个', '≥', 40, S4),
  row('ZB34', '县级示范镇数量', '个', '≥', 50, S4, '每个县（市、区）至少1个'),
  row('ZB35', '省级特色小镇固定资产投资（3年）', '亿元', '≥', 50, S2),
  row('ZB36', '市级特色小镇固定资产投资（3年）', '亿元', '≥', 30, S2),
  row('ZB37', '小城市试点GDP增长', '%', '≥', 10, S2, '两位数增长'),
  row('ZB38', '小城市试点财政总收入增长', '%', '≥', 10, S2, '两位数增长'),
  row('ZB39', '小城市试点固定资产投资增长（省级）', '%', '≥', 18, S2),
  row('ZB40', '小城市试点固定资产投资增长（市级）', '%', '≥', 16, S2),
  row('ZB41', '三产占比提高', '百分点', '≥', 1, S2),
  row('ZB42', '建成区人口集聚率提高', '百分点', '≥', 1, S2),
  row('ZB43', '市级试点GDP增速高于所在县', '百分点', '≥', 2, S2),
  row('ZB44', '景区等级', 'A级', '≥', 3, S2, '3A级以上'),
];
