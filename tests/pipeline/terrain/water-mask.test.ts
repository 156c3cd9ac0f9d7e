import { describe, expect, it } from 'vitest';
import { createHeightField } from '../../../src/pipeline/terrain/height-field.ts';
import { computeWaterMask, waterBelowLevel } from '../../../src/pipeline/terrain/water-mask.ts';
import { parseWaterPolygons, polygonWaterMask } from '../../../src/pipeline/terrain/water-polygons.ts';
import { TerrainInputError } from '../../../src/sources/terrain-input-error.ts';
import { RIVER_LEVEL, syntheticGrid } from './synthetic-dem.ts';

const rect = { west: 106.5, south: 29.5, east: 106.51, north: 29.51 };

describe('water masks', () => {
  it('rasterises water polygons north row first, islands excluded', () => {
    const fc = {
      type: 'FeatureCollection' as const,
      features: [
        {
          type: 'Feature' as const,
          properties: {},
          geometry: {
            type: 'Polygon' as const,
            // The western half, with an island in its north-west quarter.
            coordinates: [
              [[106.49, 29.49], [106.505, 29.49], [106.505, 29.52], [106.49, 29.52], [106.49, 29.49]],
              [[106.501, 29.507], [106.503, 29.507], [106.503, 29.509], [106.501, 29.509], [106.501, 29.507]],
            ],
          },
        },
      ],
    };
    const mask = polygonWaterMask(rect, parseWaterPolygons(fc, 'water.geojson'));
    expect(mask).toHaveLength(256 * 256);
    expect(mask[200 * 256 + 10]).toBe(255); // south-west: water
    expect(mask[200 * 256 + 240]).toBe(0); // east: land
    // Island centre (106.502, 29.508): column 51, row 51 from the north.
    expect(mask[51 * 256 + 51]).toBe(0);
    expect(polygonWaterMask({ west: 107, south: 30, east: 107.01, north: 30.01 }, parseWaterPolygons(fc, 'water.geojson'))).toEqual(Uint8Array.of(0));
  });

  it('rejects a GeoJSON without polygons', () => {
    expect(() => parseWaterPolygons({ type: 'FeatureCollection', features: [] }, 'empty.geojson')).toThrow(TerrainInputError);
  });

  it('uses one byte for tiles that are all land or all water', () => {
    const grid = syntheticGrid();
    const field = createHeightField(grid);
    const isWater = waterBelowLevel(field, RIVER_LEVEL);
    // North-west corner of the synthetic DEM: hillside.
    expect(computeWaterMask({ west: 106.5, south: 29.568, east: 106.501, north: 29.569 }, isWater)).toEqual(Uint8Array.of(0));
    // Middle of the river strip (the southern fifth).
    expect(computeWaterMask({ west: 106.505, south: 29.5555, east: 106.506, north: 29.5565 }, isWater)).toEqual(Uint8Array.of(255));
  });
});
