import { defineConfig } from 'vitest/config';

// Browser tests: headless Debian Chromium driven by playwright-core against the real
// server (`npm start`'s build and server, on a free port). Serial: one browser at a time
// on two cores, and SwiftShader is slow.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    environment: 'node',
    globalSetup: ['tests/e2e/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 900_000,
  },
});
