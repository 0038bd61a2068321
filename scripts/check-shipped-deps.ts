/**
 * CI check: the shipped Electron code (every .js/.cjs/.mjs under out/ — main, preload, workers, the core host)
 * may import only Node's built-ins, electron, its own files and the runtime "dependencies" of package.json:
 * the packaged app ships node_modules for exactly those, so anything else (a devDependency such as
 * playwright-core) fails on the clerk's PC. The bundles are parsed with the TypeScript compiler, so static
 * import/export-from, dynamic import() and require() — also createRequire(...)(…) — are found wherever they
 * are, and text that only looks like an import (inside a string) is not. A dynamic import or require of a
 * computed name cannot be checked and fails too.
 *
 *   tsx scripts/check-shipped-deps.ts            builds out/ (vite.electron.config.ts), then checks it
 *   tsx scripts/check-shipped-deps.ts --no-build checks the out/ that is there
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

export interface ModuleReference {
  kind: 'import' | 'export' | 'dynamic import' | 'require';
  /** null: the name is computed at run time. */
  specifier: string | null;
  line: number;
}

export interface Violation extends ModuleReference {
  file: string;
  reason: string;
}

const REQUIRE_NAMES = new Set(['require', '__require']);

function literal(node: ts.Node | undefined): string | null {
  return node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) ? node.text : null;
}

/** Every module a bundle loads, by the syntax tree. */
export function moduleReferences(source: string, fileName = 'bundle.js'): ModuleReference[] {
  const sf = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  const found: ModuleReference[] = [];
  const at = (n: ts.Node) => sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1;
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node))
      found.push({ kind: 'import', specifier: literal(node.moduleSpecifier), line: at(node) });
    else if (ts.isExportDeclaration(node) && node.moduleSpecifier)
      found.push({ kind: 'export', specifier: literal(node.moduleSpecifier), line: at(node) });
    else if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const isRequire =
        (ts.isIdentifier(callee) && REQUIRE_NAMES.has(callee.text)) ||
        // createRequire(import.meta.url)("echarts"), as the bundler writes a lazy require.
        (ts.isCallExpression(callee) &&
          ts.isIdentifier(callee.expression) &&
          callee.expression.text === 'createRequire');
      if (callee.kind === ts.SyntaxKind.ImportKeyword)
        found.push({ kind: 'dynamic import', specifier: literal(node.arguments[0]), line: at(node) });
      else if (isRequire) found.push({ kind: 'require', specifier: literal(node.arguments[0]), line: at(node) });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

/** The package a bare specifier names: `@scope/name` or `name` (subpaths dropped). */
export function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

const BUILTINS = new Set(builtinModules);

export function checkReference(
  ref: ModuleReference,
  file: string,
  pkg: { dependencies?: Record<string, string>; devDependencies?: Record<string, string> },
): string | null {
  const s = ref.specifier;
  if (s === null) return '名称在运行时才算出，无法检查';
  if (s.startsWith('node:') || BUILTINS.has(s)) return null;
  if (s.startsWith('data:')) return null;
  if (s.startsWith('.') || s.startsWith('/') || s.startsWith('file:')) {
    const target = s.startsWith('file:') ? fileURLToPath(s) : resolve(dirname(file), s);
    return existsSync(target) ? null : `引用的文件不在构建输出中：${s}`;
  }
  const name = packageName(s);
  if (name === 'electron') return null;
  if (pkg.dependencies?.[name]) return null;
  if (pkg.devDependencies?.[name]) return `${name} 只是开发依赖（devDependencies），打包后的应用里没有它`;
  return `${name} 不在 package.json 的 dependencies 中，打包后的应用里没有它`;
}

function bundles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(c|m)?js$/.test(e.name))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

export function checkShippedDeps(
  outDir: string,
  pkg: { dependencies?: Record<string, string>; devDependencies?: Record<string, string> },
): { files: string[]; violations: Violation[] } {
  const files = bundles(outDir);
  const violations: Violation[] = [];
  for (const file of files) {
    for (const ref of moduleReferences(readFileSync(file, 'utf8'), file)) {
      const reason = checkReference(ref, file, pkg);
      if (reason) violations.push({ ...ref, file, reason });
    }
  }
  return { files, violations };
}

function main(): number {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  if (!process.argv.includes('--no-build')) {
    const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
    const b = spawnSync(process.execPath, [vite, 'build', '-c', 'vite.electron.config.ts', '--logLevel', 'warn'], {
      cwd: root,
      stdio: ['ignore', 2, 2],
    });
    if (b.status !== 0) {
      console.error('[check-shipped-deps] 构建 out/ 失败');
      return 1;
    }
  }
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Parameters<typeof checkShippedDeps>[1];
  const outDir = join(root, 'out');
  const { files, violations } = checkShippedDeps(outDir, pkg);
  if (files.length === 0) {
    console.error('[check-shipped-deps] out/ 中没有构建产物：先运行 npm run build:electron');
    return 1;
  }
  for (const v of violations)
    console.error(
      `[check-shipped-deps] ${relative(root, v.file)}:${v.line} ${v.kind} ${JSON.stringify(v.specifier)}：${v.reason}`,
    );
  if (violations.length) {
    console.error(
      `[check-shipped-deps] ${violations.length} 处引用了打包应用中没有的模块（共检查 ${files.length} 个文件）`,
    );
    return 1;
  }
  console.error(
    `[check-shipped-deps] 通过：out/ 中 ${files.length} 个文件只引用 Node 内置模块、electron、自身文件与运行时依赖`,
  );
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exitCode = main();
