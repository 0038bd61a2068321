/**
 * Fund flows and 以奖代补 applications for the 蒲州镇 2017 sample [G]: enough to show every column of T4
 * (§2.4) on the dashboard and the 资金 page. Chosen so that 支付 ≥ 50% of 到位 everywhere (the 资金支付
 * light stays green and §5's lights are unchanged), one project (蒲州商业街) is short of 1:1 配套 in money
 * arrived, and 垃圾中转站 shows the 以奖代补 cycle: 40% 预拨, the rest 验收兑现.
 * The caller owns the transaction.
 */
import type { Db } from '../db/connection.ts';
import { FEN_PER_WAN } from '../../../shared/domain/money.ts';
import { PUZHOU_PROJECTS } from './puzhou-2017.ts';

type Flow = [
  key: string,
  date: string,
  type: '到位' | '拨付' | '支付',
  source: string,
  wan: number,
  batch: string | null,
  voucher: string,
];

const FLOWS: Flow[] = [
  ['9', '2017-05-20', '到位', '省级资金', 600, '预拨', '永财建〔2017〕31号'],
  ['9', '2017-08-25', '到位', '省级资金', 400, '进度款', '永财建〔2017〕76号'],
  ['9', '2017-05-10', '到位', '镇政府自筹', 500, null, '蒲财〔2017〕05号'],
  ['9', '2017-06-30', '拨付', '省级资金', 600, '预拨', '蒲财拨〔2017〕12号'],
  ['9', '2017-07-15', '支付', '省级资金', 560, '进度款', '记-0715-03'],
  ['9', '2017-09-10', '支付', '镇政府自筹', 380, '进度款', '记-0910-01'],
  ['10', '2017-04-18', '到位', '市级资金', 24, '预拨', '运财建〔2017〕22号'],
  ['10', '2017-09-28', '到位', '市级资金', 36, '验收兑现', '运财建〔2017〕88号'],
  ['10', '2017-04-10', '到位', '镇政府自筹', 60, null, '蒲财〔2017〕03号'],
  ['10', '2017-09-29', '支付', '镇政府自筹', 60, '验收兑现', '记-0929-02'],
  ['10', '2017-09-29', '支付', '市级资金', 40, '验收兑现', '记-0929-03'],
  ['13', '2017-05-05', '到位', '市级资金', 160, '进度款', '运财建〔2017〕40号'],
  ['13', '2017-05-05', '到位', '镇政府自筹', 180, null, '蒲财〔2017〕04号'],
  ['13', '2017-08-31', '支付', '市级资金', 150, '进度款', '记-0831-05'],
  ['13', '2017-08-31', '支付', '镇政府自筹', 150, '进度款', '记-0831-06'],
  ['14', '2017-04-12', '到位', '省级资金', 200, '预拨', '永财建〔2017〕18号'],
  ['14', '2017-04-12', '到位', '镇政府自筹', 220, null, '蒲财〔2017〕02号'],
  ['14', '2017-09-15', '支付', '省级资金', 180, '进度款', '记-0915-02'],
  ['14', '2017-09-15', '支付', '镇政府自筹', 190, '进度款', '记-0915-03'],
  ['18', '2017-03-20', '到位', '县级资金', 30, null, '永财建〔2017〕09号'],
  ['18', '2017-03-20', '到位', '镇政府自筹', 30, null, '蒲财〔2017〕01号'],
  ['18', '2017-09-20', '支付', '县级资金', 30, '验收兑现', '记-0920-01'],
  ['18', '2017-09-20', '支付', '镇政府自筹', 30, '验收兑现', '记-0920-02'],
  ['28', '2017-03-25', '到位', '市级资金', 200, '进度款', '运财建〔2017〕15号'],
  ['28', '2017-03-25', '到位', '镇政府自筹', 200, null, '蒲财〔2017〕01-2号'],
  ['28', '2017-07-31', '支付', '市级资金', 160, '进度款', '记-0731-04'],
  ['28', '2017-07-31', '支付', '镇政府自筹', 140, '进度款', '记-0731-05'],
];

const AWARDS: [key: string, wan: number, on: string][] = [['10', 60, '2017-04-01']];

export function seedPuzhou2017Funds(db: Db): void {
  const ids = new Map(
    db
      .all(db.q.selectFrom('project').select(['id', 'code']))
      .map((r) => [PUZHOU_PROJECTS.find((p) => p.code === r.code)?.key, r.id]),
  );
  for (const [key, date, type, source, wan, batch, voucher] of FLOWS) {
    db.run(
      db.q.insertInto('fund_flow').values({
        project_id: ids.get(key)!,
        date,
        type,
        source,
        amount_fen: wan * FEN_PER_WAN,
        batch,
        voucher_no: voucher,
        note: null,
      }),
    );
  }
  for (const [key, wan, on] of AWARDS)
    db.run(
      db.q.insertInto('award_subsidy').values({
        project_id: ids.get(key)!,
        applied_fen: wan * FEN_PER_WAN,
        applied_on: on,
        note: '小城镇建设以奖代补',
      }),
    );
}
