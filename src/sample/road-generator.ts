/**
 * The sample street network of Yuzhong, deterministic from the seed:
 *
 * 1. the two riverside roads (嘉滨路, 长滨路), following the shore on the riverside bench;
 * 2. the main roads along the peninsula under their real names (长江一路, 中山一路, 民族路 …),
 *    routed over the terrain between waypoints where the real ones run;
 * 3. secondary and local streets traced across the hillsides, mostly along the contours,
 *    some climbing at a steady grade, each ending on a street it meets;
 * 4. stairways (梯道) going straight up the steep slopes between streets, 十八梯 among them.
 *
 * Every street lies on Yuzhong's dry ground. Names come from `road-names.ts`.
 */
import type { Feature, FeatureCollection, LineString } from 'geojson';
import type { ElevationGrid } from '../core/elevation-grid.ts';
import { ROAD_CLASS_INFO, type RoadClass, type RoadProperties } from '../core/roads.ts';
import type { LandWaterModel } from './district-outline.ts';
import { chaikin, polylineLength, resamplePolyline, segmentsIntersect, simplifyPolyline, type Vec2 } from './planar-geometry.ts';
import { createNoise2D } from 'simplex-noise';
import { createRng, pick, type Rng } from './random-helpers.ts';
import { RoadCanvas } from './road-canvas.ts';
import { NAMED_ROUTES, RIVERSIDE_ROADS, RoadNamer } from './road-names.ts';
import { routeThrough, snapToPassable } from './road-routing.ts';
import { traceLevel, traceStairway, traceStreet } from './road-tracer.ts';
import { buildTerrainRaster, sampleField, slopeAt, type TerrainRaster } from './terrain-raster.ts';

export interface RoadOptions {
  /** Sample seed; roads draw from `${seed}:roads`. */
  seed: string;
  land: LandWaterModel;
  dem: ElevationGrid;
  /** Reuse a terrain raster built for this DEM (else one is built). */
  terrain?: TerrainRaster;
  /** Distance from the shore at which the riverside roads run (m). */
  riversideOffsetM?: number;
  /** Least distance between a new secondary street's seed and any street (m). */
  secondarySpacingM?: number;
  /** Same for local streets (m); smaller means a denser network. */
  localSpacingM?: number;
  /** Least distance between stairways (m). */
  stairwaySpacingM?: number;
  maxStairways?: number;
}

const ROAD_DEFAULTS: Required<Omit<RoadOptions, 'seed' | 'land' | 'dem' | 'terrain'>> = {
  riversideOffsetM: 34,
  secondarySpacingM: 170,
  localSpacingM: 62,
  stairwaySpacingM: 120,
  maxStairways: 90,
};

/** A street while the network is being drawn (local metres). */
interface DraftRoad {
  line: Vec2[];
  class: RoadClass;
  name: string | null;
  width: number;
}

/** Streets closer than this to the water are not drawn (m). */
const SHORE_MARGIN_M = 18;

function widthFor(rng: Rng, cls: RoadClass): number {
  const base = ROAD_CLASS_INFO[cls].widthM;
  const options: Record<RoadClass, readonly number[]> = {
    arterial: [base, base, base + 4],
    secondary: [base - 2, base, base],
    local: [base - 2, base - 1, base, base],
    stairway: [base - 0.5, base, base + 1],
  };
  return pick(rng, options[cls]);
}

function riversideRoad(t: TerrainRaster, lonLat: readonly [number, number], offset: number): Vec2[] {
  const [sx, sy] = t.land.projection.toLocal(lonLat[0], lonLat[1]);
  // The point nearest the start that lies on the wanted level.
  let start: Vec2 | undefined;
  let bestD = Infinity;
  for (let dy = -400; dy <= 400; dy += t.cell) {
    for (let dx = -400; dx <= 400; dx += t.cell) {
      const x = sx + dx;
      const y = sy + dy;
      if (Math.abs(sampleField(t, t.shore, x, y) - offset) > t.cell / 2) continue;
      const d = dx * dx + dy * dy;
      if (d < bestD) {
        bestD = d;
        start = [x, y];
      }
    }
  }
  if (!start) return [];
  const e = t.cell;
  const gx = sampleField(t, t.shore, start[0] + e, start[1]) - sampleField(t, t.shore, start[0] - e, start[1]);
  const gy = sampleField(t, t.shore, start[0], start[1] + e) - sampleField(t, t.shore, start[0], start[1] - e);
  const g = Math.hypot(gx, gy) || 1;
  const opts = { step: 8, maxLength: 15000, minRadius: 70, level: offset, tolerance: 9 };
  const ahead = traceLevel(t, t.shore, start, [-gy / g, gx / g], opts);
  const back = traceLevel(t, t.shore, start, [gy / g, -gx / g], opts);
  return chaikin(simplifyPolyline([...back.reverse(), ...ahead.slice(1)], 2), 2);
}

