import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    reporters: ['default'],
    projects: [
      // The core, the CLI and the shared code, under plain Node.
      { extends: true, test: { name: 'node', include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'], environment: 'node' } },
      // The renderer's hooks and helpers in a DOM (happy-dom); the hooks that read data reach a real core on a
      // temp SQLite file in the same process (tests/renderer/core-bridge.ts).
      { extends: true, test: { name: 'renderer', include: ['tests/renderer/**/*.test.{ts,tsx}'], environment: 'happy-dom' } },
    ],
  },
});
