/**
 * Building footprints of the sample Yuzhong with their static attributes.
 *
 * 1. Plots: the district is cut into ~140 m plots, each of a kind (heritage quarter,
 *    CBD tower plot, 2001–2010 community, 砖混 walk-ups …; see building-typology.ts).
 * 2. Landmarks go first, by name, as near their real place as the site allows.
 * 3. Rows of footprints line every street, both sides, up to three rows deep, each
 *    aligned with the street; then the leftover ground is filled from a fine lattice.
 *    Every footprint passes the site check (dry ground, clear of streets and of each
 *    other: overlaps are exactly zero).
 * 4. Attributes: storeys drawn by kind, then the scalable kinds are calibrated so the
 *    district's floor area matches the plan's 43.34 million m²; structure, height,
 *    communities, names and addresses (street + number from the nearest street) follow.
 */
import type { Feature, FeatureCollection, LineString, Polygon } from 'geojson';
import { type BuildingProperties, type BuildingUse } from '../core/building.ts';
import { formatBuildingCode } from '../core/building-code.ts';
import { DISTRICT } from '../core/district.ts';
import type { ElevationGrid } from '../core/elevation-grid.ts';
import type { RoadProperties } from '../core/roads.ts';
import Flatbush from 'flatbush';
import type { LandWaterModel } from './district-outline.ts';
import { type Footprint, makeFootprint, SiteChecker, type SiteRules, type StreetLine } from './building-footprints.ts';
import { CBD_CENTRES, LANDMARK_BUILDINGS, type LandmarkSpec, QUARTERS } from './building-landmarks.ts';
import {
  drawCommunityName,
  drawFloors,
  drawFootprintSpec,
  drawUse,
  drawYear,
  KIND_RULES,
  type PlotKind,
  storeyHeight,
  structureFor,
} from './building-typology.ts';
import { projectOnSegment, resamplePolyline, type Vec2 } from './planar-geometry.ts';
import { createRng, pick, randomInt, type Rng, weightedPick } from './random-helpers.ts';
import { RoadNamer } from './road-names.ts';
import { buildTerrainRaster, slopeAt, type TerrainRaster } from './terrain-raster.ts';

export interface BuildingOptions {
  /** Sample seed; buildings draw from `${seed}:buildings`. */
  seed: string;
  land: LandWaterModel;
  dem: ElevationGrid;
  /** The street network (from `generateRoads`): footprints keep clear of it. */
  roads: FeatureCollection<LineString, RoadProperties>;
  /** Reuse a terrain raster built for this DEM (else one is built). */
  terrain?: TerrainRaster;
  /** Above-ground floor area the calibration aims at (m²). */
  targetFloorAreaM2?: number;
  /** Size of a plot (m). */
  plotSizeM?: number;
  /** Spacing of the lattice that fills the ground left between street rows (m). */
  infillSpacingM?: number;
  /** Steepest smoothed ground (m/m) an ordinary building stands on; cliffs stay green. */
  maxSlope?: number;
}

const BUILDING_DEFAULTS: Required<Omit<BuildingOptions, 'seed' | 'land' | 'dem' | 'roads' | 'terrain'>> = {
  targetFloorAreaM2: DISTRICT.floorAreaM2,
  plotSizeM: 140,
  infillSpacingM: 10,
  maxSlope: 0.9,
};

/** A footprint that has been placed, before its attributes are final. */
interface Placed {
  fp: Footprint;
  kind: PlotKind;
  plot: number;
  landmark: LandmarkSpec | null;
  floors: number;
}

interface Plot {
  x: number;
  y: number;
  kind: PlotKind;
}

/** Residential mix outside the quarters and the CBD: mid- and high-rise dominate. */
function drawResidentialKind(rng: Rng, slope: number, industrialBias: number): PlotKind {
  return weightedPick<PlotKind>(rng, [
    ['old-brick', 25],
    ['old-low', 2 + 15 * Math.max(0, slope - 0.3)],
    ['community-2001-2010', 24],
    ['modern-high', 16],
    ['mid-frame', 11],
    ['public', 5],
    ['industrial', 1 + industrialBias],
  ]);
}

class PlotMap {
  private readonly plots: Plot[] = [];
  private readonly grid: Int32Array;
  private readonly nx: number;
  private readonly ny: number;
  private readonly quarters: { x: number; y: number; r: number; kind: PlotKind }[];

