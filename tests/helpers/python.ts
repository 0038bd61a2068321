/** The python the tests drive openpyxl with (the independent spreadsheet reader and writer). */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The python that has openpyxl: CI installs python3-openpyxl (3.0) for the system python3, which comes first — a
 * python3 earlier on the PATH (pyenv) with a pip openpyxl 3.1 reads defined names and print areas differently.
 */
function python(): string {
  for (const p of ['/usr/bin/python3', 'python3']) {
    try {
      execFileSync(p, ['-c', 'import openpyxl'], { stdio: 'ignore' });
      return p;
    } catch {
      // try the next one
    }
  }
  throw new Error('这项测试需要 python3 与 openpyxl（apt-get install python3-openpyxl）');
}
export const PY = python();

/**
 * The opening of a small town ledger as a county's script writes it with openpyxl (title, header with its unit, two
 * projects at rows 3 and 4): tests append their own rows to `ws` and save to sys.argv[1].
 */
export const OPENPYXL_LEDGER_HEAD = `
import openpyxl, sys
wb = openpyxl.Workbook(); ws = wb.active; ws.title = '台账'
ws.append(['蒲州镇2017年项目台账'])
ws.append(['序号', '项目名称', '建设地点', '总投资（万元）'])
ws.append([1, '镇区道路改造', '镇区', 300])
ws.append([2, '文化广场', '镇区', 200])
`;

/**
 * A filled template (as excel:templateFill answers it) saved under `dir` and read back by openpyxl, a second library:
 * its numbered data rows from row 4 on (the 合计 row left out).
 */
export function filledDataRows(dir: string, out: { fileName: string; base64: string }): unknown[][] {
  const file = join(dir, out.fileName);
  writeFileSync(file, Buffer.from(out.base64, 'base64'));
  const script = [
    'import json, sys, openpyxl',
    'ws = openpyxl.load_workbook(sys.argv[1]).active',
    'print(json.dumps([list(r) for r in ws.iter_rows(min_row=4, values_only=True)], ensure_ascii=False, default=str))',
  ].join('\n');
  const rows = JSON.parse(execFileSync(PY, ['-c', script, file], { encoding: 'utf8' })) as unknown[][];
  return rows.filter((r) => typeof r[0] === 'number' && !/^合计/.test(String(r[1])));
}
