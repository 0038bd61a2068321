import { describe, expect, it } from 'vitest';
import { judge, type BenchReport } from '../../scripts/bench/measure.ts';
import { BEGIN, END, readmeBlock, runLine, spliceReadme } from '../../scripts/bench/readme-table.ts';

const report = (over: Partial<BenchReport> = {}): BenchReport => ({
  date: '2026-12-03T07:41:09.123Z',
  machine: { cores: 2, cpu: 'AMD EPYC', node: 'v20.20.2' },
  data: {
    projects: 20000,
    years: 3,
    fundFlows: 100000,
    reports: 698652,
    ledgerRows: 10000,
    period: '2017-09',
    seedMs: { county: null, ledger: null },
  },
  quick: false,
  runs: 5,
  groups: ['dashboard', 'lights'],
  results: [
    judge(
      '总览数字（一期）',
      '已缓存（重复读取）',
      { medianMs: 0.012, runs: [] },
      '手写 SQL 聚合',
      { medianMs: 500, runs: [] },
      { maxRatio: 2, maxMs: 50 },
    ),
    judge(
      '总览数字（一期）',
      '打开数据库后首次',
      { medianMs: 2731.774, runs: [] },
      '手写 SQL 聚合',
      { medianMs: 500, runs: [] },
      { maxRatio: 2, maxMs: 50 },
      'createCore 812 ms | 不计入',
    ),
  ],
  ...over,
});

describe('the README benchmark table (readme-table.ts)', () => {
  it('names each row’s state in its own column and judges it', () => {
    const lines = readmeBlock([report()]).split('\n');
    expect(lines).toContain('| 操作 | 状态 | 中位数(ms) | 基线 | 基线(ms) | 倍数 | 预算 | 达标 | 说明 |');
    expect(lines).toContain(
      '| 总览数字（一期） | 已缓存（重复读取） | 0.01 | 手写 SQL 聚合 | 500.00 | 0.00 | ≤ 2× 基线 且 ≤ 50 ms | 是 |  |',
    );
    // A '|' in a note is escaped so it cannot split the cell.
    expect(lines).toContain(
      '| 总览数字（一期） | 打开数据库后首次 | 2731.77 | 手写 SQL 聚合 | 500.00 | 5.46 | ≤ 2× 基线 且 ≤ 50 ms | 否 | createCore 812 ms \\| 不计入 |',
    );
    expect(lines.filter((l) => l.startsWith('|'))).toHaveLength(4);
    // A cached read that rounds to 0 ms is a time; the memory row is not.
    const zero = readmeBlock([
      report({
        results: [
          judge('红黄绿灯', '已缓存（重复读取）', { medianMs: 0.001, runs: [] }, null, null, { maxMs: 200 }),
          {
            operation: '内存',
            state: '新进程',
            medianMs: 0,
            floor: null,
            floorMs: null,
            ratio: null,
            budget: '≤ 250 MB',
            met: false,
            note: '318 MB',
          },
        ],
      }),
    ]);
    expect(zero).toContain('| 红黄绿灯 | 已缓存（重复读取） | 0.00 | — | — | — | ≤ 200 ms | 是 |  |');
    expect(zero).toContain('| 内存 | 新进程 | — | — | — | — | ≤ 250 MB | 否 | 318 MB |');
  });

  it('gives the date, machine, data and groups of every run, in order', () => {
    expect(runLine(report())).toBe(
      '2026-12-03 07:41 UTC运行（只测 dashboard、lights）：2 核 AMD EPYC，Node v20.20.2；数据 20000 个项目、698652 行月报、100000 条资金流水、Excel 与文档用 10000 个项目的台账、期间 2017-09；每项 5 次取中位数（慢的操作至多 3 次）。',
    );
    const full = report({ date: '2026-12-02T23:00:00.000Z', groups: null, results: [] });
    const block = readmeBlock([full, report()]);
    expect(block.indexOf('2026-12-02 23:00 UTC运行（全部各组）')).toBeLessThan(
      block.indexOf('2026-12-03 07:41 UTC运行（只测'),
    );
    expect(runLine(report({ quick: true }))).toContain('--quick 小数据，仅验证脚本');
    expect(runLine(report({ machine: { cores: 2, cpu: null, node: 'v20.20.2', load: [12.5, 3] } }))).toContain(
      '2 核 未知处理器，Node v20.20.2，负载 12.5 → 3.0（开始 → 结束，1 分钟平均）；',
    );
    expect(() => readmeBlock([])).toThrow('没有测量结果');
  });

  it('replaces only the text between the markers, and refuses a README without one pair', () => {
    const readme = `# 标题\n\n前文\n${BEGIN}\n| 旧表 |\n${END}\n\n后文\n`;
    const out = spliceReadme(readme, '新表');
    expect(out).toBe(`# 标题\n\n前文\n${BEGIN}\n新表\n${END}\n\n后文\n`);
    expect(spliceReadme(out, '新表')).toBe(out);
    expect(() => spliceReadme('# 无标记', '新表')).toThrow('没有成对的');
    expect(() => spliceReadme(`${END}\n${BEGIN}`, '新表')).toThrow('没有成对的');
    expect(() => spliceReadme(`${readme}${BEGIN}${END}`, '新表')).toThrow('不止一对');
  });
});
