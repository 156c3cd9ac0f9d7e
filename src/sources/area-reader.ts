/**
 * Reads the renewal areas and checks every one (src/sources/area-validator.ts): the one
 * way the archive's registry (with the buildings) and the overlays builder (a build
 * step) read them, from any container a district hands over (GeoJSON, FlatGeobuf,
 * Shapefile, GeoPackage; in any CRS, under mapped field names: feature-file.ts). A
 * file that cannot be read (missing, GBK GeoJSON, cut short, metres without a CRS …)
 * is a problem naming the file.
 */
import type { SourceReadSettings } from '../core/handover.ts';
import type { Problem } from '../core/problem.ts';
import { failure, success, type Result } from '../core/result.ts';
import { FeatureReadError, openFeatureFile } from './feature-file.ts';
import { validateArea, type CheckedAreas } from './area-validator.ts';
import type { Area } from './area-validator.ts';
import type { AreaProblem } from './area-problem.ts';

/** The file cannot be read (its problems), or its areas, each passed or refused. */
export type AreaFileResult = Result<CheckedAreas, Problem>;

/** `settings`: a hand-over's CRS, datum, code page, layer and mapping for the file. */
export async function readAreas(file: string, settings: SourceReadSettings = {}): Promise<AreaFileResult> {
  const opened = await openFeatureFile(file, 'areas', settings);
  if (!opened.ok) return opened;
  const areas: Area[] = [];
  const problems: AreaProblem[] = [];
  try {
    for await (const f of opened.value.features()) {
      const checked = validateArea({ type: 'Feature', properties: f.properties, geometry: f.geometry }, f.index);
      if (checked.ok) areas.push(checked.value);
      else problems.push(...checked.problems);
    }
  } catch (error) {
    if (error instanceof FeatureReadError) return failure([error.problem]);
    throw error;
  }
  return success({ areas, problems });
}
