// What the ledger file keeps is decoded only when it can be patched (figures-state.ts keep, StoredKept): after more
// writes than a patch takes (an import of thousands of projects) the kept rows were decoded and then dropped, a third
// of a second of a county import's commit. Checked on a real ledger and its journal: the file's value is read exactly
// when it is used, and the answer is the same either way.
import { expect, it } from 'vitest';
import { journalSeq } from '../../electron/core/repositories/figure-store.repository.ts';
import { keep } from '../../electron/core/services/figures-state.ts';
import { createProject, parseProjectInput } from '../../electron/core/services/project.service.ts';
import { tempCore } from '../helpers/temp-core.ts';

it('the file’s kept value is decoded only when few enough projects were written since to patch it', async () => {
  const t = await tempCore({ autoBackup: false });
  try {
    const { db } = t.core.ctx;
    const add = (n: number, from: number) =>
      db.tx(() => {
        for (let i = 0; i < n; i++)
          createProject(
            t.core.ctx,
            parseProjectInput({
              name: `工程${from + i}号`,
              planYear: 2017,
              location: '镇区',
              scope: '硬化',
              totalWan: '1',
            }),
          );
      });
    const count = () =>
      db.sqlite.prepare('SELECT count(*) FROM project WHERE deleted_at IS NULL').pluck().get() as number;
    const calls = { read: 0, full: 0, patch: 0 };
    const ask = (fileSeq: number, key: string) =>
      keep<number>(
        db,
        'lazy-test',
        key,
        () => (calls.full++, count()),
        (old, written) => (calls.patch++, old + written.length),
        () => ({ seq: fileSeq, read: () => (calls.read++, 0) }),
      );

    const before = journalSeq(db);
    add(3, 0);
    const few = ask(before, 'a');
    expect(calls).toEqual({ read: 1, full: 0, patch: 1 });
    expect(few).toMatchObject({ how: 'patched', from: 'file', value: 3 });

    const seq = journalSeq(db);
    add(501, 3);
    const many = ask(seq, 'b');
    expect(calls).toEqual({ read: 1, full: 1, patch: 1 });
    expect(many).toMatchObject({ how: 'full', from: 'none', value: 504 });
  } finally {
    t.cleanup();
  }
});
