// A 合计 row whose 总投资 is a formula never computed (a sheet written by a program such as openpyxl, never opened in
// Excel): SheetJS sees no value, so the file's total cannot be compared with its rows. The import says so instead
// of checking nothing in silence; the projects come in as they are.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { OPENPYXL_LEDGER_HEAD, PY } from '../../helpers/python.ts';
import { tempCore, type TempCore } from '../../helpers/temp-core.ts';

let t: TempCore | null = null;
afterEach(() => t?.cleanup());

const BUILD = `${OPENPYXL_LEDGER_HEAD}ws.append(['合计', None, None, '=SUM(D3:D4)'])
wb.save(sys.argv[1])
`;

it('a 合计 formula with no computed value is said to be unchecked; the rows come in', async () => {
  t = await tempCore({ autoBackup: false });
  const file = join(t.dir, 'openpyxl.xlsx');
  execFileSync(PY, ['-c', BUILD, file]);
  const input = { fileName: '台账.xlsx', base64: readFileSync(file).toString('base64') };
  const preview = await t.ok('excel:importPreview', input);
  expect(preview.totalsChecked).toEqual([]);
  expect(preview.notices).toContain(
    '第5行的合计/小计没有可读的总投资数值（可能是未经 Excel 或 WPS 计算保存的公式），未能与各项目核对；如需核对，请在 Excel 或 WPS 中打开并保存后再导入。',
  );
  const r = await t.ok('excel:importApply', input);
  expect(r.summary.counts).toMatchObject({ projects: 2, totalInvestmentFen: 500_000_000 });
});
