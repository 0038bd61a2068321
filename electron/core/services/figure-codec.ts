/**
 * How a project's figures are written in the figure store (figure-store.service.ts): an array of values in a
 * fixed key order instead of an object with its keys, and the strings that repeat across projects (light rules,
 * categories, units, leaders, statuses) as numbers into one list of words kept with the period. A county's
 * 20,000 projects took 21 MB as JSON objects — reading and parsing them was most of the first read after opening
 * the ledger — and every parsed copy of "节点逾期为黄，逾期15天及以上为红" was its own string on the heap.
 *
 * The key order is that of the first project encoded (all come from one object literal, figures.service.ts)
 * and is stored with the words, so a field added later is carried as it is ('raw'), never lost.
 *
 * A project's 灯色原因 is, for a project without parts, the reason of its worst light, word for word: it is
 * written as that light's place in the row's lights ('reason'), not a second copy of the sentence. Layouts
 * written before carry it as text ('raw') and are read as they are.
 */
import type { ProjectFigures } from '../../../shared/schemas/figures.ts';
import { deepFreeze } from './derived-cache.ts';

type Kind = 'word' | 'words' | 'lights' | 'report' | 'reason' | 'raw';

/**
 * Fields whose values repeat from project to project: kept once in the word list. The plan and actual dates too:
 * a county's 20,000 projects share a few dozen of each (projects start on the 1st, end on the 28th), and as text
 * they were a seventh of every row and 80,000 strings to make on each first read.
 */
const WORD_FIELDS = new Set([
  'category',
  'subcategory',
  'stageGroup',
  'nature',
  'status',
  'location',
  'leaderName',
  'leadOrgName',
  'level',
  'planStart',
  'planEnd',
  'actStart',
  'actEnd',
]);
const WORDS_FIELDS = new Set(['responsibleOrgNames', 'flags']);
const REPORT_KEYS = ['imageText', 'imagePct', 'issues', 'nextSteps', 'needs', 'state'] as const;

export interface Layout {
  keys: string[];
  kinds: Kind[];
  words: string[];
}

const kindOf = (key: string): Kind =>
  WORD_FIELDS.has(key)
    ? 'word'
    : WORDS_FIELDS.has(key)
      ? 'words'
      : key === 'lights'
        ? 'lights'
        : key === 'report'
          ? 'report'
          : key === 'levelReason'
            ? 'reason'
            : 'raw';

export function newLayout(sample: ProjectFigures | undefined): Layout {
  const keys = sample ? Object.keys(sample) : [];
  return { keys, kinds: keys.map(kindOf), words: [] };
}

/**
 * Whether a layout kept in the file writes every field the way this version does. One written before a field got
 * its own way (the 灯色原因 as a place among the lights) is read as it is, but the next upkeep writes the rows
 * afresh in today's layout instead of adding to it.
 */
export function currentLayout(layout: Layout): boolean {
  return layout.keys.every((k, i) => layout.kinds[i] === kindOf(k));
}

/** An encoder that adds new words to the layout's list as it meets them. */
export function encoder(layout: Layout): (f: ProjectFigures) => string {
  const index = new Map(layout.words.map((w, i) => [w, i]));
  const word = (w: string | null) => {
    if (w === null) return null;
    let i = index.get(w);
    if (i === undefined) index.set(w, (i = layout.words.push(w) - 1));
    return i;
  };
  return (f) => {
    const o = f as unknown as Record<string, unknown>;
    return JSON.stringify(
      layout.keys.map((k, i) => {
        const v = o[k];
        switch (layout.kinds[i]) {
          case 'word':
            return word(v as string | null);
          case 'words':
            return (v as string[]).map(word);
          case 'lights':
            return (v as ProjectFigures['lights']).map((l) => [
              word(l.dimension),
              word(l.level),
              l.value,
              l.threshold,
              word(l.rule),
              l.reason,
            ]);
          case 'report': {
            const r = v as ProjectFigures['report'];
            return r && REPORT_KEYS.map((rk) => (rk === 'state' ? word(r.state) : r[rk]));
          }
          case 'reason': {
            const at = v === null || !Array.isArray(f.lights) ? -1 : f.lights.findIndex((l) => l.reason === v);
            return at >= 0 ? at : v === undefined ? null : v;
          }
          default:
            return v === undefined ? null : v;
        }
      }),
    );
  };
}

/**
 * A decoder building each project's figures as one object literal (one hidden class for all 20,000), frozen as
 * it is built — every reader shares these objects (periodFigures deep-freezes what it returns): walking 20,000
 * records and their lights again to freeze them, with an array of values per object, was a fifth of the first
 * read after opening the ledger.
 */
export function decoder(layout: Layout): (text: string) => ProjectFigures {
  const w = layout.words;
  const { freeze } = Object;
  const light = (a: unknown[]) =>
    freeze({
      dimension: w[a[0] as number],
      level: w[a[1] as number],
      value: a[2],
      threshold: a[3],
      rule: w[a[4] as number],
      reason: a[5],
    });
  const report = (a: unknown[] | null) =>
    a &&
    freeze({ imageText: a[0], imagePct: a[1], issues: a[2], nextSteps: a[3], needs: a[4], state: w[a[5] as number] });
  // A field carried as it is may hold an object (a field added after the layout was written).
  const raw = (x: unknown) => (typeof x === 'object' && x !== null ? deepFreeze(x) : x);
  // Lists of words (units, flags) of none or one word are shared between projects, like the words themselves:
  // fewer objects for the garbage collector to carry (they are frozen, so no reader can tell).
  const none = freeze([]) as never[];
  const one = new Map<number, readonly string[]>();
  const words = (a: number[]) => {
    if (a.length === 0) return none;
    if (a.length > 1) return freeze(a.map((x) => w[x]!));
    let list = one.get(a[0]!);
    if (!list) one.set(a[0]!, (list = freeze([w[a[0]!]!])));
    return list;
  };
  const lightsAt = layout.kinds.indexOf('lights');
  const field = (k: string, i: number) => {
    const at = `a[${i}]`;
    switch (layout.kinds[i]) {
      case 'word':
        return `${at} === null ? null : w[${at}]`;
      case 'words':
        return `words(${at})`;
      case 'lights':
        return 'lights';
      case 'report':
        return `report(${at})`;
      case 'reason':
        return lightsAt < 0 ? `raw(${at})` : `typeof ${at} === 'number' ? lights[${at}].reason : ${at}`;
      default:
        return `typeof ${at} === 'object' && ${at} !== null ? raw(${at}) : ${at}`;
    }
  };
  const body = `const lights = ${lightsAt < 0 ? 'null' : `a[${lightsAt}].length === 0 ? none : freeze(a[${lightsAt}].map(light))`};
    return freeze({ ${layout.keys.map((k, i) => `${JSON.stringify(k)}: ${field(k, i)}`).join(', ')} });`;
  const build = new Function('a', 'w', 'light', 'report', 'raw', 'freeze', 'words', 'none', body) as (
    a: unknown[],
    w: string[],
    l: typeof light,
    r: typeof report,
    x: typeof raw,
    f: typeof freeze,
    ws: typeof words,
    n: never[],
  ) => ProjectFigures;
  return (text) => build(JSON.parse(text) as unknown[], w, light, report, raw, freeze, words, none);
}
