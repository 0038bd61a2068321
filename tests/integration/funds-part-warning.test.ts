/**
 * 到位 on a sub-project whose 资金构成 its project holds (domain §1.3: a parent's 资金构成 contains its parts') is
 * judged against that plan, on the project's line, which rolls the part's flows in — not on the part against a plan
 * of 0: the 资金 page, T4's 备注 and the save's message said “县级资金”累计到位 50.01 万元，超过该来源的资金计划
 * 0.00 万元 for money well within the project's plan. A project that holds no plan anywhere is still warned of.
 */
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { projectInput, tempCore, type TempCore } from '../helpers/temp-core.ts';

let t: TempCore;
let parentId: number;
let partId: number;

const project = projectInput;

beforeEach(async () => {
  t = await tempCore();
  parentId = (await t.ok('projects:create', project({ code: '2017-25', name: '镇区雨污分流改造', totalWan: '333.33' })))
    .id;
  partId = (
    await t.ok('projects:create', project({ code: '2017-25-01', name: '雨污分流一期', parentId, totalWan: '111.115' }))
  ).id;
  await t.ok('funding:save', {
    projectId: parentId,
    funding: [
      { source: '县级资金', amountWan: '100.005' },
      { source: '镇政府自筹', amountWan: '233.325' },
    ],
  } as never);
});
afterEach(() => t.cleanup());

const flow = (over: Record<string, unknown>) =>
  ({ projectId: partId, date: '2017-09-20', type: '到位', source: '县级资金', amountWan: '50.005', ...over }) as never;

async function t4Notes(): Promise<string[]> {
  const file = await t.ok('excel:export', { template: 'T4', period: '2017-09' });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(file.base64, 'base64') as never);
  const out: string[] = [];
  wb.worksheets[0]!.eachRow((row) => row.eachCell((c) => typeof c.value === 'string' && out.push(c.value)));
  return out.filter((s) => s.includes('累计到位'));
}

describe('到位 on a part whose project holds the 资金构成', () => {
  it('is within the project’s plan: no warning on the save, the 资金 page or T4', async () => {
    const saved = await t.ok('funds:saveFlow', flow({}));
    expect(saved.warnings).toEqual([]);
    const page = await t.ok('funds:summary', { asOf: '2017-09-30' });
    expect(page.projects.find((p) => p.id === partId)!.warnings).toEqual([]);
    expect(page.projects.find((p) => p.id === parentId)!.arrivedFen).toBe(50_005_000);
    expect(await t4Notes()).toEqual([]);
  });

  it('above the project’s plan is warned of on the project, by the save too (it said nothing)', async () => {
    const saved = await t.ok('funds:saveFlow', flow({ amountWan: '120' }));
    expect(saved.warnings).toEqual([
      '镇区雨污分流改造：“县级资金”累计到位 120.00 万元，超过该来源的资金计划 100.01 万元',
    ]);
    const page = await t.ok('funds:summary', { asOf: '2017-09-30' });
    expect(page.projects.find((p) => p.id === parentId)!.warnings).toEqual([
      '“县级资金”累计到位 120.00 万元，超过该来源的资金计划 100.01 万元',
    ]);
    expect(page.projects.find((p) => p.id === partId)!.warnings).toEqual([]);
  });
});

describe('到位 on a project whose parts hold the 资金构成', () => {
  it('is judged on the save as on the 资金 page: against the parts’ plans its line rolls in (the save warned of a plan of 0)', async () => {
    const top = (await t.ok('projects:create', project({ code: '2017-26', name: '镇区亮化工程', totalWan: '80' }))).id;
    const part = (
      await t.ok('projects:create', project({ code: '2017-26-01', name: '亮化一期', parentId: top, totalWan: '80' }))
    ).id;
    await t.ok('funding:save', { projectId: part, funding: [{ source: '县级资金', amountWan: '80' }] } as never);
    const saved = await t.ok('funds:saveFlow', flow({ projectId: top, amountWan: '30' }));
    expect(saved.warnings).toEqual([]);
    const page = await t.ok('funds:summary', { asOf: '2017-09-30' });
    expect(page.projects.find((p) => p.id === top)!.warnings).toEqual([]);
    const beyond = await t.ok('funds:saveFlow', flow({ projectId: top, amountWan: '60' }));
    expect(beyond.warnings).toEqual(['“县级资金”累计到位 90.00 万元，超过该来源的资金计划 80.00 万元']);
  });
});
