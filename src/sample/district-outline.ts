/**
 * Yuzhong's outline and its land/water model.
 *
 * The reference outlines (see shared/data/reference/PROVENANCE.md) put district
 * boundaries on river centrelines: Yuzhong meets 江北 along the Jialing and 南岸 along
 * the Yangtze, and the two rivers meet at 朝天门. We find those shared stretches, extend
 * them with the neighbours' own shared stretches (江北|沙坪坝 is the Jialing upstream,
 * 九龙坡|南岸 the Yangtze upstream, 江北|南岸 the Yangtze below the confluence) and make
 * each river a band of seeded, slowly varying width around them. The west boundary with
 * 沙坪坝/九龙坡 is land.
 *
 * Everything downstream (DEM, streets, buildings, tests) asks this model what is land,
 * so they can never disagree about the shore.
 */
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { createNoise2D } from 'simplex-noise';
import { DISTRICT } from '../core/district.ts';
import { readGeoJsonCollectionSync } from '../sources/geojson-stream.ts';
import { createLocalProjection, type LocalProjection } from '../core/local-projection.ts';
import {
  chaikin,
  pointSegmentDistanceSq,
  projectOnSegment,
  resamplePolyline,
  simplifyPolyline,
  type Vec2,
} from './planar-geometry.ts';
import { createRng } from './random-helpers.ts';
import { pointInPolygon } from '../core/planar-geometry.ts';

/** A district as the reference file draws it: polygons of lon/lat rings (outer first). */
export interface DistrictShape {
  name: string;
  adcode: string;
  polygons: [number, number][][][];
}

export interface DistrictOutline {
  yuzhong: DistrictShape;
  neighbours: DistrictShape[];
}

/** Lon/lat rectangle (degrees). */
export interface LonLatBounds {
  west: number;
  south: number;
  east: number;
  north: number;
}

/** The area every sample generator covers: the district, both rivers and both opposite banks. */
export const SAMPLE_BOUNDS: LonLatBounds = { west: 106.47, south: 29.515, east: 106.6, north: 29.585 };

/** Origin of the local metric frame the sample generators work in. */
export const SAMPLE_ORIGIN: readonly [number, number] = [106.54, 29.55];

const NEIGHBOUR_ZH = {
  jiangbei: '江北区',
  nanan: '南岸区',
  shapingba: '沙坪坝区',
  jiulongpo: '九龙坡区',
} as const;

function toPolygons(geometry: Polygon | MultiPolygon): [number, number][][][] {
  const polys = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  return polys.map((rings) => rings.map((ring) => ring.map((p) => [p[0]!, p[1]!] as [number, number])));
}

/** Splits the reference FeatureCollection into Yuzhong (adcode 500103) and the rest. */
export function parseDistrictOutline(fc: FeatureCollection): DistrictOutline {
  const shapes: DistrictShape[] = [];
  for (const f of fc.features as Feature[]) {
    const g = f.geometry;
    if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon')) continue;
    const props = (f.properties ?? {}) as Record<string, unknown>;
    shapes.push({ name: String(props.name ?? ''), adcode: String(props.adcode ?? ''), polygons: toPolygons(g) });
  }
  const yuzhong = shapes.find((s) => s.adcode === DISTRICT.adcode);
  if (!yuzhong) throw new Error(`no feature with adcode ${DISTRICT.adcode} (${DISTRICT.nameZh}) in the outline file`);
  return { yuzhong, neighbours: shapes.filter((s) => s !== yuzhong) };
}

/** Reads the reference GeoJSON of Yuzhong and its neighbours. */
export function loadDistrictOutline(path: string): DistrictOutline {
  const read = readGeoJsonCollectionSync(path);
  if (!read.ok) throw new Error(read.problems.map((p) => p.message).join('\n'));
  return parseDistrictOutline(read.value);
}

export type RiverKey = 'jialing' | 'yangtze';

export interface River {
  key: RiverKey;
  zh: string;
  /** Centrelines in lon/lat (several pieces; they overlap at the joins). */
  centrelines: [number, number][][];
  /** Range of the band's full width (m). */
  widthM: readonly [number, number];
}

