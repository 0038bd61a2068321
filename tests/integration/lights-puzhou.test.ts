import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUZHOU_PROJECTS } from '../../electron/core/seed/puzhou-2017.ts';
import type { PeriodFigures } from '../../shared/schemas/figures.ts';
import { tempCore, type TempCore } from '../helpers/temp-core.ts';

let t: TempCore;
let f: PeriodFigures;
beforeAll(async () => {
  t = await tempCore();
  await t.ok('app:onboard', { mode: 'demo' });
  f = await t.ok('figures:period', { period: '2017-09' });
});
afterAll(() => t.cleanup());

const byCode = (code: string) => f.projects.find((p) => p.code === code)!;

describe('蒲州镇 2017-09 lights (reference date 2017-09-30) equal the table of domain.md §5', () => {
  it.each(
    PUZHOU_PROJECTS.filter((p) => p.expectedLight !== null).map(
      (p) => [p.key, p.name, p.code, p.expectedLight] as const,
    ),
  )('row %s %s', (_key, _name, code, expected) => {
    expect(byCode(code).level).toBe(expected);
  });

  it('rows without a light (not yet due, only 谋划) have none', () => {
    for (const p of PUZHOU_PROJECTS.filter((x) => x.expectedLight === null))
      expect(byCode(p.code).level, p.name).toBeNull();
  });

  it('the exact 10- and 30-point boundaries are yellow', () => {
    const gap = (code: string) => byCode(code).lights.find((l) => l.dimension === '投资进度')!;
    expect(gap('2017-03-02')).toMatchObject({ level: 'yellow', value: 70, threshold: 100 });
    expect(gap('2017-15')).toMatchObject({ level: 'yellow', value: 40, threshold: 70 });
    expect(gap('2017-20')).toMatchObject({ level: 'yellow', value: 40, threshold: 50 });
  });

  it('a parent takes the worst of its sub-projects and sums their money', () => {
    const street = byCode('2017-03');
    expect(street.level).toBe('red');
    expect(street.levelReason).toContain('商业街亮化工程');
    expect(street.ytdFen).toBe(1430 * 1_000_000);
    expect(byCode('2017-01').cumFen).toBe(5280 * 1_000_000);
  });

  it('断头路 is red on its overdue milestone too', () => {
    expect(byCode('2017-22').lights.find((l) => l.dimension === '节点')).toMatchObject({ level: 'red', value: 30 });
  });

  it('累计 equals the table for every leaf', () => {
    for (const p of PUZHOU_PROJECTS) expect(byCode(p.code).cumFen, p.name).toBe(p.cumWanAt0930 * 1_000_000);
  });

  it('the town-wide 序时进度 is N/12', () => {
    expect(f.townTimeSharePct).toBe(75);
  });
});
