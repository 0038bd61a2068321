// Every CLI command, in help order. Later capabilities append theirs here.
import type { CliCommand } from '../command.ts';
import { initCommand, seedDemoCommand, statsCommand } from './basic.ts';
import { exportCommand, exportTemplateCommand, importCommand } from './excel.ts';
import { figuresCommand } from './figures.ts';
import { lightsCommand } from './lights.ts';
import { countyCommand, packageCommand } from './package.ts';
import { periodCloseCommand } from './period-close.ts';
import { printablesCommand } from './printables.ts';
import { backupCommand, restoreCommand, verifyCommand } from './safety.ts';
import { callCommand, channelsCommand, userAddCommand } from './trust.ts';
import { collectCommand } from './collect.ts';

export const COMMANDS: readonly CliCommand[] = [
  initCommand,
  seedDemoCommand,
  statsCommand,
  figuresCommand,
  lightsCommand,
  periodCloseCommand,
  printablesCommand,
  exportCommand,
  exportTemplateCommand,
  importCommand,
  collectCommand,
  backupCommand,
  restoreCommand,
  verifyCommand,
  userAddCommand,
  channelsCommand,
  callCommand,
  packageCommand,
  countyCommand,
];
