/**
 * How a project's figures are written in the figure store (figure-store.service.ts): an array of values in a
 * fixed key order instead of an object with its keys, and the strings that repeat across projects (light rules,
 * categories, units, leaders, statuses) as numbers into one list of words kept with the period. A county's
 * 20,000 projects took 21 MB as JSON objects — reading and parsing them was most of the first read after opening
 * the ledger — and every parsed copy of "节点逾期为黄，逾期15天及以上为红" was its own string on the heap.
 *
 * The key order is that of the first project encoded (all come from one object literal, figures.service.ts)
 * and is stored with the words, so a field added later is carried as it is ('raw'), never lost.
 */
import type { ProjectFigures } from '../../../shared/schemas/figures.ts';

type Kind = 'word' | 'words' | 'lights' | 'report' | 'raw';

/** Fields whose values repeat from project to project: kept once in the word list. */
const WORD_FIELDS = new Set(['category', 'subcategory', 'stageGroup', 'nature', 'status', 'location', 'leaderName', 'leadOrgName', 'level']);
const WORDS_FIELDS = new Set(['responsibleOrgNames', 'flags']);
const REPORT_KEYS = ['imageText', 'imagePct', 'issues', 'nextSteps', 'needs', 'state'] as const;

export interface Layout {
  keys: string[];
  kinds: Kind[];
  words: string[];
}

const kindOf = (key: string): Kind =>
  WORD_FIELDS.has(key) ? 'word' : WORDS_FIELDS.has(key) ? 'words' : key === 'lights' ? 'lights' : key === 'report' ? 'report' : 'raw';

export function newLayout(sample: ProjectFigures | undefined): Layout {
  const keys = sample ? Object.keys(sample) : [];
  return { keys, kinds: keys.map(kindOf), words: [] };
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
            return (v as ProjectFigures['lights']).map((l) => [word(l.dimension), word(l.level), l.value, l.threshold, word(l.rule), l.reason]);
          case 'report': {
            const r = v as ProjectFigures['report'];
            return r && REPORT_KEYS.map((rk) => (rk === 'state' ? word(r.state) : r[rk]));
          }
          default:
            return v === undefined ? null : v;
        }
      }),
    );
  };
}

/** A decoder building each project's figures as one object literal (one hidden class for all 20,000). */
export function decoder(layout: Layout): (text: string) => ProjectFigures {
  const w = layout.words;
  const light = (a: unknown[]) => ({ dimension: w[a[0] as number], level: w[a[1] as number], value: a[2], threshold: a[3], rule: w[a[4] as number], reason: a[5] });
  const report = (a: unknown[] | null) =>
    a && { imageText: a[0], imagePct: a[1], issues: a[2], nextSteps: a[3], needs: a[4], state: w[a[5] as number] };
  const field = (k: string, i: number) => {
    const at = `a[${i}]`;
    switch (layout.kinds[i]) {
      case 'word':
        return `${at} === null ? null : w[${at}]`;
      case 'words':
        return `${at}.map((x) => w[x])`;
      case 'lights':
        return `${at}.map(light)`;
      case 'report':
        return `report(${at})`;
      default:
        return at;
    }
  };
  const body = `return { ${layout.keys.map((k, i) => `${JSON.stringify(k)}: ${field(k, i)}`).join(', ')} };`;
  const build = new Function('a', 'w', 'light', 'report', body) as (a: unknown[], w: string[], l: typeof light, r: typeof report) => ProjectFigures;
  return (text) => build(JSON.parse(text) as unknown[], w, light, report);
}
