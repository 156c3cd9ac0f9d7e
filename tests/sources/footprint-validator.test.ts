/** The footprint validator alone (src/sources): ring orientation, ids, storey height, self-intersection. */
import { describe, expect, it } from 'vitest';
import { createFootprintValidator } from '../../src/sources/footprint-validator.ts';
import { signedArea } from '../../src/core/planar-geometry.ts';

const square = (lon: number, lat: number, size: number) => [
  [lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat],
];

describe('footprint validator', () => {
  it('orients outer rings counter-clockwise and holes clockwise, and drops repeated points', () => {
    const validator = createFootprintValidator();
    const outerCw = [[0, 0], [0, 1e-3], [1e-3, 1e-3], [1e-3, 1e-3], [1e-3, 0], [0, 0]].map(([x, y]) => [106.5 + x!, 29.5 + y!]);
    const holeCcw = [[3e-4, 3e-4], [6e-4, 3e-4], [6e-4, 6e-4], [3e-4, 6e-4], [3e-4, 3e-4]].map(([x, y]) => [106.5 + x!, 29.5 + y!]);
    const r = validator.validate({ index: 0, id: 'A', geometry: { type: 'Polygon', coordinates: [outerCw, holeCcw] }, properties: { height: 10 } });
    if (!r.ok) throw new Error(r.problem.message);
    const [outer, hole] = r.footprint.polygons[0]!;
    expect(outer!.length).toBe(8);
    expect(signedArea(outer!)).toBeGreaterThan(0);
    expect(signedArea(hole!)).toBeLessThan(0);
  });

  it('accepts a storey height option and a numeric id', () => {
    const validator = createFootprintValidator({ storeyHeightM: 3.5 });
    const r = validator.validate({ index: 0, id: 42, geometry: { type: 'Polygon', coordinates: [square(106.5, 29.5, 1e-4)] }, properties: { floors: 4 } });
    if (!r.ok) throw new Error(r.problem.message);
    expect(r.footprint.id).toBe('42');
    expect(r.footprint.height).toBe(14);
  });

  it('rejects a figure-eight and accepts a hole touching its outer ring at a point', () => {
    const validator = createFootprintValidator();
    const eight = [[0, 0], [2, 2], [2, 0], [0, 2], [0, 0]].map(([x, y]) => [106.5 + x! * 1e-4, 29.5 + y! * 1e-4]);
    const r1 = validator.validate({ index: 0, id: 'E', geometry: { type: 'Polygon', coordinates: [eight] }, properties: { height: 5 } });
    expect(r1.ok ? null : r1.problem.reason).toBe('self-intersection');
    const outer = square(106.5, 29.5, 4e-4);
    // A triangular hole whose apex touches the middle of the outer ring's south edge.
    const touching = [[2, 0], [1, 1], [3, 1], [2, 0]].map(([x, y]) => [106.5 + x! * 1e-4, 29.5 + y! * 1e-4]);
    const r2 = validator.validate({ index: 1, id: 'T', geometry: { type: 'Polygon', coordinates: [outer, touching] }, properties: { height: 5 } });
    expect(r2.ok ? 'ok' : r2.problem.message).toBe('ok');
  });
});
