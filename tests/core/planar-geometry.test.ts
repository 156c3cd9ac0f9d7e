import { describe, expect, it } from 'vitest';
import { pointInFlatRing, pointInPolygon, pointInRing, pointInRings } from '../../src/core/planar-geometry.ts';

const square = (x: number, y: number, s: number): [number, number][] => [[x, y], [x + s, y], [x + s, y + s], [x, y + s]];
const flat = (ring: [number, number][]) => Float64Array.from(ring.flat());

describe('planar geometry: point in ring', () => {
  it('tests points in rings of positions, open or closed', () => {
    expect(pointInRing(square(0, 0, 10), 5, 5)).toBe(true);
    expect(pointInRing(square(0, 0, 10), 15, 5)).toBe(false);
    const closed = [...square(0, 0, 10), [0, 0] as [number, number]];
    expect(pointInRing(closed, 5, 5)).toBe(true);
    expect(pointInRing(closed, -1, 5)).toBe(false);
  });

  it('gives the same answer for a flat ring as for its positions', () => {
    // A concave "U": the notch (5, 8) is outside, the arms inside.
    const u: [number, number][] = [[0, 0], [10, 0], [10, 10], [7, 10], [7, 3], [3, 3], [3, 10], [0, 10]];
    for (const [x, y, inside] of [[5, 8, false], [1, 8, true], [8.5, 9, true], [5, 1, true], [11, 5, false]] as const) {
      expect(pointInRing(u, x, y)).toBe(inside);
      expect(pointInFlatRing(flat(u), x, y)).toBe(inside);
    }
  });

  it('respects holes in both polygon layouts', () => {
    const outer = square(0, 0, 10);
    const hole = square(4, 4, 2);
    expect(pointInPolygon([outer, hole], 5, 5)).toBe(false);
    expect(pointInPolygon([outer, hole], 2, 2)).toBe(true);
    expect(pointInPolygon([], 2, 2)).toBe(false);
    expect(pointInRings([flat(outer), flat(hole)], 5, 5)).toBe(false);
    expect(pointInRings([flat(outer), flat(hole)], 2, 2)).toBe(true);
  });
});
