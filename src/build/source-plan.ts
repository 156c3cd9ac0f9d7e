/**
 * Which source files the build reads (issue 17): the sample's, generated into the
 * source folder by the sample step, or a district's hand-over placed there instead
 * (`SOURCE_DATA=…` or `var/source/`), read as delivered. A folder is a district's when
 * it has a `handover.json` (src/core/handover.ts), or a buildings file under another
 * name than the sample writes (`buildings.shp`, `buildings.gpkg`): then the sample step
 * is left out of the plan, so `npm start` never writes generated files among a
 * district's, and a hand-over with problems stops the build before any step runs,
 * with every problem listed and the tiles and database left as they were.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { EXCHANGE_FILES, type HandoverRole } from '../core/exchange-files.ts';
import { problemText } from '../core/problem.ts';
import { readHandoverFolder, type HandoverFileEntry, type HandoverProblem } from '../sources/handover-folder.ts';

export interface SourcePlan {
  /** `sample`: the generated district (the sample step writes the files); `district`: a hand-over read as delivered. */
  kind: 'sample' | 'district';
  folder: string;
  /** The hand-over's name from handover.json, if any. */
  name: string | null;
  /** Each role's file; for the sample, where the sample step writes it (it may not exist yet). */
  files: Record<HandoverRole, HandoverFileEntry | null>;
}

/** A hand-over the build cannot start from; the message lists every problem. */
export class SourcePlanError extends Error {
  readonly problems: HandoverProblem[];
  constructor(folder: string, problems: HandoverProblem[]) {
    const lines = problems.map((p) => `  - ${problemText(p)}`);
    super(`交付文件夹 ${folder} 无法使用 / the hand-over in ${folder} cannot be built:\n${lines.join('\n')}\n（先运行 / run first: npm run sources:check -- ${folder}）`);
    this.name = 'SourcePlanError';
    this.problems = problems;
  }
}

/** Where the sample step writes each role's file. */
function sampleFiles(folder: string): Record<HandoverRole, HandoverFileEntry> {
  const entry = (role: HandoverRole, file: string): HandoverFileEntry => ({ role, path: join(folder, file), foundBy: 'default-name' });
  return {
    dem: entry('dem', EXCHANGE_FILES.dem),
    buildings: entry('buildings', EXCHANGE_FILES.buildings),
    lifelines: entry('lifelines', EXCHANGE_FILES.lifelines),
    areas: entry('areas', EXCHANGE_FILES.areas),
    roads: entry('roads', EXCHANGE_FILES.roads),
    rail: entry('rail', EXCHANGE_FILES.rail),
    archive: entry('archive', EXCHANGE_FILES.archiveCsv),
  };
}

/** Reads the source folder once, when the plan is made. Throws SourcePlanError for a hand-over with problems. */
export function planSources(folder: string): SourcePlan {
  const sample: SourcePlan = { kind: 'sample', folder, name: null, files: sampleFiles(folder) };
  if (!existsSync(folder)) return sample;
  const read = readHandoverFolder(folder);
  if (!read.ok) throw new SourcePlanError(folder, read.problems);
  const { files, manifest } = read.value;
  const district = manifest !== null || (files.buildings !== null && files.buildings.path !== join(folder, EXCHANGE_FILES.buildings));
  if (!district) return sample;
  // A district's folder without handover.json must still hold what a build needs.
  const checked = manifest === null ? readHandoverFolder(folder, { requireRoles: true }) : read;
  if (!checked.ok) throw new SourcePlanError(folder, checked.problems);
  return { kind: 'district', folder, name: manifest?.name ?? null, files: checked.value.files };
}
