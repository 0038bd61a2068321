/**
 * `verify` of the audit trail: the change log's chain, the ledger rows' seals and the outside anchor together, and
 * the figures kept in the file against the ledger (verify/kept-figures-check.ts). One function for the CLI's `verify`
 * and the 数据安全 page's 校验留痕: both list its findings, each problem once, with where the 管理员 should look.
 */
import { basename } from 'node:path';
import { formatInstantDateCn } from '../../../shared/domain/display.ts';
import type { Db } from '../db/connection.ts';
import { AppError } from '../errors.ts';
import { inBand } from '../progress.ts';
import { verifyKeptFigures, type KeptFiguresCheck } from '../verify/kept-figures-check.ts';
import { verifyChain, type ChainCheck } from './change-log.ts';
import { anchorPath, verifySeals, type EvidenceCheck, type SealCheck } from './row-seal.ts';
import { PENDING_RESTORE_NOTE, pendingRestoreAnchor, restoreJournalPath } from './restore-anchor.ts';
import { mismatchEvidence } from './seal-startup.ts';

export type LedgerAuditCheck = ChainCheck & {
  seals: SealCheck;
  evidence: string[];
  figures: KeptFiguresCheck;
  /** Each problem found, once, in Chinese, saying where to look: the CLI's lines and the 数据安全 page's list. */
  findings: string[];
  /** What was found in order beside them (what passed, and notes that are no problem). */
  passed: string[];
};

/** Row problems listed one by one; the rest are counted. */
const ROWS_LISTED = 10;
const LOOK = '请对照“修改记录”和“数据安全”中的备份核查';

/**
 * The whole audit: the change log's chain, every ledger row against its seal, and both against the anchor
 * kept outside the file; then the kept figures against the ledger. Read-only (the CLI runs it on a read-only
 * connection).
 */
export function verifyLedgerAudit(db: Db): LedgerAuditCheck {
  // The rows and the change log are most of the reading; the kept figures are computed once, in the last stretch.
  const chain = inBand(0, 85, () => verifyChain(db));
  const evidenceFiles = db.file === ':memory:' ? [] : mismatchEvidence(db.file);
  const pending = db.file === ':memory:' ? null : pendingRestoreAnchor(db.sqlite, db.file);
  const seals = inBand(0, 85, () => verifySeals(db.sqlite, db.file, evidenceFiles, pending ?? undefined));
  const figures = inBand(85, 100, () => keptFiguresOf(db));
  const parts: { text: string; problem: boolean }[] = [];
  const fine = (text: string) => parts.push({ text, problem: false });
  const problem = (text: string) => parts.push({ text, problem: true });
  if (chain.ok) fine(chain.message);
  else problem(chain.message);
  sealParts(db.file, seals, pending !== null, fine, problem);
  if (pending) fine(PENDING_RESTORE_NOTE);
  if (figures.ok) fine(figures.message);
  else problem(figures.message);
  const evidence = evidenceFiles.map((f) => basename(f));
  return {
    ...chain,
    ok: chain.ok && seals.ok && evidence.length === 0 && figures.ok,
    message: parts.map((p) => p.text).join('；'),
    seals,
    evidence,
    figures,
    findings: parts.filter((p) => p.problem).map((p) => p.text),
    passed: parts.filter((p) => !p.problem).map((p) => p.text),
  };
}

/**
 * The seals' part. An anchor set aside at opening that is the very anchor the ledger disagrees with now (the program
 * has not written since) is the same problem as that disagreement: said once, naming the copy — it was said twice,
 * as the anchor's mismatch, as 与另存的锚点相比 and again as 打开台账时曾发现与外部锚点不符.
 */
function sealParts(
  file: string,
  seals: SealCheck,
  fromJournal: boolean,
  fine: (t: string) => void,
  problem: (t: string) => void,
): void {
  if (seals.ok) fine(seals.message);
  const rows = seals.problems.filter((p) => p.table !== '');
  for (const p of rows.slice(0, ROWS_LISTED)) problem(p.message);
  if (seals.rowProblems > ROWS_LISTED)
    problem(`另有 ${seals.rowProblems - ROWS_LISTED} 条记录与封签不符（以上只列出前 ${ROWS_LISTED} 条）`);
  for (const p of seals.problems.filter((q) => q.table === '')) problem(p.message);
  const anchorWrong = seals.anchor !== null && !seals.anchor.ok;
  const copies = anchorWrong ? seals.evidence.filter((e) => e.sameAsAnchor) : [];
  if (anchorWrong) problem(anchorFinding(file, seals, fromJournal, copies));
  for (const e of seals.evidence) if (!copies.includes(e)) problem(evidenceFinding(e));
}

function anchorFinding(file: string, seals: SealCheck, fromJournal: boolean, copies: EvidenceCheck[]): string {
  const detail = seals.anchor!.message;
  // No usable anchor: its message names the file and why; else which anchor the ledger disagrees with.
  const where =
    seals.anchorFrom === null
      ? ''
      : seals.anchorFrom === 'carried'
        ? '外部锚点即文件中随带的锚点（备份时写入）'
        : fromJournal
          ? `外部锚点即恢复记录“${basename(restoreJournalPath(file))}”中记下的锚点`
          : `外部锚点即台账文件旁的“${basename(anchorPath(file))}”`;
  const kept = copies.length
    ? `${where ? '，' : ''}打开台账时已把它另存为${named(copies.flatMap((c) => c.files))}作为证据`
    : '';
  const said = where || kept ? `${where}${kept}。` : '';
  return `${detail}。${said}${LOOK}${copies.length ? '；核查清楚后可删除另存的文件' : ''}`;
}

function evidenceFinding(e: EvidenceCheck): string {
  const head = `打开台账时曾发现台账与外部锚点不符，当时的锚点${e.at ? `（${formatInstantDateCn(e.at)}）` : ''}已另存为${named(e.files)}`;
  const now =
    e.at === null
      ? '，但这份文件已无法读取'
      : e.disagreement
        ? `；与它相比：${e.disagreement}`
        : '；现在与它已看不出差异（可能已被改回）';
  return `${head}${now}。${LOOK}；核查清楚后可删除${e.files.length > 1 ? '这些文件' : '该文件'}`;
}

const named = (files: string[]) => files.map((f) => `“${f}”`).join('、');

/** The kept figures' check; one that fails to read is said, not taken for a pass (a cancel goes through). */
function keptFiguresOf(db: Db): KeptFiguresCheck {
  try {
    return verifyKeptFigures(db);
  } catch (e) {
    if (e instanceof AppError && e.code === 'CANCELLED') throw e;
    const message = `保存的统计数字无法与台账核对：${(e as Error).message}`;
    return { ok: false, checked: 0, stale: 0, problems: [message], message };
  }
}
