/**
 * One sheet row → the raw project input the UI would send (万元 texts, ISO dates), reading values as they
 * really occur: serials and 2017.9.30 / 2017年9月30日 / 2017-09 dates, 1,234.5 or 300万 or ３００ amounts,
 * amounts in 元 where the header or the sheet says so, "2017-2018" year ranges, "张三 138…" contacts.
 */
import { isMoneyField, type ColumnUnit, type ImportField } from '../../../../shared/domain/excel-synonyms.ts';
import { daysInMonth, isoDate, parseDateText } from '../../../../shared/domain/dates.ts';
import { partName } from '../../../../shared/domain/import-structure.ts';
import { foreignCurrency, numberToPlainText, parseMoney, toHalfWidth } from '../../../../shared/domain/money.ts';
import { APPROX_MARK } from '../../../../shared/domain/display.ts';
import { readPersonCell, type PersonCell } from '../../../../shared/domain/person-cell.ts';
import { cellPieces } from '../../../../shared/domain/cell-pieces.ts';
import { readMu, readYesNo } from '../../../../shared/domain/cell-reads.ts';
import { cellText } from './detect.ts';
import type { CellValue } from './sheet-data.ts';

export interface MappedColumn {
  index: number;
  letter: string;
  header: string;
  field: ImportField;
  unit: ColumnUnit;
}

export interface RowProblem {
  field: ImportField;
  message: string;
  level: 'error' | 'warning';
}

export interface RowValues {
  /** Input for parseProjectInput (org and staff names resolved later). */
  input: Record<string, unknown>;
  /** Money fields already in 分. */
  fen: Partial<Record<ImportField, number>>;
  orgNames: { ownerOrg?: string; leadOrg?: string; village?: string; responsibleOrgs?: string[] };
  /** The 实施主体's 法人代表 as written (T3's 项目业主/法人代表): a fact of the unit, read by import-orgs.ts. */
  ownerLegalRep?: string;
  /** The 包联领导 and 责任人 cells, read (person-cell.ts); the import finds or adds the people. */
  people: Partial<Record<PersonField, PersonCell>>;
  /** 序号 as written; "3-2" marks the 2nd sub-project of the row numbered 3. */
  seq: string | null;
  problems: RowProblem[];
  /** Fields present in the sheet (an update touches only these). */
  present: Set<ImportField>;
  /** Amounts in a foreign currency, kept as written (never converted, never in 分). */
  foreign: { field: ImportField; header: string; text: string; currency: string }[];
  /** 总投资 written as approximate (860余万元): the preview marks it as the ledger will (860.00余). */
  approxTotal: boolean;
  /** Money fields written as approximate (460余, 约460): a 资金来源 amount keeps the mark (imported-funding.ts). */
  approx: Set<ImportField>;
}

/** The columns that name people: 包联领导 (leaderStaffId) and 责任人 (managerStaffId). */
export type PersonField = 'leader' | 'manager';

type MoneyUnitOf<U> = Exclude<U, { foreign: string }>;

/** 分 → exact 万元 text (the schema parses it back without loss). */
export const fenToWanText = (fen: number): string => `${Math.floor(fen / 1e6)}.${String(fen % 1e6).padStart(6, '0')}`;

