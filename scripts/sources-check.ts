/**
 * `npm run sources:check -- <folder> [--json]`: reads a district's hand-over folder
 * (any mix of GeoJSON, FlatGeobuf, Shapefile, GeoPackage, GeoTIFF, CSV/XLSX; see the
 * README, "Bringing real data") with the build's own readers and prints per file its
 * format, CRS, code page, feature count, fields mapped and unmapped, lon/lat bounds
 * and problems. Exit 0 when it would build, 1 on problems, 2 on a usage error.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { checkHandover, formatHandoverCheck } from '../src/sources/handover-check.ts';
import { projectPaths } from '../src/build/project-paths.ts';
import { PROJECT_ROOT } from './project-root.ts';

let parsed;
try {
  parsed = parseArgs({ allowPositionals: true, options: { json: { type: 'boolean' }, help: { type: 'boolean' } } });
} catch (error) {
  console.error(`${(error as Error).message}\n用法 / usage: npm run sources:check -- <folder> [--json]`);
  process.exit(2);
}
if (parsed.values.help || parsed.positionals.length > 1) {
  console.error('用法 / usage: npm run sources:check -- <folder> [--json]   (default: the source folder, SOURCE_DATA or var/source)');
  process.exit(parsed.values.help ? 0 : 2);
}
const folder = parsed.positionals[0] ? resolve(parsed.positionals[0]) : projectPaths(PROJECT_ROOT).sourceData;
const check = await checkHandover(folder);
console.log(parsed.values.json ? JSON.stringify(check, null, 2) : formatHandoverCheck(check));
process.exit(check.ok ? 0 : 1);
