import { defineConfig } from 'vitest/config';

// Unit and integration tests: Node only, no browser (see vitest.e2e.config.ts for those).
export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/e2e/**', 'node_modules/**'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});
