/**
 * `npm run soak [-- --loops N]`: the wall screen's long soak test — the autopilot for
 * N loops (default 30) in headless Chromium, asserting memory stays flat
 * (tests/e2e/soak.e2e.ts; CI runs the same test with 2 loops).
 */
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { loops: { type: 'string', default: process.env.SOAK_LOOPS ?? '30' } } });
const loops = Number(values.loops);
if (!Number.isInteger(loops) || loops < 1) {
  console.error(`--loops must be a positive whole number, got "${values.loops}"`);
  process.exit(2);
}
console.log(`soak: ${loops} autopilot loops after one warm-up loop (about ${Math.ceil(loops * 0.7)} min on a software renderer)`);
const run = spawnSync('npx', ['vitest', 'run', '--config', 'vitest.e2e.config.ts', 'tests/e2e/soak.e2e.ts'], {
  stdio: 'inherit',
  env: { ...process.env, SOAK_LOOPS: String(loops) },
});
process.exit(run.status ?? 1);
