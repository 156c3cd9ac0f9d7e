/**
 * A vertical section along a drawn line (the Section tool, issue 18): the ground heights
 * along it, and the buildings it crosses with where (distance along the line where it
 * enters and leaves each footprint) and their base and roof; and a pit (the Excavate
 * tool): its floor, walls and volume. Pure; the pipes come from the archive (they are not
 * in the browser's data).
 *
 * Ground: the DEM sampled bilinearly every `step` metres along each geodesic segment
 * (default 2 m, under half the sample DEM's 5 m spacing, so no DEM sample is skipped).
 * Buildings: each segment is cut against every footprint ring in the pick index's
 * east-north-up frame, exactly (edge–edge intersections, then inside/outside between
 * them), and the frame distances are scaled to the segment's geodesic length (over a few
 * hundred metres the frame's plane and the ellipsoid differ by < 0.01 %).
 */
import type { BuildingPickIndex } from '../building-pick-index.ts';
import { insideFootprint } from '../building-pick-index.ts';
import { type ElevationGrid, sampleElevation } from '../elevation-grid.ts';
import type { Problem } from '../problem.ts';
import { failure, success, type Result } from '../result.ts';
import { createEnuFrame, geodesicDistance, geodesicPoints, geodesicRingArea as geodesicRingAreaOf, type LonLat } from './geodesy.ts';

export type SectionProblem = Problem<'too-few-points' | 'not-finite' | 'bad-option'>;

export interface GroundProfile {
  /** Distance from the first point (m) and the ground there (m, NaN outside the DEM). */
  distance: Float64Array;
  ground: Float32Array;
  lon: Float64Array;
  lat: Float64Array;
  /** Total geodesic length (m). */
  length: number;
  /** Where each drawn vertex lies along the profile (m). */
  vertices: number[];
}

export interface CrossedBuilding {
  index: number;
  code: string;
  /** Along the line (m): where it enters and leaves the footprint (one entry per pass). */
  from: number;
  to: number;
  /** Ellipsoid heights of its walls' foot and roof (m). */
  base: number;
  top: number;
}

export const DEFAULT_PROFILE_STEP_M = 2;

function check(points: readonly LonLat[]): SectionProblem[] {
  if (points.length < 2) return [{ reason: 'too-few-points', message: `剖面线至少需要 2 个点,只有 ${points.length} 个 / a section line needs at least 2 points, got ${points.length}`, fix: '在地图上再点一个点 / click another point on the map' }];
  if (points.some((p) => !Number.isFinite(p.lon) || !Number.isFinite(p.lat))) return [{ reason: 'not-finite', message: '剖面线有无效坐标 / the section line has an invalid coordinate', fix: '重新点选 / pick the points again' }];
  return [];
}

/** The ground along the line, every `step` metres (see the header). */
export function groundProfile(points: readonly LonLat[], grid: ElevationGrid, step = DEFAULT_PROFILE_STEP_M): Result<GroundProfile, SectionProblem> {
  const problems = check(points);
  if (!(step > 0 && Number.isFinite(step))) problems.push({ reason: 'bad-option', message: `步长须为正数,而不是 ${step} / the step must be a positive number of metres, not ${step}` });
  if (problems.length > 0) return failure(problems);
  const d: number[] = [], lon: number[] = [], lat: number[] = [];
  const vertices = [0];
  let offset = 0;
  for (let k = 0; k + 1 < points.length; k++) {
    const along = geodesicPoints(points[k]!, points[k + 1]!, step);
    for (let i = k === 0 ? 0 : 1; i < along.length; i++) {
      d.push(offset + along[i]!.distance);
      lon.push(along[i]!.lon);
      lat.push(along[i]!.lat);
    }
    offset += along[along.length - 1]!.distance;
    vertices.push(offset);
  }
  const ground = new Float32Array(d.length);
  for (let i = 0; i < d.length; i++) ground[i] = sampleElevation(grid, lon[i]!, lat[i]!);
  return success({ distance: Float64Array.from(d), ground, lon: Float64Array.from(lon), lat: Float64Array.from(lat), length: offset, vertices });
}

