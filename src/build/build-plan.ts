/**
 * The ordered build steps behind `npm start` and `npm run build`: sample data, then
 * terrain, basemap, the archive import, buildings, lifelines and the map overlays, and
 * finally the viewer bundle. Each step names its inputs and outputs so a second
 * start reuses what is fresh.
 *
 * Source data (the sample's or the district's own) lives outside the served folder,
 * in `var/source/` (`SOURCE_DATA` to move it): it once lay in `tiles/source/`, where
 * the server published archive.csv, the gas mains and the DEM to anyone. Only build
 * outputs go into `tiles/`.
 */
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { archiveImportStep } from './steps/archive-step.ts';
import { stepState, type BuildStep } from './build-steps.ts';
import { SAMPLE_FILES } from '../pipeline/sample/sample-files.ts';
import { terrainStep } from './steps/terrain-step.ts';
import { basemapStep } from './steps/basemap-step.ts';
import { OVERLAY_FILES, OVERLAYS_FOLDER } from '../pipeline/overlays/overlay-files.ts';

export interface ProjectPaths {
  root: string;
  tiles: string;
  sourceData: string;
  viewerDist: string;
}

/** Where the source data lived before it moved out of the served folder. */
export function legacySourceData(root: string): string {
  return join(root, 'tiles', 'source');
}

/**
 * The project's folders. `SOURCE_DATA` (absolute, or relative to the root) says where
 * the source data is; default `var/source/` (git-ignored, never served).
 */
export function projectPaths(root: string, env: NodeJS.ProcessEnv = process.env): ProjectPaths {
  const source = env.SOURCE_DATA;
  return {
    root,
    tiles: join(root, 'tiles'),
    sourceData: source ? (isAbsolute(source) ? source : join(root, source)) : join(root, 'var', 'source'),
    viewerDist: join(root, 'dist', 'viewer'),
  };
}

/**
 * Moves a checkout's `tiles/source/` (from before the move) to the source folder when
 * that does not exist yet, so a district's own files replaced there are kept and no
 * longer lie in the served folder. Returns whether it moved. The sample step calls it
 * first, and generates nothing when the moved files are fresh.
 */
export function moveLegacySourceData(paths: ProjectPaths): boolean {
  const legacy = legacySourceData(paths.root);
  if (!existsSync(legacy) || existsSync(paths.sourceData)) return false;
  mkdirSync(dirname(paths.sourceData), { recursive: true });
  renameSync(legacy, paths.sourceData);
  return true;
}

export interface BuildPlanOptions {
  /** Seed of the generated sample district. Default: `SAMPLE_SEED` or `yuzhong`. */
  seed?: string;
}

export function sampleStep(paths: ProjectPaths, options: BuildPlanOptions = {}): BuildStep {
  const seed = options.seed ?? process.env.SAMPLE_SEED ?? 'yuzhong';
  const step: BuildStep = {
    name: 'sample',
    title: '生成示例数据 / sample data',
    inputs: [join(paths.root, 'src', 'pipeline', 'sample'), join(paths.root, 'src', 'core')],
    outputs: Object.values(SAMPLE_FILES).map((file) => join(paths.sourceData, file)),
    async run(progress) {
      if (moveLegacySourceData(paths)) {
        progress(`tiles/source → ${paths.sourceData}（源数据不再对外提供 / source data is no longer served）`);
        // What was fresh there is fresh here: a district's own files are not overwritten.
        if (stepState(step).fresh) return;
      }
      const { generateSampleWorld } = await import('../pipeline/sample/sample-world.ts');
      await generateSampleWorld({ seed, outDir: paths.sourceData, progress });
    },
  };
  return step;
}

/** What a feature tileset command needs from the build plan. */
type TilesetCommand = (options: { input: string; dem: string; out: string; log: (line: string) => void }) => Promise<{ ok: true } | { ok: false; error: string }>;

interface FeatureTilesStepOptions {
  name: string;
  title: string;
  /** The sample file it reads (with the DEM). */
  sourceFile: string;
  /** Folders under src/pipeline whose code makes the tiles. */
  codeDirs: string[];
  /** Loads the command lazily, so a fresh step costs no import. */
  command(): Promise<TilesetCommand>;
  /** Files in tiles/<name> that must exist for the step to be fresh. Default: tileset.json. */
  outputFiles?: string[];
}

