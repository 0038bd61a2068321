/** backup / restore / verify: the safety commands, usable on a database the app cannot open. */
import { existsSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { ChainCheck } from '../../core/audit/change-log.ts';
import { verifyLedgerAudit, type LedgerAuditCheck } from '../../core/audit/verify-ledger.ts';
import { verifyAttachments, type AttachmentCheck } from '../../core/backup/backup-attachments.ts';
import { onlineBackupVerified } from '../../core/backup/online-backup.ts';
import { checkBackupFile } from '../../core/backup/backup-files.ts';
import { requireGoodFile, restoreFromFile } from '../../core/backup/restore.service.ts';
import { openDatabase } from '../../core/db/connection.ts';
import { diagnoseLedgerFile, ledgerFault, RECOVERY_DB_CODES } from '../../core/db/ledger-file.ts';
import { checkHealth } from '../../core/db/startup-check.ts';
import { AppError } from '../../core/errors.ts';
import { createCore } from '../../core/index.ts';
import { recoverFromFile } from '../../core/recovery.ts';
import { flagString } from '../args.ts';
import { UsageError, type CliCommand } from '../command.ts';
import { requireOutputFolder } from '../output-file.ts';

export const backupCommand: CliCommand = {
  name: 'backup',
  summary: '在线备份数据库到指定文件（写入后校验）',
  usage: 'backup --db FILE --out BACKUP.db [--json]',
  async run({ core, args, io, json }) {
    const out = flagString(args, 'out');
    if (!out) throw new UsageError('请用 --out 指定备份文件');
    const file = resolve(out);
    if (existsSync(file)) throw new UsageError(`文件已存在，不会覆盖：${file}`);
    requireOutputFolder(file);
    await onlineBackupVerified(core.ctx.db.sqlite, file);
    io.out(json ? JSON.stringify({ ok: true, file }) : `已备份并校验：${file}`);
    return 0;
  },
};

export const restoreCommand: CliCommand = {
  name: 'restore',
  maxWords: 1,
  summary: '从备份文件恢复（先校验备份；当前数据库另存为“恢复前”备份，损坏的数据库移至 backups/已隔离）',
  usage: 'restore BACKUP.db --db FILE [--json]',
  run: async () => 2, // never called: runWithoutCore takes over
  answersNoLedger: true,
  async runWithoutCore({ dbPath, args, io, json }) {
    const from = args.positionals[1];
    if (!from) throw new UsageError('请给出要恢复的备份文件');
    const backup = resolve(from);
    if (!existsSync(backup)) throw new AppError('UNREADABLE', `备份文件不存在：${backup}`);
    // A folder was checked as a damaged ledger: 无法读取台账文件…不要用备份覆盖它, advice about the wrong file.
    if (statSync(backup).isDirectory())
      throw new AppError('UNREADABLE', `“${backup}”是一个文件夹，请给出其中的备份文件（.db）`);
    // A file that is no readable database is unreadable input (exit 2), as a damaged workbook is to import; a
    // readable backup the ledger may not take (another town's, one without a 管理员) stays a refusal (exit 1).
    const unreadable = checkBackupFile(backup, 'quick');
    if (unreadable) throw new AppError('UNREADABLE', `不能从备份“${backup}”恢复：${unreadable}`);
    requireGoodFile(backup, backup);
    const cfg = {
      dbPath,
      operator: flagString(args, 'operator') ?? '命令行',
      role: '管理员' as const,
      log: (m: string) => io.err(m),
    };
    let result: { keptAs: string | null; setAside: string | null };
    try {
      const core = await createCore(cfg);
      try {
        const r = await restoreFromFile(core.ctx, backup, backup);
        result = { keptAs: r.undoName, setAside: null };
      } finally {
        core.close();
      }
    } catch (e) {
      // A locked or unreadable ledger is not replaced: recoverFromFile refuses those with their reason.
      if (!(e instanceof AppError) || !RECOVERY_DB_CODES.has(e.code)) throw e;
      const { core, setAside } = await recoverFromFile(cfg, e, backup, backup, createCore);
      core.close();
      result = { keptAs: null, setAside };
    }
    if (json) io.out(JSON.stringify({ ok: true, restoredFrom: backup, ...result }));
    else {
      io.out(`已从 ${backup} 恢复`);
      if (result.keptAs) io.out(`恢复前的数据已另存为备份：${result.keptAs}`);
      if (result.setAside) io.out(`无法打开的原数据库已移至 backups/已隔离/${result.setAside}`);
    }
    return 0;
  },
};

export interface VerifyReport {
  ok: boolean;
  integrity: string;
  foreignKeys: number;
  /** verifyLedgerAudit's, or why the audit could not be read (no findings then: the message says it). */
  audit: ChainCheck & Partial<Pick<LedgerAuditCheck, 'findings' | 'passed'>>;
  /** A backup: the files it carries against their sha256; a ledger: the attachments folder beside it. */
  attachments: AttachmentCheck;
}

/**
 * Read-only: integrity_check (full), foreign_key_check, the change-log hash chain with the row seals, and the figures
 * kept in the file against the ledger.
 */
export function verifyDatabase(file: string): VerifyReport {
  if (!existsSync(file)) throw new AppError('UNREADABLE', `数据库文件不存在：${file}`);
  const noAudit: ChainCheck = { ok: false, checked: 0, firstBrokenId: null, message: '数据库无法读取，未校验留痕' };
  const noAttachments: AttachmentCheck = { checked: 0, missing: 0, problem: '数据库无法读取，未校验附件' };
  let db;
  // A file SQLite cannot read is named in Chinese (SQLite's own words — file is not a database, disk I/O error — are
  // English); what integrity_check itself finds stays as it reports it.
  const notLedger = (message: string): VerifyReport => ({
    ok: false,
    integrity: message,
    foreignKeys: 0,
    audit: noAudit,
    attachments: noAttachments,
  });
  const unreadable = (e: unknown): VerifyReport => notLedger(ledgerFault(e, file).message);
  // An empty file, an empty database or another program's: SQLite opens them and finds nothing wrong with their
  // pages, so the report said integrity "ok" beside 留痕无法读取：no such table: change_log. Named as opening the
  // ledger names them (ledger-file.ts); a damaged file still goes on to integrity_check, which says what it finds.
  try {
    if (diagnoseLedgerFile(file) === 'new')
      return notLedger(`文件“${basename(file)}”是一个空的 SQLite 数据库，不是本软件的台账（文件中没有台账的数据表）。`);
  } catch (e) {
    if (e instanceof AppError && (e.code === 'DB_EMPTY' || e.code === 'DB_FOREIGN')) return notLedger(e.message);
  }
  try {
    db = openDatabase(file, { readonly: true, mustExist: true });
  } catch (e) {
    return unreadable(e);
  }
  try {
    let health;
    try {
      health = checkHealth(db.sqlite, 'full');
    } catch (e) {
      return unreadable(e);
    }
    let audit: VerifyReport['audit'];
    try {
      audit = verifyLedgerAudit(db);
    } catch (e) {
      audit = { ...noAudit, message: `留痕无法读取：${(e as Error).message}` };
    }
    let attachments: AttachmentCheck;
    try {
      attachments = verifyAttachments(db.sqlite, file);
    } catch (e) {
      attachments = { ...noAttachments, problem: `附件无法读取：${(e as Error).message}` };
    }
    return {
      ok: health.integrity === 'ok' && health.foreignKeyProblems === 0 && audit.ok && attachments.problem === null,
      integrity: health.integrity,
      foreignKeys: health.foreignKeyProblems,
      audit,
      attachments,
    };
  } finally {
    db.close();
  }
}

export const verifyCommand: CliCommand = {
  name: 'verify',
  summary: '校验数据库：完整性、关联记录、留痕校验链、保存的统计数字与台账是否一致（只读）',
  usage: 'verify --db FILE [--json]',
  run: async () => 2, // never called: runWithoutCore takes over
  answersNoLedger: true,
  async runWithoutCore({ dbPath, io, json }) {
    const r = verifyDatabase(resolve(dbPath));
    if (json) io.out(JSON.stringify(r));
    else {
      io.out(`完整性：${r.integrity === 'ok' ? '正常' : r.integrity}`);
      io.out(`关联记录：${r.foreignKeys === 0 ? '正常' : `${r.foreignKeys} 处不一致`}`);
      // The same list as the 数据安全 page's 校验留痕 (verifyLedgerAudit's findings): one line per problem.
      const findings = r.audit.findings ?? [];
      if (findings.length === 0) io.out(`留痕与统计数字：${r.audit.message}`);
      else {
        const passed = r.audit.passed ?? [];
        io.out(
          `留痕与统计数字：发现 ${findings.length} 处问题${passed.length ? `（其余：${passed.join('；')}）` : ''}`,
        );
        findings.forEach((f, i) => io.out(`  ${i + 1}. ${f}`));
      }
      const a = r.attachments;
      io.out(`附件：${a.problem ?? `${a.checked} 个文件与校验值一致${a.missing ? `，${a.missing} 个文件缺失` : ''}`}`);
      io.out(r.ok ? '校验通过' : '校验未通过');
    }
    return r.ok ? 0 : 1;
  },
};
