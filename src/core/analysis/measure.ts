/**
 * The Measure tool's numbers (issue 18): straight-line and ground distances, height
 * differences, polyline lengths, polygon areas flat and over the terrain, their labels,
 * and snapping a click to a building corner. Plain data in and out (lon°/lat°,
 * ellipsoid heights in metres, a height sampler function), so the viewer can call them
 * on the main thread or in a Web Worker.
 *
 * - Distances on the ellipsoid are Karney's geodesics (geodesy.ts); "straight" and 3D
 *   distances are ECEF chords, so Earth curvature is in them exactly.
 * - Ground distance samples the terrain every `step` metres (default 5 m, a sixth of a
 *   1″ DEM cell, so the bilinear surface is followed closely) and sums 3D chords; no-data
 *   gaps (sampler returns NaN) are bridged by a straight line between the samples either
 *   side, no-data ends count flat, and the result says how much was bridged.
 * - Polygon area is the geodesic area of the ring on the ellipsoid. Terrain surface area
 *   is that area times the area-weighted mean secant of the slope of a TIN: the sampler
 *   on a grid (default 5 m cells, at most 250 000 cells: bigger polygons get bigger
 *   cells), each cell split into two triangles, the ring clipped to each triangle. So a
 *   flat terrain gives the geodesic area exactly and a plane tilted by α gives it / cos α.
 *
 * Measured (var/tmp/bench-measure.ts, Node 20, a shared 2-core machine at load ~8,
 * median; a synthetic 1″ DEM through sampleElevation): ground distance over 3 km at 5 m
 * steps (601 samples), 3 ms — mostly geographiclib placing the points; terrain area of a
 * 1 km × 1 km square at 5 m cells (40 000 cells), 35–39 ms.
 */
import { failure, success, type Result } from '../result.ts';
import type { Problem } from '../problem.ts';
import type { BuildingPickIndex } from '../building-pick-index.ts';
import {
  chordDistance,
  geodesicDistance,
  geodesicPoints,
  geodesicRingArea,
  geodeticToEcef,
  metresPerDegree,
  type LonLat,
  type LonLatHeight,
} from './geodesy.ts';

export type MeasureReason = 'too-few-points' | 'not-finite' | 'degenerate-polygon' | 'no-ground' | 'bad-option';
export type MeasureProblem = Problem<MeasureReason>;

/** Ground height (m, ellipsoid) at lon°/lat°, or NaN where there is no data. E.g. `(lon, lat) => sampleElevation(dem, lon, lat)`. */
export type HeightSampler = (lon: number, lat: number) => number;

/** A clicked point; `height` (ellipsoid, m) when it is known. */
export interface MeasurePoint extends LonLat {
  readonly height?: number;
}

export const DEFAULT_GROUND_STEP_M = 5;
export const DEFAULT_AREA_CELL_M = 5;
export const DEFAULT_AREA_MAX_CELLS = 250_000;
export const DEFAULT_SNAP_TOLERANCE_M = 2;

// ---------------------------------------------------------------------------------
// Input checks

function problem(reason: MeasureReason, message: string, fix?: string): MeasureProblem {
  return fix === undefined ? { reason, message } : { reason, message, fix };
}

function checkPoints(points: readonly MeasurePoint[], min: number, what: string, needHeight: boolean): MeasureProblem[] {
  const problems: MeasureProblem[] = [];
  if (points.length < min) {
    problems.push(problem('too-few-points', `${what}至少需要 ${min} 个点，只有 ${points.length} 个 / ${what === '折线' ? 'a polyline' : what === '多边形' ? 'a polygon' : 'a measurement'} needs at least ${min} points, got ${points.length}`, `再点选 ${min - points.length} 个点 / pick ${min - points.length} more point(s)`));
  }
  points.forEach((p, k) => {
    const bad = !Number.isFinite(p.lon) || !Number.isFinite(p.lat) || Math.abs(p.lat) > 90 || (needHeight && !Number.isFinite(p.height));
    if (bad) {
      problems.push({
        ...problem('not-finite', `第 ${k + 1} 个点的坐标无效（经度 ${p.lon}，纬度 ${p.lat}${needHeight ? `，高程 ${p.height}` : ''}） / point ${k + 1} has an invalid coordinate (lon ${p.lon}, lat ${p.lat}${needHeight ? `, height ${p.height}` : ''})`, '在地形或建筑上重新点选该点 / pick the point again on the terrain or a building'),
        index: k,
      });
    }
  });
  return problems;
}