/** Parameters t ∈ (0, 1) where segment p→q crosses segment a→b (parallel: none). */
function crossing(px: number, py: number, qx: number, qy: number, ax: number, ay: number, bx: number, by: number): number | null {
  const rx = qx - px, ry = qy - py, sx = bx - ax, sy = by - ay;
  const den = rx * sy - ry * sx;
  if (den === 0) return null;
  const t = ((ax - px) * sy - (ay - py) * sx) / den;
  const u = ((ax - px) * ry - (ay - py) * rx) / den;
  return t > 0 && t < 1 && u >= 0 && u < 1 ? t : null;
}

/** The buildings the line crosses, in order along it (see the header). */
export function buildingsAlong(index: BuildingPickIndex, points: readonly LonLat[]): Result<CrossedBuilding[], SectionProblem> {
  const problems = check(points);
  if (problems.length > 0) return failure(problems);
  const frame = createEnuFrame([index.origin.lon, index.origin.lat, index.origin.height]);
  const local = points.map((p) => frame.toLocal(p.lon, p.lat, 0));
  const out: CrossedBuilding[] = [];
  let offset = 0;
  for (let k = 0; k + 1 < points.length; k++) {
    const [px, py] = local[k]!, [qx, qy] = local[k + 1]!;
    const geodesic = geodesicDistance(points[k]!, points[k + 1]!);
    const minX = Math.min(px, qx), maxX = Math.max(px, qx), minY = Math.min(py, qy), maxY = Math.max(py, qy);
    for (let b = 0; b < index.count; b++) {
      if (index.bounds[4 * b]! > maxX || index.bounds[4 * b + 2]! < minX || index.bounds[4 * b + 1]! > maxY || index.bounds[4 * b + 3]! < minY) continue;
      const ts: number[] = [0, 1];
      for (let r = index.ringStart[b]!; r < index.ringStart[b + 1]!; r++) {
        const first = index.vertexStart[r]!, last = index.vertexStart[r + 1]! - 1;
        for (let a = last, c = first; c <= last; a = c++) {
          const t = crossing(px, py, qx, qy, index.xy[2 * a]!, index.xy[2 * a + 1]!, index.xy[2 * c]!, index.xy[2 * c + 1]!);
          if (t !== null) ts.push(t);
        }
      }
      if (ts.length === 2 && !insideFootprint(index, b, px, py)) continue;
      ts.sort((x, y) => x - y);
      for (let i = 0; i + 1 < ts.length; i++) {
        const t0 = ts[i]!, t1 = ts[i + 1]!;
        if (t1 - t0 < 1e-9) continue;
        const tm = (t0 + t1) / 2;
        if (!insideFootprint(index, b, px + (qx - px) * tm, py + (qy - py) * tm)) continue;
        const from = offset + t0 * geodesic, to = offset + t1 * geodesic;
        // A pass continuing from the previous segment (the line bends inside a footprint) joins it.
        const prev = out.findLast((c) => c.index === b);
        if (prev && Math.abs(prev.to - from) < 1e-6) prev.to = to;
        else {
          // Frame "up" is not ellipsoid height away from the origin (the plane stands above the ground by (e² + n²) / 2R).
          const cx = (index.bounds[4 * b]! + index.bounds[4 * b + 2]!) / 2, cy = (index.bounds[4 * b + 1]! + index.bounds[4 * b + 3]!) / 2;
          const base = frame.toGeodetic(cx, cy, index.heights[2 * b]!).height, top = frame.toGeodetic(cx, cy, index.heights[2 * b + 1]!).height;
          out.push({ index: b, code: index.codes[b]!, from, to, base, top });
        }
      }
    }
    offset += geodesic;
  }
  out.sort((a, b) => a.from - b.from || a.index - b.index);
  return success(out);
}

// ---------------------------------------------------------------------------------
// Excavation

