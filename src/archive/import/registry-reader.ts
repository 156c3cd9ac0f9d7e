/**
 * The building registry from `buildings.geojson` (footprints and static attributes)
 * and `areas.geojson` (renewal areas and old communities): each building gets its
 * centroid and the ids of the areas that centroid falls in.
 *
 * Every footprint goes through the buildings pipeline's own validator
 * (src/sources/footprint-validator.ts) before the attribute schema: issue 16 found the
 * registry took footprints the tiles refuse (self-intersecting, projected metres, an
 * unclosed ring), so a dossier could exist for a building the map never shows. Now
 * both accept exactly the same buildings; a refused one is a problem of the import
 * (which, as for any bad row, writes nothing) with the tiles' message, word for word,
 * and a fix. Areas go through src/sources/area-validator.ts, the overlays' validator.
 */
import { basename } from 'node:path';
import type { Geometry, MultiPolygon, Polygon, Position } from 'geojson';
import type { SourceReadSettings } from '../../core/handover.ts';
import { BuildingPropertiesSchema } from '../../core/building.ts';
import type { AreaRecord, RegistryBuilding } from '../store/archive-store.ts';
import { fileImportProblem, importProblemOf, type ImportProblem } from '../../sources/import-problem.ts';
import { success } from '../../core/result.ts';
import { pointInPolygon } from '../../core/planar-geometry.ts';
import { FootprintReadError, readFootprints } from '../../sources/footprint-reader.ts';
import type { RawFeature } from '../../sources/raw-feature.ts';
import { createFootprintValidator } from '../../sources/footprint-validator.ts';
import type { BuildingProblem, ProblemReason } from '../../sources/footprint-problem.ts';
import { readAreas } from '../../sources/area-reader.ts';
import type { AreaProblem } from '../../sources/area-problem.ts';
import type { CheckedAreas } from '../../sources/area-validator.ts';

type Rings = Position[][];

function polygonsOf(geometry: Geometry | null): Rings[] {
  if (!geometry) return [];
  if (geometry.type === 'Polygon') return [geometry.coordinates];
  if (geometry.type === 'MultiPolygon') return geometry.coordinates;
  return [];
}

/** Area-weighted centroid of the outer rings; falls back to the vertex mean for degenerate rings. */
export function footprintCentroid(geometry: Geometry): [number, number] | null {
  let cx = 0;
  let cy = 0;
  let total = 0;
  let sx = 0;
  let sy = 0;
  let n = 0;
  for (const polygon of polygonsOf(geometry)) {
    const ring = polygon[0];
    if (!ring || ring.length < 3) continue;
    // Relative to the first vertex: keeps precision at lon ≈ 106.
    const [ox, oy] = [ring[0]![0]!, ring[0]![1]!];
    let a = 0;
    let x = 0;
    let y = 0;
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const xi = ring[i]![0]! - ox, yi = ring[i]![1]! - oy, xj = ring[j]![0]! - ox, yj = ring[j]![1]! - oy;
      const f = xj * yi - xi * yj;
      a += f;
      x += (xj + xi) * f;
      y += (yj + yi) * f;
      sx += ring[i]![0]!;
      sy += ring[i]![1]!;
      n++;
    }
    if (a !== 0) {
      cx += (ox + x / (3 * a)) * Math.abs(a);
      cy += (oy + y / (3 * a)) * Math.abs(a);
      total += Math.abs(a);
    }
  }
  if (total > 0) return [cx / total, cy / total];
  return n > 0 ? [sx / n, sy / n] : null;
}

/** Point in (Multi)Polygon, holes respected. */
export function pointInPolygons(x: number, y: number, polygons: Rings[]): boolean {
  return polygons.some((rings) => pointInPolygon(rings, x, y));
}

interface AreaShape {
  id: string;
  polygons: Rings[];
  bbox: [number, number, number, number];
}

function bboxOf(polygons: Rings[]): [number, number, number, number] {
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const rings of polygons) for (const p of rings[0] ?? []) {
    minX = Math.min(minX, p[0]!);
    minY = Math.min(minY, p[1]!);
    maxX = Math.max(maxX, p[0]!);
    maxY = Math.max(maxY, p[1]!);
  }
  return [minX, minY, maxX, maxY];
}

/** A refused area as an import problem: the validator's message (the overlays give the same), then the fix. */
export function areaImportProblem(problem: AreaProblem): ImportProblem {
  return importProblemOf('areas.geojson', problem, problem.column);
}

/** The checked areas (src/sources/area-validator.ts) as registry records and the shapes centroids are tested against. */
export function registryAreas(checked: CheckedAreas): { areas: AreaRecord[]; shapes: AreaShape[]; problems: ImportProblem[] } {
  const areas: AreaRecord[] = [];
  const shapes: AreaShape[] = [];
  for (const { properties: p, geometry } of checked.areas) {
    const polygons = polygonsOf(geometry);
    areas.push({ id: p.id, kind: p.kind, name: p.name, nameEn: p.name_en });
    shapes.push({ id: p.id, polygons, bbox: bboxOf(polygons) });
  }
  return { areas, shapes, problems: checked.problems.map(areaImportProblem) };
}

