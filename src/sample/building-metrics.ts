/** Footprint measures of a building polygon that the archive and area generators need. */
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { createLocalProjection, signedRingArea } from '../core/local-projection.ts';

function polygonsOf(geometry: Polygon | MultiPolygon): Position[][][] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

/** Footprint area in m² (outer rings minus holes), in a projection local to the building. */
export function footprintAreaM2(geometry: Polygon | MultiPolygon): number {
  const polygons = polygonsOf(geometry);
  const first = polygons[0]?.[0]?.[0];
  if (!first) return 0;
  const proj = createLocalProjection(first[0]!, first[1]!);
  let area = 0;
  for (const rings of polygons) {
    rings.forEach((ring, i) => {
      const a = Math.abs(signedRingArea(ring.map((p) => proj.toLocal(p[0]!, p[1]!))));
      area += i === 0 ? a : -a;
    });
  }
  return Math.max(0, area);
}

/** Mean of the outer-ring vertices (closing vertex excluded): good enough to place a building. */
export function footprintCentre(geometry: Polygon | MultiPolygon): [number, number] {
  let sx = 0;
  let sy = 0;
  let n = 0;
  for (const rings of polygonsOf(geometry)) {
    const ring = rings[0] ?? [];
    const closed = ring.length > 1 && ring[0]![0] === ring[ring.length - 1]![0] && ring[0]![1] === ring[ring.length - 1]![1];
    const count = closed ? ring.length - 1 : ring.length;
    for (let i = 0; i < count; i++) {
      sx += ring[i]![0]!;
      sy += ring[i]![1]!;
      n++;
    }
  }
  return n === 0 ? [Number.NaN, Number.NaN] : [sx / n, sy / n];
}

/** All outer-ring vertices of a footprint (for hulls). */
export function outerVertices(geometry: Polygon | MultiPolygon): Position[] {
  return polygonsOf(geometry).flatMap((rings) => rings[0] ?? []);
}
