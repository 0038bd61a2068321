// 0016: the 登录记录 — every sign-in event (success, wrong password, lock, refused while locked, sign-out, idle
// sign-out) with the operator, the time and the shell it came through, so that a 管理员 can see who tried to get in.
// A table of its own, not the change log: a failed sign-in changes no ledger data, and the 修改记录 stays a record of
// data changes. Like every ledger table it is sealed row by row (audit/row-seal.ts picks up new tables), so a row
// edited, added or deleted behind the app's back shows in 核对数据; it lives in the ledger file, so backups carry it.
// operator_id has no foreign key: the record outlives an operator who is deleted. Frozen SQL.
import type { SqliteDb } from '../connection.ts';

export function up(db: SqliteDb): void {
  db.exec(`CREATE TABLE sign_in_log (
     id INTEGER PRIMARY KEY,
     at TEXT NOT NULL,
     operator_id INTEGER,
     operator TEXT NOT NULL,
     event TEXT NOT NULL CHECK (event IN
       ('登录成功','密码错误','账户锁定','登录被拒（账户锁定中）','退出登录','因长时间未操作退出')),
     failed_count INTEGER CHECK (failed_count IS NULL OR failed_count > 0),
     locked_until TEXT,
     last_active_at TEXT,
     shell TEXT NOT NULL CHECK (shell IN ('桌面程序','浏览器模式','命令行','其他'))
   ) STRICT`);
  db.exec(`CREATE INDEX sign_in_log_at ON sign_in_log (at)`);
}
