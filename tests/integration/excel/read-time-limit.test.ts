/**
 * The parser's time limit: a read that does not finish in time is stopped with the Chinese TIMEOUT message (which
 * names the limit the code applies), the worker is replaced, and the next read of the same file succeeds.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readWorkbookBytes, stopParseWorker } from '../../../electron/core/excel/import/read.ts';
import { LIMITS, PARSE_FAILURE_MESSAGES } from '../../../electron/core/excel/import/sheet-data.ts';
import { CORPUS_ROOT } from '../../helpers/corpus.ts';

afterAll(() => stopParseWorker());

describe('reading a workbook off the main thread, within a time limit', () => {
  const dir = join(CORPUS_ROOT, 'chinese');
  const name = readdirSync(dir).find((f) => f.endsWith('.xlsx'))!;
  const bytes = new Uint8Array(readFileSync(join(dir, name)));

  it('stops a read that takes longer than the limit, then reads the file with a fresh worker', async () => {
    // 1 ms: the worker cannot even start in that time, so this read is always over the limit.
    expect(await readWorkbookBytes(bytes, 1)).toEqual({ ok: false, kind: 'TIMEOUT' });
    const again = await readWorkbookBytes(bytes);
    expect(again.ok).toBe(true);
  });

  it('leaves the caller’s bytes as they were, whether a Buffer of its own or a view into Node’s shared pool', async () => {
    // A Buffer's slice() is a view: handing its memory to the worker emptied the caller's file.
    const own = readFileSync(join(dir, name));
    const before = own.length;
    expect((await readWorkbookBytes(own)).ok).toBe(true);
    expect(own.length).toBe(before);
    // A small file decoded from base64 sits in the pool, which Node 22 (Electron's) refuses to hand over.
    const small = Buffer.from(Buffer.from('名称,总投资\n道路硬化,12\n').toString('base64'), 'base64');
    expect(small.buffer.byteLength).toBeGreaterThan(small.length);
    const read = await readWorkbookBytes(small);
    expect(read.ok).toBe(true);
    expect(small.toString()).toContain('道路硬化');
  });

  it('gives a busy office PC a minute, and says so in the message', () => {
    expect(LIMITS.timeoutMs).toBe(60_000);
    expect(PARSE_FAILURE_MESSAGES.TIMEOUT).toContain(`超过 ${LIMITS.timeoutMs / 1000} 秒`);
  });
});
