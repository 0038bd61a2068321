/**
 * `verify` of the audit trail: the change log's chain, the ledger rows' seals and the outside anchor together, and
 * the figures kept in the file against the ledger (verify/kept-figures-check.ts).
 */
import { basename } from 'node:path';
import type { Db } from '../db/connection.ts';
import { AppError } from '../errors.ts';
import { inBand } from '../progress.ts';
import { verifyKeptFigures, type KeptFiguresCheck } from '../verify/kept-figures-check.ts';
import { verifyChain, type ChainCheck } from './change-log.ts';
import { verifySeals, type SealCheck } from './row-seal.ts';
import { PENDING_RESTORE_NOTE, pendingRestoreAnchor } from './restore-anchor.ts';
import { mismatchEvidence } from './seal-startup.ts';

export type LedgerAuditCheck = ChainCheck & { seals: SealCheck; evidence: string[]; figures: KeptFiguresCheck };

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
  const evidence = evidenceFiles.map((f) => basename(f));
  const parts = [chain.message, seals.message];
  if (pending) parts.push(PENDING_RESTORE_NOTE);
  if (evidence.length > 0)
    parts.push(
      `打开台账时曾发现与外部锚点不符（原锚点另存为 ${evidence.join('、')}），台账可能在程序关闭期间被其他工具改动；核查后可删除该文件`,
    );
  parts.push(figures.message);
  return {
    ...chain,
    ok: chain.ok && seals.ok && evidence.length === 0 && figures.ok,
    message: parts.join('；'),
    seals,
    evidence,
    figures,
  };
}

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
