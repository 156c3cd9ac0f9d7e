/**
 * What the buildings and lifelines steps share: source features + DEM → a 3D Tiles 1.1
 * feature tileset in tiles/<name>, rebuilt when its input or the code that makes it changes.
 */
import { join } from 'node:path';
import type { SourceReadSettings } from '../../core/handover.ts';
import type { BuildStep } from '../build-steps.ts';
import { codeInputs } from '../code-inputs.ts';
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
  /**
   * The step's own module (its `import.meta.url`), which loads the command: its import
   * graph — the command, the shared tile writer, worker pool and staged output, the
   * src/sources reader, src/core — is the code that makes the tiles (code-inputs.ts).
   */
  stepModule: string;
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
    // Asked when checked, so making the plan costs no import-graph walk.
    get inputs() {
      return [input, dem, ...codeInputs([options.stepModule, import.meta.url])];
    },
    outputs: (options.outputFiles ?? ['tileset.json']).map((file) => join(out, file)),
    async run(progress) {
      const run = await options.command();
      const result = await run({ input, dem, out, read: readSettingsOf(options.source), demRead: readSettingsOf(options.dem), log: progress });
      if (!result.ok) throw new Error(result.error);
    },
  };
}
