/**
 * Which buildings the filters keep. Pure: the buildings layer asks it for every
 * loaded feature, the URL stores its state, and a unit test pins its rules.
 */
import { BUILDING_USES, type BuildingUse, STRUCTURES, type Structure } from '../../core/building.ts';
import { type GradeOrUnappraised, SAFETY_GRADES } from '../../core/grades.ts';

/** A grade filter key: a safety grade or `none` (not appraised), as the search API spells it. */
export const GRADE_KEYS = [...SAFETY_GRADES, 'none'] as const;
export type GradeKey = (typeof GRADE_KEYS)[number];

export interface BuildingFilters {
  /** Grades to keep; empty = all. */
  grades: GradeKey[];
  yearFrom: number | null;
  yearTo: number | null;
  structure: Structure | null;
  use: BuildingUse | null;
  /** Renewal area or old-community id (areas.geojson). */
  area: string | null;
  /** true: heritage only; false: non-heritage only; null: both. */
  heritage: boolean | null;
}

export const NO_FILTERS: BuildingFilters = { grades: [], yearFrom: null, yearTo: null, structure: null, use: null, area: null, heritage: null };

/** What the filters look at of one building (from the tile's feature properties). */
export interface FilterableBuilding {
  code: string;
  yearBuilt: number | null;
  structure: string | null;
  use: string | null;
  heritage: boolean | null;
}

export function gradeKey(grade: GradeOrUnappraised | undefined): GradeKey {
  return grade ?? 'none';
}

export function isFilterActive(f: BuildingFilters): boolean {
  return (
    f.grades.length > 0 || f.yearFrom !== null || f.yearTo !== null || f.structure !== null || f.use !== null || f.area !== null || f.heritage !== null
  );
}

/**
 * `areaCodes` is the set of building codes in `filters.area` (from the archive), or
 * null while it is unknown: then the area filter keeps nothing rather than everything,
 * so a half-loaded answer never shows buildings outside the area.
 */
export function matchesFilters(
  building: FilterableBuilding,
  grade: GradeOrUnappraised | undefined,
  filters: BuildingFilters,
  areaCodes: ReadonlySet<string> | null,
): boolean {
  if (filters.grades.length > 0 && !filters.grades.includes(gradeKey(grade))) return false;
  if (filters.yearFrom !== null && (building.yearBuilt === null || building.yearBuilt < filters.yearFrom)) return false;
  if (filters.yearTo !== null && (building.yearBuilt === null || building.yearBuilt > filters.yearTo)) return false;
  if (filters.structure !== null && building.structure !== filters.structure) return false;
  if (filters.use !== null && building.use !== filters.use) return false;
  if (filters.heritage !== null && (building.heritage ?? false) !== filters.heritage) return false;
  if (filters.area !== null && !(areaCodes?.has(building.code) ?? false)) return false;
  return true;
}

export function isStructure(value: unknown): value is Structure {
  return typeof value === 'string' && (STRUCTURES as readonly string[]).includes(value);
}

export function isBuildingUse(value: unknown): value is BuildingUse {
  return typeof value === 'string' && (BUILDING_USES as readonly string[]).includes(value);
}

export function isGradeKey(value: unknown): value is GradeKey {
  return typeof value === 'string' && (GRADE_KEYS as readonly string[]).includes(value);
}
