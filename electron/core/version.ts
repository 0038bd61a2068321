// Kept in step with package.json by tests/unit/version.test.ts (no JSON import at runtime in the bundle).
export const APP_VERSION = '0.1.0';