function checkPositive(value: number, name: string): MeasureProblem[] {
  return value > 0 && Number.isFinite(value) ? [] : [problem('bad-option', `参数 ${name} 必须为正数，得到 ${value} / option ${name} must be a positive number, got ${value}`)];
}

// ---------------------------------------------------------------------------------
// Distances

/** Straight line through space (ECEF chord, m) between two points with ellipsoid heights. */
export function straightDistance(a: LonLatHeight, b: LonLatHeight): Result<number, MeasureProblem> {
  const problems = checkPoints([a, b], 2, '测量', true);
  return problems.length ? failure(problems) : success(chordDistance(a, b));
}

/** b.height − a.height (m): positive when b is higher. */
export function heightDifference(a: LonLatHeight, b: LonLatHeight): Result<number, MeasureProblem> {
  const problems = checkPoints([a, b], 2, '测量', true);
  return problems.length ? failure(problems) : success(b.height - a.height);
}

export interface PolylineLength {
  /** Sum of geodesics on the ellipsoid (m): the map length. */
  geodesic: number;
  /** Sum of 3D chords between the points at their heights (m), or null if a height is missing. */
  spatial: number | null;
  /** Geodesic length of each segment (m). */
  segments: number[];
}

/** Length of a polyline: on the ellipsoid, and in space when every point has a height. */
export function polylineLength(points: readonly MeasurePoint[]): Result<PolylineLength, MeasureProblem> {
  const problems = checkPoints(points, 2, '折线', false);
  if (problems.length) return failure(problems);
  const segments: number[] = [];
  let spatial: number | null = points.every((p) => Number.isFinite(p.height)) ? 0 : null;
  for (let k = 1; k < points.length; k++) {
    const a = points[k - 1]!;
    const b = points[k]!;
    segments.push(geodesicDistance(a, b));
    if (spatial !== null) spatial += chordDistance(a as LonLatHeight, b as LonLatHeight);
  }
  return success({ geodesic: segments.reduce((s, d) => s + d, 0), spatial, segments });
}

export interface GroundDistanceOptions {
  /** Sampling step along each segment (m). Default 5 m (DEFAULT_GROUND_STEP_M). */
  step?: number;
}

export interface GroundDistance {
  /** Length along the terrain surface (m). */
  distance: number;
  /** The same polyline on the ellipsoid (m), for comparison. */
  geodesic: number;
  /** Heights sampled, and how many of them had no data. */
  samples: number;
  missing: number;
  /** Share of the geodesic length where the terrain was not known (bridged or flat), 0…1. */
  missingShare: number;
}

/**
 * Terrain-following distance along a polyline: the sampler every `step` metres along
 * each geodesic, 3D chords between consecutive samples. A run of NaN samples between
 * known ones is bridged by one straight chord (the height taken as linear across the
 * gap); NaN runs at either end count their ellipsoid length, flat. If fewer than two
 * samples are known the result is a `no-ground` failure.
 */
