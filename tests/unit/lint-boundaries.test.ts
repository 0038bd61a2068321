import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();
async function errors(filePath: string, code: string) {
  const [r] = await eslint.lintText(code, { filePath });
  return r!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layer boundaries are enforced by lint', () => {
  it.each([
    ['shared/domain/x.ts', "import { readFileSync } from 'node:fs'; export const a = readFileSync;"],
    ['shared/domain/x.ts', "import { app } from 'electron'; export const a = app;"],
    ['shared/domain/x.ts', "import { createCore } from '../../electron/core/index.ts'; export const a = createCore;"],
    ['renderer/src/x.ts', "import { createCore } from '../../electron/core/index.ts'; export const a = createCore;"],
    ['renderer/src/x.ts', "import Database from 'better-sqlite3'; export const a = Database;"],
    ['electron/core/x.ts', "import { app } from 'electron'; export const a = app;"],
    ['electron/core/x.ts', "import { NAV } from '../../renderer/src/app/nav.tsx'; export const a = NAV;"],
    ['electron/web/x.ts', "import { app } from 'electron'; export const a = app;"],
    ['electron/web/x.ts', "import { tempCore } from '../../tests/helpers/temp-core.ts'; export const a = tempCore;"],
    ['electron/preload/x.ts', "import { contract } from '../../shared/ipc/contract.ts'; export const a = contract;"],
    ['electron/printing/x.ts', "import { BrowserWindow } from 'electron'; export const a = BrowserWindow;"],
    ['electron/printing/x.ts', "import { runCli } from '../cli/main.ts'; export const a = runCli;"],
    [
      'electron/core/x.ts',
      "import { chromiumPrinter } from '../printing/chromium-printer.ts'; export const a = chromiumPrinter;",
    ],
    ['electron/core/x.ts', "import { chromium } from 'playwright-core'; export const a = chromium;"],
    ['electron/core-host/x.ts', "import { utilityProcess } from 'electron'; export const a = utilityProcess;"],
    ['electron/core-host/x.ts', "import { startWebServer } from '../web/server.ts'; export const a = startWebServer;"],
    [
      'electron/core-host/x.ts',
      "import { chromiumPrinter } from '../printing/chromium-printer.ts'; export const a = chromiumPrinter;",
    ],
    // Main never runs the core in its own process: it goes through the core host.
    ['electron/main/x.ts', "import { handleCall } from '../core/handle-call.ts'; export const a = handleCall;"],
    ['electron/main/x.ts', "import { createCore } from '../core/index.ts'; export const a = createCore;"],
    ['electron/main/x.ts', "import Database from 'better-sqlite3'; export const a = Database;"],
    ['electron/main/x.ts', "import { startWebServer } from '../web/server.ts'; export const a = startWebServer;"],
  ])('%s rejects: %s', async (file, code) => {
    expect((await errors(file, code)).length).toBeGreaterThan(0);
  });

  it.each([
    ['renderer/src/x.ts', "import { formatWan } from '../../shared/domain/money.ts'; export const a = formatWan;"],
    [
      'electron/core/x.ts',
      "import Database from 'better-sqlite3'; import { join } from 'node:path'; export const a = [Database, join];",
    ],
    ['electron/main/x.ts', "import { app } from 'electron'; export const a = app;"],
    [
      'electron/printing/x.ts',
      "import { spawn } from 'node:child_process'; import { AppError } from '../core/errors.ts'; export const a = [spawn, AppError];",
    ],
    [
      'electron/cli/x.ts',
      "import { chromiumPrinter } from '../printing/chromium-printer.ts'; export const a = chromiumPrinter;",
    ],
    ['electron/core-host/x.ts', "import { handleCall } from '../core/handle-call.ts'; export const a = handleCall;"],
    [
      'electron/main/x.ts',
      "import { CoreHostClient } from '../core-host/client.ts'; import { resolveDbPath } from '../core/paths.ts'; export const a = [CoreHostClient, resolveDbPath];",
    ],
  ])('%s allows: %s', async (file, code) => {
    expect(await errors(file, code)).toEqual([]);
  });
});
