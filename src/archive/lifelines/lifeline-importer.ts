/**
 * Loads pipe segments into the archive: the segments themselves and every
 * pipe-building pair within `maxDistanceM` (default 50 m, the largest distance the
 * API lets a user ask for), found with a Flatbush index over the footprints and
 * measured exactly (pipe-distance.ts). Segments are checked by the tileset's own
 * validator, so the database and the tiles hold the same segments; bad ones are
 * skipped and returned by id. The pipes are replaced as a whole in one transaction:
 * the survey file is their source of truth.
 */
import type Database from 'better-sqlite3';
import Flatbush from 'flatbush';
import type { Geometry } from 'geojson';
import { createLocalProjection, type LocalProjection } from '../../core/local-projection.ts';
import type { Pipe, RawFeature } from '../../pipeline/lifelines/pipe.ts';
import type { PipeProblem } from '../../pipeline/lifelines/pipe-problem.ts';
import { createPipeValidator, lineLengthM } from '../../pipeline/lifelines/pipe-validator.ts';
import { lineToPolygonsDistance, type LocalPolygon, type Xy } from './pipe-distance.ts';

export interface LifelineImportOptions {
  /** Largest pipe-building distance kept (m). Default 50. */
  maxDistanceM?: number;
  /** Centre of the local projection; default Yuzhong (106.55, 29.55). */
  origin?: [number, number];
}

export interface LifelineImportSummary {
  segments: number;
  /** Pipe-building pairs within maxDistanceM. */
  pairs: number;
  maxDistanceM: number;
  problems: PipeProblem[];
  seconds: number;
}

export const DEFAULT_MAX_PROXIMITY_M = 50;

export interface FootprintIndex {
  codes: string[];
  polygons: LocalPolygon[][];
  index: Flatbush;
  projection: LocalProjection;
}

function polygonsOf(geometry: Geometry, projection: LocalProjection): LocalPolygon[] {
  const list = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.type === 'MultiPolygon' ? geometry.coordinates : [];
  return list.map((rings) => rings.map((ring) => ring.map((p) => projection.toLocal(p[0]!, p[1]!) as Xy)));
}

/** The footprints of the archive's buildings, projected and indexed. */
export function loadFootprintIndex(db: Database.Database, origin: [number, number] = [106.55, 29.55]): FootprintIndex {
  const projection = createLocalProjection(...origin);
  const rows = db.prepare('SELECT code, geometry FROM footprints ORDER BY code').all() as { code: string; geometry: string }[];
  const codes: string[] = [];
  const polygons: LocalPolygon[][] = [];
  for (const row of rows) {
    const p = polygonsOf(JSON.parse(row.geometry) as Geometry, projection);
    if (p.length === 0) continue;
    codes.push(row.code);
    polygons.push(p);
  }
  const index = new Flatbush(Math.max(1, codes.length));
  for (const p of polygons) {
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    for (const polygon of p) for (const [x, y] of polygon[0]!) {
      minX = Math.min(minX, x); minY = Math.min(minY, y); maxX = Math.max(maxX, x); maxY = Math.max(maxY, y);
    }
    index.add(minX, minY, maxX, maxY);
  }
  if (codes.length === 0) index.add(0, 0, 0, 0); // Flatbush needs one item; no code maps to it.
  index.finish();
  return { codes, polygons, index, projection };
}

/** Buildings within maxDistance of a pipe: [code, distance] sorted by code. */
export function nearbyBuildings(fi: FootprintIndex, pipe: Pipe, maxDistanceM: number): [string, number][] {
  const out: [string, number][] = [];
  const lines = pipe.parts.map((part) => {
    const line: Xy[] = [];
    for (let i = 0; i < part.length; i += 2) line.push(fi.projection.toLocal(part[i]!, part[i + 1]!) as Xy);
    return line;
  });
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const line of lines) for (const [x, y] of line) {
    minX = Math.min(minX, x); minY = Math.min(minY, y); maxX = Math.max(maxX, x); maxY = Math.max(maxY, y);
  }
  const hits = fi.index.search(minX - maxDistanceM, minY - maxDistanceM, maxX + maxDistanceM, maxY + maxDistanceM);
  for (const i of hits) {
    if (i >= fi.codes.length) continue;
    const d = Math.min(...lines.map((line) => lineToPolygonsDistance(line, fi.polygons[i]!)));
    if (d <= maxDistanceM) out.push([fi.codes[i]!, d]);
  }
  return out.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

