/**
 * Footprint geometry for the building generator: shapes laid out against a street
 * (rectangle, L, courtyard with an inner ring), and the site check every footprint must
 * pass before it is kept — on Yuzhong's dry ground, clear of every street (buffered by
 * half its width plus a setback) and clear of every building already placed.
 *
 * Overlap tests are exact for convex parts (separating axes), so "clear by a gap of g"
 * really means no two footprints come closer than g metres.
 */
import Flatbush from 'flatbush';
import RBush from 'rbush';
import { signedRingArea as signedArea } from '../core/local-projection.ts';
import type { LandWaterModel } from './district-outline.ts';
import { convexSeparation, segmentConvexDistance, type Vec2 } from './planar-geometry.ts';
import { pointInRing } from '../core/planar-geometry.ts';
import type { FootprintSpec } from './building-typology.ts';
import { sampleField, slopeAt, type TerrainRaster } from './terrain-raster.ts';

export interface Footprint {
  /** Outer ring, open, counter-clockwise (local metres). */
  outer: Vec2[];
  /** Inner rings, open, clockwise. */
  holes: Vec2[][];
  /** Convex pieces whose union is the outer ring's area (for overlap tests). */
  parts: Vec2[][];
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
  /** Footprint area (m²), holes excluded. */
  area: number;
}

function ccw(ring: Vec2[]): Vec2[] {
  return signedArea(ring) < 0 ? ring.slice().reverse() : ring;
}

/** The point `a` along `u` and `b` along `n` from `origin`. */
function frame(origin: Vec2, u: Vec2, n: Vec2, a: number, b: number): Vec2 {
  return [origin[0] + u[0] * a + n[0] * b, origin[1] + u[1] * a + n[1] * b];
}

function frameBox(origin: Vec2, u: Vec2, n: Vec2, a0: number, b0: number, a1: number, b1: number): Vec2[] {
  return ccw([frame(origin, u, n, a0, b0), frame(origin, u, n, a1, b0), frame(origin, u, n, a1, b1), frame(origin, u, n, a0, b1)]);
}

/**
 * Lays out `spec` with its front-left corner at `origin`, frontage along `u` and depth
 * along `n` (unit vectors, perpendicular).
 */
export function makeFootprint(spec: FootprintSpec, origin: Vec2, u: Vec2, n: Vec2): Footprint {
  const { frontage: f, depth: d } = spec;
  let outer: Vec2[];
  let parts: Vec2[][];
  let holes: Vec2[][] = [];
  if (spec.shape === 'L') {
    const w = Math.min(spec.wing, f);
    const e = spec.wingDepth;
    outer = ccw([
      frame(origin, u, n, 0, 0),
      frame(origin, u, n, f, 0),
      frame(origin, u, n, f, d),
      frame(origin, u, n, w, d),
      frame(origin, u, n, w, d + e),
      frame(origin, u, n, 0, d + e),
    ]);
    parts = [frameBox(origin, u, n, 0, 0, f, d), frameBox(origin, u, n, 0, d, w, d + e)];
  } else {
    outer = frameBox(origin, u, n, 0, 0, f, d);
    parts = [outer];
    const w = spec.wing;
    if (spec.shape === 'courtyard' && f > 2 * w + 4 && d > 2 * w + 4) holes = [frameBox(origin, u, n, w, w, f - w, d - w).reverse()];
  }
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const [x, y] of outer) {
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x);
    maxY = Math.max(maxY, y);
  }
  let area = Math.abs(signedArea(outer));
  for (const h of holes) area -= Math.abs(signedArea(h));
  return { outer, holes, parts, minX, minY, maxX, maxY, area };
}

const OCCUPANCY_CELL = 2;

/** A street centreline in local metres with its half width. */
export interface StreetLine {
  line: Vec2[];
  halfWidth: number;
}

interface PlacedItem {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
  index: number;
}

