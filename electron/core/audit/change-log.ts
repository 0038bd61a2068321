/**
 * The change log (留痕): every change is one row with operator, time, entity, field, old and new value.
 * Each row carries sha256(content + previous row's hash), so an edit made directly in the database file
 * breaks the chain at that row and `verify` can name it.
 */
import { createHash } from 'node:crypto';
import { wellFormed } from '../../../shared/domain/well-formed.ts';
import type { ChangeEntity } from '../../../shared/fields/registry.ts';
import { insertRow, type Db } from '../db/connection.ts';
import { checkpoint, progressOf } from '../progress.ts';

export const GENESIS_HASH = '0'.repeat(64);

export interface ChangeEntry {
  action: '新增' | '修改' | '删除' | '恢复' | '导入' | '关账' | '重开' | '恢复备份' | '其他';
  /** An entity of the field registry, so the 修改记录 can name it in Chinese. */
  entity: ChangeEntity;
  entityId?: number | null;
  projectId?: number | null;
  field?: string | null;
  oldValue?: string | null;
  newValue?: string | null;
  reason?: string | null;
}

export interface ChangeRow {
  id: number;
  at: string;
  operator: string;
  action: string;
  entity: string;
  entity_id: number | null;
  project_id: number | null;
  field: string | null;
  old_value: string | null;
  new_value: string | null;
  reason: string | null;
  prev_hash: string;
  hash: string;
}

/** The canonical text that is hashed; field order is fixed forever. */
export function changeDigest(r: Omit<ChangeRow, 'id' | 'hash'>): string {
  const content = JSON.stringify([
    r.at,
    r.operator,
    r.action,
    r.entity,
    r.entity_id,
    r.project_id,
    r.field,
    r.old_value,
    r.new_value,
    r.reason,
  ]);
  return createHash('sha256').update(r.prev_hash).update('\n').update(content).digest('hex');
}

// Hashed as stored: a text SQLite cannot keep as given (a lone surrogate) would never verify again.
const textOrNull = (t: string | null | undefined) => (t === null || t === undefined ? null : wellFormed(t));

/** Appends rows; call inside the transaction of the change itself so log and data commit together. */
export function appendChanges(db: Db, operator: string, at: string, entries: ChangeEntry[]): void {
  if (entries.length === 0) return;
  const last = db.first(db.q.selectFrom('change_log').select('hash').orderBy('id', 'desc').limit(1));
  let prev = last?.hash ?? GENESIS_HASH;
  for (const e of entries) {
    const row = {
      at,
      operator: wellFormed(operator),
      action: e.action,
      entity: e.entity,
      entity_id: e.entityId ?? null,
      project_id: e.projectId ?? null,
      field: textOrNull(e.field),
      old_value: textOrNull(e.oldValue),
      new_value: textOrNull(e.newValue),
      reason: textOrNull(e.reason),
      prev_hash: prev,
    };
    const hash = changeDigest(row);
    insertRow(db, 'change_log', { ...row, hash });
    prev = hash;
  }
}

export interface ChainCheck {
  ok: boolean;
  checked: number;
  firstBrokenId: number | null;
  message: string;
}

export function verifyChain(db: Db): ChainCheck {
  let prev = GENESIS_HASH;
  let checked = 0;
  const total = db.sqlite.prepare('SELECT count(*) FROM change_log').pluck().get() as number;
  for (const r of db.sqlite.prepare('SELECT * FROM change_log ORDER BY id').iterate() as Iterable<ChangeRow>) {
    if ((checked & 8191) === 0) {
      progressOf('核对修改留痕', checked, total, 0, 10);
      checkpoint();
    }
    checked++;
    if (r.prev_hash !== prev || changeDigest(r) !== r.hash) {
      return {
        ok: false,
        checked,
        firstBrokenId: r.id,
        message: `留痕记录第 ${r.id} 条与前后记录不一致，可能被直接改动过数据库`,
      };
    }
    prev = r.hash;
  }
  return { ok: true, checked, firstBrokenId: null, message: `留痕记录 ${checked} 条，校验链完整` };
}
