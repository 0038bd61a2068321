/**
 * The leading group (领导小组) is printed by rank, never by name: 组长, 常务副组长, 副组长, 成员, then the
 * 办公室主任 (who often also sits higher up, as 蒲州镇's 副镇长 does), and within a rank by the stored sort.
 */
import { LG_ROLES } from './vocab.ts';

export type LgRole = (typeof LG_ROLES)[number];

export const rankOf = (role: string): number => {
  const i = (LG_ROLES as readonly string[]).indexOf(role);
  return i < 0 ? LG_ROLES.length : i;
};

export function byRank<T extends { role: string; sort: number }>(members: readonly T[]): T[] {
  return [...members].sort((a, b) => rankOf(a.role) - rankOf(b.role) || a.sort - b.sort);
}

/** Exactly one 组长, and nobody twice in the same role; the messages name the people. */
export function leadingGroupIssues(members: readonly { role: string; name: string }[]): string[] {
  const issues: string[] = [];
  const leaders = members.filter((m) => m.role === '组长');
  if (leaders.length === 0) issues.push('领导小组必须有一名组长');
  if (leaders.length > 1)
    issues.push(`领导小组只能有一名组长，现有${leaders.length}名：${leaders.map((m) => m.name).join('、')}`);
  const seen = new Set<string>();
  for (const m of members) {
    const key = `${m.name}\u0000${m.role}`;
    if (seen.has(key)) issues.push(`“${m.name}”重复列为${m.role}`);
    seen.add(key);
  }
  return issues;
}
