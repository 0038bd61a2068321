/**
 * A 包联领导 / 责任人 cell of an office's ledger → the people it names, as offices write them: 李四、王五 · 李四/王五
 * · 李四（副镇长） · 副镇长 李四 · 副镇长李四 · 王  伟 (a two-character name padded to three, one person) · 镇长 or
 * 李镇长 (a post, not a name: found among the ledger's people by the import, never made a person of) · 待定 (nobody).
 * What is not a name (a telephone number) is handed back for the import to say so, never dropped without a word.
 */
import { toHalfWidth } from './money.ts';
import { cellPieces } from './cell-pieces.ts';

/** Someone named: the name (inner blanks removed) and the post written beside it, if any. */
export interface NamedPerson {
  kind: 'name';
  name: string;
  title: string | null;
}
/** A post instead of a name (镇长), or a surname and a post (李镇长): who holds it is the ledger's to say. */
export interface PostOnly {
  kind: 'post';
  post: string;
  surname: string | null;
  /** as written */
  text: string;
}
export type PersonRef = NamedPerson | PostOnly;

export interface PersonCell {
  people: PersonRef[];
  /** Pieces that are no one's name (13800000000): said in the preview. */
  notNames: string[];
}

/** Words that mean nobody has been named yet. */
const NOBODY = /^(无|暂无|待定|未定|待明确|空|[-—－/／、.。])$/;

/**
 * The posts a town or county writes for its leaders (S3's 领导组, county 包联领导). Longest first, so that 党委副书记
 * is not read as 党委 + 副书记. A post is recognised only whole, or in front of (副镇长李四) or after (李镇长) a name.
 */
const POSTS = [
  '党委副书记',
  '人大主席团主席',
  '人大副主席',
  '人大主席',
  '党委书记',
  '纪委书记',
  '纪检书记',
  '政协主席',
  '武装部长',
  '组织委员',
  '宣传委员',
  '统战委员',
  '常务副县长',
  '常务副区长',
  '常务副镇长',
  '常务副乡长',
  '副县长',
  '副区长',
  '副市长',
  '副镇长',
  '副乡长',
  '副书记',
  '副主任',
  '县长',
  '区长',
  '市长',
  '镇长',
  '乡长',
  '书记',
  '主任',
  '主席',
];
const POST_WHOLE = new RegExp(`^(${POSTS.join('|')})$`);
/** 副镇长李四: a post then a name of two or three characters. */
const POST_FIRST = new RegExp(`^(${POSTS.join('|')})[:：]?(\\p{Script=Han}{2,3})$`, 'u');
/** 李镇长: a surname and a post (how a town speaks of its leaders). */
const SURNAME_POST = new RegExp(`^(\\p{Script=Han})(${POSTS.join('|')})$`, 'u');

/** One piece: 李四（副镇长） · 副镇长 李四 · 李四 副镇长 · 张三 李四 (two people) · 王  伟 (one). */
function readPiece(piece: string, cell: PersonCell): void {
  const bracket = /^(.*?)\s*[(（]([^)）]*)[)）]\s*$/.exec(piece);
  const given = bracket ? bracket[2]!.trim() || null : null;
  const words = (bracket ? bracket[1]! : piece).split(/\s+/).filter(Boolean);
  // Single characters side by side are one name spread out to line up with three-character names (王  伟).
  const joined: string[] = [];
  let run = false;
  for (const w of words) {
    const single = [...w].length === 1 && !NOBODY.test(w);
    if (single && run) joined[joined.length - 1] += w;
    else joined.push(w);
    run = single;
  }
  let pendingPost: string | null = null;
  /** in the cell's order (the first is the one the ledger links) */
  const refs: PersonRef[] = [];
  const named: NamedPerson[] = [];
  const post = (p: string, surname: string | null, text: string) => refs.push({ kind: 'post', post: p, surname, text });
  const name = (n: string, title: string | null) => {
    const p: NamedPerson = { kind: 'name', name: n, title };
    named.push(p);
    refs.push(p);
  };
  for (const w of joined) {
    if (NOBODY.test(w)) continue;
    if (/\d/.test(w)) {
      cell.notNames.push(w);
      continue;
    }
    if (POST_WHOLE.test(w)) {
      // 李四 副镇长: the post of the name before it; 副镇长 李四: of the name after it; alone: a post only.
      const prev = named[named.length - 1];
      if (prev && prev.title === null && pendingPost === null) prev.title = w;
      else {
        if (pendingPost) post(pendingPost, null, pendingPost);
        pendingPost = w;
      }
      continue;
    }
    const front = POST_FIRST.exec(w);
    const surnamePost = SURNAME_POST.exec(w);
    if (front) name(front[2]!, front[1]!);
    else if (surnamePost) post(surnamePost[2]!, surnamePost[1]!, w);
    else if ([...w].length < 2) cell.notNames.push(w);
    else {
      name(w, pendingPost);
      pendingPost = null;
    }
  }
  if (pendingPost) post(pendingPost, null, pendingPost);
  if (given && named.length === 1 && named[0]!.title === null) named[0]!.title = given;
  cell.people.push(...refs);
}

export function readPersonCell(text: string): PersonCell {
  const cell: PersonCell = { people: [], notNames: [] };
  for (const piece of cellPieces(toHalfWidth(text).replace(/\u3000/g, ' '))) readPiece(piece, cell);
  return cell;
}

/** A name as the ledger compares it: blanks inside (王 伟, also the ideographic space) do not make another person. */
export { nameKey as personKey } from './cell-pieces.ts';

/** How a reference reads in a message: 李四 · 李四（副镇长） · 镇长 · 李镇长. */
export const personText = (p: PersonRef): string =>
  p.kind === 'post' ? p.text : p.title ? `${p.name}（${p.title}）` : p.name;