export interface SiteRules {
  /** Clear distance to other buildings (m). */
  gap: number;
  /** Clear distance from a street's edge (m). */
  setback: number;
  /** Steepest ground (m/m, smoothed terrain) a footprint may stand on. */
  maxSlope: number;
}

/** Keeps the placed footprints and checks new ones against land, streets and each other. */
export class SiteChecker {
  readonly placed: Footprint[] = [];
  private readonly tree = new RBush<PlacedItem>();
  private readonly streetIndex: Flatbush;
  private readonly segments: { ax: number; ay: number; bx: number; by: number; half: number }[] = [];
  private readonly maxHalfWidth: number;
  private readonly districtEdges: (readonly [number, number, number, number])[];
  /** Cells (OCCUPANCY_CELL m) whose centre lies in a placed footprint: a cheap first rejection. */
  private readonly occupancy: Uint8Array;
  private readonly occNx: number;
  private readonly occNy: number;

  constructor(
    private readonly land: LandWaterModel,
    private readonly terrain: TerrainRaster,
    streets: readonly StreetLine[],
  ) {
    for (const s of streets) {
      for (let i = 0; i + 1 < s.line.length; i++) {
        const [ax, ay] = s.line[i]!;
        const [bx, by] = s.line[i + 1]!;
        this.segments.push({ ax, ay, bx, by, half: s.halfWidth });
      }
    }
    this.maxHalfWidth = Math.max(0, ...streets.map((s) => s.halfWidth));
    this.streetIndex = new Flatbush(Math.max(1, this.segments.length));
    for (const s of this.segments) {
      this.streetIndex.add(Math.min(s.ax, s.bx), Math.min(s.ay, s.by), Math.max(s.ax, s.bx), Math.max(s.ay, s.by));
    }
    if (this.segments.length === 0) this.streetIndex.add(0, 0, 0, 0);
    this.streetIndex.finish();
    this.districtEdges = land.districtRingsLocal.flatMap((rings) =>
      rings.flatMap((r) => r.slice(0, -1).map((p, i) => [p[0], p[1], r[i + 1]![0], r[i + 1]![1]] as const)),
    );
    this.occNx = Math.ceil(((terrain.nx - 1) * terrain.cell) / OCCUPANCY_CELL) + 1;
    this.occNy = Math.ceil(((terrain.ny - 1) * terrain.cell) / OCCUPANCY_CELL) + 1;
    this.occupancy = new Uint8Array(this.occNx * this.occNy);
  }

  /** True if (x, y) lies in the cell of a placed footprint (may say false near edges). */
  occupied(x: number, y: number): boolean {
    const i = Math.floor((x - this.terrain.x0) / OCCUPANCY_CELL);
    const j = Math.floor((y - this.terrain.y0) / OCCUPANCY_CELL);
    if (i < 0 || j < 0 || i >= this.occNx || j >= this.occNy) return false;
    return this.occupancy[j * this.occNx + i] === 1;
  }

  private stamp(fp: Footprint): void {
    const { x0, y0 } = this.terrain;
    const i0 = Math.max(0, Math.floor((fp.minX - x0) / OCCUPANCY_CELL));
    const i1 = Math.min(this.occNx - 1, Math.floor((fp.maxX - x0) / OCCUPANCY_CELL));
    const j0 = Math.max(0, Math.floor((fp.minY - y0) / OCCUPANCY_CELL));
    const j1 = Math.min(this.occNy - 1, Math.floor((fp.maxY - y0) / OCCUPANCY_CELL));
    for (let j = j0; j <= j1; j++) {
      for (let i = i0; i <= i1; i++) {
        const cx = x0 + (i + 0.5) * OCCUPANCY_CELL;
        const cy = y0 + (j + 0.5) * OCCUPANCY_CELL;
        for (const part of fp.parts) {
          if (pointInRing(part, cx, cy)) {
            this.occupancy[j * this.occNx + i] = 1;
            break;
          }
        }
      }
    }
  }

