// T3 重大项目表's group 项目业主 is 单位名称, 法人代表, 业主联系人, 联系电话 (domain.md §2). The 法人代表 was printed blank
// every month — the ledger kept no such fact — and the clerk wrote it into every row by hand. It is the owner unit's
// (org_unit.legal_rep, kept on the 单位 page): every project the unit owns shows the same person, read from one place
// (excel.repository.ts projectExtras) by T3 and by a county template's 法人代表 column.
import { afterAll, beforeAll, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { seedPuzhou2017 } from '../../../electron/core/seed/puzhou-2017.ts';
import { tempCore, type TempCore } from '../../helpers/temp-core.ts';

let t: TempCore;
/** the project given an owner of its own, and the one whose owner names nobody */
let cityOwned: string;
let nobodyOwned: string;
beforeAll(async () => {
  t = await tempCore({ autoBackup: false });
  t.core.ctx.db.tx(() => seedPuzhou2017(t.core.ctx.db, '2017-10-01T00:00:00.000Z'));
  const units = await t.ok('orgs:list', {});
  const gov = units.find((u) => u.name === '蒲州镇人民政府')!;
  await t.ok('orgs:save', {
    id: gov.id,
    name: gov.name,
    level: gov.level,
    kind: gov.kind,
    legalRep: '张建军',
  } as never);
  const city = await t.ok('orgs:save', { name: '永济市城市建设投资有限公司', kind: '实施单位', legalRep: '李建国' });
  const bare = await t.ok('orgs:save', { name: '蒲州镇文化站', kind: '镇站所' });
  const tops = (await t.ok('projects:list', {})).filter((p: { parentId: number | null }) => p.parentId === null);
  cityOwned = tops[0]!.name;
  nobodyOwned = tops[1]!.name;
  await t.ok('projects:update', { id: tops[0]!.id, patch: { ownerOrgId: city.id } } as never);
  await t.ok('projects:update', { id: tops[1]!.id, patch: { ownerOrgId: bare.id } } as never);
});
afterAll(() => t.cleanup());

/** T3's rows as read back: the header row naming 法人代表, and each project row's 单位名称 and 法人代表 by its name. */
async function t3Owners(): Promise<Map<string, { owner: unknown; legal: unknown }>> {
  const file = await t.ok('excel:export', { template: 'T3', period: '2017-09' });
  const rows = XLSX.utils.sheet_to_json<unknown[]>(
    XLSX.read(Buffer.from(file.base64, 'base64')).Sheets['重大项目表']!,
    { header: 1, defval: null },
  );
  const groupRow = rows.findIndex((r) => r.includes('项目业主'));
  const head = rows[groupRow + 1]!;
  const legalCol = head.indexOf('法人代表');
  const ownerCol = head.indexOf('单位名称');
  expect(rows[groupRow]![legalCol] ?? rows[groupRow]![ownerCol], '法人代表 under 项目业主').toBe('项目业主');
  return new Map(
    rows
      .slice(groupRow + 2)
      .filter((r) => typeof r[2] === 'string' && !/合计/.test(r[2] as string))
      .map((r) => [r[2] as string, { owner: r[ownerCol], legal: r[legalCol] }]),
  );
}

it('T3 fills 项目业主/法人代表 from the owner unit’s 法人代表; blank where the unit names nobody', async () => {
  const owners = await t3Owners();
  expect(owners.size).toBeGreaterThan(20);
  expect(owners.get(cityOwned)).toEqual({ owner: '永济市城市建设投资有限公司', legal: '李建国' });
  expect(owners.get(nobodyOwned)).toEqual({ owner: '蒲州镇文化站', legal: null });
  const gov = [...owners.values()].filter((o) => o.owner === '蒲州镇人民政府');
  expect(gov.length).toBeGreaterThan(20);
  expect(gov.every((o) => o.legal === '张建军')).toBe(true);
});
