import { describe, expect, it } from 'vitest';
import { backupsToKeep } from '../../electron/core/backup/retention.ts';

const at = (y: number, m: number, d: number, h = 9) => new Date(y, m - 1, d, h);
const named = (dates: Date[]) => dates.map((d, i) => ({ name: `b${i}-${d.toISOString()}`, at: d }));

describe('backup retention: last 10, one a day for 30 days, one a month for 12 months', () => {
  const now = at(2017, 10, 8, 12);

  it('keeps everything while there are at most 10', () => {
    const items = named(Array.from({ length: 10 }, (_, i) => at(2015, 1, 1 + i)));
    expect(backupsToKeep(items, now).size).toBe(10);
  });

  it('several a day: the newest 10 plus the newest of each earlier day', () => {
    // 5 days × 4 backups a day = 20
    const items = named(Array.from({ length: 20 }, (_, i) => at(2017, 10, 4 + Math.floor(i / 4), 8 + (i % 4))));
    const keep = backupsToKeep(items, now);
    const newest10 = [...items].sort((a, b) => b.at.getTime() - a.at.getTime()).slice(0, 10);
    for (const b of newest10) expect(keep.has(b.name)).toBe(true);
    // Days 4 and 5 are outside the newest 10 but keep their newest (17:00 → h=11) backup.
    for (const day of [4, 5]) {
      const ofDay = items.filter((b) => b.at.getDate() === day);
      expect(ofDay.filter((b) => keep.has(b.name)).map((b) => b.at.getHours())).toEqual([11]);
    }
    expect(keep.size).toBe(12);
  });

  it('daily backups for 400 days: 30 days + 12 months (overlapping) and nothing older', () => {
    const items = named(Array.from({ length: 400 }, (_, i) => new Date(2017, 9, 8 - i, 9)));
    const keep = backupsToKeep(items, now);
    const kept = items.filter((b) => keep.has(b.name));
    const dayFloor = at(2017, 9, 9, 0);
    expect(kept.filter((b) => b.at >= dayFloor)).toHaveLength(30);
    const older = kept.filter((b) => b.at < dayFloor);
    // One per month: the newest of each month from 2016-11 to 2017-09 that is not already within the 30 days.
    expect(older.every((b) => b.at >= at(2016, 11, 1, 0))).toBe(true);
    const months = new Set(older.map((b) => `${b.at.getFullYear()}-${b.at.getMonth()}`));
    expect(months.size).toBe(older.length);
    expect(kept.length).toBe(30 + older.length);
    expect(kept.length).toBeLessThanOrEqual(30 + 12);
    expect(kept.some((b) => b.at < at(2016, 11, 1, 0))).toBe(false);
  });

  it('always keeps protected names (the undo copy of the last restore)', () => {
    const items = named(Array.from({ length: 30 }, (_, i) => at(2010, 1, 1, i % 24)));
    const keep = backupsToKeep(items, now, [items[29]!.name, 'not-there.db']);
    expect(keep.has(items[29]!.name)).toBe(true);
    expect(keep.has('not-there.db')).toBe(false);
  });
});
