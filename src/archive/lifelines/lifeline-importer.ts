/**
 * Loads pipe segments into the archive: the segments themselves and every
 * pipe-building pair within `maxDistanceM` (default 50 m, the largest distance the
 * API lets a user ask for), found with a Flatbush index over the footprints and
 * measured exactly (pipe-distance.ts). Segments are checked by the tileset's own
 * validator, so the database and the tiles hold the same segments; bad ones are
 * skipped and returned by id. The pipes are replaced as a whole: the survey file is
 * their source of truth.
 *
 * Two things stop that replacement from hurting the archive (issue 15):
 *
 * - A file that would wipe or gut the network is refused before anything is written
 *   (core/import-shrink.ts: nothing valid → always; > 10 % fewer segments or > 10 %
 *   rejected → unless `allowShrink`). An empty FeatureCollection used to take the sample
 *   from 40,958 segments and 515,313 pairs to none.
 * - The write lock is held only briefly. The import used to compute the proximity inside
 *   its one write transaction, so the lock was held for the whole import: 15.7 s on the
 *   sample (measured by a second connection probing BEGIN IMMEDIATE every 10 ms; 132 s in
 *   the run issue 15 reports), and a server next to it failed 11 of 33 writes. Now the rows
 *   are computed with no lock (6–13 s on the sample), {@link PIPES_PER_BATCH} pipes at a
 *   time as the store asks for them, and the store replaces the network
 *   ({@link LifelineImportStore.replaceLifelines}; SQLite: `store/sqlite/lifeline-swap.ts`,
 *   shadow tables written in transactions of ≤ 25 ms with a 25 ms pause after each, so the
 *   server's 200 ms busy wait finds a gap, swapped in by four renames in one transaction,
 *   the old tables then emptied in batches and dropped: one DROP of the sample's pairs held
 *   the lock 0.1–0.2 s). Sample, three runs on a machine loaded
 *   13–20 on 2 cores: 220–365 transactions, the swap 3–17 ms, the longest 0.13–0.21 s
 *   (COMMITs that ran a WAL checkpoint). Next to a server posting an inspection every
 *   0.4 s (`openArchiveApi`, 200 ms busy timeout) all 65 and all 90 POSTs were 201, none
 *   slower than 0.14 s; before, 3 of 18 failed with 500 and the slowest took 11.6 s. The
 *   whole import took 18–39 s before and 19–38 s now (same machine, varying load).
 *
 * This module is the domain part and knows no database: read, validate, measure, decide.
 * The store keeps one import at a time (a second is refused while the first runs), asks
 * the shrink rule on the count it holds under that guard, and leaves the old network
 * whole when an import fails or crashes.
 */
import Flatbush from 'flatbush';
import type { Geometry, LineString, MultiLineString } from 'geojson';
import { createLocalProjection, type LocalProjection } from '../../core/local-projection.ts';
import type { Pipe } from '../../sources/pipe.ts';
import type { RawFeature } from '../../sources/raw-feature.ts';
import type { PipeProblem } from '../../sources/pipe-problem.ts';
import { createPipeValidator, lineLengthM } from '../../sources/pipe-validator.ts';
import { lineToPolygonsDistance, type LocalPolygon, type Xy } from './pipe-distance.ts';
import { REASONS_SHOWN, shrinkRefusal } from '../../core/import-shrink.ts';
import { type LifelineBatch, type LifelineImportStore } from '../store/archive-store.ts';
import { type Outcome, err, ok } from '../../core/result.ts';

export interface LifelineImportOptions {
  /** Largest pipe-building distance kept (m). Default 50. */
  maxDistanceM?: number;
  /** Centre of the local projection; default Yuzhong (106.55, 29.55). */
  origin?: [number, number];
  /** Go ahead even when the network would shrink by more than 10 % or more than 10 % of the features are rejected (core/import-shrink.ts). */
  allowShrink?: boolean;
}

