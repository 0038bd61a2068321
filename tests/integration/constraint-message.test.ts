import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { toErrorBody } from '../../electron/core/handle-call.ts';

/** What a clerk reads when SQLite refuses a row: Chinese, naming the field by its registry label, no English. */
describe('约束错误的提示', () => {
  const failWith = (sql: string[]): unknown => {
    const db = new Database(':memory:');
    try {
      for (const s of sql) db.exec(s);
    } catch (e) {
      return e;
    } finally {
      db.close();
    }
    throw new Error('expected a constraint error');
  };

  it('重复的项目编号：说出字段的中文名，不带 SQLite 的英文原文', () => {
    const err = failWith([
      `CREATE TABLE project (id INTEGER PRIMARY KEY, code TEXT UNIQUE)`,
      `INSERT INTO project (code) VALUES ('A1')`,
      `INSERT INTO project (code) VALUES ('A1')`,
    ]);
    const body = toErrorBody(err, () => {});
    expect(body).toEqual({ code: 'VALIDATION', message: '数据不符合约束，未保存（与已有记录重复：项目编号）' });
  });

  it('未登记的列：只说约束的种类，不露出表名列名', () => {
    const err = failWith([`CREATE TABLE zz_internal (k TEXT NOT NULL)`, `INSERT INTO zz_internal (k) VALUES (NULL)`]);
    const body = toErrorBody(err, () => {});
    expect(body.message).toBe('数据不符合约束，未保存（缺少必填项）');
    expect(body.message).not.toMatch(/[A-Za-z]/);
  });
});
