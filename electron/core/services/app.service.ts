import type { AppInfo } from '../../../shared/schemas/app.ts';
import { appendChanges } from '../audit/change-log.ts';
import { nowIso, type Ctx } from '../context.ts';
import { AppError } from '../errors.ts';
import { getSetting, setSetting } from '../repositories/setting.repository.ts';
import { countProjects } from '../repositories/stats.repository.ts';
import { seedPuzhou2017 } from '../seed/puzhou-2017.ts';
import { loadIndicatorCatalogue } from './indicator.service.ts';
import { seedPuzhou2017Funds } from '../seed/puzhou-2017-funds.ts';

export const PRODUCT_NAME = '乡镇建设项目台账';

export function appInfo(ctx: Ctx): AppInfo {
  const onboarded = getSetting(ctx.db, 'app.onboarded');
  return {
    productName: PRODUCT_NAME,
    version: ctx.version,
    dbFile: ctx.db.file,
    townName: getSetting(ctx.db, 'town.name'),
    needsOnboarding: onboarded === null && countProjects(ctx.db) === 0,
    operator: ctx.session.operator,
  };
}

/** First run: an empty ledger, or the 蒲州镇 2017 sample. The sample only loads into an empty ledger. */
export function onboard(ctx: Ctx, mode: 'empty' | 'demo'): AppInfo {
  ctx.db.tx(() => {
    if (mode === 'demo') loadDemo(ctx);
    loadIndicatorCatalogue(ctx);
    setSetting(ctx.db, 'app.onboarded', mode);
  });
  return appInfo(ctx);
}

export function loadDemo(ctx: Ctx): void {
  ctx.db.tx(() => {
    if (countProjects(ctx.db) > 0) throw new AppError('CONFLICT', '台账中已有项目，示例数据只能载入空白台账');
    const at = nowIso(ctx);
    seedPuzhou2017(ctx.db, at);
    seedPuzhou2017Funds(ctx.db);
    appendChanges(ctx.db, ctx.session.operator, at, [{ action: '导入', entity: 'ledger', reason: '载入示例数据：蒲州镇2017' }]);
  });
}
