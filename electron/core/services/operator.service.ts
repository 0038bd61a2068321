/**
 * Operators (操作员) and the session. Every session starts signed out; session:login with the operator's
 * password signs in, and the role then decides what may be called (shared/ipc/permissions.ts, checked in
 * handleCall). Every operator has a password — sign-in is all that stands between the keyboard and the
 * ledger — hashed with scrypt (node:crypto) and a random salt, compared in constant time, never sent back.
 * Five wrong passwords in a row lock the operator for 15 minutes; the count and the lock are kept in the
 * ledger so that restarting the app does not reset them.
 */
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import type { OperatorRole } from '../../../shared/domain/vocab.ts';
import type { Operator, OperatorSave, Session } from '../../../shared/schemas/operator.ts';
import { appendChanges, type ChangeEntry } from '../audit/change-log.ts';
import { formatBeijingTime } from '../../../shared/domain/dates.ts';
import { nowIso, SIGNED_OUT, type Ctx } from '../context.ts';
import { AppError, notFound, validationError } from '../errors.ts';
import * as repo from '../repositories/operator.repository.ts';
import { idleLimitMs } from './idle-setting.service.ts';
import { idleSignOut } from '../session-idle.ts';
import { recordSignIn } from './sign-in-log.service.ts';

const KEY_LEN = 32;
export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;
export const MIN_PASSWORD_LENGTH = 6;

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

const admins = (ops: { role: string; password_hash: string | null }[]) =>
  ops.filter((o) => o.role === '管理员' && o.password_hash).length;

function checkPassword(password: string): void {
  if ([...password].length < MIN_PASSWORD_LENGTH)
    throw validationError([{ path: 'password', message: `密码至少${MIN_PASSWORD_LENGTH}个字符` }]);
}

