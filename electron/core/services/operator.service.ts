/**
 * Operators (操作员) and the session. The session decides whose name goes into the change log and
 * whether writes are allowed (领导 is read-only, enforced in handleCall). Passwords are optional and
 * local: scrypt with a random salt, compared in constant time, and never sent back.
 */
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import type { Operator, OperatorSave, Session } from '../../../shared/schemas/operator.ts';
import { appendChanges, type ChangeEntry } from '../audit/change-log.ts';
import { nowIso, type Ctx } from '../context.ts';
import { AppError, notFound, validationError } from '../errors.ts';
import * as repo from '../repositories/operator.repository.ts';

const KEY_LEN = 32;

export function hashPassword(password: string): string {
  const salt = randomBytes(16);
  return `scrypt$${salt.toString('hex')}$${scryptSync(password, salt, KEY_LEN).toString('hex')}`;
}

export function verifyPassword(password: string, stored: string): boolean {
  const [scheme, saltHex, keyHex] = stored.split('$');
  if (scheme !== 'scrypt' || !saltHex || !keyHex) return false;
  const key = Buffer.from(keyHex, 'hex');
  return timingSafeEqual(scryptSync(password, Buffer.from(saltHex, 'hex'), key.length), key);
}

export const listOperators = (ctx: Ctx): Operator[] => repo.listOperatorRows(ctx.db).map(repo.toOperator);

const writers = (ops: { role: string }[]) => ops.filter((o) => o.role !== '领导').length;

export function saveOperator(ctx: Ctx, o: OperatorSave): Operator {
  const { db } = ctx;
  return db.tx(() => {
    const clash = repo.findOperatorByName(db, o.name);
    if (clash && clash.id !== o.id) throw validationError([{ path: 'name', message: `操作员“${o.name}”已存在，姓名不能重复` }]);
    const all = repo.listOperatorRows(db);
    const at = nowIso(ctx);
    const newHash = o.password ? hashPassword(o.password) : null;
    let id: number;
    if (o.id === null) {
      if (all.length === 0 && o.role === '领导') throw validationError([{ path: 'role', message: '第一位操作员须为录入员或审核人（领导角色只能查看）' }]);
      id = repo.insertOperator(db, { name: o.name, role: o.role, password_hash: newHash, created_at: at });
      appendChanges(db, ctx.session.operator, at, [{ action: '新增', entity: 'operator', entityId: id, newValue: `${o.name}（${o.role}）` }]);
    } else {
      const cur = repo.findOperator(db, o.id);
      if (!cur) throw notFound('操作员', o.id);
      const after = all.map((x) => (x.id === o.id ? { ...x, role: o.role } : x));
      if (writers(after) === 0) throw validationError([{ path: 'role', message: '至少要保留一位录入员或审核人，否则无人能修改数据' }]);
      const hash = o.removePassword ? null : (newHash ?? cur.password_hash);
      repo.updateOperator(db, o.id, { name: o.name, role: o.role, password_hash: hash });
      const entries: ChangeEntry[] = [];
      if (cur.name !== o.name) entries.push({ action: '修改', entity: 'operator', entityId: o.id, field: 'name', oldValue: cur.name, newValue: o.name });
      if (cur.role !== o.role) entries.push({ action: '修改', entity: 'operator', entityId: o.id, field: 'role', oldValue: cur.role, newValue: o.role });
      if (hash !== cur.password_hash)
        entries.push({ action: '修改', entity: 'operator', entityId: o.id, field: 'password', oldValue: cur.password_hash ? '已设置' : '未设置', newValue: hash ? '已设置（已更换）' : '未设置' });
      appendChanges(db, ctx.session.operator, at, entries);
      id = o.id;
      // The working operator renamed or re-roled: the session follows at once.
      if (ctx.session.operatorId === id) ctx.session = { operatorId: id, operator: o.name, role: o.role };
    }
    return repo.toOperator(repo.findOperator(db, id)!);
  });
}

export function removeOperator(ctx: Ctx, id: number): { removed: number } {
  const { db } = ctx;
  return db.tx(() => {
    const cur = repo.findOperator(db, id);
    if (!cur) throw notFound('操作员', id);
    if (ctx.session.operatorId === id) throw new AppError('CONFLICT', `“${cur.name}”是当前操作员，不能删除自己；请先切换操作员`);
    const rest = repo.listOperatorRows(db).filter((x) => x.id !== id);
    if (writers(rest) === 0) throw new AppError('CONFLICT', `删除“${cur.name}”后将没有录入员或审核人，无人能修改数据，不能删除`);
    repo.deleteOperator(db, id);
    appendChanges(db, ctx.session.operator, nowIso(ctx), [{ action: '删除', entity: 'operator', entityId: id, oldValue: `${cur.name}（${cur.role}）` }]);
    return { removed: 1 };
  });
}

export function login(ctx: Ctx, operatorId: number, password: string | undefined): Session {
  const op = repo.findOperator(ctx.db, operatorId);
  if (!op) throw notFound('操作员', operatorId);
  if (op.password_hash) {
    if (!password) throw new AppError('VALIDATION', `请输入“${op.name}”的密码`, [{ path: 'password', message: `请输入“${op.name}”的密码` }]);
    if (!verifyPassword(password, op.password_hash)) throw new AppError('VALIDATION', '密码不正确', [{ path: 'password', message: '密码不正确' }]);
  }
  ctx.session = { operatorId: op.id, operator: op.name, role: op.role as Session['role'] };
  return currentSession(ctx);
}

export function currentSession(ctx: Ctx): Session {
  const { operatorId, operator, role } = ctx.session;
  return { operatorId: operatorId ?? null, operator, role, loggedIn: operatorId != null };
}