/** The property a refused footprint's reason points at, for the problem's column. */
const REASON_COLUMN: Partial<Record<ProblemReason, string>> = {
  'missing-id': 'id',
  'duplicate-id': 'id',
  'missing-height': 'height',
  'implausible-height': 'height',
};

/** A footprint the validator refused, as an import problem: the tiles' message, then the fix. */
export function footprintImportProblem(problem: BuildingProblem, file = 'buildings.geojson'): ImportProblem {
  return importProblemOf(file, problem, REASON_COLUMN[problem.reason] ?? 'geometry');
}

/** The attributes that may be empty (name, community): a Shapefile or GeoPackage leaves an empty one out, our GeoJSON writes null. */
const NULLABLE_KEYS = Object.entries(BuildingPropertiesSchema.shape)
  .filter(([, schema]) => schema.safeParse(null).success)
  .map(([key]) => key);

function withNulls(properties: Record<string, unknown>): Record<string, unknown> {
  if (NULLABLE_KEYS.every((k) => k in properties)) return properties;
  const out = { ...properties };
  for (const k of NULLABLE_KEYS) if (!(k in out)) out[k] = null;
  return out;
}

/** Checks the footprints as they stream in (any format the footprint reader takes): every building, or why not. */
export async function parseBuildings(features: AsyncIterable<RawFeature> | Iterable<RawFeature>, shapes: readonly AreaShape[], file = 'buildings.geojson'): Promise<{ buildings: RegistryBuilding[]; problems: ImportProblem[] }> {
  const buildings: RegistryBuilding[] = [];
  const problems: ImportProblem[] = [];
  const validator = createFootprintValidator();
  for await (const f of features) {
    const i = f.index;
    const checked = validator.validate(f);
    if (!checked.ok) {
      problems.push(footprintImportProblem(checked.problem, file));
      continue;
    }
    const parsed = BuildingPropertiesSchema.safeParse(withNulls(f.properties));
    if (!parsed.success) {
      const id = typeof f.properties.id === 'string' ? ` ${f.properties.id}` : '';
      for (const issue of parsed.error.issues) problems.push({ row: i + 1, column: issue.path.join('.') || null, reason: `${file}${id}: ${issue.message}` });
      continue;
    }
    const p = parsed.data;
    const centroid = f.geometry ? footprintCentroid(f.geometry) : null;
    if (!centroid) {
      problems.push({ row: i + 1, column: 'geometry', reason: `${file} ${p.id}: 需要 Polygon 或 MultiPolygon 轮廓 / needs a Polygon or MultiPolygon footprint` });
      continue;
    }
    const [x, y] = centroid;
    const areaIds = shapes
      .filter((s) => x >= s.bbox[0] && x <= s.bbox[2] && y >= s.bbox[1] && y <= s.bbox[3] && pointInPolygons(x, y, s.polygons))
      .map((s) => s.id);
    buildings.push({ properties: p, lon: round7(x), lat: round7(y), footprint: f.geometry as Polygon | MultiPolygon, areaIds });
  }
  return { buildings, problems };
}

/** ~1 cm: enough for a centroid, and stable across re-imports. */
function round7(v: number): number {
  return Math.round(v * 1e7) / 1e7;
}


/** A source file and how to read it (a hand-over's CRS, code page, mapping), or just its path. */
export type SourceFileRef = string | { path: string; read?: SourceReadSettings };

function refOf(file: SourceFileRef): { path: string; read: SourceReadSettings } {
  return typeof file === 'string' ? { path: file, read: {} } : { path: file.path, read: file.read ?? {} };
}

/**
 * The registry from the footprints and the areas. Footprints are streamed through the
 * footprint reader (GeoJSON, FlatGeobuf, Shapefile, GeoPackage: src/sources), so the
 * registry and the tiles read the same features from the same file.
 */
export async function readRegistry(buildingsFile: SourceFileRef, areasFile: SourceFileRef | null): Promise<{ buildings: RegistryBuilding[]; areas: AreaRecord[]; problems: ImportProblem[] }> {
  const areasRef = areasFile === null ? null : refOf(areasFile);
  const areasRead = areasRef ? await readAreas(areasRef.path, areasRef.read) : success<CheckedAreas>({ areas: [], problems: [] });
  if (!areasRead.ok) return { buildings: [], areas: [], problems: areasRead.problems.map(fileImportProblem) };
  const { areas, shapes, problems: areaProblems } = registryAreas(areasRead.value);
  const buildingsRef = refOf(buildingsFile);
  try {
    const { buildings, problems } = await parseBuildings(readFootprints(buildingsRef.path, buildingsRef.read), shapes, basename(buildingsRef.path));
    return { buildings, areas, problems: [...areaProblems, ...problems] };
  } catch (error) {
    if (!(error instanceof FootprintReadError)) throw error;
    // A GeoJSON stream names the feature it broke at (featureIndex); other problems their 0-based index.
    const at = error.problem as { featureIndex?: number; index?: number } | undefined;
    const index = at?.featureIndex ?? at?.index;
    const row = index !== undefined ? index + 1 : 1;
    return { buildings: [], areas: [], problems: [{ row, column: null, reason: error.message }] };
  }
}
