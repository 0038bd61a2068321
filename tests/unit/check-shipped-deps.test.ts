/** The CI check on out/ (scripts/check-shipped-deps.ts), on fixture bundles written the way the bundler writes them. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkShippedDeps, moduleReferences, packageName } from '../../scripts/check-shipped-deps.ts';
import { tempDir } from '../helpers/temp-core.ts';

const pkg = {
  dependencies: { 'better-sqlite3': '1', zod: '1', '@ant-design/icons': '1', echarts: '1' },
  devDependencies: { 'playwright-core': '1', tsx: '1' },
};

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function outDir(files: Record<string, string>): string {
  const t = tempDir('shipped-deps-');
  cleanups.push(t.cleanup);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(t.dir, name, '..'), { recursive: true });
    writeFileSync(join(t.dir, name), text);
  }
  return t.dir;
}

describe('check-shipped-deps', () => {
  it('flags a bundle that imports a devDependency, statically or dynamically, and names it in Chinese', () => {
    const dir = outDir({
      'main/index.js': 'import { chromium } from "playwright-core";\nexport const a = chromium;\n',
      'main/chunks/pdf-x.js': 'export const load = () => import("playwright-core").then((m) => m.chromium);\n',
      'preload/index.cjs': 'let electron = require("electron");\n',
    });
    const { files, violations } = checkShippedDeps(dir, pkg);
    expect(files).toHaveLength(3);
    expect(violations.map((v) => [v.file.slice(dir.length + 1), v.line, v.kind, v.specifier])).toEqual([
      ['main/chunks/pdf-x.js', 1, 'dynamic import', 'playwright-core'],
      ['main/index.js', 1, 'import', 'playwright-core'],
    ]);
    expect(violations[0]!.reason).toContain('只是开发依赖（devDependencies）');
  });

  it('passes built-ins, electron, runtime dependencies with subpaths and scopes, and files that exist beside the bundle', () => {
    const dir = outDir({
      'main/index.js': [
        'import { readFile } from "node:fs/promises";',
        'import { join } from "path";',
        'import { mkdir } from "fs/promises";',
        'import { app } from "electron";',
        'import Database from "better-sqlite3";',
        'import { zhCN } from "zod/v4/locales";',
        'import { HomeOutlined } from "@ant-design/icons";',
        'import { x } from "./chunks/x-1.js";',
        'export { y } from "./chunks/x-1.js";',
        'var echarts = () => loaded ??= createRequire(import.meta.url)("echarts");',
        // Text that only looks like an import: the worker boot string of spawn-worker.ts.
        'const boot = `import(${JSON.stringify(api)}).then(() => import("playwright-core"))`;',
        'const s = "require(\\"tsx\\")";',
      ].join('\n'),
      'main/chunks/x-1.js': 'export const x = 1, y = 2;\n',
    });
    expect(checkShippedDeps(dir, pkg).violations).toEqual([]);
  });

  it('flags an undeclared package, a lazy require of a devDependency, a missing chunk and a computed name', () => {
    const dir = outDir({
      'main/index.js': [
        'const a = require("left-pad");',
        'const b = createRequire(import.meta.url)("tsx");',
        'const c = __require("@playwright/test");',
        'import "./chunks/gone.js";',
        'const d = await import(name);',
      ].join('\n'),
    });
    const v = checkShippedDeps(dir, pkg).violations;
    expect(v.map((x) => [x.kind, x.specifier])).toEqual([
      ['require', 'left-pad'],
      ['require', 'tsx'],
      ['require', '@playwright/test'],
      ['import', './chunks/gone.js'],
      ['dynamic import', null],
    ]);
    expect(v[0]!.reason).toContain('不在 package.json 的 dependencies 中');
    expect(v[1]!.reason).toContain('开发依赖');
    expect(v[3]!.reason).toContain('不在构建输出中');
    expect(v[4]!.reason).toContain('无法检查');
  });

  it('reads package names from specifiers', () => {
    expect(packageName('@scope/pkg/sub/path.js')).toBe('@scope/pkg');
    expect(packageName('xlsx/dist/cpexcel.full.mjs')).toBe('xlsx');
    expect(moduleReferences('export * from "kysely";')).toEqual([{ kind: 'export', specifier: 'kysely', line: 1 }]);
  });
});
