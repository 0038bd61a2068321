/**
 * 包联领导 and 责任人 of the projects as the printouts and county sheets write them — 一项目一档 (card.ts), 按县里模板填报
 * (excel.service.ts templateFill), T1 and T2 (templates.ts) — from one place, so that no two of them name a project's
 * people differently. A person goes by the name 人员 keeps (the one the project page, the grid and every list show);
 * 职务 and 电话 come along for a form with room for them.
 *
 * The 包联领导 is the one the period's figures name (leaderName): a closed month keeps it with its figures, as it keeps
 * the 牵头单位 and 责任单位, so that month's card and sheets name whom its figures name; its 职务 and 电话 are given
 * while the person linked now is still that one. The 责任人 is not among the figures: the person linked now.
 */
import type { ProjectFigures } from '../../../shared/schemas/figures.ts';
import type { Ctx } from '../context.ts';
import { projectPeopleRows } from '../repositories/project.repository.ts';
import { TITLE_TO_FILL } from './import-people.ts';

export interface PersonShown {
  name: string;
  title: string | null;
  phone: string | null;
}

export interface ProjectPeople {
  leader: PersonShown | null;
  manager: PersonShown | null;
}

/** `ids`: the projects that will be asked about (else any). */
export function projectPeople(
  ctx: Ctx,
  ids?: readonly number[],
): (p: Pick<ProjectFigures, 'id' | 'leaderName'>) => ProjectPeople {
  const rows = new Map(projectPeopleRows(ctx.db, ids).map((r) => [r.id, r]));
  // 待补充 (a person the import added without a post) is a note to the clerk, not a 职务 to print on a card or a form.
  const person = (name: string | null, title: string | null, phone: string | null): PersonShown | null =>
    name === null ? null : { name, title: title === TITLE_TO_FILL ? null : title, phone };
  return (p) => {
    const r = rows.get(p.id);
    const leaderNow = r ? person(r.leader_name, r.leader_title, r.leader_phone) : null;
    return {
      leader:
        p.leaderName === null
          ? null
          : leaderNow?.name === p.leaderName
            ? leaderNow
            : { name: p.leaderName, title: null, phone: null },
      manager: r ? person(r.manager_name, r.manager_title, r.manager_phone) : null,
    };
  };
}
