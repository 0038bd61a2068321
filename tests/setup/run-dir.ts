/**
 * Vitest globalSetup: one temp folder for the whole run, where things built once per run are kept (the Electron
 * bundle's "built" mark, see tests/helpers/built-electron.ts). It is handed to the test files through the
 * environment, which the worker processes inherit; both projects of vitest.config.ts run this setup, and the
 * second reuses the first's folder so that they share what was built.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const RUN_DIR_ENV = 'TOWN_LEDGER_TEST_RUN_DIR';

export default function setup(): () => void {
  if (process.env[RUN_DIR_ENV]) return () => {};
  const dir = mkdtempSync(join(tmpdir(), 'town-ledger-vitest-run-'));
  process.env[RUN_DIR_ENV] = dir;
  return () => {
    rmSync(dir, { recursive: true, force: true });
    delete process.env[RUN_DIR_ENV];
  };
}
