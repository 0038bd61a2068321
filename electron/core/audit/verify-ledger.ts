/** `verify` of the audit trail: the change log's chain, the ledger rows' seals and the outside anchor together. */
import { basename } from 'node:path';
import type { Db } from '../db/connection.ts';
import { verifyChain, type ChainCheck } from './change-log.ts';
import { verifySeals, type SealCheck } from './row-seal.ts';
import { PENDING_RESTORE_NOTE, pendingRestoreAnchor } from './restore-anchor.ts';
import { mismatchEvidence } from './seal-startup.ts';

export type LedgerAuditCheck = ChainCheck & { seals: SealCheck; evidence: string[] };

/**
 * The whole audit: the change log's chain, every ledger row against its seal, and both against the anchor
 * kept outside the file. Read-only (the CLI runs it on a read-only connection).
 */
export function verifyLedgerAudit(db: Db): LedgerAuditCheck {
  const chain = verifyChain(db);
  const evidenceFiles = db.file === ':memory:' ? [] : mismatchEvidence(db.file);
  const pending = db.file === ':memory:' ? null : pendingRestoreAnchor(db.sqlite, db.file);
  const seals = verifySeals(db.sqlite, db.file, evidenceFiles, pending ?? undefined);
  const evidence = evidenceFiles.map((f) => basename(f));
  const parts = [chain.message, seals.message];
  if (pending) parts.push(PENDING_RESTORE_NOTE);
  if (evidence.length > 0)
    parts.push(
      `打开台账时曾发现与外部锚点不符（原锚点另存为 ${evidence.join('、')}），台账可能在程序关闭期间被其他工具改动；核查后可删除该文件`,
    );
  return { ...chain, ok: chain.ok && seals.ok && evidence.length === 0, message: parts.join('；'), seals, evidence };
}
