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

/**
 * Exactly one 组长; a person holds one member post (组长, 常务副组长, 副组长 or 成员 — 常务副组长 and 成员 both was
 * taken), besides which the 办公室 posts may be held (the 副镇长 as 副组长 and 办公室主任); nobody twice in the same
 * post. The messages name the people.
 */
export function leadingGroupIssues(members: readonly { role: string; name: string }[]): string[] {
  const issues: string[] = [];
  const leaders = members.filter((m) => m.role === '组长');
  if (leaders.length === 0) issues.push('领导小组必须有一名组长');
  if (leaders.length > 1)
    issues.push(`领导小组只能有一名组长，现有${leaders.length}名：${leaders.map((m) => m.name).join('、')}`);
  const seen = new Set<string>();
  const posts = new Map<string, string[]>();
  for (const m of members) {
    const key = `${m.name}\u0000${m.role}`;
    if (seen.has(key)) issues.push(`“${m.name}”重复列为${m.role}`);
    seen.add(key);
    if (!m.role.startsWith('办公室')) posts.set(m.name, [...new Set([...(posts.get(m.name) ?? []), m.role])]);
  }
  for (const [name, list] of posts)
    if (list.length > 1) issues.push(`“${name}”在领导小组中只能任一职，现为${list.join('、')}`);
  return issues;
}
