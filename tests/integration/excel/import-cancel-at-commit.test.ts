// 取消 stays offered while an import's figures are brought up to date at its commit (stage 更新统计数字): a cancel
// asked for then rolls the whole import back, as the dialog promises, instead of being ignored.
import { afterAll, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { stopParseWorker } from '../../../electron/core/excel/import/read.ts';
import { CANCELLED_MESSAGE, runInCallScope } from '../../../electron/core/progress.ts';
import { importApply } from '../../../electron/core/services/excel-import.service.ts';
import { tempCore } from '../../helpers/temp-core.ts';

afterAll(() => stopParseWorker());

function sheet(): string {
  const aoa = [
    ['某镇2017年项目清单'],
    ['序号', '项目名称', '建设地点', '建设内容', '总投资（万元）'],
    ...Array.from({ length: 40 }, (_, i) => [i + 1, `测试工程${i + 1}号`, '镇区', '道路硬化', 100 + i]),
  ];
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(aoa), '清单');
  return (XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer).toString('base64');
}

it('a cancel during 更新统计数字 rolls the import back whole; without one the same import is written', async () => {
  const t = await tempCore({ autoBackup: false });
  try {
    const s = t.core.ctx.db.sqlite;
    const count = () => s.prepare('SELECT count(*) FROM project').pluck().get() as number;
    const changes = () => s.prepare('SELECT count(*) FROM change_log').pluck().get() as number;
    const before = { projects: count(), changes: changes() };
    const base64 = sheet();
    let cancelled = false;
    const stages: string[] = [];
    const run = () =>
      runInCallScope(
        {
          progress: (stage) => {
            stages.push(stage);
            if (stage === '更新统计数字') cancelled = true;
          },
          cancelRequested: () => cancelled,
        },
        () => importApply(t.core.ctx, { fileName: '清单.xlsx', base64, duplicates: 'skip', year: 2017 }),
      );
    await expect(run()).rejects.toThrow(CANCELLED_MESSAGE);
    expect(stages).toContain('更新统计数字');
    expect({ projects: count(), changes: changes() }).toEqual(before);

    stages.length = 0;
    const r = await runInCallScope({ progress: (stage) => stages.push(stage) }, () =>
      importApply(t.core.ctx, { fileName: '清单.xlsx', base64, duplicates: 'skip', year: 2017 }),
    );
    expect(r.created).toBe(40);
    expect(count()).toBe(before.projects + 40);
    expect(stages.at(-1)).toBe('完成');
  } finally {
    t.cleanup();
  }
});
