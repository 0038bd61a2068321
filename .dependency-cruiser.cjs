/**
 * Import rules checked by `npm run check:cycles` (dependency-cruiser), beside eslint's layer rules
 * (eslint.config.js): no module may reach itself through its imports. A cycle makes load order decide which
 * half sees the other undefined, and hides which layer owns a piece; break one with a small port or by moving
 * the shared piece down a layer.
 * @type {import('dependency-cruiser').IConfiguration}
 */
/* global module -- a CommonJS config file, read by dependency-cruiser */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Import circle: move the shared piece down a layer, or pass it in as a port.',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|out|dist|release|bench-out|test-results)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs'] },
  },
};