/** Seeds on a jittered lattice, in seeded random order. */
function seedPoints(t: TerrainRaster, spacing: number, rng: Rng): Vec2[] {
  const pts: Vec2[] = [];
  const step = spacing / 2;
  const x1 = t.x0 + (t.nx - 1) * t.cell;
  const y1 = t.y0 + (t.ny - 1) * t.cell;
  for (let y = t.y0; y <= y1; y += step) {
    for (let x = t.x0; x <= x1; x += step) pts.push([x + rng() * step, y + rng() * step]);
  }
  for (let i = pts.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [pts[i], pts[j]] = [pts[j]!, pts[i]!];
  }
  return pts;
}

interface StreetPass {
  cls: Exclude<RoadClass, 'stairway' | 'arterial'>;
  spacing: number;
  maxLength: number;
  minLength: number;
  minRadius: number;
  snapM: number;
  grades: readonly number[];
}

function traceStreets(
  t: TerrainRaster,
  canvas: RoadCanvas,
  spacing: RoadCanvas,
  roads: DraftRoad[],
  pass: StreetPass,
  rng: Rng,
  gridAngle: (x: number, y: number) => number,
): void {
  const wiggleRng = rng;
  for (const [x, y] of seedPoints(t, pass.spacing, rng)) {
    const i = Math.round((x - t.x0) / t.cell);
    const j = Math.round((y - t.y0) / t.cell);
    if (i < 0 || j < 0 || i >= t.nx || j >= t.ny) continue;
    const k = j * t.nx + i;
    if (!t.inDistrict[k] || t.shore[k]! < SHORE_MARGIN_M + 15) continue;
    if (spacing.clearance(x, y) < pass.spacing) continue;
    const grade = pick(rng, pass.grades);
    const gx = t.gx[k]!;
    const gy = t.gy[k]!;
    const g = Math.hypot(gx, gy);
    const angle = rng() * Math.PI * 2;
    const heading: Vec2 = g > 0.01 ? [-gy / g, gx / g] : [Math.cos(angle), Math.sin(angle)];
    let drift = 0;
    const opts = {
      step: 6,
      maxLength: pass.maxLength / 2,
      minRadius: pass.minRadius,
      grade,
      snapM: pass.snapM,
      shoreMarginM: SHORE_MARGIN_M,
      wiggle: () => {
        drift = 0.9 * drift + 0.05 * (wiggleRng() - 0.5);
        return drift;
      },
      gridAngle,
    };
    const ahead = traceStreet(t, canvas, [x, y], heading, opts);
    const back = traceStreet(t, canvas, [x, y], [-heading[0], -heading[1]], { ...opts, grade: -grade });
    const line = [...back.line.reverse(), ...ahead.line.slice(1)];
    const length = polylineLength(line);
    const junctions = (ahead.endsOn >= 0 ? 1 : 0) + (back.endsOn >= 0 ? 1 : 0);
    if (length < pass.minLength || (junctions === 0 && length < 3 * pass.minLength)) continue;
    const smooth = chaikin(simplifyPolyline(line, 1.5), 2);
    canvas.draw(smooth, roads.length);
    spacing.draw(smooth, roads.length);
    roads.push({ line: smooth, class: pass.cls, name: null, width: widthFor(rng, pass.cls) });
  }
}

