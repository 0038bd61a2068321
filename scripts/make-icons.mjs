// Draws every icon the installers need from the one source, resources/icons/icon.svg:
//   resources/icons/<size>x<size>.png (Linux, electron-builder takes the folder), icon.png (1024, the window icon),
//   resources/icon.ico (Windows, sizes 16–256; under 64 px as bitmaps, which the Windows shell and the .exe
//   resource table show best), resources/icon.icns (macOS, 16–1024).
// Run after changing the SVG: node scripts/make-icons.mjs — the outputs are checked in, so packaging never needs it.
// @resvg/resvg-js renders SVG without a browser or system libraries; png2icons writes ICO and ICNS in plain JS.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import png2icons from 'png2icons';

const dir = join(import.meta.dirname, '..', 'resources');
const svg = readFileSync(join(dir, 'icons', 'icon.svg'));
const render = (px) => new Resvg(svg, { fitTo: { mode: 'width', value: px } }).render().asPng();

for (const px of [16, 24, 32, 48, 64, 128, 256, 512, 1024])
  writeFileSync(join(dir, 'icons', `${px}x${px}.png`), render(px));
const big = render(1024);
writeFileSync(join(dir, 'icon.png'), big);
const ico = png2icons.createICO(big, png2icons.BICUBIC2, 0, false, true);
const icns = png2icons.createICNS(big, png2icons.BICUBIC2, 0);
if (!ico || !icns) throw new Error('png2icons could not convert the 1024 px PNG');
writeFileSync(join(dir, 'icon.ico'), ico);
writeFileSync(join(dir, 'icon.icns'), icns);
console.log(`icons written to ${dir}`);
