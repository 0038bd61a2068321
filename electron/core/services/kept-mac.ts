/**
 * The keyed checks on the figures kept in the ledger file (migration 0015_figure_store_mac.ts). Those tables are
 * derived and left out of the row seals (row-seal.ts DERIVED_STORE_TABLES), so without a check of their own a kept
 * 总览 edited with a SQLite tool was shown to a 领导 as it was, with every seal intact. Each kept value now carries a
 * MAC under the connection's seal key; a reader that finds it wrong (or missing) computes from the ledger instead
 * and says so in the log. Only what the program itself wrote can carry a right MAC: the key is not in the file.
 *
 * - The head of a period (its 总览, the words the rows are written with, the journal position): one MAC over it and
 *   over `rows_mac`, so the 总览 is checked without reading a single row (its budget is 50 ms on a county's ledger).
 * - The rows: each row's data has a digest (SHA-256, unkeyed) kept beside its place, light and sort; `rows_mac` is
 *   one streamed MAC over all of those in order. A reader of all rows hashes each row's data (about a tenth of
 *   decoding it) and streams the places; the 红黄绿灯 page streams the index it reads anyway and hashes only the
 *   rows it decodes. One HMAC per row instead cost five times the hashing (createHmac per call).
 * - The 资金 figures: one MAC over the kept text.
 */
import { createHmac, hash } from 'node:crypto';
import { rowMac, sealKeyOf } from '../audit/row-seal.ts';
import type { Db } from '../db/connection.ts';
import type { StoreHead } from '../repositories/figure-store.repository.ts';

/** The key the kept figures are checked with: the seal key of this connection (none: nothing kept is used). */
export const keptKey = (db: Db): Buffer | undefined => sealKeyOf(db.sqlite);

/** A kept row's data digest: the first 16 bytes of its SHA-256, as hex (unkeyed: `rows_mac` binds it to the key). */
export const rowDigest = (data: string): string => hash('sha256', data, 'hex').slice(0, 32);

/** What `rows_mac` covers of a row, besides its data's digest: where it is and what the index says of it. */
export type KeptRowPlace = readonly [
  pos: number,
  projectId: number,
  level: string | null,
  isParent: number,
  sort: number,
  digest: string | null,
];

/** Rows fed in order (as they are read), the MAC at the end: no array of 20,000 tuples is built for it. */
export interface RowsMac {
  add(row: KeptRowPlace): void;
  done(): string;
}

const BATCH = 512;

export function rowsMac(key: Buffer, period: string): RowsMac {
  const h = createHmac('sha256', key).update(`${Buffer.byteLength(period)}:${period}`);
  let text = '';
  let n = 0;
  return {
    add([pos, projectId, level, isParent, sort, digest]) {
      // Every field is an integer, a light word or hex: commas and semicolons cannot occur inside one.
      text += `${pos},${projectId},${level ?? '-'},${isParent},${sort},${digest ?? '-'};`;
      if (++n % BATCH === 0) {
        h.update(text);
        text = '';
      }
    },
    done() {
      return h.update(text).update(`#${n}`).digest('hex').slice(0, 32);
    },
  };
}

/** What the head's MAC covers: the head as kept, less the MAC itself. */
export type KeptHead = Omit<StoreHead, 'mac'>;

export const headMac = (key: Buffer, h: KeptHead): string =>
  rowMac(key, 'figure_store', h.period, [BigInt(h.seq), h.env, h.layout, h.dashboard, h.rowsMac]).toString();

export const fundMac = (key: Buffer, asOf: string, seq: number, data: string): string =>
  rowMac(key, 'fund_store', asOf, [BigInt(seq), data]).toString();

const logs = new WeakMap<Db, (message: string) => void>();
const refused = new WeakMap<Db, Set<string>>();

/** Where this connection's readers say that a kept value was not used (the core's log). */
export function setKeptLog(db: Db, log: (message: string) => void): void {
  logs.set(db, log);
}

/**
 * A kept value (`what`: 2017年9月总览与各项目数字) whose MAC does not match: not used. Said once per value and
 * connection until the value is written again — a 领导 reloading the 总览 must not fill the log.
 */
export function keptRefused(db: Db, what: string): void {
  let said = refused.get(db);
  if (!said) refused.set(db, (said = new Set()));
  if (said.has(what)) return;
  said.add(what);
  logs.get(db)?.(`统计数字缓存（${what}）的校验码不符，未使用，已按台账重新计算；可能在程序之外被改动，请运行“校验”`);
}

/** Whether a reader on this connection refused the kept value `what` (the next write then writes it afresh). */
export const refusedBefore = (db: Db, what: string): boolean => refused.get(db)?.has(what) ?? false;

/** After `what` was written afresh: a later refusal is news again. */
export function forgetRefused(db: Db, what: string): void {
  refused.get(db)?.delete(what);
}
