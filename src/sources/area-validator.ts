/**
 * Checks one renewal area of `areas.geojson` (renewal areas and old communities): its
 * properties against `AreaPropertiesSchema` (src/core/renewal-areas.ts) and a Polygon
 * or MultiPolygon geometry. Issue 16: the archive's registry checked the schema and
 * the overlays builder only the geometry and a string kind and name, so the map could
 * draw an area (an unknown kind, no English name) that the archive refused, or the
 * reverse; now both run this validator and accept exactly the same areas.
 */
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { AreaPropertiesSchema, type AreaProperties } from '../core/renewal-areas.ts';
import { failure, success, type Result } from '../core/result.ts';
import { areaProblem, type AreaProblem } from './area-problem.ts';

/** An area that passed: its checked properties (unknown ones dropped) and its geometry. */
export interface Area {
  /** 0-based position in the file. */
  index: number;
  properties: AreaProperties;
  geometry: Polygon | MultiPolygon;
}

/** The areas that passed and the problems of those that did not, in file order. */
export interface CheckedAreas {
  areas: Area[];
  problems: AreaProblem[];
}

/** One feature: every property issue, or (properties fine) a geometry that is not a polygon. */
export function validateArea(feature: unknown, index: number): Result<Area, AreaProblem> {
  const f = feature as Partial<Feature> | null;
  const rawId = (f?.properties as Record<string, unknown> | null | undefined)?.id;
  const id = typeof rawId === 'string' && rawId !== '' ? rawId : null;
  const parsed = AreaPropertiesSchema.safeParse(f?.properties);
  if (!parsed.success) {
    return failure(parsed.error.issues.map((issue) => areaProblem(index, id, 'bad-property', issue.path.join('.') || null, `${issue.path.join('.') || 'properties'}: ${issue.message}`)));
  }
  const geometry = f?.geometry;
  if (geometry?.type !== 'Polygon' && geometry?.type !== 'MultiPolygon') {
    return failure([areaProblem(index, parsed.data.id, 'unsupported-geometry', 'geometry', `实为 ${geometry?.type ?? '空'} / got ${geometry?.type ?? 'none'}`)]);
  }
  // An empty MultiPolygon has no polygon to test a centroid against (the registry always refused it).
  if (!Array.isArray(geometry.coordinates) || geometry.coordinates.length === 0) {
    return failure([areaProblem(index, parsed.data.id, 'unsupported-geometry', 'geometry', `${geometry.type} 没有坐标 / ${geometry.type} without coordinates`)]);
  }
  return success({ index, properties: parsed.data, geometry });
}

export function validateAreas(features: readonly unknown[]): CheckedAreas {
  const areas: Area[] = [];
  const problems: AreaProblem[] = [];
  features.forEach((feature, index) => {
    const checked = validateArea(feature, index);
    if (checked.ok) areas.push(checked.value);
    else problems.push(...checked.problems);
  });
  return { areas, problems };
}
