// A blank 序号 under a numbered project is the county's way of listing its parts — but a row that costs more than the
// whole project above it is a project whose 序号 was left out (an acceptance run: a 4500万 heating plant was read as a
// part of a 300万 road, and the ledger's total fell by 4500万 with only a 合计不符 to show for it).
import { afterEach, expect, it } from 'vitest';
import { tempCore, type TempCore } from '../../helpers/temp-core.ts';

let t: TempCore | null = null;
afterEach(() => t?.cleanup());

it('a blank-序号 row larger than the project above is imported as a project of its own, and said', async () => {
  t = await tempCore({ autoBackup: false });
  const csv = [
    '蒲州镇2017年项目台账',
    '序号,项目名称,建设地点,总投资（万元）',
    '1,镇区道路改造,镇区,300',
    ',道路附属路灯,镇区,100',
    ',镇区集中供热站,镇区,4500',
    '2,文化广场,镇区,200',
  ].join('\r\n');
  const input = { fileName: '台账.csv', base64: Buffer.from(csv, 'utf8').toString('base64') };
  const preview = await t.ok('excel:importPreview', input);
  expect(preview.problems.filter((p) => p.level === 'warning').map((p) => p.message)).toContain(
    '序号为空，但总投资（4,500.00 万元）大于上一项目（300.00 万元），不当作其子项目，按独立项目导入，请核对',
  );
  const r = await t.ok('excel:importApply', input);
  expect(r.summary.counts).toMatchObject({ projects: 3, subProjects: 1, totalInvestmentFen: 5_000_000_000 });
  const rows = t.core.ctx.db.sqlite
    .prepare(
      'SELECT p.name, parent.name AS parent FROM project p LEFT JOIN project parent ON parent.id = p.parent_id ORDER BY p.id',
    )
    .all();
  expect(rows).toEqual([
    { name: '镇区道路改造', parent: null },
    { name: '道路附属路灯', parent: '镇区道路改造' },
    { name: '镇区集中供热站', parent: null },
    { name: '文化广场', parent: null },
  ]);
});
