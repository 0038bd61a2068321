/**
 * The installers' icons exist, are the formats Windows, Linux and macOS read, hold the sizes each needs, and are
 * what electron-builder.yml points at — checked from the files' own headers, not from the script that drew them.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const file = (p: string) => readFileSync(join(ROOT, p));

/** Width and height from a PNG's IHDR chunk. */
function pngSize(buf: Buffer): [number, number] {
  expect(buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
  expect(buf.toString('latin1', 12, 16)).toBe('IHDR');
  return [buf.readUInt32BE(16), buf.readUInt32BE(20)];
}

describe('resources: icons', () => {
  it('Linux: one PNG per size, each the size its name says', () => {
    for (const n of [16, 24, 32, 48, 64, 128, 256, 512, 1024]) {
      expect(pngSize(file(`resources/icons/${n}x${n}.png`))).toEqual([n, n]);
    }
  });

  it('Windows: an .ico directory with 16, 32, 48 and 256 px entries', () => {
    const ico = file('resources/icon.ico');
    expect(ico.readUInt16LE(0)).toBe(0); // reserved
    expect(ico.readUInt16LE(2)).toBe(1); // 1 = icon
    const count = ico.readUInt16LE(4);
    const sizes = Array.from({ length: count }, (_, i) => ico[6 + i * 16] || 256); // 0 in the byte means 256
    expect(sizes).toEqual(expect.arrayContaining([16, 32, 48, 256]));
    for (let i = 0; i < count; i++) {
      const [len, offset] = [ico.readUInt32LE(6 + i * 16 + 8), ico.readUInt32LE(6 + i * 16 + 12)];
      expect(offset + len).toBeLessThanOrEqual(ico.length);
    }
  });

  it('macOS: an .icns whose length field is the file length, with the 1024 px (ic10) image', () => {
    const icns = file('resources/icon.icns');
    expect(icns.toString('latin1', 0, 4)).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const types: string[] = [];
    for (let at = 8; at < icns.length; at += icns.readUInt32BE(at + 4)) types.push(icns.toString('latin1', at, at + 4));
    expect(types).toEqual(expect.arrayContaining(['ic10', 'ic07', 'is32']));
  });

  it('electron-builder.yml points at them', () => {
    const yaml = createRequire(import.meta.url)('js-yaml') as { load(text: string): unknown };
    const cfg = yaml.load(file('electron-builder.yml').toString('utf8')) as {
      directories: { buildResources: string };
      win: { icon: string };
      nsis: { installerIcon: string; uninstallerIcon: string };
      linux: { icon: string };
      mac: { icon: string };
    };
    expect(cfg.directories.buildResources).toBe('resources');
    for (const p of [cfg.win.icon, cfg.nsis.installerIcon, cfg.nsis.uninstallerIcon, cfg.linux.icon, cfg.mac.icon]) {
      expect(existsSync(join(ROOT, p)), p).toBe(true);
    }
  });
});