export interface LandWaterOptions {
  /** Sample seed; the band widths vary along the rivers with it. */
  seed: string;
  /** Area the precomputed distance raster covers (elsewhere it is computed exactly). */
  bounds?: LonLatBounds;
  /** Spacing of the distance raster (m). */
  cellM?: number;
  /** Jialing width range (m): ~300–400 m at Yuzhong. */
  jialingWidthM?: readonly [number, number];
  /** Yangtze width range (m): ~600–900 m at Yuzhong. */
  yangtzeWidthM?: readonly [number, number];
}

const LAND_WATER_DEFAULTS: Required<Omit<LandWaterOptions, 'seed'>> = {
  bounds: SAMPLE_BOUNDS,
  cellM: 10,
  jialingWidthM: [310, 380],
  yangtzeWidthM: [620, 780],
};

export interface LandWaterModel {
  readonly outline: DistrictOutline;
  readonly rivers: readonly River[];
  /** The local metric frame (origin SAMPLE_ORIGIN) of the `…Local` functions. */
  readonly projection: LocalProjection;
  /** Yuzhong's rings in local metres (outer ring first in each polygon). */
  readonly districtRingsLocal: readonly (readonly Vec2[])[][];
  /** Signed distance to the nearest shore (m): positive on land, negative in a river. */
  waterSignedDistanceM(lon: number, lat: number): number;
  /** Dry ground (any district), not river. */
  isLand(lon: number, lat: number): boolean;
  /** Inside Yuzhong's outline (river half included). */
  isInDistrict(lon: number, lat: number): boolean;
  /** Yuzhong's dry ground: inside the outline and not river. */
  isDistrictLand(lon: number, lat: number): boolean;
  waterSignedDistanceLocal(x: number, y: number): number;
  isInDistrictLocal(x: number, y: number): boolean;
  isDistrictLandLocal(x: number, y: number): boolean;
}

/** River segment in local metres with the band half-width at both ends. */
interface BandSegment {
  ax: number;
  ay: number;
  bx: number;
  by: number;
  ha: number;
  hb: number;
}

function outerRingsLocal(shape: DistrictShape, proj: LocalProjection): Vec2[][] {
  return shape.polygons.map((rings) => rings[0]!.map(([lon, lat]) => proj.toLocal(lon, lat)));
}

function distanceToRings(x: number, y: number, rings: readonly (readonly Vec2[])[]): number {
  let best = Infinity;
  for (const ring of rings) {
    for (let i = 0; i + 1 < ring.length; i++) {
      const a = ring[i]!;
      const b = ring[i + 1]!;
      const d = pointSegmentDistanceSq(x, y, a[0], a[1], b[0], b[1]);
      if (d < best) best = d;
    }
  }
  return Math.sqrt(best);
}

/**
 * The parts of `a`'s outer rings that run within `tolM` of `b`'s outer rings: their
 * shared boundary. Only parts inside `clip` (local rectangle) are kept.
 */
function sharedStretches(
  a: readonly Vec2[][],
  b: readonly Vec2[][],
  tolM: number,
  clip: { x0: number; y0: number; x1: number; y1: number },
): Vec2[][] {
  const runs: Vec2[][] = [];
  for (const ring of a) {
    const pts = resamplePolyline(ring, 25);
    const near = pts.map(
      ([x, y]) => x >= clip.x0 && x <= clip.x1 && y >= clip.y0 && y <= clip.y1 && distanceToRings(x, y, b) <= tolM,
    );
    // Start the walk at a point that is not shared so runs never wrap around the ring end.
    const start = near.indexOf(false);
    if (start < 0) continue;
    let run: Vec2[] = [];
    for (let k = 0; k <= pts.length; k++) {
      const i = (start + k) % pts.length;
      if (near[i] && k < pts.length) run.push(pts[i]!);
      else {
        if (run.length >= 3) runs.push(run);
        run = [];
      }
    }
  }
  return runs;
}

function lerp(a: number, b: number, t: number): number {
  return a + (b - a) * t;
}

/**
 * Builds the land/water model: river bands along the shared boundaries and a raster
 * of signed distance to the shore (bilinear between nodes; exact outside `bounds`).
 */
