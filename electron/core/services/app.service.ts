import type { AppInfo, OnboardInput } from '../../../shared/schemas/app.ts';
import type { FieldIssue } from '../../../shared/ipc/result.ts';
import { appendChanges } from '../audit/change-log.ts';
import { nowIso, type Ctx } from '../context.ts';
import { AppError, validationError } from '../errors.ts';
import { latestRecordedAt } from '../repositories/change-log.repository.ts';
import { countAdmins } from '../repositories/operator.repository.ts';
import { createFirstAdmin, startSession } from './operator.service.ts';
import { getTownSettings, saveTownSettings } from './town-settings.service.ts';
import { getSetting, setSetting } from '../repositories/setting.repository.ts';
import { countProjects } from '../repositories/stats.repository.ts';
import { seedPuzhou2017 } from '../seed/puzhou-2017.ts';
import { loadIndicatorCatalogue } from './indicator.service.ts';
import { seedPuzhou2017Funds } from '../seed/puzhou-2017-funds.ts';
import { PRODUCT_NAME } from '../product.ts';
import type { StartNote } from '../core-types.ts';

// In product.ts so that Electron main can name its windows without loading the core.
export { PRODUCT_NAME } from '../product.ts';

export function appInfo(ctx: Ctx): AppInfo {
  const onboarded = getSetting(ctx.db, 'app.onboarded');
  return {
    productName: PRODUCT_NAME,
    version: ctx.version,
    dbFile: ctx.db.file,
    townName: getSetting(ctx.db, 'town.name'),
    countyName: getSetting(ctx.db, 'county.name'),
    needsOnboarding: onboarded === null && countProjects(ctx.db) === 0,
    needsAdmin: countAdmins(ctx.db) === 0,
    operator: ctx.session.operator,
    clockBehind: clockBehind(ctx),
    startNotes: startNotes.get(ctx.db) ?? [],
  };
}

const startNotes = new WeakMap<object, string[]>();

/**
 * What this core's start found and did (Core.started), for the window to say (AppInfo.startNotes): before, the clerk
 * heard it only when a core host was restarted, and a ledger found changed behind the program's back at an ordinary
 * opening was said in the log alone. A restore the start settled has its own notice; a core that cannot open the
 * ledger answers in recovery mode.
 */
export function keepStartNotes(ctx: Ctx, notes: readonly StartNote[]): void {
  const said = notes.filter((n) => !n.kind.startsWith('restore-') && n.kind !== 'cannot-open').map((n) => n.message);
  startNotes.set(ctx.db, said);
}

/** Ten minutes: a clock that is put right by the network now and then moves by seconds, never by this. */
const CLOCK_SLACK_MS = 10 * 60_000;

/** See AppInfo.clockBehind. */
export function clockBehind(ctx: Ctx): AppInfo['clockBehind'] {
  const latestAt = latestRecordedAt(ctx.db);
  const now = ctx.now();
  if (latestAt === null || now.getTime() >= Date.parse(latestAt) - CLOCK_SLACK_MS) return null;
  return { now: now.toISOString(), latestAt };
}

/**
 * First run: the town, its year and the first 管理员 (who is then signed in), and an empty ledger or the
 * 蒲州镇 2017 sample (which only loads into an empty ledger). One transaction: a refusal leaves nothing.
 */
export function onboard(ctx: Ctx, input: OnboardInput): AppInfo {
  const signedOut = ctx.session.role === null;
  const issues: FieldIssue[] = [];
  if (signedOut) {
    if (!input.townName) issues.push({ path: 'townName', message: '请填写乡镇名称' });
    if (!input.fiscalYear) issues.push({ path: 'fiscalYear', message: '请填写年度' });
    if (!input.adminName) issues.push({ path: 'adminName', message: '请填写管理员姓名' });
  }
  if (input.adminName && !input.adminPassword)
    issues.push({ path: 'adminPassword', message: '请为管理员设置登录密码' });
  if (issues.length) throw validationError(issues);
  const before = ctx.session;
  try {
    return ctx.db.tx(() => {
      if (input.adminName) {
        const admin = createFirstAdmin(ctx, input.adminName, input.adminPassword!);
        // The rest of the first run is recorded under the new 管理员's name, who stays signed in (and is signed out
        // for idleness like anyone who signed in with the password).
        startSession(ctx, { id: admin.id, name: admin.name, role: '管理员' });
      }
      // The sample brings its own settings; what the first-run screen says is applied over them.
      if (input.mode === 'demo') loadDemo(ctx);
      if (input.townName || input.fiscalYear) {
        const cur = getTownSettings(ctx);
        const townName = input.townName ?? cur.townName ?? '';
        // A 填报单位 that was only the old name's default (蒲州镇人民政府) follows a rename: kept, every printout of
        // 韩阳镇 went out as 蒲州镇人民政府's. One the town typed itself stays.
        const defaultFiller = cur.townName !== null && cur.filler === `${cur.townName}人民政府`;
        saveTownSettings(ctx, {
          townName,
          filler: cur.filler === null || defaultFiller ? `${townName}人民政府` : cur.filler,
          receiver: cur.receiver,
          fiscalYear: input.fiscalYear ?? cur.fiscalYear ?? ctx.now().getFullYear(),
        });
      }
      loadIndicatorCatalogue(ctx);
      setSetting(ctx.db, 'app.onboarded', input.mode);
      return appInfo(ctx);
    });
  } catch (e) {
    ctx.session = before;
    throw e;
  }
}

export function loadDemo(ctx: Ctx): void {
  ctx.db.tx(() => {
    if (countProjects(ctx.db) > 0) throw new AppError('CONFLICT', '台账中已有项目，示例数据只能载入空白台账');
    const at = nowIso(ctx);
    seedPuzhou2017(ctx.db, at);
    seedPuzhou2017Funds(ctx.db);
    appendChanges(ctx.db, ctx.session.operator, at, [
      { action: '导入', entity: 'ledger', reason: '载入示例数据：蒲州镇2017' },
    ]);
  });
}

/**
 * Where the ledger stands as written by other programs: SQLite's data_version, which moves when another
 * connection commits and never for this connection's own writes (the window reads its pages again after its own).
 */
export function writtenElsewhere(ctx: Ctx): { version: number } {
  return { version: ctx.db.othersVersion() };
}
