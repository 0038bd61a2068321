// An export of the county's sheets moves through its stages and hears a 取消 between them (issue 16): the dialog
// stood at 汇总报表数据 5% for the whole of a county's T1 (tens of seconds), and a cancel took effect only at the end.
import { afterEach, expect, it } from 'vitest';
import { CANCELLED_MESSAGE, runInCallScope } from '../../../electron/core/progress.ts';
import { exportReport } from '../../../electron/core/services/excel.service.ts';
import { tempCore, type TempCore } from '../../helpers/temp-core.ts';

let t: TempCore | null = null;
afterEach(() => {
  t?.cleanup();
  t = null;
});

it('T1 reports each stage in order, and a cancel at 写入表格 stops it there', async () => {
  t = await tempCore();
  await t.ok('app:onboard', { mode: 'demo' });
  const seen: string[] = [];
  await runInCallScope({ progress: (stage, pct) => seen.push(`${stage} ${pct}`) }, () =>
    exportReport(t!.core.ctx, 'T1', '2017-09'),
  );
  expect(seen).toEqual(['汇总报表数据 5', '汇总报表数据 20', '写入表格 40', '压缩生成文件 65', '生成文件 100']);
  const stages: string[] = [];
  await expect(
    runInCallScope(
      { progress: (stage) => stages.push(stage), cancelRequested: () => stages.includes('写入表格') },
      () => exportReport(t!.core.ctx, 'T1', '2017-09'),
    ),
  ).rejects.toThrow(CANCELLED_MESSAGE);
  expect(stages.at(-1)).toBe('写入表格');
});