export interface Excavation {
  /** The pit's flat floor: the lowest ground on its outline minus the depth (m). */
  floorM: number;
  rimMinM: number;
  rimMaxM: number;
  /** The outline densified every `step` metres, with the ground at each point: the walls' top. */
  outline: { lon: number; lat: number; ground: number }[];
  /** Geodesic area of the outline (m²). */
  areaM2: number;
  /** Earth removed: ∑ (ground − floor) over `cell`-metre cells whose centre is inside (m³). */
  volumeM3: number;
  cellM: number;
}

export const DEFAULT_PIT_CELL_M = 1;

/**
 * A pit with vertical walls and a flat floor `depth` metres below the lowest ground on
 * its outline (the rim): the walls' top follows the ground every `step` metres along the
 * outline, the volume sums the ground above the floor over `cellM` cells inside (a
 * square grid in the outline's own east-north-up frame; a cell counts when its centre
 * is inside).
 */
export function excavation(ring: readonly LonLat[], depth: number, grid: ElevationGrid, options: { step?: number; cellM?: number } = {}): Result<Excavation, SectionProblem> {
  const step = options.step ?? DEFAULT_PROFILE_STEP_M;
  const cellM = options.cellM ?? DEFAULT_PIT_CELL_M;
  const problems: SectionProblem[] = [];
  if (ring.length < 3) problems.push({ reason: 'too-few-points', message: `基坑轮廓至少需要 3 个点,只有 ${ring.length} 个 / a pit outline needs at least 3 points, got ${ring.length}`, fix: '在地图上再点几个点 / click more points on the map' });
  else if (ring.some((p) => !Number.isFinite(p.lon) || !Number.isFinite(p.lat))) problems.push({ reason: 'not-finite', message: '基坑轮廓有无效坐标 / the pit outline has an invalid coordinate', fix: '重新点选 / pick the points again' });
  for (const [name, v] of [['depth', depth], ['step', step], ['cellM', cellM]] as const) {
    if (!(v > 0 && Number.isFinite(v))) problems.push({ reason: 'bad-option', message: `${name} 须为正数(米),而不是 ${v} / ${name} must be a positive number of metres, not ${v}` });
  }
  if (problems.length > 0) return failure(problems);
  const outline: Excavation['outline'] = [];
  for (let k = 0; k < ring.length; k++) {
    const along = geodesicPoints(ring[k]!, ring[(k + 1) % ring.length]!, step);
    for (let i = 0; i + 1 < along.length; i++) outline.push({ lon: along[i]!.lon, lat: along[i]!.lat, ground: sampleElevation(grid, along[i]!.lon, along[i]!.lat) });
  }
  const grounds = outline.map((p) => p.ground).filter(Number.isFinite);
  if (grounds.length === 0) return failure([{ reason: 'not-finite', message: '基坑轮廓不在高程网格内 / the pit outline lies outside the elevation grid', fix: '在研究区内画基坑 / draw the pit inside the district' }]);
  const rimMinM = Math.min(...grounds), rimMaxM = Math.max(...grounds);
  const floorM = rimMinM - depth;
  const frame = createEnuFrame([ring[0]!.lon, ring[0]!.lat, 0]);
  const xy = ring.map((p) => frame.toLocal(p.lon, p.lat, 0));
  const xs = xy.map((p) => p[0]), ys = xy.map((p) => p[1]);
  let volume = 0;
  for (let y = Math.min(...ys) + cellM / 2; y < Math.max(...ys); y += cellM) {
    for (let x = Math.min(...xs) + cellM / 2; x < Math.max(...xs); x += cellM) {
      let inside = false;
      for (let a = xy.length - 1, b = 0; b < xy.length; a = b++) {
        const [ax, ay] = xy[a]!, [bx, by] = xy[b]!;
        if (ay > y !== by > y && x < ax + ((y - ay) * (bx - ax)) / (by - ay)) inside = !inside;
      }
      if (!inside) continue;
      const g = frame.toGeodetic(x, y, 0);
      const h = sampleElevation(grid, g.lon, g.lat);
      if (Number.isFinite(h)) volume += Math.max(0, h - floorM) * cellM * cellM;
    }
  }
  const { area } = geodesicRingAreaOf(ring);
  return success({ floorM, rimMinM, rimMaxM, outline, areaM2: area, volumeM3: volume, cellM });
}