function addStairways(
  t: TerrainRaster,
  canvas: RoadCanvas,
  roads: DraftRoad[],
  namer: RoadNamer,
  o: Required<Omit<RoadOptions, 'seed' | 'land' | 'dem' | 'terrain'>>,
  rng: Rng,
): void {
  const starts: { at: Vec2; origin: number }[] = [];
  roads.forEach((road, origin) => {
    if (road.class === 'stairway') return;
    for (const at of resamplePolyline(road.line, 12)) if (slopeAt(t, at[0], at[1]) > 0.3) starts.push({ at, origin });
  });
  for (let i = starts.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [starts[i], starts[j]] = [starts[j]!, starts[i]!];
  }
  const stairs: Vec2[][] = [];
  /** Known stairways may be gentler than the ones found anywhere (the CBD tip is lower). */
  const tryStart = (at: Vec2, origin: number, known: string | null): boolean => {
    const r = traceStairway(t, canvas, at, origin, { step: 3, maxLength: 260, snapM: 5, shoreMarginM: SHORE_MARGIN_M });
    if (!r) return false;
    const line = r.line;
    const length = polylineLength(line);
    const first = line[0]!;
    const last = line[line.length - 1]!;
    const rise = sampleField(t, t.elevation, last[0], last[1]) - sampleField(t, t.elevation, first[0], first[1]);
    const [minRise, minGrade] = known ? [5, 0.06] : [10, 0.2];
    if (length < 30 || rise < minRise || rise / length < minGrade) return false;
    const mid: Vec2 = [(first[0] + last[0]) / 2, (first[1] + last[1]) / 2];
    for (const s of stairs) {
      const a = s[0]!;
      const b = s[s.length - 1]!;
      if (Math.hypot((a[0] + b[0]) / 2 - mid[0], (a[1] + b[1]) / 2 - mid[1]) < (known ? 40 : o.stairwaySpacingM)) return false;
      if (segmentsIntersect(first[0], first[1], last[0], last[1], a[0], a[1], b[0], b[1])) return false;
    }
    stairs.push(line);
    const fromName = roads[origin]!.name ?? namer.placeAt(mid[0], mid[1]);
    if (known) namer.reserve(known);
    roads.push({
      line: [first, last],
      class: 'stairway',
      name: known ?? namer.stairwayName(mid[0], mid[1], fromName),
      width: widthFor(rng, 'stairway'),
    });
    return true;
  };
  const allStarts: { at: Vec2; origin: number }[] = [];
  roads.forEach((road, origin) => {
    if (road.class !== 'stairway') for (const at of resamplePolyline(road.line, 6)) allStarts.push({ at, origin });
  });
  // Known stairways first, from the start nearest to where they are.
  for (const site of namer.namedStairwaySites()) {
    const near = allStarts
      .map((s) => ({ s, d: Math.hypot(s.at[0] - site.at[0], s.at[1] - site.at[1]) }))
      .filter((c) => c.d < 250)
      .sort((a, b) => a.d - b.d);
    for (const { s } of near.slice(0, 80)) {
      if (tryStart(s.at, s.origin, site.name)) break;
    }
  }
  for (const s of starts) {
    if (stairs.length >= o.maxStairways) break;
    tryStart(s.at, s.origin, null);
  }
}

/** Splits a line where it leaves Yuzhong's dry ground; keeps pieces longer than `minLength`. */
function keepOnLand(land: LandWaterModel, line: Vec2[], minLength: number): Vec2[][] {
  const pieces: Vec2[][] = [];
  let current: Vec2[] = [];
  const flush = (): void => {
    if (current.length >= 2 && polylineLength(current) >= minLength) pieces.push(current);
    current = [];
  };
  for (let i = 0; i < line.length; i++) {
    const p = line[i]!;
    const ok = land.isDistrictLandLocal(p[0], p[1]) && land.waterSignedDistanceLocal(p[0], p[1]) > 2;
    let segmentOk = ok;
    if (ok && i + 1 < line.length) {
      const q = line[i + 1]!;
      for (const r of resamplePolyline([p, q], 3)) {
        if (!(land.isDistrictLandLocal(r[0], r[1]) && land.waterSignedDistanceLocal(r[0], r[1]) > 2)) segmentOk = false;
      }
    }
    if (ok) current.push(p);
    if (!segmentOk) flush();
  }
  flush();
  return pieces;
}

function round7(v: number): number {
  return Math.round(v * 1e7) / 1e7;
}

