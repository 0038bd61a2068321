/**
 * Child process for the start-up fault tests: opens the ledger through the real core, as the app does at
 * start, and prints one JSON line: {"ok":true} or the error's {code, message}. Used where the fault needs
 * another process (a different user for a permission problem).
 *   node open-ledger.mjs DBFILE
 */
import { createCore } from '../../electron/core/index.ts';

const [file] = process.argv.slice(2);
try {
  const core = await createCore({ dbPath: file!, autoBackup: false, log: () => {} });
  core.close();
  process.stdout.write(`${JSON.stringify({ ok: true })}\n`);
} catch (e) {
  process.stdout.write(
    `${JSON.stringify({ ok: false, code: (e as { code?: string }).code, message: (e as Error).message })}\n`,
  );
}
