/**
 * The units an imported row names (项目业主, 牵头单位, 所在村, 责任单位) → the ledger's 组织机构 (org_unit), read
 * only: the preview says what will happen and apply does exactly that (excel-import.service.ts nameResolver).
 *
 * - A unit is the ledger's when the cell is its name or its 简称, read as a clerk reads them (ledger-orgs.ts, as the
 *   单位 form and a 责任清单 template read them): blanks and full-width forms aside (永济市 卫健委 is 永济市卫健委,
 *   ＸＹ公司 is XY公司), and with or without the town's name in front (城建办, 蒲州镇城建办 and 永济市蒲州镇城建办 are
 *   one unit of 蒲州镇's ledger). A name first, then a 简称.
 * - Else it is added when the project is written, once however the file spells it, under the first spelling with its
 *   padding removed; the preview lists each one beforehand (import-new-names.ts) and the unit notes it was made by the
 *   import. Why added: the project's units are links to 组织机构, so a name that is not a unit cannot be kept at all.
 * - A 法人代表 cell (T3's 项目业主/法人代表) is a fact of the row's 实施主体, not of its project: it is written on that unit
 *   when the unit names nobody yet (a unit the import adds, or one the ledger has without it), once, from the first row
 *   that gives it. A unit that already names someone else keeps its own — the ledger's word, as a found unit keeps its
 *   name however the file spells it — and the row says so in the preview; nothing else changes for it.
 */
import { cellPieces } from '../../../shared/domain/cell-pieces.ts';
import { blankParts, orgNameAsKept } from '../../../shared/domain/org-name.ts';
import { shortOf } from '../../../shared/fields/registry.ts';
import { LegalRepSchema } from '../../../shared/schemas/org.ts';
import type { Db } from '../db/connection.ts';
import type { RowValues } from '../excel/import/row-values.ts';
import { orgLegalReps } from '../repositories/excel.repository.ts';
import type { NameUse } from './import-new-names.ts';
import { ledgerOrgs } from './ledger-orgs.ts';

/** A unit of the ledger, or one the import adds (newName: the same for every spelling of it in the file). */
export type OrgPick = { id: number } | { newName: string };

type OneOrg = 'ownerOrg' | 'leadOrg' | 'village';
export type OrgField = OneOrg | 'responsibleOrgs';

export interface RowOrgs {
  one: Partial<Record<OneOrg, OrgPick>>;
  /** present when the row has a 责任单位 cell (empty when it names nobody) */
  responsible?: OrgPick[];
  /** the 法人代表 the row writes on its 实施主体 (one.ownerOrg), which names nobody yet */
  legalRep?: string;
  /** the row's 法人代表 cell not taken, and why (the preview's warnings of its 法人代表 column) */
  legalRepNotRead: string[];
}

const ONE_ORG: readonly OneOrg[] = ['ownerOrg', 'leadOrg', 'village'];
export const ORG_KEY = {
  ownerOrg: 'ownerOrgId',
  leadOrg: 'leadOrgId',
  village: 'villageOrgId',
  responsibleOrgs: 'responsibleOrgIds',
} as const;
const orgLabel = (f: OrgField): string => shortOf('project', ORG_KEY[f]);
const LEGAL_REP = shortOf('org_unit', 'legalRep');

/**
 * `town`: the town's names (townNames: 永济市蒲州镇, 蒲州镇), whose units may be written with or without them. A row the
 * import skips (`skipped`) gives its units no 法人代表.
 */
