/**
 * The second library on the 报送表 (issue 18): openpyxl through tests/fixtures/collect/kit_tool.py fills returned
 * kits the way a unit would and describes a kit as a county office's Excel would see it.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { PY } from './python.ts';

const TOOL = fileURLToPath(new URL('../fixtures/collect/kit_tool.py', import.meta.url));

export interface Inspected {
  sheets: { name: string; state: string }[];
  protected: boolean;
  guideProtected: boolean;
  headers: string[];
  rows: { row: number; code: string; locked: Record<string, boolean>; values: Record<string, unknown> }[];
  validations: {
    type: string;
    operator: string | null;
    cells: string[];
    formula1: string | null;
    formula2: string | null;
    showErrorMessage: boolean;
  }[];
  guide: string[];
  guideRows: { text: string; height: number | null }[];
  guideWidth: number;
  guideFitsWidth: boolean;
  identity: Record<string, string> | null;
  keywords: string | null;
}

export const inspectKit = (file: string): Inspected =>
  JSON.parse(execFileSync(PY, [TOOL, 'inspect', file], { encoding: 'utf8' })) as Inspected;

export interface PlanEntry {
  src: string;
  dst: string;
  cells?: Record<string, unknown>;
  delete_cols?: string[];
}

/** Writes each plan entry's copy of a kit with its cells set (and columns deleted) by openpyxl. */
export function fillKits(dir: string, plan: PlanEntry[]): void {
  const planFile = join(dir, 'plan.json');
  writeFileSync(planFile, JSON.stringify(plan));
  execFileSync(PY, [TOOL, 'fill', planFile]);
}