  /** Whether the footprint stands on the district's dry ground (≥ 3 m from the water). */
  onLand(fp: Footprint): boolean {
    // Every corner and points ≤ 2.5 m apart along every edge.
    const ring = fp.outer;
    for (let i = 0; i < ring.length; i++) {
      const [ax, ay] = ring[i]!;
      const [bx, by] = ring[(i + 1) % ring.length]!;
      const n = Math.max(1, Math.ceil(Math.hypot(bx - ax, by - ay) / 2.5));
      for (let k = 0; k < n; k++) {
        const x = ax + ((bx - ax) * k) / n;
        const y = ay + ((by - ay) * k) / n;
        if (sampleField(this.terrain, this.terrain.shore, x, y) < 3) return false;
        if (this.land.waterSignedDistanceLocal(x, y) < 3 || !this.land.isInDistrictLocal(x, y)) return false;
      }
    }
    // Keep a metre off the district boundary (also catches a corner of the outline
    // poking into the footprint between samples).
    for (const [ax, ay, bx, by] of this.districtEdges) {
      if (Math.max(ax, bx) < fp.minX - 1 || Math.min(ax, bx) > fp.maxX + 1) continue;
      if (Math.max(ay, by) < fp.minY - 1 || Math.min(ay, by) > fp.maxY + 1) continue;
      for (const part of fp.parts) if (segmentConvexDistance(ax, ay, bx, by, part) < 1) return false;
    }
    return true;
  }

  /** Least clearance between the footprint and any street's edge (m), up to `limit`. */
  streetClearance(fp: Footprint, limit: number): number {
    const pad = this.maxHalfWidth + limit;
    let best = limit;
    for (const i of this.streetIndex.search(fp.minX - pad, fp.minY - pad, fp.maxX + pad, fp.maxY + pad)) {
      const s = this.segments[i]!;
      for (const part of fp.parts) {
        const d = segmentConvexDistance(s.ax, s.ay, s.bx, s.by, part) - s.half;
        if (d < best) best = d;
        if (best <= 0) return best;
      }
    }
    return best;
  }

  /** Whether the footprint keeps `gap` from every placed footprint. */
  clearOfBuildings(fp: Footprint, gap: number): boolean {
    const hits = this.tree.search({ minX: fp.minX - gap, minY: fp.minY - gap, maxX: fp.maxX + gap, maxY: fp.maxY + gap });
    for (const hit of hits) {
      const other = this.placed[hit.index]!;
      for (const a of fp.parts) for (const b of other.parts) if (convexSeparation(a, b) < gap) return false;
    }
    return true;
  }

  fits(fp: Footprint, rules: SiteRules): boolean {
    const cx = (fp.minX + fp.maxX) / 2;
    const cy = (fp.minY + fp.maxY) / 2;
    // Cheap rejections first: centre or a corner already built on.
    if (this.occupied(cx, cy)) return false;
    for (const [x, y] of fp.outer) if (this.occupied(x, y)) return false;
    if (slopeAt(this.terrain, cx, cy) > rules.maxSlope) return false;
    if (!this.clearOfBuildings(fp, rules.gap)) return false;
    if (this.streetClearance(fp, rules.setback) < rules.setback) return false;
    return this.onLand(fp);
  }

  add(fp: Footprint): number {
    const index = this.placed.length;
    this.placed.push(fp);
    this.tree.insert({ minX: fp.minX, minY: fp.minY, maxX: fp.maxX, maxY: fp.maxY, index });
    this.stamp(fp);
    return index;
  }

  /** Index and direction of the street segment nearest to (x, y). */
  nearestStreetDirection(x: number, y: number): Vec2 | undefined {
    const [i] = this.streetIndex.neighbors(x, y, 1);
    if (i === undefined) return undefined;
    const s = this.segments[i]!;
    const len = Math.hypot(s.bx - s.ax, s.by - s.ay);
    return len > 0 ? [(s.bx - s.ax) / len, (s.by - s.ay) / len] : undefined;
  }
}