export function saveOperator(ctx: Ctx, o: OperatorSave): Operator {
  const { db } = ctx;
  return db.tx(() => {
    const clash = repo.findOperatorByName(db, o.name);
    if (clash && clash.id !== o.id)
      throw validationError([{ path: 'name', message: `操作员“${o.name}”已存在，姓名不能重复` }]);
    if (o.removePassword)
      throw validationError([{ path: 'password', message: '每位操作员都须有登录密码，不能清除；可设置新密码' }]);
    if (o.password) checkPassword(o.password);
    const all = repo.listOperatorRows(db);
    const at = nowIso(ctx);
    const newHash = o.password ? hashPassword(o.password) : null;
    let id: number;
    if (o.id === null) {
      if (!newHash) throw validationError([{ path: 'password', message: `请为“${o.name}”设置登录密码` }]);
      id = repo.insertOperator(db, { name: o.name, role: o.role, password_hash: newHash, created_at: at });
      appendChanges(db, ctx.session.operator, at, [
        { action: '新增', entity: 'operator', entityId: id, newValue: `${o.name}（${o.role}）` },
      ]);
    } else {
      const cur = repo.findOperator(db, o.id);
      if (!cur) throw notFound('操作员', o.id);
      const hash = newHash ?? cur.password_hash;
      const after = all.map((x) => (x.id === o.id ? { ...x, role: o.role, password_hash: hash } : x));
      if (admins(after) === 0 && admins(all) > 0)
        throw validationError([{ path: 'role', message: '至少要保留一位管理员，否则无人能管理操作员' }]);
      repo.updateOperator(db, o.id, { name: o.name, role: o.role, password_hash: hash });
      // A new password set by the 管理员 also lifts a lock from wrong passwords.
      if (newHash) repo.setLoginFailures(db, o.id, 0, null);
      const entries: ChangeEntry[] = [];
      if (cur.name !== o.name)
        entries.push({
          action: '修改',
          entity: 'operator',
          entityId: o.id,
          field: 'name',
          oldValue: cur.name,
          newValue: o.name,
        });
      if (cur.role !== o.role)
        entries.push({
          action: '修改',
          entity: 'operator',
          entityId: o.id,
          field: 'role',
          oldValue: cur.role,
          newValue: o.role,
        });
      if (hash !== cur.password_hash)
        entries.push({
          action: '修改',
          entity: 'operator',
          entityId: o.id,
          field: 'password',
          oldValue: cur.password_hash ? '已设置' : '未设置',
          newValue: '已设置（已更换）',
        });
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
    if (ctx.session.operatorId === id)
      throw new AppError('CONFLICT', `“${cur.name}”是当前操作员，不能删除自己；请先切换操作员`);
    const all = repo.listOperatorRows(db);
    const rest = all.filter((x) => x.id !== id);
    if (admins(rest) === 0 && admins(all) > 0)
      throw new AppError('CONFLICT', `删除“${cur.name}”后将没有管理员，无人能管理操作员，不能删除`);
    repo.deleteOperator(db, id);
    appendChanges(db, ctx.session.operator, nowIso(ctx), [
      { action: '删除', entity: 'operator', entityId: id, oldValue: `${cur.name}（${cur.role}）` },
    ]);
    return { removed: 1 };
  });
}

export function login(ctx: Ctx, operatorId: number, password: string | undefined): Session {
  const { db } = ctx;
  const op = repo.findOperator(db, operatorId);
  if (!op) throw notFound('操作员', operatorId);
  const now = ctx.now();
  const who = { operatorId: op.id, operator: op.name };
  // Each refusal below that concerns the password is written to the 登录记录 in a transaction of its own, committed
  // before the throw: nothing rolls it back with the refusal.
  if (op.locked_until && op.locked_until > now.toISOString()) {
    db.tx(() => recordSignIn(ctx, '登录被拒（账户锁定中）', { ...who, lockedUntil: op.locked_until! }));
    throw new AppError(
      'FORBIDDEN',
      `“${op.name}”已连续${MAX_FAILED_LOGINS}次输错密码，账户锁定至${formatBeijingTime(op.locked_until)}（北京时间），请届时再试或请管理员重设密码`,
    );
  }
  if (!op.password_hash)
    throw new AppError('FORBIDDEN', `“${op.name}”尚未设置登录密码，请管理员在“设置 → 操作员”中为其设置密码后再登录`);
  if (!password)
    throw new AppError('VALIDATION', `请输入“${op.name}”的密码`, [
      { path: 'password', message: `请输入“${op.name}”的密码` },
    ]);
  if (!verifyPassword(password, op.password_hash)) {
    // A lock that has run out starts a fresh count.
    const failed = (op.locked_until ? 0 : op.failed_logins) + 1;
    if (failed >= MAX_FAILED_LOGINS) {
      const until = new Date(now.getTime() + LOCK_MINUTES * 60_000).toISOString();
      db.tx(() => {
        repo.setLoginFailures(db, op.id, 0, until);
        recordSignIn(ctx, '密码错误', { ...who, failedCount: failed });
        recordSignIn(ctx, '账户锁定', { ...who, lockedUntil: until });
      });
      const message = `密码不正确。“${op.name}”已连续${MAX_FAILED_LOGINS}次输错密码，账户锁定至${formatBeijingTime(until)}（北京时间）`;
      throw new AppError('FORBIDDEN', message, [{ path: 'password', message }]);
    }
    db.tx(() => {
      repo.setLoginFailures(db, op.id, failed, null);
      recordSignIn(ctx, '密码错误', { ...who, failedCount: failed });
    });
    const message = `密码不正确（再输错${MAX_FAILED_LOGINS - failed}次，账户将锁定${LOCK_MINUTES}分钟）`;
    throw new AppError('VALIDATION', message, [{ path: 'password', message }]);
  }
  db.tx(() => {
    if (op.failed_logins !== 0 || op.locked_until) repo.setLoginFailures(db, op.id, 0, null);
    startSession(ctx, { id: op.id, name: op.name, role: op.role as OperatorRole });
  });
  return currentSession(ctx);
}

/**
 * Signs an operator in — by password (login) or as the 管理员 the first run just created (app:onboard): 登录成功 in
 * the 登录记录, and a session whose idle clock starts now with the limit now in force (session-idle.ts). Call inside
 * the caller's transaction, so that a sign-in that is rolled back leaves no record of itself.
 */
export function startSession(ctx: Ctx, op: { id: number; name: string; role: OperatorRole }): void {
  // 切换操作员: the session handed over ends here, and the record says so.
  const { operatorId, operator } = ctx.session;
  if (operatorId != null) recordSignIn(ctx, '退出登录', { operatorId, operator });
  recordSignIn(ctx, '登录成功', { operatorId: op.id, operator: op.name });
  ctx.session = {
    operatorId: op.id,
    operator: op.name,
    role: op.role,
    idle: { lastActiveAt: ctx.now().getTime(), limitMs: idleLimitMs(ctx) },
  };
}

/** 退出登录: written to the 登录记录 when a real operator was signed in (the CLI's local role has no sign-in). */
export function logout(ctx: Ctx): Session {
  const { operatorId, operator } = ctx.session;
  if (operatorId != null) ctx.db.tx(() => recordSignIn(ctx, '退出登录', { operatorId, operator }));
  ctx.session = SIGNED_OUT;
  return currentSession(ctx);
}

/**
 * The program closing with an operator signed in (the window closed, the app quit, browser mode stopped): their
 * session ends here, so the 登录记录 says 退出登录 then instead of leaving the session open for ever. A ledger that
 * cannot be written now (a full disk, a read-only copy) must not stop the close: the record is then left out.
 */
export function signOutAtClose(ctx: Ctx): void {
  try {
    // A session that lapsed while nobody called (the window closed after the PC sat idle) ended at its limit.
    idleSignOut(ctx, 'session:current');
    const { operatorId, operator } = ctx.session;
    if (operatorId == null) return;
    ctx.session = SIGNED_OUT;
    ctx.db.tx(() => recordSignIn(ctx, '退出登录', { operatorId, operator }));
  } catch {
    // closing goes on: the record is the only thing lost
  }
}

/** The first 管理员, created by the first run (app:onboard) or `init --admin`; refused once there is one. */
export function createFirstAdmin(ctx: Ctx, name: string, password: string): Operator {
  if (repo.countAdmins(ctx.db) > 0) throw new AppError('FORBIDDEN', '台账已有管理员，不能再创建“首位管理员”');
  const byName = repo.findOperatorRowByName(ctx.db, name);
  checkPassword(password);
  if (byName) {
    // An operator of an older ledger (passwords were optional then) becomes its 管理员.
    return saveOperator(ctx, { id: byName.id, name, role: '管理员', password, removePassword: false });
  }
  return saveOperator(ctx, { id: null, name, role: '管理员', password, removePassword: false });
}

export function currentSession(ctx: Ctx): Session {
  const { operatorId, operator, role } = ctx.session;
  return { operatorId: operatorId ?? null, operator, role, loggedIn: role !== null };
}
