/** The python the tests drive openpyxl with (the independent spreadsheet reader and writer). */
import { execFileSync } from 'node:child_process';

/** The python that has openpyxl: CI installs python3-openpyxl for the system python3. */
function python(): string {
  for (const p of ['python3', '/usr/bin/python3']) {
    try {
      execFileSync(p, ['-c', 'import openpyxl'], { stdio: 'ignore' });
      return p;
    } catch {
      // try the next one
    }
  }
  throw new Error('这项测试需要 python3 与 openpyxl（apt-get install python3-openpyxl）');
}
export const PY = python();
