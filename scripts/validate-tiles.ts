/**
 * `npm run validate:tiles`: checks the built tilesets with validators we did not write.
 *
 *   TILES_VALIDATOR=/path/to/3d-tiles-validator npx tsx scripts/validate-tiles.ts [tiles]
 *
 * - gltf-validator (Khronos, a devDependency) on every .glb of tiles/buildings and
 *   tiles/lifelines;
 * - CesiumGS's 3d-tiles-validator on each tileset.json (it also runs gltf-validator on
 *   every content and checks EXT_mesh_features / EXT_structural_metadata itself), when
 *   TILES_VALIDATOR names a built checkout of it; otherwise this says how to get one.
 *   It is not a dependency: its 0.6.1 release pins packages the registry no longer has.
 *
 * Prints errors / warnings / infos per tileset and exits 1 if either found an error.
 * Infos are expected: gltf-validator cannot read EXT_mesh_features,
 * EXT_meshopt_compression or EXT_structural_metadata (3 UNSUPPORTED_EXTENSION per glb)
 * and so reports the property-table buffer views as UNUSED_OBJECT.
 * Why: issue 15 — the official validator found misaligned property-table views in all
 * 86 sample tiles that our own tests had passed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
// @ts-expect-error -- gltf-validator ships no types.
import gltfValidator from 'gltf-validator';
import { PROJECT_ROOT } from './project-root.ts';

const TILESETS = ['buildings', 'lifelines'];
const root = resolve(process.argv[2] ?? join(PROJECT_ROOT, 'tiles'));

interface Counts {
  errors: number;
  warnings: number;
  infos: number;
  /** Issue code → count, for the first lines of the summary. */
  codes: Map<string, number>;
}

const emptyCounts = (): Counts => ({ errors: 0, warnings: 0, infos: 0, codes: new Map() });

function glbFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...glbFiles(path));
    else if (name.endsWith('.glb')) out.push(path);
  }
  return out.sort();
}

async function runGltfValidator(dir: string): Promise<Counts & { files: number }> {
  const counts = { ...emptyCounts(), files: 0 };
  for (const file of glbFiles(dir)) {
    counts.files++;
    const report = (await gltfValidator.validateBytes(new Uint8Array(readFileSync(file)))) as {
      issues: { numErrors: number; numWarnings: number; numInfos: number; messages: Array<{ code: string; severity: number }> };
    };
    counts.errors += report.issues.numErrors;
    counts.warnings += report.issues.numWarnings;
    counts.infos += report.issues.numInfos;
    for (const m of report.issues.messages) if (m.severity <= 1) counts.codes.set(m.code, (counts.codes.get(m.code) ?? 0) + 1);
  }
  return counts;
}

interface ValidatorIssue {
  type: string;
  severity: 'ERROR' | 'WARNING' | 'INFO';
  causes?: ValidatorIssue[];
}

/** 3d-tiles-validator: top-level counts (one per failing tile) and every nested issue by type. */
function runTilesValidator(validatorDir: string, tileset: string): { top: Counts; nested: Counts } {
  const dir = mkdtempSync(join(tmpdir(), 'yz-validate-'));
  try {
    const reportFile = join(dir, 'report.json');
    const run = spawnSync(process.execPath, [join(validatorDir, 'build', 'main.js'), '--tilesetFile', tileset, '--reportFile', reportFile], { encoding: 'utf8' });
    if (!existsSync(reportFile)) throw new Error(`3d-tiles-validator wrote no report (exit ${run.status}): ${run.stderr.trim().split('\n').slice(-3).join(' ')}`);
    const report = JSON.parse(readFileSync(reportFile, 'utf8')) as { numErrors: number; numWarnings: number; numInfos: number; issues: ValidatorIssue[] };
    const top = { errors: report.numErrors, warnings: report.numWarnings, infos: report.numInfos, codes: new Map<string, number>() };
    const nested = emptyCounts();
    const walk = (issues: ValidatorIssue[] | undefined) => {
      for (const issue of issues ?? []) {
        if (!issue.causes?.length) {
          if (issue.severity === 'ERROR') nested.errors++;
          else if (issue.severity === 'WARNING') nested.warnings++;
          else nested.infos++;
          if (issue.severity !== 'INFO') nested.codes.set(issue.type, (nested.codes.get(issue.type) ?? 0) + 1);
        }
        walk(issue.causes);
      }
    };
    walk(report.issues);
    return { top, nested };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const codes = (c: Counts) => (c.codes.size ? ` (${[...c.codes].map(([k, n]) => `${k} ×${n}`).join(', ')})` : '');

const validatorDir = process.env.TILES_VALIDATOR;
const haveValidator = validatorDir !== undefined && existsSync(join(validatorDir, 'build', 'main.js'));
let failed = false;

for (const name of TILESETS) {
  const dir = join(root, name);
  const tileset = join(dir, 'tileset.json');
  if (!existsSync(tileset)) {
    console.log(`${name}: 未找到 / not found: ${tileset} (npm run build)`);
    failed = true;
    continue;
  }
  const g = await runGltfValidator(dir);
  console.log(`${name}: gltf-validator, ${g.files} glb: ${g.errors} errors, ${g.warnings} warnings, ${g.infos} infos${codes(g)}`);
  if (g.errors > 0) failed = true;
  if (haveValidator) {
    const { top, nested } = runTilesValidator(validatorDir, tileset);
    console.log(
      `${name}: 3d-tiles-validator: ${top.errors} errors, ${top.warnings} warnings, ${top.infos} infos at the top; ` +
        `${nested.errors} errors, ${nested.warnings} warnings, ${nested.infos} infos in all${codes(nested)}`,
    );
    if (top.errors > 0 || nested.errors > 0) failed = true;
  }
}

if (!haveValidator) {
  console.log(
    [
      '',
      '未运行官方 3D Tiles 校验器 / the official 3d-tiles-validator was not run: set TILES_VALIDATOR to a built checkout of it.',
      '获取方法 / to get one (v0.6.1; two of its pins no longer install as they are):',
      '  git clone https://github.com/CesiumGS/3d-tiles-validator && cd 3d-tiles-validator',
      "  npm pkg set dependencies.3d-tiles-tools=0.5.3 && npm pkg delete dependencies.sharp   # 0.5.0 is not on the registry",
      '  npm install --ignore-scripts && npm install --no-save --ignore-scripts sharp@0.33.5 @types/node@18 @types/minimatch@5.1.2',
      '  # sharp 0.32 downloads libvips at install time; 0.33 ships it as a package. Point the nested copies at it:',
      '  for d in node_modules/*/node_modules/sharp; do rm -rf "$d" && ln -s "$PWD/node_modules/sharp" "$d"; done',
      '  npx tsc',
      '  TILES_VALIDATOR=$PWD npm run validate:tiles   # (in this project)',
    ].join('\n'),
  );
}
process.exit(failed ? 1 : 0);