  constructor(
    private readonly t: TerrainRaster,
    private readonly size: number,
    rng: Rng,
  ) {
    const proj = t.land.projection;
    this.quarters = QUARTERS.map((q) => {
      const [x, y] = proj.toLocal(q.lon, q.lat);
      return { x, y, r: q.radiusM, kind: q.kind };
    });
    const cbd = CBD_CENTRES.map((c) => ({ at: proj.toLocal(c.lon, c.lat), r: c.radiusM }));
    const industrial = [proj.toLocal(106.508, 29.5545), proj.toLocal(106.553, 29.5475)];
    const w = (t.nx - 1) * t.cell;
    const h = (t.ny - 1) * t.cell;
    this.nx = Math.ceil(w / size) + 1;
    this.ny = Math.ceil(h / size) + 1;
    this.grid = new Int32Array(this.nx * this.ny);
    for (let j = 0; j < this.ny; j++) {
      for (let i = 0; i < this.nx; i++) {
        const x = t.x0 + (i + 0.15 + 0.7 * rng()) * size;
        const y = t.y0 + (j + 0.15 + 0.7 * rng()) * size;
        let kind: PlotKind;
        if (cbd.some((c) => Math.hypot(c.at[0] - x, c.at[1] - y) < c.r)) {
          kind = weightedPick<PlotKind>(rng, [['cbd-tower', 45], ['cbd-commercial', 35], ['modern-high', 20]]);
        } else {
          const bias = industrial.some(([ix, iy]) => Math.hypot(ix - x, iy - y) < 500) ? 25 : 0;
          kind = drawResidentialKind(rng, slopeAt(t, x, y), bias);
        }
        this.grid[j * this.nx + i] = this.plots.length;
        this.plots.push({ x, y, kind });
      }
    }
  }

  get all(): readonly Plot[] {
    return this.plots;
  }

  /** The plot (index) whose seed is nearest to (x, y). */
  plotAt(x: number, y: number): number {
    const ci = Math.floor((x - this.t.x0) / this.size);
    const cj = Math.floor((y - this.t.y0) / this.size);
    let best = 0;
    let bestD = Infinity;
    for (let j = cj - 1; j <= cj + 1; j++) {
      for (let i = ci - 1; i <= ci + 1; i++) {
        if (i < 0 || j < 0 || i >= this.nx || j >= this.ny) continue;
        const k = this.grid[j * this.nx + i]!;
        const p = this.plots[k]!;
        const d = (p.x - x) ** 2 + (p.y - y) ** 2;
        if (d < bestD) {
          bestD = d;
          best = k;
        }
      }
    }
    return best;
  }

  /** The kind of ground at (x, y): a quarter's kind inside it, else its plot's kind. */
  kindAt(x: number, y: number): { kind: PlotKind; plot: number } {
    const plot = this.plotAt(x, y);
    for (const q of this.quarters) if (Math.hypot(q.x - x, q.y - y) < q.r) return { kind: q.kind, plot };
    return { kind: this.plots[plot]!.kind, plot };
  }
}

function rulesFor(kind: PlotKind, maxSlope: number): SiteRules {
  const r = KIND_RULES[kind];
  // Old houses cling to steeper ground than new towers.
  const slope = kind === 'historic' || kind === 'old-low' ? maxSlope * 1.3 : maxSlope;
  return { gap: r.gap, setback: r.setback, maxSlope: slope };
}

/** Tries to place a footprint; on success records it and returns true. */
function tryPlace(
  checker: SiteChecker,
  placed: Placed[],
  plots: PlotMap,
  fp: Footprint,
  kind: PlotKind,
  plot: number,
  rules: SiteRules,
  rng: Rng,
): boolean {
  // The footprint must stand on ground of the kind it was drawn for (rows probe ahead).
  const [cx, cy] = centreOf(fp);
  if (plots.kindAt(cx, cy).kind !== kind) return false;
  if (!checker.fits(fp, rules)) return false;
  checker.add(fp);
  placed.push({ fp, kind, plot, landmark: null, floors: drawFloors(rng, kind, fp.area) });
  return true;
}

