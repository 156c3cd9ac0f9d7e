/**
 * The flood report's own choices, on a hand-made grid: the renewal area a building is
 * counted in, the plan's few words, and the footprints it cannot measure (none stored,
 * off the DEM, or without a ring) listed as skipped even though they lie far from the water (the
 * pre-check that leaves dry footprints out must not drop them).
 */
import { describe, expect, it } from 'vitest';
import { floodReport, planText, primaryRenewalArea } from '../../../src/archive/service/flood-report.ts';
import type { AnalysisBuildingRecord, AreaRecord } from '../../../src/archive/store/archive-store.ts';

const area = (id: string, kind: AreaRecord['kind']): AreaRecord => ({ id, kind, name: `${id}名`, nameEn: id });
const AREAS = new Map([area('belt-a', 'belt'), area('core-z', 'core'), area('zone-b', 'zone'), area('zone-a', 'zone'), area('oc-1', 'old-community')].map((a) => [a.id, a]));

describe('primaryRenewalArea', () => {
  it('takes the first by kind (core, wing, belt, zone), then by id; old communities and unknown ids never', () => {
    expect(primaryRenewalArea(['belt-a', 'core-z', 'oc-1'], AREAS)?.id).toBe('core-z');
    expect(primaryRenewalArea(['zone-b', 'belt-a'], AREAS)?.id).toBe('belt-a');
    expect(primaryRenewalArea(['zone-b', 'zone-a'], AREAS)?.id).toBe('zone-a');
    expect(primaryRenewalArea(['oc-1', 'nowhere'], AREAS)).toBeNull();
  });
});

describe('planText', () => {
  it('is the measures and the status', () => {
    expect(planText({ measures: ['抗震加固', '外立面整治'], status: '施工中' })).toBe('抗震加固、外立面整治 · 施工中');
    expect(planText(null)).toBeNull();
  });
});

describe('floodReport', () => {
  // 40 × 10 cells: the river in col 0, ground rising 1 m a column from 171 m.
  const W = 40, H = 10, WEST = 106.5, NORTH = 29.6, D = 1e-4;
  const data = new Float32Array(W * H);
  for (let r = 0; r < H; r++) for (let c = 0; c < W; c++) data[r * W + c] = c === 0 ? 160 : 170 + c;
  const grid = { grid: { width: W, height: H, west: WEST, north: NORTH, dx: D, dy: D, data }, riverCells: Uint32Array.from({ length: H }, (_, r) => r * W) };
  const square = (c: number, r: number) => ({
    type: 'Polygon' as const,
    coordinates: [[[WEST + c * D, NORTH - r * D], [WEST + (c + 2) * D, NORTH - r * D], [WEST + (c + 2) * D, NORTH - (r + 2) * D], [WEST + c * D, NORTH - (r + 2) * D], [WEST + c * D, NORTH - r * D]]],
  });
  const building = (code: string, footprint: AnalysisBuildingRecord['footprint'], areaIds: string[] = []): AnalysisBuildingRecord => ({ code, address: `${code}号`, grade: 'B', plan: null, areaIds, footprint });
  const buildings = [
    building('YZ-00001', square(3, 3), ['zone-a', 'belt-a']), // ground 173 m at its west side: under 175 m
    building('YZ-00002', square(30, 3)), // ground 200 m: dry, far from the water
    building('YZ-00003', null), // no footprint stored
    building('YZ-00004', square(500, 3)), // off the DEM
    building('YZ-00005', { type: 'Polygon', coordinates: [[[WEST + 30 * D, NORTH - 3 * D], [WEST + 31 * D, NORTH - 3 * D], [WEST + 30 * D, NORTH - 3 * D]]] }), // dry, but no ring
  ];
  const lines = [{ id: 'P-1', network: 'water' as const, depthM: null, geometry: { type: 'LineString' as const, coordinates: [[WEST + 0.5 * D, NORTH - 5 * D], [WEST + 35 * D, NORTH - 5 * D]] } }];

  it('lists the flooded building with its area, and the footprints it could not measure', () => {
    const r = floodReport({ grid, buildings, areas: [...AREAS.values()], lines }, 175);
    if (!r.ok) throw new Error(r.problems[0]!.message);
    expect(r.value.buildings.map((b) => [b.code, b.areaId, b.areaName, b.address])).toEqual([['YZ-00001', 'belt-a', 'belt-a名', 'YZ-00001号']]);
    expect(r.value.buildings[0]!.groundM).toBeCloseTo(173, 2);
    expect(r.value.byArea).toEqual([{ key: 'belt-a', name: 'belt-a名', count: 1 }]);
    expect(r.value.skipped).toEqual([{ code: 'YZ-00003', reason: 'no-footprint' }, { code: 'YZ-00004', reason: 'no-ground' }, { code: 'YZ-00005', reason: 'no-ring' }]);
    expect(r.value.pipes.map((p) => [p.id, p.depthM])).toEqual([['P-1', null]]);
  });

  it('fails on a level that is not a number', () => {
    const r = floodReport({ grid, buildings, areas: [], lines }, Number.NaN);
    expect(r.ok ? [] : r.problems.map((p) => p.reason)).toEqual(['bad-level']);
  });
});
