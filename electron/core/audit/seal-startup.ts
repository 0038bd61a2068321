/**
 * Sealing at the moments a ledger is opened, upgraded or replaced (row-seal.ts says what a seal is).
 *
 * - Opened with its anchor: the seals go on under the anchor's key. If the change log or the tables already
 *   disagree with the anchor, the ledger was changed while the app was closed: the anchor is copied aside as
 *   evidence before the app's next write moves it on, and `verify` keeps reporting it while that copy exists.
 * - Opened without a usable anchor, or after a schema upgrade (which rewrites rows without the triggers): every
 *   row is sealed anew under a new key, and the change log says so — the re-sealing is itself on the record. An
 *   upgrade keeps what the seals said before it: rows changed behind the app's back stay marked (upgrade-findings.ts).
 * - Replaced by a restore: the restored rows are the ones the user chose; they are sealed anew likewise, in the copy
 *   before it is swapped in (the anchor it must get waits in the restore's journal meanwhile: restore-anchor.ts).
 */
import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, readdirSync, readFileSync, renameSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { StartNote } from '../core-types.ts';
import type { Db, SqliteDb } from '../db/connection.ts';
import { appendChanges } from './change-log.ts';
import {
  anchoredRowHash,
  anchorKey,
  BACKUP_ANCHOR_TABLE,
  anchorPath,
  currentState,
  installSeals,
  KEPT_FIGURE_TABLES,
  sealEverything,
  sealKeyOf,
  writeAnchor,
  type Anchor,
} from './row-seal.ts';
import { keptWords, putFindingsBack, type FindingsKept, type UpgradeFindings } from './upgrade-findings.ts';

const MISMATCH_TAG = '不符';

/** The connection's db.generation() when the anchor last matched it: only a later write moves the anchor. */
const anchoredAt = new WeakMap<Db, string>();

const stamp = (now: Date) => now.toISOString().replace(/[-:]/g, '').slice(0, 15);

/** Copies of the anchor set aside because the ledger disagreed with it when opened (evidence for verify). */
export function mismatchEvidence(ledgerFile: string): string[] {
  const dir = dirname(ledgerFile);
  const prefix = `${basename(anchorPath(ledgerFile))}.${MISMATCH_TAG}-`;
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.startsWith(prefix))
    .map((f) => join(dir, f));
}

function disagrees(db: Db, anchor: Anchor): boolean {
  const now = currentState(db.sqlite);
  if (now.chain.count < anchor.chain.count || anchoredRowHash(db.sqlite, anchor.chain.count) !== anchor.chain.head)
    return true;
  if (now.chain.count > anchor.chain.count) return false; // the app stopped between a commit and its anchor
  const tables = new Set([...Object.keys(now.seals), ...Object.keys(anchor.seals)]);
  for (const t of tables) {
    const a = anchor.seals[t] ?? { n: 0, x: '0' };
    const b = now.seals[t] ?? { n: 0, x: '0' };
    if (a.n !== b.n || a.x !== b.x) return true;
  }
  return false;
}

/**
 * `keep`: what the seals said before an upgrade (upgrade-findings.ts), put back in the same transaction as the
 * re-sealing and before the anchor is written, so no moment has the ledger sealed as if the app had written them.
 */
function reseal(
  db: Db,
  file: string,
  key: Buffer,
  now: Date,
  reason: string | null,
  keep: UpgradeFindings | null = null,
): FindingsKept | null {
  const kept = db.tx(() => {
    sealEverything(db.sqlite, key);
    const log = (text: string) =>
      appendChanges(db, '系统', now.toISOString(), [{ action: '其他', entity: 'ledger', reason: text }]);
    if (reason) log(reason);
    const back = keep ? putFindingsBack(db.sqlite, keep) : null;
    if (!back || (back.rows === 0 && back.tables.length === 0)) return null;
    log(`升级前的校验发现${keptWords(back)}：重新封签时保留了这些标记，校验仍会指出`);
    return back;
  });
  if (file !== ':memory:') writeAnchor(db.sqlite, file, key, now);
  return kept;
}

/**
 * At start-up, after the migrations. The anchor is left as it is unless the start-up itself re-sealed: a ledger
 * changed while the app was closed keeps its anchor until the app's own next write (reading writes nothing).
 */
export function startSeals(db: Db, opts: StartOptions): StartNote[] {
  const notes = openSeals(db, opts);
  anchoredAt.set(db, db.generation());
  return notes;
}

interface StartOptions {
  now: Date;
  migrated: boolean;
  log: (m: string) => void;
  /** what the seals said before this start's upgrade (findingsBeforeUpgrade): kept through its re-sealing */
  beforeUpgrade?: UpgradeFindings | null;
}

