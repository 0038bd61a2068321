// electron-builder beforePack hook: rebuild better-sqlite3 for the Electron version and CPU arch being
// packed, right before its files are copied into the app. This is the ONLY place an Electron build of
// the addon is made (npmRebuild is false), because an Electron rebuild replaces the Node-ABI build that
// the tests use. Afterwards `npm test` (pretest: scripts/ensure-native.mjs) flips it back to Node.
// CommonJS because package.json is "type": "module" and electron-builder loads hooks by path.
'use strict';
/* global require, module */
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS file by design */

const { existsSync, readFileSync } = require('node:fs');
const { join } = require('node:path');

// builder-util's Arch enum: ia32 = 0, x64 = 1, armv7l = 2, arm64 = 3, universal = 4.
const ARCH_NAMES = ['ia32', 'x64', 'armv7l', 'arm64', 'universal'];

function electronVersionOf(context, projectDir) {
  const fromConfig = context.packager.config.electronVersion;
  if (fromConfig) return fromConfig;
  const fromFramework =
    context.packager.info && context.packager.info.framework && context.packager.info.framework.version;
  if (fromFramework) return fromFramework;
  // Read the file rather than loading the electron module, which would try to download the binary.
  return JSON.parse(readFileSync(join(projectDir, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
}

async function beforePack(context) {
  const projectDir = context.packager.projectDir;
  const arch = ARCH_NAMES[context.arch];
  if (!arch || arch === 'universal') throw new Error(`before-pack: unsupported arch ${String(context.arch)}`);
  const platform = context.electronPlatformName;
  const electronVersion = electronVersionOf(context, projectDir);

  console.log(`[before-pack] rebuilding better-sqlite3 for Electron ${electronVersion} ${platform}-${arch}`);
  // @electron/rebuild 4 is ESM-only.
  const { rebuild } = await import('@electron/rebuild');
  await rebuild({
    buildPath: projectDir,
    projectRootPath: projectDir,
    electronVersion,
    arch,
    platform,
    onlyModules: ['better-sqlite3'],
    force: true,
    mode: 'sequential',
  });

  // Fail the pack loudly: shipping a Node-ABI addon would only fail on the user's machine at start-up.
  const addon = join(projectDir, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
  if (!existsSync(addon)) throw new Error(`before-pack: ${addon} is missing after the rebuild`);
  console.log(`[before-pack] better-sqlite3 ready for Electron ${electronVersion} ${platform}-${arch}`);
}

module.exports = beforePack;
module.exports.beforePack = beforePack;
