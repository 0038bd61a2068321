// Every CLI command, in help order. Later capabilities append theirs here.
import type { CliCommand } from '../command.ts';
import { initCommand, seedDemoCommand, statsCommand } from './basic.ts';
import { lightsCommand } from './lights.ts';
import { backupCommand, restoreCommand, verifyCommand } from './safety.ts';

export const COMMANDS: readonly CliCommand[] = [initCommand, seedDemoCommand, statsCommand, lightsCommand, backupCommand, restoreCommand, verifyCommand];
