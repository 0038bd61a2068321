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

  it('gives a busy office PC a minute, and says so in the message', () => {
    expect(LIMITS.timeoutMs).toBe(60_000);
    expect(PARSE_FAILURE_MESSAGES.TIMEOUT).toContain(`超过 ${LIMITS.timeoutMs / 1000} 秒`);
  });
});