/** What the clerk is told of it (createCore's start notes); none: the seals simply went on. */
function openSeals(db: Db, opts: StartOptions): StartNote[] {
  const file = db.file;
  const { now, log } = opts;
  if (file === ':memory:') {
    const key = randomBytes(32);
    installSeals(db.sqlite, key);
    sealEverything(db.sqlite, key);
    return [];
  }
  const hasRows = (db.sqlite.prepare('SELECT count(*) FROM change_log').pluck().get() as number) > 0;
  const { key, fresh, read } = anchorKey(file);
  installSeals(db.sqlite, key);
  if (fresh) {
    if (read.kind === 'damaged') renameSync(anchorPath(file), `${anchorPath(file)}.损坏-${stamp(now)}`);
    const reason = !hasRows
      ? null
      : read.kind === 'damaged'
        ? `外部锚点文件无法使用（${read.reason}），已另存并重新封签`
        : '建立防篡改封签：台账各表逐行封签，外部锚点另存';
    if (reason) log(reason);
    reseal(db, file, key, now, reason);
    // A new key: the kept figures' MACs were made under the old one, and every reader would call them changed
    // outside the program (统计数字缓存…校验码不符) — for a ledger merely copied without its anchor.
    db.tx(() => {
      for (const t of KEPT_FIGURE_TABLES) db.sqlite.exec(`DELETE FROM ${t}`);
    });
    // A first sealing is no news; seals renewed over a ledger that had them (its anchor lost or unusable) are.
    if (!hasRows || opts.migrated) return [];
    const why = read.kind === 'damaged' ? `外部锚点文件无法使用（${read.reason}），已另存` : '外部锚点文件不见了';
    return [
      {
        kind: 'resealed',
        message: `打开台账时发现${why}：已为台账重新封签，台账中的数据没有改动。请在“数据安全”中点“校验留痕”查看。`,
      },
    ];
  }
  const notes: StartNote[] = [];
  if (read.kind === 'ok' && disagrees(db, read.anchor)) {
    // Opened again before the program wrote (a CLI read, the window reopened): that anchor is set aside already.
    const text = readFileSync(anchorPath(file));
    let evidence = mismatchEvidence(file).find((f) => readFileSync(f).equals(text));
    if (!evidence) {
      evidence = `${anchorPath(file)}.${MISMATCH_TAG}-${stamp(now)}`;
      copyFileSync(anchorPath(file), evidence);
    }
    const found = `打开台账时发现与外部锚点不符：台账可能在程序关闭期间被其他工具改动。原锚点已另存为 ${basename(evidence)}，`;
    log(`${found}请运行“校验”查看。`);
    notes.push({ kind: 'anchor-mismatch', message: `${found}请在“数据安全”中点“校验留痕”查看。` });
  }
  if (opts.migrated) {
    const kept = reseal(db, file, key, now, '数据库结构升级后重新封签', opts.beforeUpgrade ?? null);
    if (kept) {
      log(`数据库结构升级前发现${keptWords(kept)}，已保留其标记`);
      notes.push({
        kind: 'changed-before-upgrade',
        message: `数据库结构升级前发现${keptWords(kept)}：升级后重新封签时保留了这些标记，没有把它们当作程序自己的修改。请在“数据安全”中点“校验留痕”查看。`,
      });
    }
  }
  return notes;
}

/** Keeps the anchor under another name (it described a file that has been replaced); opening then re-seals. */
export function retireAnchor(ledgerFile: string, now: Date, tag: string): void {
  const path = anchorPath(ledgerFile);
  if (existsSync(path)) renameSync(path, `${path}.${tag}-${stamp(now)}`);
}

/**
 * A restore's copy, before it is swapped in (`copy`: a private connection to it): the restored rows are sealed anew
 * under `key` (restoreSealKey), and the anchor the copy carried as a backup is dropped.
 */
export function sealRestoredCopy(copy: SqliteDb, key: Buffer): void {
  copy.exec(`DROP TABLE IF EXISTS ${BACKUP_ANCHOR_TABLE}`);
  installSeals(copy, key);
  sealEverything(copy, key);
}

/** The key a restored ledger is sealed under: its anchor's, or a new one where it has no usable anchor. */
export function restoreSealKey(ledgerFile: string): Buffer {
  return anchorKey(ledgerFile).key;
}

/**
 * After every call the app answers: the anchor follows the ledger. Costs one counter read when nothing was
 * written (the connection's change count and data version, db.generation()).
 */
export function anchorAfterWrite(db: Db, now: Date): void {
  if (db.file === ':memory:' || !db.sqlite.open) return;
  const generation = db.generation();
  if (anchoredAt.get(db) === generation) return;
  const key = sealKeyOf(db.sqlite);
  // A connection without seals (opened outside createCore) or an anchor lost mid-session is never anchored
  // silently here: start-up re-seals, and says so in the change log.
  if (!key || !existsSync(anchorPath(db.file))) return;
  writeAnchor(db.sqlite, db.file, key, now);
  anchoredAt.set(db, generation);
}
