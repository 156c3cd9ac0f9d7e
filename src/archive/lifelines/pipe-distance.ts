/**
 * Plane distance (m) between a pipe's centre line and a building footprint, in a
 * local metric projection. Zero when the pipe crosses or lies inside the footprint
 * ("runs under" the building). Used by the import (with a spatial index) and by the
 * tests' brute force alike, so both measure the same thing.
 */
import { pointInPolygon } from '../../core/planar-geometry.ts';

export type Xy = [number, number];
/** A footprint: outer ring then holes, each a closed or open list of points. */
export type LocalPolygon = Xy[][];

function pointSegment(p: Xy, a: Xy, b: Xy): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  const t = len2 > 0 ? Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2)) : 0;
  return Math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy));
}

function cross(o: Xy, a: Xy, b: Xy): number {
  return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
}

function segmentsIntersect(a: Xy, b: Xy, c: Xy, d: Xy): boolean {
  const d1 = cross(c, d, a);
  const d2 = cross(c, d, b);
  const d3 = cross(a, b, c);
  const d4 = cross(a, b, d);
  return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0));
}

export function segmentSegmentDistance(a: Xy, b: Xy, c: Xy, d: Xy): number {
  if (segmentsIntersect(a, b, c, d)) return 0;
  return Math.min(pointSegment(a, c, d), pointSegment(b, c, d), pointSegment(c, a, b), pointSegment(d, a, b));
}

/** Distance between a polyline and a (multi)polygon; 0 when they touch or the line is inside. */
export function lineToPolygonsDistance(line: readonly Xy[], polygons: readonly LocalPolygon[]): number {
  let best = Infinity;
  for (const polygon of polygons) {
    if (line.some((p) => pointInPolygon(polygon, p[0], p[1]))) return 0;
    for (const ring of polygon) {
      for (let i = 0; i < ring.length; i++) {
        const c = ring[i]!;
        const d = ring[(i + 1) % ring.length]!;
        for (let k = 0; k + 1 < line.length; k++) {
          const dist = segmentSegmentDistance(line[k]!, line[k + 1]!, c, d);
          if (dist < best) {
            best = dist;
            if (best === 0) return 0;
          }
        }
      }
    }
  }
  return best;
}