/** Sample features + DEM → a 3D Tiles 1.1 feature tileset in tiles/<name>, rebuilt when its input or code changes. */
function featureTilesStep(paths: ProjectPaths, options: FeatureTilesStepOptions): BuildStep {
  const out = join(paths.tiles, options.name);
  const input = join(paths.sourceData, options.sourceFile);
  const dem = join(paths.sourceData, SAMPLE_FILES.dem);
  return {
    name: options.name,
    title: options.title,
    inputs: [
      input,
      dem,
      ...options.codeDirs.map((dir) => join(paths.root, 'src', 'pipeline', dir)),
      join(paths.root, 'src', 'core'),
    ],
    outputs: (options.outputFiles ?? ['tileset.json']).map((file) => join(out, file)),
    async run(progress) {
      const run = await options.command();
      const result = await run({ input, dem, out, log: progress });
      if (!result.ok) throw new Error(result.error);
    },
  };
}

/** Footprints + DEM → the 3D Tiles 1.1 buildings tileset (src/pipeline/buildings). */
export function buildingsStep(paths: ProjectPaths): BuildStep {
  return featureTilesStep(paths, {
    name: 'buildings',
    title: '建筑三维瓦片 / buildings 3D Tiles',
    sourceFile: SAMPLE_FILES.buildings,
    codeDirs: ['buildings', 'tiles3d'],
    // The CPU pick index joined the tileset later: tiles built before it are rebuilt.
    outputFiles: ['tileset.json', 'pick-index.bin'],
    command: async () => (await import('../pipeline/buildings/buildings-command.ts')).runBuildingsCommand,
  });
}

/** Pipe segments + DEM → the 3D Tiles 1.1 lifelines tileset (src/pipeline/lifelines). */
export function lifelinesStep(paths: ProjectPaths): BuildStep {
  return featureTilesStep(paths, {
    name: 'lifelines',
    title: '地下管线三维瓦片 / lifelines 3D Tiles',
    sourceFile: SAMPLE_FILES.lifelines,
    codeDirs: ['lifelines', 'buildings', 'tiles3d'],
    command: async () => (await import('../pipeline/lifelines/lifelines-command.ts')).runLifelinesCommand,
  });
}

export function viewerStep(paths: ProjectPaths): BuildStep {
  return {
    name: 'viewer',
    title: '构建查看器 / viewer bundle',
    inputs: [
      join(paths.root, 'src', 'viewer'),
      join(paths.root, 'src', 'core'),
      join(paths.root, 'public'),
      join(paths.root, 'vite.config.ts'),
      join(paths.root, 'package-lock.json'),
    ],
    outputs: [join(paths.viewerDist, 'index.html')],
    async run(progress) {
      const { build } = await import('vite');
      progress('vite build…');
      // Always the production bundle. Vite takes NODE_ENV from the process, and a build run
      // from the test runner (NODE_ENV=test) once shipped development React, whose
      // StrictMode runs every effect twice and left the live grades feed stopped.
      const nodeEnv = process.env.NODE_ENV;
      process.env.NODE_ENV = 'production';
      try {
        await build({ configFile: join(paths.root, 'vite.config.ts'), mode: 'production', logLevel: 'warn' });
      } finally {
        if (nodeEnv === undefined) delete process.env.NODE_ENV;
        else process.env.NODE_ENV = nodeEnv;
      }
    },
  };
}

/** Renewal areas + rail → tiles/overlays/, only what the viewer draws (src/pipeline/overlays). */
export function overlaysStep(paths: ProjectPaths): BuildStep {
  return {
    name: 'overlays',
    title: '地图叠加层 / map overlays',
    inputs: [join(paths.sourceData, SAMPLE_FILES.areas), join(paths.sourceData, SAMPLE_FILES.rail), join(paths.root, 'src', 'pipeline', 'overlays')],
    outputs: Object.values(OVERLAY_FILES).map((file) => join(paths.tiles, OVERLAYS_FOLDER, file)),
    async run(progress) {
      const { buildOverlays } = await import('../pipeline/overlays/overlays-builder.ts');
      const result = buildOverlays({
        areas: join(paths.sourceData, SAMPLE_FILES.areas),
        rail: join(paths.sourceData, SAMPLE_FILES.rail),
        outDir: join(paths.tiles, OVERLAYS_FOLDER),
      });
      if (!result.ok) throw new Error(result.error);
      progress(`${result.areas} 片区 / areas, ${result.rail} 轨道线 / rail lines, ${(result.bytes / 1024).toFixed(0)} KiB`);
    },
  };
}

/** Data steps only (what `npm run dev` needs; Vite serves the viewer itself). */
export function dataBuildPlan(paths: ProjectPaths, options: BuildPlanOptions = {}): BuildStep[] {
  return [
    sampleStep(paths, options),
    terrainStep(paths),
    basemapStep(paths),
    archiveImportStep(paths),
    buildingsStep(paths),
    lifelinesStep(paths),
    overlaysStep(paths),
  ];
}

export function fullBuildPlan(paths: ProjectPaths, options: BuildPlanOptions = {}): BuildStep[] {
  return [...dataBuildPlan(paths, options), viewerStep(paths)];
}