export function groundDistance(points: readonly LonLat[], sampler: HeightSampler, options: GroundDistanceOptions = {}): Result<GroundDistance, MeasureProblem> {
  const step = options.step ?? DEFAULT_GROUND_STEP_M;
  const problems = [...checkPoints(points, 2, '折线', false), ...checkPositive(step, 'step')];
  if (problems.length) return failure(problems);

  // Every sample: its distance along the polyline and its ground height (NaN: no data).
  const lons: number[] = [];
  const lats: number[] = [];
  const along: number[] = [];
  const heights: number[] = [];
  let offset = 0;
  for (let k = 1; k < points.length; k++) {
    const line = geodesicPoints(points[k - 1]!, points[k]!, step);
    for (let i = k === 1 ? 0 : 1; i < line.length; i++) {
      const p = line[i]!;
      lons.push(p.lon);
      lats.push(p.lat);
      along.push(offset + p.distance);
      heights.push(sampler(p.lon, p.lat));
    }
    offset += line.at(-1)!.distance;
  }
  const samples = heights.length;
  let missing = 0;
  let missingLength = 0;
  let distance = 0;
  let first = -1;
  let last = -1;
  let previous: [number, number, number] | null = null;
  for (let i = 0; i < samples; i++) {
    const known = Number.isFinite(heights[i]);
    if (i > 0 && !(known && Number.isFinite(heights[i - 1]))) missingLength += along[i]! - along[i - 1]!;
    if (!known) {
      missing++;
      continue;
    }
    const q = geodeticToEcef(lons[i]!, lats[i]!, heights[i]!);
    // Across a gap this is one chord from the last known sample: heights linear over it.
    if (previous) distance += Math.hypot(q[0] - previous[0], q[1] - previous[1], q[2] - previous[2]);
    previous = q;
    if (first < 0) first = i;
    last = i;
  }
  if (samples - missing < 2) {
    return failure([problem('no-ground', `折线沿线没有足够的地形数据（${samples} 个采样点中 ${missing} 个无数据） / no terrain data along the polyline (${missing} of ${samples} samples have none)`, '在地形覆盖范围内测量，或改用空间距离 / measure where the terrain covers, or use the straight-line distance')]);
  }
  // No-data ends count flat.
  distance += along[first]! + (offset - along[last]!);
  return success({ distance, geodesic: offset, samples, missing, missingShare: offset > 0 ? missingLength / offset : 0 });
}

// ---------------------------------------------------------------------------------
// Areas

/** The ring without a closing repeat, or problems. */
function checkRing(ring: readonly LonLat[]): { ring: LonLat[]; problems: MeasureProblem[] } {
  const open = ring.length > 1 && ring[0]!.lon === ring.at(-1)!.lon && ring[0]!.lat === ring.at(-1)!.lat ? ring.slice(0, -1) : [...ring];
  const problems = checkPoints(open, 3, '多边形', false);
  return { ring: open, problems };
}

export interface PolygonArea {
  /** Area of the ring on the ellipsoid (m²), whatever its winding. */
  area: number;
  /** Its perimeter, geodesic edges (m). */
  perimeter: number;
}

function degenerate(): MeasureProblem {
  return problem('degenerate-polygon', '多边形面积为零（各点共线或重合） / the polygon has no area (its points are collinear or coincide)', '至少选三个不在一条线上的点 / pick at least three points not on one line');
}

/** No area to speak of: points on one geodesic leave only rounding (≪ 1e-10 of the perimeter squared). */
function isDegenerate(r: PolygonArea): boolean {
  return !(r.area > 1e-10 * r.perimeter * r.perimeter + 1e-6);
}

/** Geodesic area and perimeter of a ring (lon/lat, closing repeat optional; one ring, no holes). */
export function polygonArea(ring: readonly LonLat[]): Result<PolygonArea, MeasureProblem> {
  const checked = checkRing(ring);
  if (checked.problems.length) return failure(checked.problems);
  const r = geodesicRingArea(checked.ring);
  if (isDegenerate(r)) return failure([degenerate()]);
  return success(r);
}

export interface TerrainAreaOptions {
  /** Grid cell edge (m). Default 5 m (DEFAULT_AREA_CELL_M). */
  cellSize?: number;
  /** Most cells; a bigger polygon gets bigger cells. Default 250 000 (≈ 100 ms). */
  maxCells?: number;
}

export interface TerrainArea {
  /** Area over the terrain surface (m²). */
  area: number;
  /** The geodesic (flat, map) area of the ring (m²). */
  planarArea: number;
  /** Cell edge used (m). */
  cellSize: number;
  /** Share of the polygon whose terrain was unknown (taken as flat), 0…1. */
  missingShare: number;
}

