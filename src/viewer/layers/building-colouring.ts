/**
 * The colour join: a building's code → its current grade (from /api/grades) → the
 * grade's colour from src/core/grades.ts. Pure, so the rule is tested without a
 * renderer; BuildingsLayer applies it to each loaded feature.
 */
import { type GradeOrUnappraised, gradeInfo, isSafetyGrade } from '../../core/grades.ts';

/** Building colour when the hazard overlay is off: light stone, reads on the basemap. */
export const NEUTRAL_BUILDING_CSS = '#e8e4dc';

/** code → current grade (null: not appraised). Missing: the archive does not know it. */
export type GradeMap = Map<string, GradeOrUnappraised>;

/** The CSS colour a building gets. Unknown to the archive = not appraised (grey). */
export function buildingColourCss(grade: GradeOrUnappraised | undefined, overlayOn: boolean): string {
  if (!overlayOn) return NEUTRAL_BUILDING_CSS;
  return gradeInfo(grade ?? null).color;
}

/** `buildings` of a /api/grades body (whole map or delta): code → [grade, plan status]. */
export type GradesPayload = Record<string, [string | null, string | null]>;

/**
 * Merges a grades body into the map; returns the codes whose grade changed (a plan
 * status change alone does not recolour anything).
 */
export function mergeGrades(map: GradeMap, buildings: GradesPayload): string[] {
  const changed: string[] = [];
  for (const [code, [grade]] of Object.entries(buildings)) {
    const next: GradeOrUnappraised = isSafetyGrade(grade) ? grade : null;
    if (map.get(code) !== next || !map.has(code)) {
      map.set(code, next);
      changed.push(code);
    }
  }
  return changed;
}