// ---------------------------------------------------------------------------------
// Pipes against a drawn line or outline (the archive answers with these)

/** Where `line` (a pipe) crosses the drawn `section`: distance along the section (m) and the point. */
export function lineCrossings(section: readonly LonLat[], line: readonly (readonly number[])[]): { distanceM: number; lon: number; lat: number }[] {
  if (section.length < 2 || line.length < 2) return [];
  const frame = createEnuFrame([section[0]!.lon, section[0]!.lat, 0]);
  const s = section.map((p) => frame.toLocal(p.lon, p.lat, 0));
  const l = line.map((p) => frame.toLocal(p[0]!, p[1]!, 0));
  const out: { distanceM: number; lon: number; lat: number }[] = [];
  let offset = 0;
  for (let k = 0; k + 1 < s.length; k++) {
    const [px, py] = s[k]!, [qx, qy] = s[k + 1]!;
    const geodesic = geodesicDistance(section[k]!, section[k + 1]!);
    for (let j = 0; j + 1 < l.length; j++) {
      const t = crossing(px, py, qx, qy, l[j]![0], l[j]![1], l[j + 1]![0], l[j + 1]![1]);
      if (t === null) continue;
      const g = frame.toGeodetic(px + (qx - px) * t, py + (qy - py) * t, 0);
      out.push({ distanceM: offset + t * geodesic, lon: g.lon, lat: g.lat });
    }
    offset += geodesic;
  }
  return out.sort((a, b) => a.distanceM - b.distanceM);
}

/** Length (m) of `line` inside the polygon `ring` (no closing repeat needed), and a point of it inside, or null when none is. */
export function lengthInside(ring: readonly LonLat[], line: readonly (readonly number[])[]): { lengthM: number; lon: number; lat: number } | null {
  if (ring.length < 3 || line.length < 2) return null;
  const frame = createEnuFrame([ring[0]!.lon, ring[0]!.lat, 0]);
  const r = ring.map((p) => frame.toLocal(p.lon, p.lat, 0));
  const inside = (x: number, y: number) => {
    let hit = false;
    for (let a = r.length - 1, b = 0; b < r.length; a = b++) {
      const [ax, ay] = r[a]!, [bx, by] = r[b]!;
      if (ay > y !== by > y && x < ax + ((y - ay) * (bx - ax)) / (by - ay)) hit = !hit;
    }
    return hit;
  };
  let total = 0;
  let at: [number, number] | null = null;
  for (let j = 0; j + 1 < line.length; j++) {
    const [px, py] = frame.toLocal(line[j]![0]!, line[j]![1]!, 0), [qx, qy] = frame.toLocal(line[j + 1]![0]!, line[j + 1]![1]!, 0);
    const ts = [0, 1];
    for (let a = r.length - 1, b = 0; b < r.length; a = b++) {
      const t = crossing(px, py, qx, qy, r[a]![0], r[a]![1], r[b]![0], r[b]![1]);
      if (t !== null) ts.push(t);
    }
    ts.sort((x, y) => x - y);
    const len = Math.hypot(qx - px, qy - py);
    for (let i = 0; i + 1 < ts.length; i++) {
      const tm = (ts[i]! + ts[i + 1]!) / 2;
      const mx = px + (qx - px) * tm, my = py + (qy - py) * tm;
      if (!inside(mx, my)) continue;
      total += (ts[i + 1]! - ts[i]!) * len;
      at ??= [mx, my];
    }
  }
  if (!at) return null;
  const g = frame.toGeodetic(at[0], at[1], 0);
  return { lengthM: total, lon: g.lon, lat: g.lat };
}