export function createLandWaterModel(outline: DistrictOutline, options: LandWaterOptions): LandWaterModel {
  const o = { ...LAND_WATER_DEFAULTS, ...options };
  const proj = createLocalProjection(SAMPLE_ORIGIN[0], SAMPLE_ORIGIN[1]);
  const [bx0, by0] = proj.toLocal(o.bounds.west, o.bounds.south);
  const [bx1, by1] = proj.toLocal(o.bounds.east, o.bounds.north);
  const margin = 3000;
  const clip = { x0: bx0 - margin, y0: by0 - margin, x1: bx1 + margin, y1: by1 + margin };

  const byName = (zh: string): DistrictShape => {
    const s = outline.neighbours.find((n) => n.name === zh);
    if (!s) throw new Error(`neighbour ${zh} missing from the outline file`);
    return s;
  };
  const yz = outerRingsLocal(outline.yuzhong, proj);
  const jb = outerRingsLocal(byName(NEIGHBOUR_ZH.jiangbei), proj);
  const na = outerRingsLocal(byName(NEIGHBOUR_ZH.nanan), proj);
  const spb = outerRingsLocal(byName(NEIGHBOUR_ZH.shapingba), proj);
  const jlp = outerRingsLocal(byName(NEIGHBOUR_ZH.jiulongpo), proj);

  // Shared boundaries ≈ river centrelines. 150 m tolerance absorbs the ~100 m vertex
  // quantisation of the reference file.
  const tol = 150;
  const smooth = (runs: Vec2[][]): Vec2[][] => runs.map((r) => chaikin(simplifyPolyline(r, 8), 3));
  const jialingLines = smooth([...sharedStretches(yz, jb, tol, clip), ...sharedStretches(spb, jb, tol, clip)]);
  const yangtzeLines = smooth([
    ...sharedStretches(yz, na, tol, clip),
    ...sharedStretches(jlp, na, tol, clip),
    ...sharedStretches(jb, na, tol, clip),
  ]);
  if (jialingLines.length === 0 || yangtzeLines.length === 0) {
    throw new Error('could not find the Jialing or Yangtze stretches in the outline file');
  }

  // Width varies slowly (km scale) along each river.
  const widthNoise = createNoise2D(createRng(o.seed, 'rivers'));
  const segments: BandSegment[] = [];
  const addBand = (lines: Vec2[][], [wMin, wMax]: readonly [number, number], salt: number): void => {
    const half = (x: number, y: number): number =>
      (lerp(wMin, wMax, 0.5 + 0.5 * widthNoise(x / 2200 + salt, y / 2200 - salt)) / 2);
    for (const line of lines) {
      for (let i = 0; i + 1 < line.length; i++) {
        const [ax, ay] = line[i]!;
        const [bx, by] = line[i + 1]!;
        segments.push({ ax, ay, bx, by, ha: half(ax, ay), hb: half(bx, by) });
      }
    }
  };
  addBand(jialingLines, o.jialingWidthM, 17.3);
  addBand(yangtzeLines, o.yangtzeWidthM, -41.7);

  const exactSdf = (x: number, y: number, candidates: readonly BandSegment[] = segments): number => {
    let best = Infinity;
    for (const s of candidates) {
      const t = projectOnSegment(x, y, s.ax, s.ay, s.bx, s.by);
      const qx = s.ax + t * (s.bx - s.ax) - x;
      const qy = s.ay + t * (s.by - s.ay) - y;
      const f = Math.sqrt(qx * qx + qy * qy) - lerp(s.ha, s.hb, t);
      if (f < best) best = f;
    }
    return best;
  };

  // Distance raster, filled tile by tile with only the segments that can be nearest.
  const cell = o.cellM;
  const nx = Math.ceil((bx1 - bx0) / cell) + 1;
  const ny = Math.ceil((by1 - by0) / cell) + 1;
  const sdf = new Float32Array(nx * ny);
  const TILE = 32;
  const halfDiag = (TILE * cell * Math.SQRT2) / 2;
  for (let ty = 0; ty < ny; ty += TILE) {
    for (let tx = 0; tx < nx; tx += TILE) {
      const cx = bx0 + (tx + TILE / 2) * cell;
      const cy = by0 + (ty + TILE / 2) * cell;
      const dc = segments.map((s) => Math.sqrt(pointSegmentDistanceSq(cx, cy, s.ax, s.ay, s.bx, s.by)));
      let upper = Infinity;
      segments.forEach((s, i) => {
        upper = Math.min(upper, dc[i]! + halfDiag - Math.min(s.ha, s.hb));
      });
      const candidates = segments.filter((s, i) => dc[i]! - halfDiag - Math.max(s.ha, s.hb) <= upper);
      for (let j = ty; j < Math.min(ny, ty + TILE); j++) {
        for (let i = tx; i < Math.min(nx, tx + TILE); i++) {
          sdf[j * nx + i] = exactSdf(bx0 + i * cell, by0 + j * cell, candidates);
        }
      }
    }
  }

  const sdfLocal = (x: number, y: number): number => {
    const fx = (x - bx0) / cell;
    const fy = (y - by0) / cell;
    if (!(fx >= 0 && fy >= 0 && fx < nx - 1 && fy < ny - 1)) return exactSdf(x, y);
    const i0 = Math.floor(fx);
    const j0 = Math.floor(fy);
    const tx = fx - i0;
    const ty = fy - j0;
    const k = j0 * nx + i0;
    const a = sdf[k]! + (sdf[k + 1]! - sdf[k]!) * tx;
    const b = sdf[k + nx]! + (sdf[k + nx + 1]! - sdf[k + nx]!) * tx;
    return a + (b - a) * ty;
  };

  const districtRings: Vec2[][][] = outline.yuzhong.polygons.map((rings) =>
    rings.map((ring) => ring.map(([lon, lat]) => proj.toLocal(lon, lat))),
  );
  const inDistrictLocal = (x: number, y: number): boolean => {
    for (const rings of districtRings) if (pointInPolygon(rings, x, y)) return true;
    return false;
  };

  const toLonLatLines = (lines: Vec2[][]): [number, number][][] => lines.map((l) => l.map(([x, y]) => proj.toLonLat(x, y)));
  const rivers: River[] = [
    { key: 'jialing', zh: '嘉陵江', centrelines: toLonLatLines(jialingLines), widthM: o.jialingWidthM },
    { key: 'yangtze', zh: '长江', centrelines: toLonLatLines(yangtzeLines), widthM: o.yangtzeWidthM },
  ];

  return {
    outline,
    rivers,
    projection: proj,
    districtRingsLocal: districtRings,
    waterSignedDistanceLocal: sdfLocal,
    isInDistrictLocal: inDistrictLocal,
    isDistrictLandLocal: (x, y) => sdfLocal(x, y) > 0 && inDistrictLocal(x, y),
    waterSignedDistanceM: (lon, lat) => sdfLocal(...proj.toLocal(lon, lat)),
    isLand: (lon, lat) => sdfLocal(...proj.toLocal(lon, lat)) > 0,
    isInDistrict: (lon, lat) => inDistrictLocal(...proj.toLocal(lon, lat)),
    isDistrictLand: (lon, lat) => {
      const [x, y] = proj.toLocal(lon, lat);
      return sdfLocal(x, y) > 0 && inDistrictLocal(x, y);
    },
  };
}

/** Area of Yuzhong's dry ground (m²), counted on a `cellM` lattice. */
/** Bounding box of Yuzhong's outer rings in the model's local metres. */
export function districtBoundsLocal(model: Pick<LandWaterModel, 'districtRingsLocal'>): { x0: number; y0: number; x1: number; y1: number } {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const rings of model.districtRingsLocal) {
    for (const [x, y] of rings[0]!) {
      x0 = Math.min(x0, x);
      y0 = Math.min(y0, y);
      x1 = Math.max(x1, x);
      y1 = Math.max(y1, y);
    }
  }
  return { x0, y0, x1, y1 };
}

export function measureDistrictLandAreaM2(model: LandWaterModel, cellM = 10): number {
  const { x0, y0, x1, y1 } = districtBoundsLocal(model);
  let count = 0;
  for (let y = y0 + cellM / 2; y < y1; y += cellM) {
    for (let x = x0 + cellM / 2; x < x1; x += cellM) if (model.isDistrictLandLocal(x, y)) count++;
  }
  return count * cellM * cellM;
}