function placeLandmarks(checker: SiteChecker, placed: Placed[], plots: PlotMap, t: TerrainRaster): void {
  const proj = t.land.projection;
  for (const lm of LANDMARK_BUILDINGS) {
    const [tx, ty] = proj.toLocal(lm.lon, lm.lat);
    const dir = checker.nearestStreetDirection(tx, ty) ?? [1, 0];
    const rules: SiteRules = { gap: 3, setback: 1.5, maxSlope: 3 };
    let done = false;
    for (let r = 0; r <= 320 && !done; r += 6) {
      const steps = r === 0 ? 1 : Math.ceil((2 * Math.PI * r) / 8);
      for (let k = 0; k < steps && !done; k++) {
        const a = (2 * Math.PI * k) / steps;
        const cx = tx + r * Math.cos(a);
        const cy = ty + r * Math.sin(a);
        for (const [ux, uy] of [dir, [-dir[1]!, dir[0]!] as const]) {
          const u: Vec2 = [ux!, uy!];
          const n: Vec2 = [-uy!, ux!];
          const { frontage: f, depth: d } = lm.footprint;
          const wingDepth = lm.footprint.shape === 'L' ? lm.footprint.wingDepth : 0;
          const origin: Vec2 = [cx - (u[0] * f) / 2 - (n[0] * (d + wingDepth)) / 2, cy - (u[1] * f) / 2 - (n[1] * (d + wingDepth)) / 2];
          const fp = makeFootprint(lm.footprint, origin, u, n);
          // Modern landmarks stay out of the old quarters.
          if (!lm.heritage && plots.kindAt(cx, cy).kind === 'historic') continue;
          if (!checker.fits(fp, rules)) continue;
          checker.add(fp);
          const { plot } = plots.kindAt(cx, cy);
          placed.push({ fp, kind: 'public', plot, landmark: lm, floors: lm.floors });
          done = true;
          break;
        }
      }
    }
  }
}

/** Rows of footprints along both sides of every street. */
function placeStreetRows(
  checker: SiteChecker,
  placed: Placed[],
  plots: PlotMap,
  streets: readonly (StreetLine & { cls: RoadProperties['class'] })[],
  maxSlope: number,
  rng: Rng,
): void {
  for (const street of streets) {
    const pts = resamplePolyline(street.line, 2);
    if (pts.length < 2) continue;
    const cum = [0];
    for (let i = 1; i < pts.length; i++) cum.push(cum[i - 1]! + Math.hypot(pts[i]![0] - pts[i - 1]![0], pts[i]![1] - pts[i - 1]![1]));
    const total = cum[cum.length - 1]!;
    const pointAt = (s: number): Vec2 => {
      const i = Math.min(pts.length - 1, Math.max(0, Math.round((s / total) * (pts.length - 1))));
      return pts[i]!;
    };
    for (const side of [1, -1]) {
      let rowOffset = street.halfWidth;
      for (let row = 0; row < 3; row++) {
        let s = rng() * 4;
        let rowDepth = 0;
        let rowGap = 0;
        while (s < total - 4) {
          const a = pointAt(s);
          const probe = pointAt(Math.min(total, s + 6));
          let ux = probe[0] - a[0];
          let uy = probe[1] - a[1];
          const ul = Math.hypot(ux, uy);
          if (ul < 1e-6) break;
          ux /= ul;
          uy /= ul;
          const n: Vec2 = [-uy * side, ux * side];
          const { kind, plot } = plots.kindAt(a[0] + n[0] * (rowOffset + 10), a[1] + n[1] * (rowOffset + 10));
          // Stairways only get the small houses that line them.
          if (street.cls === 'stairway' && kind !== 'historic' && kind !== 'old-low') {
            s += 10;
            continue;
          }
          const rules = rulesFor(kind, maxSlope);
          let ok = false;
          for (const scale of [1, 0.75, 0.55]) {
            const spec = drawFootprintSpec(rng, kind, scale);
            const b = pointAt(Math.min(total, s + spec.frontage));
            let vx = b[0] - a[0];
            let vy = b[1] - a[1];
            const vl = Math.hypot(vx, vy);
            if (vl < spec.frontage * 0.8) continue;
            vx /= vl;
            vy /= vl;
            const nn: Vec2 = [-vy * side, vx * side];
            const off = rowOffset + rules.setback + 0.2;
            const origin: Vec2 = [a[0] + nn[0] * off, a[1] + nn[1] * off];
            const fp = makeFootprint({ ...spec, frontage: vl }, origin, [vx, vy], nn);
            if (tryPlace(checker, placed, plots, fp, kind, plot, rules, rng)) {
              s += vl + rules.gap + 0.1;
              rowDepth = Math.max(rowDepth, spec.depth + (spec.shape === 'L' ? spec.wingDepth : 0));
              rowGap = Math.max(rowGap, rules.gap + rules.setback);
              ok = true;
              break;
            }
          }
          if (!ok) s += 3;
        }
        if (rowDepth === 0) break;
        // The next row starts behind the deepest footprint of this one.
        rowOffset += rowDepth + rowGap;
      }
    }
  }
}