export function rowValues(cells: CellValue[], cols: MappedColumn[], date1904: boolean): RowValues {
  const out: RowValues = {
    input: {},
    fen: {},
    orgNames: {},
    people: {},
    seq: null,
    problems: [],
    present: new Set(),
    foreign: [],
    approxTotal: false,
    approx: new Set(),
  };
  const put = (k: string, v: unknown) => (out.input[k] = v);
  for (const col of cols) {
    const v = cells[col.index] ?? null;
    const text = cellText(v);
    if (text === '') continue;
    const f = col.field;
    out.present.add(f);
    if (isMoneyField(f)) {
      const currency =
        typeof col.unit === 'object' ? col.unit.foreign : typeof v === 'string' ? foreignCurrency(text) : null;
      if (currency) {
        const shown = typeof v === 'number' ? numberToPlainText(v) : text;
        out.foreign.push({
          field: f,
          header: col.header,
          text: typeof col.unit === 'object' ? `${shown}${currency}` : shown,
          currency,
        });
        continue;
      }
      const r = parseMoney(typeof v === 'number' ? v : text, col.unit as MoneyUnitOf<typeof col.unit>, col.header);
      if (!r.ok) out.problems.push({ field: f, message: r.message, level: 'error' });
      else {
        out.fen[f] = r.fen;
        if (r.approx) out.approx.add(f);
        if (f === 'totalWan') {
          out.approxTotal = r.approx;
          put('totalWan', r.approx ? `${fenToWanText(r.fen)}${APPROX_MARK}` : fenToWanText(r.fen));
        }
        if (f === 'openingCumWan') put('openingCumWan', fenToWanText(r.fen));
      }
      continue;
    }
    switch (f) {
      case 'foreignTotal': {
        // Kept as written with its currency (never converted, never summed): it goes to the project's 备注.
        const currency =
          typeof col.unit === 'object'
            ? col.unit.foreign
            : (foreignCurrency(text) ?? (col.unit === '万元' ? '万元' : col.unit));
        const shown = typeof v === 'number' ? numberToPlainText(v) : text;
        out.foreign.push({
          field: f,
          header: col.header,
          text: foreignCurrency(text) ? shown : `${shown}${currency}`,
          currency,
        });
        break;
      }
      case 'seq':
        out.seq = typeof v === 'number' ? numberToPlainText(v) : toHalfWidth(text);
        break;
      case 'planYear': {
        const y = Number(toHalfWidth(text).replace(/年度?$/, ''));
        if (Number.isInteger(y)) put('planYear', y);
        else out.problems.push({ field: f, message: `年度“${text}”应为四位年份`, level: 'error' });
        break;
      }
      case 'yearRange': {
        const m = /^(\d{4})年?(?:\s*[-—–~～至到]+\s*(\d{4})年?)?$/.exec(
          toHalfWidth(typeof v === 'number' ? numberToPlainText(v) : text).replace(/\s/g, ''),
        );
        if (!m) out.problems.push({ field: f, message: `建设起止年限“${text}”应写成 2017-2018`, level: 'error' });
        else {
          put('yearFrom', Number(m[1]));
          put('yearTo', Number(m[2] ?? m[1]));
        }
        break;
      }
      case 'planStart':
      case 'planEnd':
      case 'actStart':
      case 'actEnd': {
        const d =
          typeof v === 'object' && v !== null
            ? { ok: true as const, date: v.date, monthOnly: false }
            : parseDateText(typeof v === 'number' ? v : text, col.header, date1904);
        if (!d.ok) out.problems.push({ field: f, message: d.message, level: 'error' });
        else {
          // A month alone: a start is that month's first day, an end (a deadline, 2020年11月) its last day.
          const ends = f === 'planEnd' || f === 'actEnd';
          const [y, m] = d.date.split('-').map(Number) as [number, number];
          put(f, d.monthOnly && ends ? isoDate(y, m, daysInMonth(y, m)) : d.date);
          if (d.monthOnly)
            out.problems.push({
              field: f,
              message: `${col.header}“${text}”只有年月，按当月${ends ? '最后一天' : '1日'}记`,
              level: 'warning',
            });
        }
        break;
      }
      case 'approvalYm': {
        const d =
          typeof v === 'object' && v !== null
            ? { ok: true as const, date: v.date }
            : parseDateText(typeof v === 'number' ? v : text, col.header, date1904);
        if (!d.ok) out.problems.push({ field: f, message: d.message, level: 'error' });
        else put('approvalYm', d.date.slice(0, 7));
        break;
      }
      case 'ownerOrg':
      case 'leadOrg':
      case 'village':
        out.orgNames[f] = text;
        break;
      case 'ownerLegalRep':
        out.ownerLegalRep = text;
        break;
      case 'responsibleOrgs':
        // Split on punctuation only: whether a blank separates two units is the ledger's to say (import-orgs.ts).
        out.orgNames.responsibleOrgs = cellPieces(text);
        break;
      case 'leader':
      case 'manager':
        out.people[f] = readPersonCell(text);
        break;
      case 'contactPhone': {
        const m = /^(.*?)[\s/（(：:,，]*((?:\+?86)?[\d\-－ ]{7,}.*)$/.exec(toHalfWidth(text));
        put('contact', (m ? m[1] : text)!.trim() || null);
        if (m) put('phone', m[2]!.trim());
        break;
      }
      case 'govFunded': {
        const yes = readYesNo(text);
        if (yes === null)
          out.problems.push({ field: f, message: `${col.header}“${text}”应填“是”或“否”`, level: 'error' });
        else put(f, yes);
        break;
      }
      case 'landMuHave':
      case 'landMuNeed': {
        const r = readMu(typeof v === 'number' ? v : text);
        if (!r.ok)
          out.problems.push({ field: f, message: `${col.header}“${text}”应为亩数，如 30 或 12.5`, level: 'error' });
        else put(f, r.mu);
        break;
      }
      case 'code':
      case 'contact':
      case 'phone':
        put(f, typeof v === 'number' ? numberToPlainText(v) : text);
        break;
      case 'name':
        put(f, partName(text));
        break;
      default:
        put(f, text);
    }
  }
  return out;
}
