// 按县里模板填报 remembers the clerk's column choices for the template (the window saves them under the file's name
// and finds them again by the template's headers). It remembers decisions only: a column nothing was proposed for and
// nothing chosen for is not kept as 不填, so a header the vocabulary learns later is proposed for it — a 建设单位 filled
// once before 实施主体 was known stayed blank for good. Forms written by openpyxl.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PY } from '../../helpers/python.ts';
import { tempCore, type TempCore } from '../../helpers/temp-core.ts';

let t: TempCore;
beforeAll(async () => {
  t = await tempCore({ role: '审核人', operator: '周志强' });
  await t.ok('app:onboard', { mode: 'demo' });
});
afterAll(() => t.cleanup());

const HEADERS = ['序号', '项目名称', '县里专用列', '总投资（万元）', '备注'];

function form(name: string): string {
  const file = join(t.dir, name);
  const script = [
    'import json, sys, openpyxl',
    "wb = openpyxl.Workbook(); ws = wb.active; ws.title = '重点项目'",
    "ws.append(['XX县重点项目表']); ws.append(json.loads(sys.argv[2]))",
    'wb.save(sys.argv[1])',
  ].join('\n');
  execFileSync(PY, ['-c', script, file, JSON.stringify(HEADERS)]);
  return readFileSync(file).toString('base64');
}

describe('a template’s saved column choices', () => {
  it('keeps what the clerk decided — 备注 cleared, 总投资 left out — and not the column nothing was offered for', async () => {
    const base64 = form('县里模板.xlsx');
    const first = await t.ok('excel:templateInspect', { fileName: '县里模板.xlsx', base64 });
    expect(first.savedMapping).toBeNull();
    expect(first.columns.map((c) => c.field)).toEqual(['seq', 'name', null, 'totalWan', 'note']);
    // the window sends the clerk's picks: 总投资 and 备注 set to 不填
    await t.ok('excel:templateFill', {
      fileName: '县里模板.xlsx',
      templateBase64: base64,
      period: '2017-09',
      columns: { D: null, E: null },
      saveMappingAs: '县里模板.xlsx',
    });
    const saved = (await t.ok('excel:mappingsList', undefined)).find((m) => m.name === '县里模板.xlsx')!;
    expect(saved.columns).toEqual({ 序号: 'seq', 项目名称: 'name', 总投资: null, 备注: null });
    const again = await t.ok('excel:templateInspect', { fileName: '县里模板.xlsx', base64 });
    expect(again.savedMapping).toBe('县里模板.xlsx');
    expect(again.columns.map((c) => c.field)).toEqual(['seq', 'name', null, null, null]);
  });
});
