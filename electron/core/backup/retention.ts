/**
 * Which backups to keep: the newest 10, the newest of each day for the last 30 days and the newest of
 * each month for the last 12 months. Pure (dates in, names out) so the policy is tested with dates.
 */
export interface Dated {
  name: string;
  at: Date;
}

export const RETENTION = { last: 10, days: 30, months: 12 } as const;

const dayKey = (d: Date) => `${d.getFullYear()}-${d.getMonth() + 1}-${d.getDate()}`;
const monthKey = (d: Date) => `${d.getFullYear()}-${d.getMonth() + 1}`;

/** Names to keep; `protect` (e.g. the copy that undoes the last restore) is always kept. */
export function backupsToKeep(items: readonly Dated[], now: Date, protect: readonly string[] = []): Set<string> {
  const newestFirst = [...items].sort((a, b) => b.at.getTime() - a.at.getTime() || b.name.localeCompare(a.name));
  const keep = new Set<string>(protect.filter((p) => items.some((i) => i.name === p)));
  for (const b of newestFirst.slice(0, RETENTION.last)) keep.add(b.name);

  const dayFloor = new Date(now.getFullYear(), now.getMonth(), now.getDate() - (RETENTION.days - 1));
  const monthFloor = new Date(now.getFullYear(), now.getMonth() - (RETENTION.months - 1), 1);
  const days = new Set<string>();
  const months = new Set<string>();
  for (const b of newestFirst) {
    if (b.at >= dayFloor && !days.has(dayKey(b.at))) {
      days.add(dayKey(b.at));
      keep.add(b.name);
    }
    if (b.at >= monthFloor && !months.has(monthKey(b.at))) {
      months.add(monthKey(b.at));
      keep.add(b.name);
    }
  }
  return keep;
}