/** Fills what the rows left with footprints centred on a jittered lattice. */
function placeInfill(checker: SiteChecker, placed: Placed[], plots: PlotMap, t: TerrainRaster, spacing: number, maxSlope: number, rng: Rng): void {
  const pts: Vec2[] = [];
  for (let y = t.y0; y <= t.y0 + (t.ny - 1) * t.cell; y += spacing) {
    for (let x = t.x0; x <= t.x0 + (t.nx - 1) * t.cell; x += spacing) {
      const k = Math.round((y - t.y0) / t.cell) * t.nx + Math.round((x - t.x0) / t.cell);
      if (t.inDistrict[k] === 1 && t.shore[k]! > 5) pts.push([x + (rng() - 0.5) * spacing, y + (rng() - 0.5) * spacing]);
    }
  }
  for (let i = pts.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [pts[i], pts[j]] = [pts[j]!, pts[i]!];
  }
  for (const [x, y] of pts) {
    if (checker.occupied(x, y)) continue;
    const { kind, plot } = plots.kindAt(x, y);
    const rules = rulesFor(kind, maxSlope);
    let u = checker.nearestStreetDirection(x, y) ?? [1, 0];
    if (rng() < 0.2) u = [-u[1], u[0]];
    const n: Vec2 = [-u[1], u[0]];
    for (const scale of [1, 0.8]) {
      const spec = drawFootprintSpec(rng, kind, scale);
      const d = spec.depth + (spec.shape === 'L' ? spec.wingDepth : 0);
      const origin: Vec2 = [x - (u[0] * spec.frontage) / 2 - (n[0] * d) / 2, y - (u[1] * spec.frontage) / 2 - (n[1] * d) / 2];
      if (tryPlace(checker, placed, plots, makeFootprint(spec, origin, u, n), kind, plot, rules, rng)) break;
    }
  }
}

/**
 * Scales the storeys of the scalable kinds by one factor (clamped to each kind's range)
 * so that Σ footprint × storeys is as close to `target` as whole storeys allow.
 */
function calibrateFloors(placed: Placed[], target: number): void {
  const fixed = placed.filter((p) => p.landmark || !KIND_RULES[p.kind].scalable);
  const scalable = placed.filter((p) => !p.landmark && KIND_RULES[p.kind].scalable);
  const fixedArea = fixed.reduce((s, p) => s + p.fp.area * p.floors, 0);
  const base = scalable.map((p) => p.floors);
  const scaled = (k: number): number[] =>
    scalable.map((p, i) => {
      const [lo, hi] = KIND_RULES[p.kind].floors;
      return Math.min(hi, Math.max(lo, Math.round(base[i]! * k)));
    });
  const total = (floors: number[]): number => fixedArea + scalable.reduce((s, p, i) => s + p.fp.area * floors[i]!, 0);
  let lo = 0.1;
  let hi = 6;
  for (let it = 0; it < 50; it++) {
    const mid = (lo + hi) / 2;
    if (total(scaled(mid)) < target) lo = mid;
    else hi = mid;
  }
  const a = scaled(lo);
  const b = scaled(hi);
  const best = Math.abs(total(a) - target) <= Math.abs(total(b) - target) ? a : b;
  scalable.forEach((p, i) => {
    p.floors = best[i]!;
  });
}

function centreOf(fp: Footprint): Vec2 {
  let sx = 0;
  let sy = 0;
  for (const [x, y] of fp.outer) {
    sx += x;
    sy += y;
  }
  return [sx / fp.outer.length, sy / fp.outer.length];
}

/** Addresses: street name + number from the nearest street (odd numbers left, even right). */
class Addresser {
  private readonly index: Flatbush;
  private readonly segs: { ax: number; ay: number; bx: number; by: number; s0: number; name: string }[] = [];
  private readonly used = new Map<string, number>();

