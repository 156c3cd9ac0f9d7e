/**
 * GDAL's command-line tools, which some CRS and DEM tests use to make their fixtures
 * (the product never calls GDAL). Missing tools fail the test with the install line,
 * never skip it silently.
 */
import { spawnSync } from 'node:child_process';

export function gdal(tool: string, args: string[], input?: string): string {
  const run = spawnSync(tool, args, { encoding: 'utf8', input, timeout: 60_000 });
  if (run.error) throw new Error(`${tool} is needed by this test (GDAL command-line tools): install them, e.g. \`apt-get install gdal-bin\` (${run.error.message})`);
  if (run.status !== 0) throw new Error(`${tool} ${args.join(' ')} failed (${run.status}): ${run.stderr}`);
  return run.stdout;
}
