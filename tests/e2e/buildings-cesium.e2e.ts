import { describe, expect, it } from 'vitest';
import { checkBuildingsInCesium } from './buildings-in-cesium.ts';

describe('buildings tileset in CesiumJS', () => {
  it('streams every building once, styles by property and picks a building with its properties', async () => {
    const check = await checkBuildingsInCesium({ count: 300 });
    expect(check.errors).toEqual([]);
    expect(check.external).toEqual([]);
    expect(check.loadedFeatures).toBe(check.buildings);
    expect(check.loadedIds).toBe(check.buildings);
    expect(check.picked?.id).toMatch(/^YZ-\d{5}$/);
    expect(check.picked).toHaveProperty('address');
    expect(check.picked).toHaveProperty('ground_min');
    expect(check.styledColours).toBeGreaterThan(3);
  });
});
