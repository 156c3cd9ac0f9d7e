/**
 * Renewal areas as polygons (`areas.geojson`): the eleven named areas of
 * 一核两翼三带五片区, and one polygon per old residential community of the 2001–2010
 * census — the convex hull of its buildings, buffered ~15 m to take in its yards.
 */
import { buffer } from '@turf/buffer';
import { convex } from '@turf/convex';
import { lineString, multiPoint } from '@turf/helpers';
import type { Feature, FeatureCollection, Polygon, Position } from 'geojson';
import { createLocalProjection } from '../core/local-projection.ts';
import { isOldCommunityBuilding } from '../core/old-communities.ts';
import { type AreaProperties, RENEWAL_AREAS } from '../core/renewal-areas.ts';
import type { BuildingFeature } from './archive-generator.ts';
import { outerVertices } from './building-metrics.ts';
import { type Rng, createRng, uniform } from './random-helpers.ts';
import { AREA_SHAPES, type AreaShape } from './renewal-area-shapes.ts';

export interface AreaOptions {
  /** Sample seed; the areas draw from stream `${seed}:areas` (outline wobble). */
  seed: string;
  /** Buffer around an old community's hull (m). Default `15`. */
  communityBufferM?: number;
  /** Override of the line the riverside belt follows (lon/lat), e.g. from the land model. */
  riversideLine?: [number, number][];
}

export const AREA_DEFAULTS: Required<Omit<AreaOptions, 'seed' | 'riversideLine'>> = { communityBufferM: 15 };
/** Coordinates are rounded to 1e-7° (~1 cm). */
const COORD_SCALE = 1e7;
/** Vertices of an ellipse outline. */
const ELLIPSE_STEPS = 64;

function roundRing(ring: Position[]): Position[] {
  return ring.map((p) => [Math.round(p[0]! * COORD_SCALE) / COORD_SCALE, Math.round(p[1]! * COORD_SCALE) / COORD_SCALE]);
}

/** Chaikin corner cutting, ends kept: turns a hand-drawn polyline into a smooth one. */
function smoothLine(line: readonly [number, number][], iterations = 2): [number, number][] {
  let pts = line.map((p) => [p[0], p[1]] as [number, number]);
  for (let k = 0; k < iterations; k++) {
    const out: [number, number][] = [pts[0]!];
    for (let i = 0; i + 1 < pts.length; i++) {
      const [a, b] = [pts[i]!, pts[i + 1]!];
      out.push([0.75 * a[0] + 0.25 * b[0], 0.75 * a[1] + 0.25 * b[1]], [0.25 * a[0] + 0.75 * b[0], 0.25 * a[1] + 0.75 * b[1]]);
    }
    out.push(pts[pts.length - 1]!);
    pts = out;
  }
  return pts;
}

/** An ellipse whose radius wobbles a few percent (seeded), so zones do not look stamped. */
function ellipseRing(rng: Rng, shape: Extract<AreaShape, { kind: 'ellipse' }>): Position[] {
  const proj = createLocalProjection(shape.centre[0], shape.centre[1]);
  const phase = [uniform(rng, 0, 2 * Math.PI), uniform(rng, 0, 2 * Math.PI)];
  const amp = [uniform(rng, 0.02, 0.06), uniform(rng, 0.01, 0.04)];
  const rot = (shape.bearingDeg * Math.PI) / 180;
  const ring: Position[] = [];
  for (let i = 0; i < ELLIPSE_STEPS; i++) {
    const t = (2 * Math.PI * i) / ELLIPSE_STEPS;
    const wobble = 1 + amp[0]! * Math.sin(2 * t + phase[0]!) + amp[1]! * Math.sin(3 * t + phase[1]!);
    const x = shape.semiMajorM * Math.cos(t) * wobble;
    const y = shape.semiMinorM * Math.sin(t) * wobble;
    ring.push(proj.toLonLat(x * Math.cos(rot) - y * Math.sin(rot), x * Math.sin(rot) + y * Math.cos(rot)));
  }
  ring.push(ring[0]!);
  return ring;
}

function onlyPolygon(geometry: Polygon | { type: 'MultiPolygon'; coordinates: Position[][][] }): Position[] {
  // A buffer of one connected line or hull is one polygon; keep the outer ring only.
  const rings = geometry.type === 'Polygon' ? geometry.coordinates : geometry.coordinates[0]!;
  return rings[0]!;
}

function shapeRing(rng: Rng, shape: AreaShape): Position[] {
  switch (shape.kind) {
    case 'polygon':
      return [...shape.ring, shape.ring[0]!];
    case 'ellipse':
      return ellipseRing(rng, shape);
    case 'band': {
      const buffered = buffer(lineString(smoothLine(shape.line)), shape.halfWidthM, { units: 'meters', steps: 8 });
      if (!buffered) throw new Error('buffering a belt line failed');
      return onlyPolygon(buffered.geometry);
    }
  }
}

function namedAreas(rng: Rng, options: AreaOptions): Feature<Polygon, AreaProperties>[] {
  return RENEWAL_AREAS.map((area) => {
    const base = AREA_SHAPES[area.id];
    if (!base) throw new Error(`no shape for renewal area ${area.id}`);
    const shape: AreaShape =
      area.id === 'belt-riverside' && options.riversideLine && base.kind === 'band' ? { ...base, line: options.riversideLine } : base;
    return {
      type: 'Feature',
      properties: { id: area.id, kind: area.kind, name: area.zh, name_en: area.en, year_from: null, year_to: null },
      geometry: { type: 'Polygon', coordinates: [roundRing(shapeRing(rng, shape))] },
    };
  });
}

function oldCommunityAreas(buildings: readonly BuildingFeature[], bufferM: number): Feature<Polygon, AreaProperties>[] {
  // Group in order of first appearance so ids are stable for the same input.
  const groups = new Map<string, { vertices: Position[]; from: number; to: number }>();
  for (const b of buildings) {
    const p = b.properties;
    if (!isOldCommunityBuilding(p)) continue;
    const name = p.community!;
    let g = groups.get(name);
    if (!g) {
      g = { vertices: [], from: p.year_built, to: p.year_built };
      groups.set(name, g);
    }
    g.vertices.push(...outerVertices(b.geometry));
    g.from = Math.min(g.from, p.year_built);
    g.to = Math.max(g.to, p.year_built);
  }
  const out: Feature<Polygon, AreaProperties>[] = [];
  let n = 0;
  for (const [name, g] of groups) {
    const hull = convex(multiPoint(g.vertices));
    if (!hull) continue; // fewer than three distinct corners: nothing to outline
    const buffered = buffer(hull, bufferM, { units: 'meters', steps: 4 });
    if (!buffered) continue;
    n++;
    out.push({
      type: 'Feature',
      properties: {
        id: `old-community-${String(n).padStart(4, '0')}`,
        kind: 'old-community',
        name,
        name_en: `Old residential community ${n}`,
        year_from: g.from,
        year_to: g.to,
      },
      geometry: { type: 'Polygon', coordinates: [roundRing(onlyPolygon(buffered.geometry))] },
    });
  }
  return out;
}

/** The named renewal areas, then the old residential communities. */
export function generateAreas(buildings: readonly BuildingFeature[], options: AreaOptions): FeatureCollection<Polygon, AreaProperties> {
  const rng = createRng(options.seed, 'areas');
  return {
    type: 'FeatureCollection',
    features: [...namedAreas(rng, options), ...oldCommunityAreas(buildings, options.communityBufferM ?? AREA_DEFAULTS.communityBufferM)],
  };
}
