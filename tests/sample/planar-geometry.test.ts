import { describe, expect, it } from 'vitest';
import {
  chaikin,
  convexSeparation,
  polylineLength,
  resamplePolyline,
  segmentConvexDistance,
  segmentSegmentDistance,
  simplifyPolyline,
  type Vec2,
} from '../../src/sample/planar-geometry.ts';

const square = (x: number, y: number, s: number): Vec2[] => [[x, y], [x + s, y], [x + s, y + s], [x, y + s]];

describe('planar geometry', () => {
  it('separates convex polygons by their true gap along the axes', () => {
    expect(convexSeparation(square(0, 0, 10), square(13, 0, 10))).toBeCloseTo(3, 12);
    expect(convexSeparation(square(0, 0, 10), square(5, 5, 10))).toBeLessThan(0);
    // Touching squares are not apart.
    expect(convexSeparation(square(0, 0, 10), square(10, 0, 10))).toBeCloseTo(0, 12);
    // A diamond (r = 5) whose edge faces the square's corner (10, 10) at 2 m.
    const c = (25 + 2 * Math.SQRT2) / 2;
    const diamond: Vec2[] = [[c - 5, c], [c, c - 5], [c + 5, c], [c, c + 5]];
    expect(convexSeparation(square(0, 0, 10), diamond)).toBeCloseTo(2, 9);
  });

  it('measures segment distances', () => {
    expect(segmentSegmentDistance(0, 0, 10, 0, 0, 3, 10, 3)).toBeCloseTo(3, 12);
    expect(segmentSegmentDistance(0, 0, 10, 10, 0, 10, 10, 0)).toBe(0);
    expect(segmentConvexDistance(-5, 5, -1, 5, square(0, 0, 10))).toBeCloseTo(1, 12);
    expect(segmentConvexDistance(2, 2, 3, 3, square(0, 0, 10))).toBe(0);
  });

  it('resamples, simplifies and smooths polylines', () => {
    const line: Vec2[] = [[0, 0], [10, 0], [10, 10]];
    const pts = resamplePolyline(line, 2);
    expect(pts[0]).toEqual([0, 0]);
    expect(pts[pts.length - 1]).toEqual([10, 10]);
    expect(pts.length).toBe(11);
    expect(simplifyPolyline([[0, 0], [5, 0.1], [10, 0]], 0.5)).toEqual([[0, 0], [10, 0]]);
    const smooth = chaikin(line, 2);
    expect(smooth[0]).toEqual([0, 0]);
    expect(smooth[smooth.length - 1]).toEqual([10, 10]);
    expect(polylineLength(smooth)).toBeLessThan(20);
  });
});
