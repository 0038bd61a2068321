/**
 * Crash safety: a child writing in a loop is SIGKILLed at random moments, many times, on the same file.
 * After each kill every commit the child acknowledged is present and integrity_check is ok.
 * CRASH_ITERATIONS raises the number of kills (default 10 keeps CI bounded); CRASH_SEED replays a run.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createCore } from '../../../electron/core/index.ts';
import { verifyDatabase } from '../../../electron/cli/commands/safety.ts';
import { inspect, removeWriter, runAndKill, seeded } from '../../helpers/crash.ts';
import { tempDir } from '../../helpers/temp-core.ts';

const ITERATIONS = Number(process.env.CRASH_ITERATIONS ?? 10);
const SEED = Number(process.env.CRASH_SEED ?? 20171008);
const tmp = tempDir('ledger-crash-');
afterAll(async () => {
  tmp.cleanup();
  await removeWriter();
});

describe('SIGKILL during writes', () => {
  it(
    `keeps every acknowledged commit over ${ITERATIONS} random kills (seed ${SEED})`,
    { timeout: 120_000 },
    async () => {
      const file = join(tmp.dir, 'crash.db');
      (await createCore({ dbPath: file, autoBackup: false, log: () => {} })).close();
      const random = seeded(SEED);
      const acknowledged: string[] = [];
      for (let run = 1; run <= ITERATIONS; run++) {
        const delayMs = 50 + Math.floor(random() * 350);
        const r = await runAndKill([file, 'loop', String(run)], { delayMs });
        expect(r.signal).toBe('SIGKILL');
        acknowledged.push(...r.lines.filter((l) => l.startsWith('ack ')).map((l) => l.slice(4)));
        const state = inspect(file);
        expect(state.integrity, `run ${run}, kill after ${delayMs}ms`).toBe('ok');
        const missing = acknowledged.filter((n) => !state.names.has(n));
        expect(missing, `run ${run}: acknowledged but lost`).toEqual([]);
      }
      expect(acknowledged.length).toBeGreaterThan(ITERATIONS); // the kills did land in the middle of writing
      // The app opens the crashed file normally and the change-log chain is intact.
      const core = await createCore({ dbPath: file, autoBackup: false, log: () => {} });
      core.close();
      expect(verifyDatabase(file)).toMatchObject({ ok: true, integrity: 'ok', foreignKeys: 0 });
    },
  );
});

describe('SIGKILL in the middle of an import', () => {
  it('leaves all rows or none, never part of an import', { timeout: 60_000 }, async () => {
    const file = join(tmp.dir, 'import.db');
    (await createCore({ dbPath: file, autoBackup: false, log: () => {} })).close();
    const random = seeded(SEED + 1);
    const ROWS = 5000;
    let killedMidway = 0;
    for (let run = 1; run <= 3; run++) {
      const at = 250 * (1 + Math.floor(random() * 18)); // a progress line between 250 and 4500
      const r = await runAndKill([file, 'import', String(run), String(ROWS)], {
        killWhen: (l) => l === `progress ${at}`,
      });
      const state = inspect(file, `导入${run}-%`);
      expect(state.integrity).toBe('ok');
      const n = state.matching;
      expect([0, ROWS]).toContain(n);
      if (!r.lines.includes('done')) {
        expect(n).toBe(0);
        killedMidway++;
      }
    }
    expect(killedMidway).toBeGreaterThan(0);
    // Nothing half-written in the change log either: no import rows without their projects.
    const end = inspect(file, '导入%');
    expect(end.logCount).toBe(end.matching);
    expect(verifyDatabase(file).ok).toBe(true);
  });
});