export interface LifelineImportSummary {
  segments: number;
  /** Pipe-building pairs within maxDistanceM. */
  pairs: number;
  maxDistanceM: number;
  problems: PipeProblem[];
  seconds: number;
  /** Of which the proximity computation (footprint index included), done batch by batch while the store holds no write lock. */
  computeSeconds: number;
  /** The store's writes (`LifelineReplaced.writes`): longest single transaction, the swap (ms; SQLite: BEGIN to COMMIT's return, a checkpoint the COMMIT runs counts), and how many transactions. */
  lock: { longestMs: number; swapMs: number; transactions: number };
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
export function loadFootprintIndex(footprints: ReadonlyArray<{ code: string; geometry: Geometry }>, origin: [number, number] = [106.55, 29.55]): FootprintIndex {
  const projection = createLocalProjection(...origin);
  const codes: string[] = [];
  const polygons: LocalPolygon[][] = [];
  for (const row of footprints) {
    const p = polygonsOf(row.geometry, projection);
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

const SUBJECT = { zh: '管段', en: 'pipe segments', override: 'npm run archive:import -- --lifelines <file> --allow-shrink' };

/** Pipes measured and handed to the store per batch: the store writes a batch (in its own short transactions) before the next is computed. */
const PIPES_PER_BATCH = 2000;

/** The rows of one pipe, added to the batch: the segment as stored and its pairs within maxDistanceM. */
function addPipeRows(batch: LifelineBatch, fi: FootprintIndex, pipe: Pipe, maxDistanceM: number): void {
  const [lon, lat] = midpoint(pipe);
  const coords = pipe.parts.map((part) => Array.from({ length: part.length / 2 }, (_, i) => [part[2 * i]!, part[2 * i + 1]!]));
  const geometry: LineString | MultiLineString = coords.length === 1 ? { type: 'LineString', coordinates: coords[0]! } : { type: 'MultiLineString', coordinates: coords };
  batch.segments.push({
    id: pipe.id, network: pipe.network, diameter_mm: pipe.diameterMm, depth_m: pipe.depthM, material: pipe.material,
    install_year: pipe.installYear, condition: pipe.condition, pressure: pipe.pressure,
    length_m: Math.round(pipe.parts.reduce((s, p) => s + lineLengthM(p), 0) * 100) / 100, lon, lat, geometry,
  });
  for (const [code, d] of nearbyBuildings(fi, pipe, maxDistanceM)) {
    // Centimetres; 0 only for a pipe that really crosses the footprint (`under`), never for one 4 mm beside it.
    batch.proximity.push({ segmentId: pipe.id, code, distanceM: d === 0 ? 0 : Math.max(0.01, Math.round(d * 100) / 100) });
  }
}

/** The rows in batches, computed as the store asks for them (so never inside its write transactions); `spent` adds up the time computing. */
async function* computeBatches(store: LifelineImportStore, pipes: readonly Pipe[], options: { maxDistanceM: number; origin?: [number, number] }, spent: { ms: number }): AsyncGenerator<LifelineBatch> {
  let t = performance.now();
  const fi = loadFootprintIndex(await store.lifelineFootprints(), options.origin);
  for (let start = 0; start < pipes.length; start += PIPES_PER_BATCH) {
    const batch: LifelineBatch = { segments: [], proximity: [] };
    for (const pipe of pipes.slice(start, start + PIPES_PER_BATCH)) addPipeRows(batch, fi, pipe, options.maxDistanceM);
    spent.ms += performance.now() - t;
    yield batch;
    t = performance.now();
  }
  spent.ms += performance.now() - t;
}

export async function importLifelines(
  store: LifelineImportStore,
  features: AsyncIterable<RawFeature> | Iterable<RawFeature>,
  options: LifelineImportOptions = {},
): Promise<Outcome<LifelineImportSummary, string>> {
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

  // 1. Refuse before anything is written: an empty or wrong file must not wipe the network (decided on the count the store holds, with its import guard taken).
  const decide = (stored: number) =>
    shrinkRefusal(SUBJECT, {
      stored,
      remaining: pipes.length,
      valid: pipes.length,
      rejected: problems.length,
      reasons: problems.slice(0, REASONS_SHOWN).map((p) => p.message),
      allowShrink: options.allowShrink ?? false,
    });

  // 2. The long part, proximity of every pipe to every footprint within maxDistanceM, batch by batch as the store takes them: no write lock is held meanwhile.
  const compute = { ms: 0 };
  const replaced = await store.replaceLifelines({ maxDistanceM, decide, batches: computeBatches(store, pipes, { maxDistanceM, origin: options.origin }, compute) });
  if (!replaced.ok) return err(replaced.error.message);
  return ok({
    segments: replaced.value.segments,
    pairs: replaced.value.pairs,
    maxDistanceM,
    problems,
    seconds: (performance.now() - started) / 1000,
    computeSeconds: compute.ms / 1000,
    lock: replaced.value.writes,
  });
}