/** Keeps the part of a flat [x, y, …] polygon where a·x + b·y + c ≥ 0 (Sutherland–Hodgman). */
function clipHalfPlane(input: readonly number[], a: number, b: number, c: number): number[] {
  const out: number[] = [];
  const n = input.length / 2;
  if (n === 0) return out;
  let px = input[2 * n - 2]!;
  let py = input[2 * n - 1]!;
  let pv = a * px + b * py + c;
  for (let k = 0; k < n; k++) {
    const qx = input[2 * k]!;
    const qy = input[2 * k + 1]!;
    const qv = a * qx + b * qy + c;
    if (qv >= 0) {
      if (pv < 0) {
        const t = pv / (pv - qv);
        out.push(px + t * (qx - px), py + t * (qy - py));
      }
      out.push(qx, qy);
    } else if (pv >= 0) {
      const t = pv / (pv - qv);
      out.push(px + t * (qx - px), py + t * (qy - py));
    }
    px = qx;
    py = qy;
    pv = qv;
  }
  return out;
}

function shoelace(xy: readonly number[]): number {
  let sum = 0;
  const n = xy.length / 2;
  for (let k = 0, j = n - 1; k < n; j = k++) sum += xy[2 * j]! * xy[2 * k + 1]! - xy[2 * k]! * xy[2 * j + 1]!;
  return sum / 2;
}

/**
 * Area of a ring over the terrain (see the header): geodesic area × the area-weighted
 * mean of sec(slope) over the TIN of the sampler on a `cellSize` grid, clipped to the
 * ring. NaN samples make their triangles count flat (reported as `missingShare`).
 */
export function terrainSurfaceArea(ring: readonly LonLat[], sampler: HeightSampler, options: TerrainAreaOptions = {}): Result<TerrainArea, MeasureProblem> {
  let cell = options.cellSize ?? DEFAULT_AREA_CELL_M;
  const maxCells = options.maxCells ?? DEFAULT_AREA_MAX_CELLS;
  const checked = checkRing(ring);
  const problems = [...checked.problems, ...checkPositive(cell, 'cellSize'), ...checkPositive(maxCells, 'maxCells')];
  if (problems.length) return failure(problems);
  const planar = geodesicRingArea(checked.ring);
  if (isDegenerate(planar)) return failure([degenerate()]);

  // A local equirectangular plane at the ring's centre (ellipsoid radii of curvature):
  // it only has to carry slopes, the area itself is the geodesic one.
  let west = Infinity, east = -Infinity, south = Infinity, north = -Infinity;
  for (const p of checked.ring) {
    west = Math.min(west, p.lon);
    east = Math.max(east, p.lon);
    south = Math.min(south, p.lat);
    north = Math.max(north, p.lat);
  }
  const lon0 = (west + east) / 2;
  const lat0 = (south + north) / 2;
  const m = metresPerDegree(lat0);
  const xy = checked.ring.flatMap((p) => [(p.lon - lon0) * m.lon, (p.lat - lat0) * m.lat]);
  const x0 = (west - lon0) * m.lon;
  const y0 = (south - lat0) * m.lat;
  const width = (east - west) * m.lon;
  const depth = (north - south) * m.lat;
  if (Math.ceil(width / cell) * Math.ceil(depth / cell) > maxCells) cell = Math.sqrt((width * depth) / maxCells) * 1.01;
  const nx = Math.max(1, Math.ceil(width / cell));
  const ny = Math.max(1, Math.ceil(depth / cell));

  // Heights at the grid's nodes.
  const heights = new Float64Array((nx + 1) * (ny + 1));
  for (let j = 0; j <= ny; j++) {
    const lat = lat0 + (y0 + j * cell) / m.lat;
    for (let i = 0; i <= nx; i++) heights[j * (nx + 1) + i] = sampler(lon0 + (x0 + i * cell) / m.lon, lat);
  }

  let flat = 0;
  let surface = 0;
  let missing = 0;
  const add = (area: number, h0: number, h1: number, h2: number, gx: number, gy: number) => {
    if (!(area > 0)) return;
    flat += area;
    if (Number.isFinite(h0) && Number.isFinite(h1) && Number.isFinite(h2)) surface += area * Math.sqrt(1 + gx * gx + gy * gy);
    else {
      surface += area;
      missing += area;
    }
  };
  // Sign-free: the clipped pieces keep the ring's winding.
  const sign = shoelace(xy) < 0 ? -1 : 1;
  for (let j = 0; j < ny; j++) {
    const ya = y0 + j * cell;
    const yb = ya + cell;
    // One strip of cells at a time, so each cell clips a small polygon.
    const strip = clipHalfPlane(clipHalfPlane(xy, 0, 1, -ya), 0, -1, yb);
    if (strip.length < 6) continue;
    for (let i = 0; i < nx; i++) {
      const xa = x0 + i * cell;
      const xb = xa + cell;
      const piece = clipHalfPlane(clipHalfPlane(strip, 1, 0, -xa), -1, 0, xb);
      if (piece.length < 6) continue;
      const whole = sign * shoelace(piece);
      // Lower-right triangle (00, 10, 11): where (x − xa) − (y − ya) ≥ 0.
      const lower = sign * shoelace(clipHalfPlane(piece, 1, -1, ya - xa));
      const n00 = heights[j * (nx + 1) + i]!;
      const n10 = heights[j * (nx + 1) + i + 1]!;
      const n01 = heights[(j + 1) * (nx + 1) + i]!;
      const n11 = heights[(j + 1) * (nx + 1) + i + 1]!;
      add(lower, n00, n10, n11, (n10 - n00) / cell, (n11 - n10) / cell);
      add(whole - lower, n00, n11, n01, (n11 - n01) / cell, (n01 - n00) / cell);
    }
  }
  if (!(flat > 0) || missing >= flat * (1 - 1e-12)) {
    return failure([problem('no-ground', '多边形范围内没有地形数据 / no terrain data inside the polygon', '在地形覆盖范围内测量，或改用投影面积 / measure where the terrain covers, or use the flat area')]);
  }
  return success({ area: planar.area * (surface / flat), planarArea: planar.area, cellSize: cell, missingShare: missing / flat });
}