  constructor(streets: readonly { line: Vec2[]; name: string }[]) {
    for (const st of streets) {
      let s0 = 0;
      for (let i = 0; i + 1 < st.line.length; i++) {
        const [ax, ay] = st.line[i]!;
        const [bx, by] = st.line[i + 1]!;
        this.segs.push({ ax, ay, bx, by, s0, name: st.name });
        s0 += Math.hypot(bx - ax, by - ay);
      }
    }
    this.index = new Flatbush(Math.max(1, this.segs.length));
    for (const s of this.segs) this.index.add(Math.min(s.ax, s.bx), Math.min(s.ay, s.by), Math.max(s.ax, s.bx), Math.max(s.ay, s.by));
    if (this.segs.length === 0) this.index.add(0, 0, 0, 0);
    this.index.finish();
  }

  address(x: number, y: number): string {
    let best: { name: string; s: number; side: number } | undefined;
    let bestD = Infinity;
    for (const i of this.index.neighbors(x, y, 8)) {
      const g = this.segs[i];
      if (!g) continue;
      const t = projectOnSegment(x, y, g.ax, g.ay, g.bx, g.by);
      const qx = g.ax + t * (g.bx - g.ax);
      const qy = g.ay + t * (g.by - g.ay);
      const d = Math.hypot(qx - x, qy - y);
      if (d < bestD) {
        bestD = d;
        const cross = (g.bx - g.ax) * (y - g.ay) - (g.by - g.ay) * (x - g.ax);
        best = { name: g.name, s: g.s0 + t * Math.hypot(g.bx - g.ax, g.by - g.ay), side: cross >= 0 ? 1 : 0 };
      }
    }
    if (!best) return '渝中区';
    const number = 2 * Math.floor(best.s / 12) + 1 + best.side;
    const base = `${best.name}${number}号`;
    const n = this.used.get(base) ?? 0;
    this.used.set(base, n + 1);
    return n === 0 ? base : `${base}附${n}号`;
  }
}

const TOWER_WORDS = ['国际', '金融', '商务', '时代', '财富', '环球', '中环', '世纪', '华融', '金贸', '银河', '正大'];
const TOWER_ENDINGS = ['大厦', '中心', '广场', '国际中心', '商务中心'];
const SCHOOLS = [
  '重庆市第二十九中学', '重庆市巴蜀中学', '重庆市求精中学', '重庆市复旦中学', '重庆市第四十二中学', '重庆市第五十七中学', '重庆市人民小学', '重庆市中华路小学', '重庆市马家堡小学', '重庆市大坪小学', '重庆市鹅岭小学', '重庆市邹容小学', '重庆市解放小学', '重庆市菜园坝小学', '重庆市上清寺小学', '重庆市两路口小学',
];

function buildingName(rng: Rng, p: Placed, use: BuildingUse, place: string, taken: Set<string>, schools: string[]): string | null {
  if (p.landmark) return p.landmark.name;
  const unique = (make: () => string): string | null => {
    for (let i = 0; i < 30; i++) {
      const name = make();
      if (!taken.has(name)) {
        taken.add(name);
        return name;
      }
    }
    return null;
  };
  if (p.kind === 'cbd-tower') return unique(() => `${pick(rng, [place, ''])}${pick(rng, TOWER_WORDS)}${pick(rng, TOWER_ENDINGS)}`);
  if ((use === '办公' || use === '商业') && p.floors >= 8 && rng() < 0.35) {
    return unique(() => `${place}${pick(rng, TOWER_WORDS)}${use === '办公' ? pick(rng, ['大厦', '办公楼']) : pick(rng, ['商厦', '广场', '购物中心'])}`);
  }
  if (p.kind === 'public' && use === '公共' && p.fp.area > 900 && schools.length > 0 && rng() < 0.3) return schools.shift()!;
  return null;
}

function round7(v: number): number {
  return Math.round(v * 1e7) / 1e7;
}

