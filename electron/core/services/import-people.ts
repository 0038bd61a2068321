/**
 * The people an imported row names as 包联领导 and 责任人 → the ledger's 人员 (staff), read only: the import's preview
 * says what will happen and apply does exactly that (excel-import.service.ts nameResolver).
 *
 * - A name the ledger knows (blanks inside ignored) is linked; of two people with that name, the one in office, and the
 *   preview says which.
 * - A name it does not know is added as a new person when the project is written. Why added, not left for the clerk:
 *   包联领导 and 责任人 are links to 人员 (project.leader_staff_id / manager_staff_id), so a name that is not a person
 *   cannot be kept on the project at all — the ledger would show no leader and the name would be lost. A new person
 *   can be completed (职务, 单位) or handed over (人员交接) later; the preview lists every one beforehand (as it lists new
 *   units: import-new-names.ts), and each is noted as made by the import. 职务 is required of a person: the post written
 *   in the cell (李四（副镇长）), else 待补充 — never a post the file did not state.
 * - A post alone (镇长, 李镇长) is linked to the one person in office holding it; none or several: not linked, said.
 * - The ledger keeps one 包联领导 and one 责任人 per project: the first person of a cell is linked, the others are kept
 *   in the project's 备注 (另有包联领导：王五) and said — never dropped.
 */
import type { PersonRef } from '../../../shared/domain/person-cell.ts';
import { personKey, personText } from '../../../shared/domain/person-cell.ts';
import { shortOf } from '../../../shared/fields/registry.ts';
import type { Db } from '../db/connection.ts';
import type { PersonField, RowValues } from '../excel/import/row-values.ts';
import { memoized } from '../memo.ts';
import * as repo from '../repositories/excel.repository.ts';
import type { NameUse } from './import-new-names.ts';

/** Who a cell's first person is: someone in the ledger, or a person the import adds. */
export type PersonPick = { id: number } | { newName: string; title: string | null };

export interface RowPeople {
  picks: Partial<Record<PersonField, PersonPick>>;
  /** The names beyond the first of each cell, for the project's 备注 (another run of the same file writes the same). */
  kept: string | null;
  warnings: { field: PersonField; message: string }[];
}

export const PERSON_FIELDS: readonly PersonField[] = ['leader', 'manager'];
export const PROJECT_KEY = { leader: 'leaderStaffId', manager: 'managerStaffId' } as const;
export const personLabel = (f: PersonField): string => shortOf('project', PROJECT_KEY[f]);

/** 职务 of a person the import adds when the cell names no post (a person's 职务 is required). */
export const TITLE_TO_FILL = '待补充';

export function peopleReader(db: Db): (v: RowValues) => RowPeople {
  const byName = memoized((key: string) => repo.staffByName(db, key));
  const byPost = memoized((post: string) => repo.activeStaffWithTitle(db, post));
  return (v) => {
    const out: RowPeople = { picks: {}, kept: null, warnings: [] };
    const kept: string[] = [];
    for (const field of PERSON_FIELDS) {
      const cell = v.people[field];
      if (!cell) continue;
      const label = personLabel(field);
      const say = (message: string) => out.warnings.push({ field, message });
      for (const x of cell.notNames) say(`${label}“${x}”不是人名，未读入`);
      const found: { pick: PersonPick; text: string }[] = [];
      for (const ref of cell.people) {
        const got = pickOf(ref, label, say);
        if (got) found.push(got);
      }
      const [first, ...others] = found;
      if (!first) continue;
      out.picks[field] = first.pick;
      if (others.length) {
        const names = others.map((o) => o.text).join('、');
        kept.push(`另有${label}：${names}`);
        say(`${label}写了 ${found.length} 人，台账每个项目记一位${label}：记为“${first.text}”，${names}记入备注`);
      }
    }
    out.kept = kept.length ? kept.join('；') : null;
    return out;
  };

  function pickOf(ref: PersonRef, label: string, say: (m: string) => void): { pick: PersonPick; text: string } | null {
    if (ref.kind === 'post') {
      const holders = byPost(ref.post).filter((s) => ref.surname === null || s.name.startsWith(ref.surname));
      if (holders.length === 1) {
        const s = holders[0]!;
        say(`${label}“${ref.text}”按职务关联到在任的${s.title}${s.name}`);
        return { pick: { id: s.id }, text: s.name };
      }
      say(
        holders.length === 0
          ? `${label}“${ref.text}”是职务，人员中没有在任的${ref.post}${ref.surname ? `（姓${ref.surname}）` : ''}，未关联，导入后请在项目中选择`
          : `${label}“${ref.text}”是职务，在任的${ref.post}有 ${holders.length} 位（${holders.map((s) => s.name).join('、')}），未关联，导入后请在项目中选择`,
      );
      return null;
    }
    const text = personText(ref);
    const same = byName(personKey(ref.name));
    if (same.length === 0) return { pick: { newName: personKey(ref.name), title: ref.title }, text };
    // Two people of one name: the one with the post the cell states, else the one in office (else the first).
    const chosen = (ref.title && same.find((s) => s.title === ref.title)) || same[0]!;
    const alike = same.filter((s) => s.active === chosen.active).length;
    if (alike > 1 && !(ref.title && chosen.title === ref.title))
      say(`人员中有 ${alike} 位“${chosen.name}”，${label}关联了${chosen.title}${chosen.name}，请核对`);
    return { pick: { id: chosen.id }, text: chosen.name };
  }
}

/** The people of a row the import adds, by the column naming them (import-new-names.ts). */
export function newPersonUses(people: RowPeople): NameUse[] {
  const uses: NameUse[] = [];
  for (const field of PERSON_FIELDS) {
    const p = people.picks[field];
    if (p && 'newName' in p) uses.push({ name: p.newName, role: personLabel(field), detail: p.title });
  }
  return uses;
}
