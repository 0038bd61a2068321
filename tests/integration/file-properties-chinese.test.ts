/**
 * The properties of the files the app writes, as a clerk sees them under 文件→属性 (WPS, Excel, a PDF reader):
 * every workbook the core writes (an export, the 报送表, the audit export) names the app in Chinese and carries
 * a Chinese title, read by a program other than the app's (openpyxl). The PDFs' are checked beside the other
 * printing tests (printables/pdf-properties.test.ts).
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PRODUCT_NAME } from '../../electron/core/product.ts';
import { PY } from '../helpers/python.ts';
import { useSampleCoreOnce } from '../helpers/demo-core.ts';

const READ_PROPERTIES = `
import json, sys, openpyxl
p = openpyxl.load_workbook(sys.argv[1]).properties
print(json.dumps({'creator': p.creator, 'lastModifiedBy': p.lastModifiedBy, 'title': p.title}, ensure_ascii=False))
`;
const workbookProperties = (file: string) =>
  JSON.parse(execFileSync(PY, ['-c', READ_PROPERTIES, file], { encoding: 'utf8' })) as Record<string, string | null>;

const sample = useSampleCoreOnce();
const saved = sample.saved;

describe('workbooks the app writes: 作者, 上次修改者 and 标题 in Chinese', () => {
  it('an export (表1)', async () => {
    const out = await sample.t.ok('excel:export', { template: 'T1', period: '2017-09' });
    expect(workbookProperties(saved(out.fileName, out.base64))).toEqual({
      creator: PRODUCT_NAME,
      lastModifiedBy: PRODUCT_NAME,
      title: '蒲州镇重点项目建设进展情况月报表（2017年9月）',
    });
  });

  it('a 报送表', async () => {
    const made = await sample.t.ok('collect:make', { period: '2017-10', by: '责任单位' });
    const kit = made.kits.find((k) => k.unit === '蒲州镇水利站')!;
    expect(workbookProperties(saved(kit.fileName, kit.base64))).toEqual({
      creator: PRODUCT_NAME,
      lastModifiedBy: PRODUCT_NAME,
      title: '蒲州镇2017年10月项目月报填报表（蒲州镇水利站）',
    });
  });

  it('the audit export', async () => {
    const dest = join(sample.t.dir, '修改留痕.xlsx');
    await sample.t.ok('audit:export', {
      format: 'xlsx',
      destToken: sample.t.core.ctx.fileTokens.issue(dest, 'save').token,
      from: null,
      to: null,
      operator: null,
    });
    expect(workbookProperties(dest)).toEqual({
      creator: PRODUCT_NAME,
      lastModifiedBy: PRODUCT_NAME,
      title: '修改留痕（审计导出）',
    });
  });
});