/** Generates the footprints (GeoJSON Polygons, lon/lat) with BuildingProperties. */
export function generateBuildings(options: BuildingOptions): FeatureCollection<Polygon, BuildingProperties> {
  const o = { ...BUILDING_DEFAULTS, ...options };
  const { land } = o;
  const proj = land.projection;
  const t = o.terrain ?? buildTerrainRaster(o.dem, land);
  const rng = createRng(o.seed, 'buildings');

  const streets = o.roads.features.map((f) => ({
    line: f.geometry.coordinates.map(([lon, lat]) => proj.toLocal(lon!, lat!)),
    halfWidth: f.properties.width_m / 2,
    cls: f.properties.class,
    name: f.properties.name,
  }));
  const checker = new SiteChecker(land, t, streets);
  const plots = new PlotMap(t, o.plotSizeM, createRng(o.seed, 'buildings:plots'));
  const placed: Placed[] = [];

  placeLandmarks(checker, placed, plots, t);
  const classOrder = ['arterial', 'secondary', 'local', 'stairway'];
  const ordered = streets.slice().sort((a, b) => classOrder.indexOf(a.cls) - classOrder.indexOf(b.cls));
  placeStreetRows(checker, placed, plots, ordered, o.maxSlope, rng);
  placeInfill(checker, placed, plots, t, o.infillSpacingM, o.maxSlope, rng);
  calibrateFloors(placed, o.targetFloorAreaM2);

  // Attributes. Communities are per plot; a community's buildings share its era.
  const namer = new RoadNamer((lon, lat) => proj.toLocal(lon, lat), []);
  const communities = new Map<number, string>();
  const communityNames = new Set<string>();
  const plotYears = new Map<number, number>();
  const attrRng = createRng(o.seed, 'buildings:attributes');
  const addresser = new Addresser(streets.filter((s) => s.cls !== 'stairway'));
  const names = new Set<string>(LANDMARK_BUILDINGS.map((l) => l.name));
  const schools = SCHOOLS.slice();

  // Codes run north → south in 250 m bands, west → east within a band.
  const order = placed
    .map((p, i) => ({ p, i, c: centreOf(p.fp) }))
    .sort((a, b) => Math.floor(-a.c[1] / 250) - Math.floor(-b.c[1] / 250) || a.c[0] - b.c[0] || a.i - b.i);

  const features: Feature<Polygon, BuildingProperties>[] = order.map(({ p, c }, k) => {
    const lm = p.landmark;
    const use: BuildingUse = lm ? lm.use : drawUse(attrRng, p.kind);
    let year: number;
    if (lm) year = lm.year;
    else if (p.kind === 'community-2001-2010' || p.kind === 'modern-high' || p.kind === 'old-brick') {
      // Buildings of one community were built within a few years of each other.
      const [y0, y1] = KIND_RULES[p.kind].years;
      if (!plotYears.has(p.plot)) plotYears.set(p.plot, randomInt(attrRng, y0, y1));
      year = Math.min(y1, Math.max(y0, plotYears.get(p.plot)! + randomInt(attrRng, -2, 2)));
    } else year = drawYear(attrRng, p.kind);
    const floors = p.floors;
    const structure = lm ? lm.structure : structureFor(attrRng, year, floors, use);
    const height = lm ? lm.height : Math.round(floors * storeyHeight(attrRng, use, structure, floors) * 10) / 10;
    const place = namer.placeAt(c[0], c[1]);
    let community: string | null = null;
    if (use === '住宅' && !lm && p.kind !== 'historic' && p.kind !== 'old-low') {
      if (!communities.has(p.plot)) communities.set(p.plot, drawCommunityName(attrRng, p.kind, namer.placeAt(plots.all[p.plot]!.x, plots.all[p.plot]!.y), communityNames));
      community = communities.get(p.plot)!;
    }
    const heritage = lm ? lm.heritage : p.kind === 'historic' && (year < 1950 || attrRng() < 0.25);
    const properties: BuildingProperties = {
      id: formatBuildingCode(k + 1),
      name: buildingName(attrRng, p, use, place, names, schools),
      address: addresser.address(c[0], c[1]),
      community,
      floors,
      height,
      year_built: year,
      structure,
      use,
      heritage,
    };
    const ring = (pts: Vec2[]): number[][] => {
      const closed = [...pts, pts[0]!];
      return closed.map(([x, y]) => {
        const [lon, lat] = proj.toLonLat(x, y);
        return [round7(lon), round7(lat)];
      });
    };
    return {
      type: 'Feature',
      properties,
      geometry: { type: 'Polygon', coordinates: [ring(p.fp.outer), ...p.fp.holes.map(ring)] },
    };
  });
  return { type: 'FeatureCollection', features };
}