function midpoint(pipe: Pipe): [number, number] {
  const part = pipe.parts[0]!;
  const half = lineLengthM(part) / 2;
  let along = 0;
  for (let i = 2; i < part.length; i += 2) {
    const step = lineLengthM(part.subarray(i - 2, i + 2));
    if (along + step >= half && step > 0) {
      const t = (half - along) / step;
      return [part[i - 2]! + (part[i]! - part[i - 2]!) * t, part[i - 1]! + (part[i + 1]! - part[i - 1]!) * t];
    }
    along += step;
  }
  return [part[0]!, part[1]!];
}

export async function importLifelines(
  db: Database.Database,
  features: AsyncIterable<RawFeature> | Iterable<RawFeature>,
  options: LifelineImportOptions = {},
): Promise<LifelineImportSummary> {
  const started = performance.now();
  const maxDistanceM = options.maxDistanceM ?? DEFAULT_MAX_PROXIMITY_M;
  const validator = createPipeValidator();
  const pipes: Pipe[] = [];
  const problems: PipeProblem[] = [];
  const take = (raw: RawFeature) => {
    const r = validator.validate(raw);
    if (r.ok) pipes.push(r.pipe);
    else problems.push(r.problem);
  };
  if (Symbol.iterator in features) for (const raw of features) take(raw);
  else for await (const raw of features) take(raw);

  const fi = loadFootprintIndex(db, options.origin);
  const insertSegment = db.prepare(
    `INSERT INTO lifeline_segments (id, network, diameter_mm, depth_m, material, install_year, condition, pressure, length_m, lon, lat, geometry)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertPair = db.prepare('INSERT INTO lifeline_proximity (segment_id, code, distance_m) VALUES (?, ?, ?)');
  let pairs = 0;
  db.transaction(() => {
    db.exec('DELETE FROM lifeline_proximity; DELETE FROM lifeline_segments;');
    for (const pipe of pipes) {
      const [lon, lat] = midpoint(pipe);
      const coords = pipe.parts.map((part) => Array.from({ length: part.length / 2 }, (_, i) => [part[2 * i]!, part[2 * i + 1]!]));
      const geometry = coords.length === 1 ? { type: 'LineString', coordinates: coords[0] } : { type: 'MultiLineString', coordinates: coords };
      insertSegment.run(
        pipe.id, pipe.network, pipe.diameterMm, pipe.depthM, pipe.material, pipe.installYear, pipe.condition, pipe.pressure,
        Math.round(pipe.parts.reduce((s, p) => s + lineLengthM(p), 0) * 100) / 100, lon, lat, JSON.stringify(geometry),
      );
      for (const [code, d] of nearbyBuildings(fi, pipe, maxDistanceM)) {
        // Centimetres; 0 only for a pipe that really crosses the footprint (`under`), never for one 4 mm beside it.
        insertPair.run(pipe.id, code, d === 0 ? 0 : Math.max(0.01, Math.round(d * 100) / 100));
        pairs++;
      }
    }
    db.prepare("UPDATE meta SET value = ? WHERE key = 'lifelines_max_distance_m'").run(maxDistanceM);
    // Risk counts are cached per archive version: new pipes must invalidate them.
    db.prepare("UPDATE meta SET value = value + 1 WHERE key = 'change_version'").run();
  })();
  return { segments: pipes.length, pairs, maxDistanceM, problems, seconds: (performance.now() - started) / 1000 };
}