// ---------------------------------------------------------------------------------
// Labels

/** An integer with a comma every three digits (locale-free, so a label reads the same everywhere). */
function grouped(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * A length label: below 10 m one decimal ("8.5 m"), below 1 km whole metres ("850 m"),
 * then km with 2 decimals below 10 km ("1.25 km"), 1 below 100 km ("12.5 km"), whole
 * above ("125 km"). Rounded before choosing the unit: 999.6 m reads "1.00 km".
 * Not a number: "—".
 */
export function formatLength(metres: number): string {
  if (!Number.isFinite(metres)) return '—';
  const sign = metres < 0 ? '-' : '';
  const m = Math.abs(metres);
  if (Number(m.toFixed(1)) < 10) return `${sign}${m.toFixed(1)} m`;
  if (Math.round(m) < 1000) return `${sign}${Math.round(m)} m`;
  const km = m / 1000;
  if (Number(km.toFixed(2)) < 10) return `${sign}${km.toFixed(2)} km`;
  if (Number(km.toFixed(1)) < 100) return `${sign}${km.toFixed(1)} km`;
  return `${sign}${grouped(Math.round(km))} km`;
}

/**
 * An area label: below 10 m² one decimal ("8.5 m²"), below 1 km² whole square metres
 * with thousands commas ("950 m²", "125,000 m²"), then km² with 2 decimals below
 * 10 km² ("1.25 km²"), 1 below 100 ("18.4 km²"), whole above. Not a number: "—".
 */
export function formatArea(squareMetres: number): string {
  if (!Number.isFinite(squareMetres)) return '—';
  const sign = squareMetres < 0 ? '-' : '';
  const a = Math.abs(squareMetres);
  if (Number(a.toFixed(1)) < 10) return `${sign}${a.toFixed(1)} m²`;
  if (Math.round(a) < 1_000_000) return `${sign}${grouped(Math.round(a))} m²`;
  const km2 = a / 1_000_000;
  if (Number(km2.toFixed(2)) < 10) return `${sign}${km2.toFixed(2)} km²`;
  if (Number(km2.toFixed(1)) < 100) return `${sign}${km2.toFixed(1)} km²`;
  return `${sign}${grouped(Math.round(km2))} km²`;
}

// ---------------------------------------------------------------------------------
// Snapping

export interface SnapOptions {
  /** Farthest a corner may be from the click (m, in 3D). Default 2 m (DEFAULT_SNAP_TOLERANCE_M). */
  tolerance?: number;
  /** Which buildings may be snapped to (e.g. shown ones). Default: all. */
  isCandidate?: (index: number) => boolean;
}

export interface CornerSnap {
  /** Building index in the pick index, and its code. */
  building: number;
  code: string;
  /** Vertex index in `index.xy`. */
  vertex: number;
  /** Foot of the wall or roof edge. */
  level: 'base' | 'top';
  /** The corner in the index's frame (east, north, up m). */
  position: [number, number, number];
  /** Its distance from the click (m). */
  distance: number;
}

/**
 * The building corner (a footprint vertex at the building's base or top) nearest to a
 * clicked point in the pick index's frame, if within `tolerance` metres; else null. The
 * grid narrows the search to buildings whose box is within the tolerance. Long walls
 * carry extra collinear vertices (the index splits steps over 327 m): they snap too.
 */
export function snapToBuildingCorner(index: BuildingPickIndex, point: readonly [number, number, number], options: SnapOptions = {}): CornerSnap | null {
  const tolerance = options.tolerance ?? DEFAULT_SNAP_TOLERANCE_M;
  const [px, py, pz] = point;
  if (!(tolerance > 0) || !Number.isFinite(px) || !Number.isFinite(py) || !Number.isFinite(pz)) return null;
  const g = index.grid;
  const cellOf = (v: number, origin: number, n: number) => Math.min(n - 1, Math.max(0, Math.floor((v - origin) / g.cellSize)));
  if (px + tolerance < g.x0 || py + tolerance < g.y0 || px - tolerance > g.x0 + g.nx * g.cellSize || py - tolerance > g.y0 + g.ny * g.cellSize) return null;
  const ax = cellOf(px - tolerance, g.x0, g.nx);
  const bx = cellOf(px + tolerance, g.x0, g.nx);
  const ay = cellOf(py - tolerance, g.y0, g.ny);
  const by = cellOf(py + tolerance, g.y0, g.ny);
  const seen = new Set<number>();
  let best: CornerSnap | null = null;
  let bestDistance = tolerance;
  for (let cy = ay; cy <= by; cy++) {
    for (let cx = ax; cx <= bx; cx++) {
      const cell = cy * g.nx + cx;
      for (let k = g.cellStart[cell]!; k < g.cellStart[cell + 1]!; k++) {
        const b = g.items[k]!;
        if (seen.has(b)) continue;
        seen.add(b);
        if (options.isCandidate && !options.isCandidate(b)) continue;
        const bb = 4 * b;
        if (px + tolerance < index.bounds[bb]! || px - tolerance > index.bounds[bb + 2]! || py + tolerance < index.bounds[bb + 1]! || py - tolerance > index.bounds[bb + 3]!) continue;
        const base = index.heights[2 * b]!;
        const top = index.heights[2 * b + 1]!;
        for (let v = index.vertexStart[index.ringStart[b]!]!; v < index.vertexStart[index.ringStart[b + 1]!]!; v++) {
          const x = index.xy[2 * v]!;
          const y = index.xy[2 * v + 1]!;
          const horizontal = (x - px) ** 2 + (y - py) ** 2;
          for (const [level, z] of [['base', base], ['top', top]] as const) {
            const d = Math.sqrt(horizontal + (z - pz) ** 2);
            if (d <= bestDistance) {
              bestDistance = d;
              best = { building: b, code: index.codes[b]!, vertex: v, level, position: [x, y, z], distance: d };
            }
          }
        }
      }
    }
  }
  return best;
}
