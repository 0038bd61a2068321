/**
 * A county's 汇总库 holds the towns' data packages, not projects: `lights`, `export` and `report` on it read the
 * ledger's own projects, of which it has none, so they printed 项目0个 under the title 本镇 — while `figures` on the
 * same file gave the county's totals (48 projects, 12 red lights). Refused there (exit 1, nothing written), with where
 * the county's figures are; a county that keeps projects of its own still gets their documents.
 */
import { CliFailure, type CallFn } from '../command.ts';

export async function refuseOnEmptyCountyLedger(call: CallFn, what: string): Promise<void> {
  const { countyName } = await call<{ countyName: string | null }>('county:settings', {});
  if (countyName === null) return;
  const own = await call<unknown[]>('projects:list', {});
  if (own.length > 0) return;
  throw new CliFailure(
    'CONFLICT',
    `本数据库是${countyName}的县级汇总库，只保存各乡镇报来的数据包，没有自己的项目，不出${what}；全县和各乡镇的数字请用 figures --period YYYY-MM --json 或 stats --json 查看`,
  );
}
