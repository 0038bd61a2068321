import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CHANNELS } from '../../shared/ipc/channels.ts';
import { contract } from '../../shared/ipc/contract.ts';
import { APP_VERSION } from '../../electron/core/version.ts';

describe('contract', () => {
  it('defines exactly the listed channels, named domain:verb (or domain:topic:verb)', () => {
    expect(Object.keys(contract).sort()).toEqual([...CHANNELS].sort());
    for (const c of CHANNELS) expect(c).toMatch(/^[a-z][a-zA-Z]*(:[a-z][a-zA-Z]*)?:[a-zA-Z]+$/); // leadingGroup:get, lights:rules:get
  });

  it('the core version matches package.json', () => {
    expect(APP_VERSION).toBe(JSON.parse(readFileSync('package.json', 'utf8')).version);
  });
});