/** Generates the street network as GeoJSON LineStrings (lon/lat) with RoadProperties. */
export function generateRoads(options: RoadOptions): FeatureCollection<LineString, RoadProperties> {
  const o = { ...ROAD_DEFAULTS, ...options };
  const { land } = o;
  const t = o.terrain ?? buildTerrainRaster(o.dem, land);
  const rng = createRng(o.seed, 'roads');
  // Fine canvas for meeting streets, coarse one for keeping new streets' seeds apart.
  const x1 = t.x0 + (t.nx - 1) * t.cell;
  const y1 = t.y0 + (t.ny - 1) * t.cell;
  const canvas = new RoadCanvas(t.x0, t.y0, x1, y1, 5, 45);
  const spacing = new RoadCanvas(t.x0, t.y0, x1, y1, 20, o.secondarySpacingM + 10);
  const roads: DraftRoad[] = [];
  const add = (road: DraftRoad): void => {
    canvas.draw(road.line, roads.length);
    spacing.draw(road.line, roads.length);
    roads.push(road);
  };

  for (const r of [RIVERSIDE_ROADS.jialing, RIVERSIDE_ROADS.yangtze]) {
    const line = riversideRoad(t, r.start, o.riversideOffsetM);
    if (line.length >= 2) add({ line, class: 'arterial', name: r.name, width: 24 });
  }
  const toLocal = (lon: number, lat: number): Vec2 => land.projection.toLocal(lon, lat);
  for (const route of NAMED_ROUTES) {
    const via = route.via.map(([lon, lat]) => snapToPassable(t, ...toLocal(lon, lat), 30));
    if (via.some((p) => p === undefined)) continue;
    const line = routeThrough(t, via as Vec2[], { canvas, shoreMarginM: 30 });
    if (line && line.length >= 2) add({ line, class: route.class, name: route.name, width: widthFor(rng, route.class) });
  }

  // On flat ground streets form a loose grid that turns slowly across the district,
  // roughly along the peninsula (~10° north of east).
  const gridNoise = createNoise2D(createRng(o.seed, 'roads:grid'));
  const gridAngle = (x: number, y: number): number => 0.17 + 0.5 * gridNoise(x / 2500, y / 2500);
  traceStreets(t, canvas, spacing, roads, {
    cls: 'secondary', spacing: o.secondarySpacingM, maxLength: 1600, minLength: 220, minRadius: 55, snapM: 34,
    grades: [0, 0, 0.05, -0.05],
  }, rng, gridAngle);
  traceStreets(t, canvas, spacing, roads, {
    cls: 'local', spacing: o.localSpacingM, maxLength: 700, minLength: 70, minRadius: 22, snapM: 26,
    grades: [0, 0, 0.04, -0.04, 0.08, -0.08],
  }, rng, gridAngle);
  traceStreets(t, canvas, spacing, roads, {
    cls: 'local', spacing: o.localSpacingM * 0.8, maxLength: 300, minLength: 50, minRadius: 18, snapM: 22,
    grades: [0, 0.03, -0.03],
  }, rng, gridAngle);

  const namer = new RoadNamer(toLocal, roads.flatMap((r) => (r.name ? [r.name] : [])));
  // Name the streets before the stairways so a stairway can be named after its street.
  for (const road of roads) {
    if (road.name) continue;
    const mid = resamplePolyline(road.line, Math.max(1, polylineLength(road.line) / 2))[1] ?? road.line[0]!;
    road.name = namer.streetName(mid[0], mid[1]);
  }
  addStairways(t, canvas, roads, namer, o, rng);

  const order: RoadClass[] = ['arterial', 'secondary', 'local', 'stairway'];
  const features: Feature<LineString, RoadProperties>[] = [];
  for (const cls of order) {
    for (const road of roads) {
      if (road.class !== cls) continue;
      for (const piece of keepOnLand(land, road.line, cls === 'stairway' ? 20 : 40)) {
        features.push({
          type: 'Feature',
          properties: {
            id: `R${String(features.length + 1).padStart(5, '0')}`,
            class: road.class,
            name: road.name!,
            width_m: road.width,
          },
          geometry: {
            type: 'LineString',
            coordinates: piece.map(([x, y]) => {
              const [lon, lat] = land.projection.toLonLat(x, y);
              return [round7(lon), round7(lat)];
            }),
          },
        });
      }
    }
  }
  return { type: 'FeatureCollection', features };
}
