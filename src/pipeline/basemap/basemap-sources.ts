/**
 * The vector data the basemap draws, read and spatially indexed once: roads
 * (roads.geojson: LineStrings with class and width_m), the district outline (adcode
 * 500103 from the reference outlines), optional green-space polygons and building
 * footprints. Missing optional files are simply not drawn; unreadable ones are errors.
 */
import { existsSync } from 'node:fs';
import Flatbush from 'flatbush';
import type { FeatureCollection, Geometry, Position } from 'geojson';
import { ROAD_CLASSES, type RoadClass } from '../../core/roads.ts';
import type { LonLatRect } from '../terrain/dem-coverage.ts';
import { TerrainInputError } from '../../sources/terrain-input-error.ts';
import { readGeoJsonCollectionSync } from '../../sources/geojson-stream.ts';
import { FootprintReadError, readFootprints } from '../../sources/footprint-reader.ts';
import type { SourceReadSettings } from '../../core/handover.ts';

export interface LineFeature {
  cls: RoadClass;
  widthM: number;
  coords: Position[];
}

export interface PolygonFeature {
  rings: Position[][];
}

export interface Indexed<T> {
  items: T[];
  index: Flatbush | undefined;
}

export interface BasemapSources {
  roads: Indexed<LineFeature>;
  outline: Indexed<PolygonFeature>;
  green: Indexed<PolygonFeature>;
  buildings: Indexed<PolygonFeature>;
  /** Bounding box of the district outline, if there is one. */
  districtRect: LonLatRect | undefined;
}

/** Through the shared GeoJSON reader (src/sources/geojson-stream.ts): a BOM is fine; GBK, a cut-short or non-GeoJSON file is an error naming it. */
function readCollection(file: string): FeatureCollection {
  const read = readGeoJsonCollectionSync(file);
  if (read.ok) return read.value;
  throw new TerrainInputError('bad-vector-data', file, `${read.problems.map((p) => p.message).join('; ')} (或用 \`npm run sample\` 重新生成 / or regenerate it with \`npm run sample\`)`);
}

function bboxOf(rings: Position[][]): [number, number, number, number] {
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let n = -Infinity;
  for (const ring of rings)
    for (const [x, y] of ring) {
      w = Math.min(w, x!);
      e = Math.max(e, x!);
      s = Math.min(s, y!);
      n = Math.max(n, y!);
    }
  return [w, s, e, n];
}

function indexed<T>(items: T[], ringsOf: (item: T) => Position[][]): Indexed<T> {
  if (items.length === 0) return { items, index: undefined };
  const index = new Flatbush(items.length);
  for (const item of items) index.add(...bboxOf(ringsOf(item)));
  index.finish();
  return { items, index };
}

export function queryRect<T>(set: Indexed<T>, rect: LonLatRect, marginDeg = 0): T[] {
  if (!set.index) return [];
  return set.index.search(rect.west - marginDeg, rect.south - marginDeg, rect.east + marginDeg, rect.north + marginDeg).map((i) => set.items[i]!);
}

function polygonsOf(geometry: Geometry | null): Position[][][] {
  if (!geometry) return [];
  if (geometry.type === 'Polygon') return [geometry.coordinates];
  if (geometry.type === 'MultiPolygon') return geometry.coordinates;
  return [];
}

function linesOf(geometry: Geometry | null): Position[][] {
  if (!geometry) return [];
  if (geometry.type === 'LineString') return [geometry.coordinates];
  if (geometry.type === 'MultiLineString') return geometry.coordinates;
  return [];
}

export interface BasemapSourceFiles {
  roads?: string;
  /** Reference outlines; the feature with `districtAdcode` is drawn. */
  districts?: string;
  districtAdcode?: string;
  green?: string;
  /** Footprints in any format the footprint reader takes (GeoJSON, FlatGeobuf, Shapefile, GeoPackage). */
  buildings?: string;
  /** How to read them (a hand-over's CRS, datum, code page, layer). */
  buildingsRead?: SourceReadSettings;
}

/** The footprints' rings, through the same reader as the buildings tiles, so the basemap draws the buildings the tiles hold (in lon/lat). */
async function footprintRings(file: string, read: SourceReadSettings): Promise<PolygonFeature[]> {
  const out: PolygonFeature[] = [];
  try {
    for await (const f of readFootprints(file, read)) for (const rings of polygonsOf(f.geometry)) out.push({ rings });
  } catch (error) {
    if (error instanceof FootprintReadError) throw new TerrainInputError('bad-vector-data', file, error.message);
    throw error;
  }
  return out;
}

const optional = (file: string | undefined) => (file && existsSync(file) ? file : undefined);

export async function loadBasemapSources(files: BasemapSourceFiles): Promise<BasemapSources> {
  const roads: LineFeature[] = [];
  const roadsFile = optional(files.roads);
  if (roadsFile) {
    for (const f of readCollection(roadsFile).features) {
      const cls = (f.properties?.class ?? 'local') as RoadClass;
      const widthM = Number(f.properties?.width_m);
      for (const coords of linesOf(f.geometry)) {
        if (coords.length < 2) continue;
        roads.push({ cls: ROAD_CLASSES.includes(cls) ? cls : 'local', widthM: Number.isFinite(widthM) && widthM > 0 ? widthM : 6, coords });
      }
    }
  }
  const outline: PolygonFeature[] = [];
  const districtsFile = optional(files.districts);
  if (districtsFile) {
    const adcode = files.districtAdcode ?? '500103';
    for (const f of readCollection(districtsFile).features) {
      if (String(f.properties?.adcode) !== adcode) continue;
      for (const rings of polygonsOf(f.geometry)) outline.push({ rings });
    }
  }
  const polygonsFrom = (file: string | undefined) => {
    const out: PolygonFeature[] = [];
    const path = optional(file);
    if (path) for (const f of readCollection(path).features) for (const rings of polygonsOf(f.geometry)) out.push({ rings });
    return out;
  };
  const outlineIndex = indexed(outline, (p) => p.rings);
  let districtRect: LonLatRect | undefined;
  if (outline.length > 0) {
    const [west, south, east, north] = bboxOf(outline.flatMap((p) => p.rings));
    districtRect = { west, south, east, north };
  }
  const buildingsFile = optional(files.buildings);
  return {
    roads: indexed(roads, (r) => [r.coords]),
    outline: outlineIndex,
    green: indexed(polygonsFrom(files.green), (p) => p.rings),
    buildings: indexed(buildingsFile ? await footprintRings(buildingsFile, files.buildingsRead ?? {}) : [], (p) => p.rings),
    districtRect,
  };
}
