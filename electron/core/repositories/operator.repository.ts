import type { Operator } from '../../../shared/schemas/operator.ts';
import type { Db } from '../db/connection.ts';

type Row = {
  id: number;
  name: string;
  role: string;
  password_hash: string | null;
  created_at: string;
  failed_logins: number;
  locked_until: string | null;
};
const COLUMNS = ['id', 'name', 'role', 'password_hash', 'created_at', 'failed_logins', 'locked_until'] as const;

export const toOperator = (r: Row): Operator => ({
  id: r.id,
  name: r.name,
  role: r.role as Operator['role'],
  hasPassword: r.password_hash !== null,
  createdAt: r.created_at,
});

export function listOperatorRows(db: Db): Row[] {
  return db.all(db.q.selectFrom('operator').select(COLUMNS).where('active', '=', 1).orderBy('id'));
}

export function findOperator(db: Db, id: number): Row | undefined {
  return db.first(db.q.selectFrom('operator').select(COLUMNS).where('id', '=', id).where('active', '=', 1));
}

export function findOperatorByName(db: Db, name: string): { id: number } | undefined {
  return db.first(db.q.selectFrom('operator').select('id').where('name', '=', name));
}

export function insertOperator(
  db: Db,
  o: { name: string; role: string; password_hash: string | null; created_at: string },
): number {
  return db.run(db.q.insertInto('operator').values(o)).lastInsertRowid;
}

export function updateOperator(
  db: Db,
  id: number,
  o: { name: string; role: string; password_hash: string | null },
): void {
  db.run(db.q.updateTable('operator').set(o).where('id', '=', id));
}

export function deleteOperator(db: Db, id: number): void {
  db.run(db.q.deleteFrom('operator').where('id', '=', id));
}

/** Active 管理员 with a password: none means the ledger still needs its first run. */
export function countAdmins(db: Db): number {
  const r = db.first(
    db.q
      .selectFrom('operator')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('role', '=', '管理员')
      .where('active', '=', 1)
      .where('password_hash', 'is not', null),
  );
  return Number(r?.n ?? 0);
}

export function findOperatorRowByName(db: Db, name: string): Row | undefined {
  return db.first(db.q.selectFrom('operator').select(COLUMNS).where('name', '=', name).where('active', '=', 1));
}

/** Wrong-password bookkeeping, kept in the ledger so that a restart does not reset it. */
export function setLoginFailures(db: Db, id: number, failedLogins: number, lockedUntil: string | null): void {
  db.run(
    db.q.updateTable('operator').set({ failed_logins: failedLogins, locked_until: lockedUntil }).where('id', '=', id),
  );
}
