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
 * post. A person is the staff record (`staffId`), not the name: two people of one name (王德胜 the 副镇长 and 王德胜
 * the 交通道路站长) may both sit in the group. The messages name the people, with the 职务 where names are shared.
 */
export function leadingGroupIssues(
  members: readonly { role: string; name: string; staffId?: number; title?: string }[],
): string[] {
  const issues: string[] = [];
  const personOf = (m: (typeof members)[number]) => (m.staffId === undefined ? `名:${m.name}` : `号:${m.staffId}`);
  const shared = (m: (typeof members)[number]) => members.some((o) => o.name === m.name && personOf(o) !== personOf(m));
  const named = (m: (typeof members)[number]) => (m.title && shared(m) ? `${m.name}（${m.title}）` : m.name);
  const leaders = members.filter((m) => m.role === '组长');
  if (leaders.length === 0) issues.push('领导小组必须有一名组长');
  if (leaders.length > 1)
    issues.push(`领导小组只能有一名组长，现有${leaders.length}名：${leaders.map(named).join('、')}`);
  const seen = new Set<string>();
  const posts = new Map<string, { who: string; roles: string[] }>();
  for (const m of members) {
    const key = `${personOf(m)}\u0000${m.role}`;
    if (seen.has(key)) issues.push(`“${named(m)}”重复列为${m.role}`);
    seen.add(key);
    if (m.role.startsWith('办公室')) continue;
    const p = posts.get(personOf(m)) ?? { who: named(m), roles: [] };
    if (!p.roles.includes(m.role)) p.roles.push(m.role);
    posts.set(personOf(m), p);
  }
  for (const { who, roles } of posts.values())
    if (roles.length > 1) issues.push(`“${who}”在领导小组中只能任一职，现为${roles.join('、')}`);
  return issues;
}
