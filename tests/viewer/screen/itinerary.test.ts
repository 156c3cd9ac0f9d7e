import { describe, expect, it } from 'vitest';
import { type AreaPolygon, buildItinerary, frameOf, type ItineraryBuilding } from '../../../src/viewer/screen/itinerary.ts';

const square = (lon: number, lat: number, d = 0.01): AreaPolygon['ring'] => [
  [lon, lat],
  [lon + d, lat],
  [lon + d, lat + d],
  [lon, lat + d],
  [lon, lat],
];
const area = (id: string, kind: AreaPolygon['kind'], lon = 106.55, lat = 29.55): AreaPolygon => ({ id, kind, name: `名${id}`, nameEn: `Name ${id}`, ring: square(lon, lat) });
const building = (code: string, grade: ItineraryBuilding['grade'] = 'D'): ItineraryBuilding => ({ code, name: null, address: `${code} 路`, grade, lon: 106.55, lat: 29.55, height: 20 });

describe('autopilot itinerary', () => {
  it('visits renewal areas in plan order (core, wings, belts, zones) and skips old communities', () => {
    const areas = [
      area('zone-daping', 'zone'),
      area('old-community-0001', 'old-community'),
      area('belt-riverside', 'belt'),
      area('wing-hualongqiao', 'wing'),
      area('core-jiefangbei', 'core'),
      area('wing-chongqing-station', 'wing'),
    ];
    const stops = buildItinerary(areas, new Map());
    expect(stops.map((s) => s.areaId)).toEqual(['core-jiefangbei', 'wing-chongqing-station', 'wing-hualongqiao', 'belt-riverside', 'zone-daping']);
    expect(stops.every((s) => s.kind === 'area')).toBe(true);
  });

  it('frames an area by its polygon, not by a nominal centre', () => {
    const [stop] = buildItinerary([{ ...area('core-jiefangbei', 'core'), ring: square(106.57, 29.55, 0.02) }], new Map());
    expect(stop).toMatchObject({ kind: 'area', lon: expect.closeTo(106.58, 9), lat: expect.closeTo(29.56, 9) });
    // Half-diagonal of a 0.02° square at 29.56° N: about 1.45 km.
    expect(stop!.kind === 'area' && stop!.radiusM).toBeGreaterThan(1400);
    expect(stop!.kind === 'area' && stop!.radiusM).toBeLessThan(1500);
  });

  it('follows each area with up to N of its D-grade buildings, by code, each shown once', () => {
    const byArea = new Map([
      ['core-jiefangbei', [building('YZ-00009'), building('YZ-00003'), building('YZ-00005'), building('YZ-00001', 'C')]],
      ['belt-heritage', [building('YZ-00003'), building('YZ-00007')]],
    ]);
    const stops = buildItinerary([area('belt-heritage', 'belt'), area('core-jiefangbei', 'core')], byArea, { buildingsPerArea: 2 });
    expect(stops.map((s) => (s.kind === 'area' ? s.areaId : s.code))).toEqual(['core-jiefangbei', 'YZ-00003', 'YZ-00005', 'belt-heritage', 'YZ-00007']);
    const last = stops.at(-1)!;
    expect(last).toMatchObject({ kind: 'building', areaId: 'belt-heritage', areaName: '名belt-heritage', address: 'YZ-00007 路', grade: 'D' });
  });

  it('leaves out an area whose polygon is empty or degenerate', () => {
    expect(frameOf([])).toBeNull();
    expect(frameOf([[106.5, 29.5], [106.5, 29.5], [106.5, 29.5]])).toBeNull();
    const stops = buildItinerary([{ ...area('core-jiefangbei', 'core'), ring: [] }, area('zone-daping', 'zone')], new Map([['core-jiefangbei', [building('YZ-00001')]]]));
    expect(stops.map((s) => s.areaId)).toEqual(['zone-daping']);
  });

  it('with buildingsPerArea 0 tours the areas only', () => {
    const stops = buildItinerary([area('core-jiefangbei', 'core')], new Map([['core-jiefangbei', [building('YZ-00001')]]]), { buildingsPerArea: 0 });
    expect(stops).toHaveLength(1);
  });
});
