/**
 * What the buildings and lifelines steps share: source features + DEM → a 3D Tiles 1.1
 * feature tileset in tiles/<name>, rebuilt when its input or the code that makes it changes.
 */
import { join } from 'node:path';
import type { SourceReadSettings } from '../../core/handover.ts';
import type { BuildStep } from '../build-steps.ts';
import type { ProjectPaths } from '../project-paths.ts';
import type { HandoverFileEntry } from '../../sources/handover-folder.ts';

/** What a feature tileset command needs from the build plan: the files and how to read them (a hand-over's CRS, code page, mapping). */
export type TilesetCommand = (options: { input: string; dem: string; out: string; read: SourceReadSettings; demRead: SourceReadSettings; log: (line: string) => void }) => Promise<{ ok: true } | { ok: false; error: string }>;

/** A file entry's read settings, without where it is and how it was found. */
export function readSettingsOf(entry: HandoverFileEntry): SourceReadSettings {
  const { role: _role, path: _path, foundBy: _foundBy, ...settings } = entry;
  return settings;
}

export interface FeatureTilesStepOptions {
  name: string;
  title: string;
  /** The source file it reads (with the DEM): the sample's, or a hand-over's. */
  source: HandoverFileEntry;
  dem: HandoverFileEntry;
  /** Folders under src/pipeline whose code makes the tiles. */
  codeDirs: string[];
  /** Loads the command lazily, so a fresh step costs no import. */
  command(): Promise<TilesetCommand>;
  /** Files in tiles/<name> that must exist for the step to be fresh. Default: tileset.json. */
  outputFiles?: string[];
}

/** Source features + DEM → a 3D Tiles 1.1 feature tileset in tiles/<name>, rebuilt when its input or code changes. */
export function featureTilesStep(paths: ProjectPaths, options: FeatureTilesStepOptions): BuildStep {
  const out = join(paths.tiles, options.name);
  const input = options.source.path;
  const dem = options.dem.path;
  return {
    name: options.name,
    title: options.title,
    inputs: [
      input,
      dem,
      ...options.codeDirs.map((dir) => join(paths.root, 'src', 'pipeline', dir)),
      // Every feature tileset runs on the shared worker pool and staged output and reads
      // its file through src/sources: a change there must rebuild it too.
      join(paths.root, 'src', 'pipeline', 'workers'),
      join(paths.root, 'src', 'pipeline', 'publish'),
      join(paths.root, 'src', 'sources'),
      join(paths.root, 'src', 'core'),
    ],
    outputs: (options.outputFiles ?? ['tileset.json']).map((file) => join(out, file)),
    async run(progress) {
      const run = await options.command();
      const result = await run({ input, dem, out, read: readSettingsOf(options.source), demRead: readSettingsOf(options.dem), log: progress });
      if (!result.ok) throw new Error(result.error);
    },
  };
}
