// What the sign-in screen and 设置 say a role may do agrees with the one permission table (shared/ipc/permissions.ts):
// a 领导 writes 批示 (instruct), so no screen may tell them they can only look and print.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROLE_PERMISSIONS } from '../../shared/ipc/permissions.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const read = (p: string) => readFileSync(resolve(ROOT, p), 'utf8');

describe('the role hints on screen', () => {
  it('name 批示 for the 领导, as the permission table grants it', () => {
    expect(ROLE_PERMISSIONS.领导).toContain('instruct');
    for (const f of ['renderer/src/app/OperatorGate.tsx', 'renderer/src/features/settings/SettingsPage.tsx']) {
      const text = read(f);
      expect(text, f).not.toMatch(/领导只能查看和打印/);
      expect(text, f).toMatch(/领导[^；。"]*写批示/);
    }
  });
});