export function orgReader(db: Db, town: readonly string[]): (v: RowValues, skipped?: boolean) => RowOrgs {
  const units = ledgerOrgs(db, town);
  const reps = orgLegalReps(db);
  /** a unit (id:3, new:名) → the 法人代表 it has once the rows above are written, and whether a row gave it */
  const repOf = new Map<string, { rep: string; fromFile: boolean }>();
  const known = (text: string): number | undefined => units.find(text)?.id;
  /** key → the name a new unit gets (its first spelling in the file) */
  const added = new Map<string, string>();
  const pick = (text: string): OrgPick => {
    const id = known(text);
    if (id !== undefined) return { id };
    const key = units.key(text);
    if (!added.has(key)) added.set(key, orgNameAsKept(text));
    return { newName: added.get(key)! };
  };
  const legalRep = (text: string, out: RowOrgs): void => {
    const read = LegalRepSchema.safeParse(text);
    if (!read.success) return void out.legalRepNotRead.push(`${read.error.issues[0]?.message ?? LEGAL_REP}，未读入`);
    const given = read.data;
    const owner = out.one.ownerOrg;
    if (!given) return;
    if (!owner) return void out.legalRepNotRead.push(`${LEGAL_REP}“${given}”未读入：本行没有填${orgLabel('ownerOrg')}`);
    const key = 'id' in owner ? `id:${owner.id}` : `new:${owner.newName}`;
    const ledger = 'id' in owner ? reps.get(owner.id) : undefined;
    const has = repOf.get(key) ?? (ledger?.legalRep ? { rep: ledger.legalRep, fromFile: false } : null);
    if (!has) {
      repOf.set(key, { rep: given, fromFile: true });
      out.legalRep = given;
    } else if (has.rep !== given) {
      const unit = 'id' in owner ? (ledger?.name ?? '') : owner.newName;
      out.legalRepNotRead.push(
        has.fromFile
          ? `${orgLabel('ownerOrg')}“${unit}”的${LEGAL_REP}在本文件前面的行中为“${has.rep}”，本行的“${given}”未读入`
          : `${orgLabel('ownerOrg')}“${unit}”在组织机构中的${LEGAL_REP}为“${has.rep}”，本行的“${given}”未读入，保留“${has.rep}”；如需更改，请在“组织机构 · 单位”中修改`,
      );
    }
  };
  return ({ orgNames, ownerLegalRep }, skipped = false) => {
    const out: RowOrgs = { one: {}, legalRepNotRead: [] };
    for (const f of ONE_ORG) {
      const text = orgNames[f];
      if (text) out.one[f] = pick(text);
    }
    if (ownerLegalRep && !skipped) legalRep(ownerLegalRep, out);
    if (orgNames.responsibleOrgs !== undefined) {
      // A piece with blanks inside is one unit when the ledger knows it whole (蒲州镇 水利站), else blankParts says.
      const texts = orgNames.responsibleOrgs.flatMap((p) => (known(p) !== undefined ? [p] : blankParts(p)));
      const picks = texts.map(pick);
      // One unit written twice (住建局、永济市住建局) is linked once.
      out.responsible = picks.filter(
        (p, i) =>
          picks.findIndex((q) =>
            'id' in p ? 'id' in q && q.id === p.id : 'newName' in q && q.newName === p.newName,
          ) === i,
      );
    }
    return out;
  };
}

/**
 * A cell of a one-unit column (实施主体, 牵头单位, 所在村) that names several units the ledger does not know as one
 * (住建局、交通局): it becomes one new unit of that whole name — the project links one unit there — so the preview says
 * so on its row, before anything is written, for the clerk to keep or to correct the sheet.
 */
export function severalUnitsInOne(v: RowValues, orgs: RowOrgs): { field: OneOrg; message: string }[] {
  const out: { field: OneOrg; message: string }[] = [];
  for (const f of ONE_ORG) {
    const text = v.orgNames[f];
    const p = orgs.one[f];
    if (!text || !p || !('newName' in p)) continue;
    const pieces = cellPieces(text);
    if (pieces.length < 2) continue;
    out.push({
      field: f,
      message: `${orgLabel(f)}只填一个单位，本格写了 ${pieces.length} 个（${pieces.join('、')}）：将整体新建为一个单位“${p.newName}”；如应为其中一个，请改表后再导入`,
    });
  }
  return out;
}

/** The units of a row the import adds, by the column naming them (import-new-names.ts). */
export function newOrgUses(orgs: RowOrgs): NameUse[] {
  const uses: NameUse[] = [];
  for (const f of ONE_ORG) {
    const p = orgs.one[f];
    if (p && 'newName' in p) uses.push({ name: p.newName, role: orgLabel(f) });
  }
  for (const p of orgs.responsible ?? [])
    if ('newName' in p) uses.push({ name: p.newName, role: orgLabel('responsibleOrgs') });
  return uses;
}
