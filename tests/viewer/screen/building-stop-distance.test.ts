/** The wall's autopilot frames a D building closer than the desk does, and tall buildings still fit. */
import { Cartesian3 } from 'cesium';
import { describe, expect, it } from 'vitest';
import { buildingView, DESK_VIEW_DISTANCE, viewRange } from '../../../src/viewer/scene/fly-to-building.ts';
import { SCREEN_BUILDING_DISTANCE } from '../../../src/viewer/screen/autopilot.ts';

describe('how far the camera stands from a building', () => {
  it('the wall stands at about half the desk’s distance from a typical D building', () => {
    for (const height of [6, 15, 30]) {
      expect(viewRange(height, SCREEN_BUILDING_DISTANCE)).toBeLessThanOrEqual(viewRange(height, DESK_VIEW_DISTANCE) / 1.9);
    }
    expect(viewRange(15, SCREEN_BUILDING_DISTANCE)).toBe(110);
  });

  it('steps back for tall buildings, so they stay in the frame', () => {
    expect(viewRange(100, SCREEN_BUILDING_DISTANCE)).toBeCloseTo(220, 6);
    expect(viewRange(100)).toBeCloseTo(320, 6);
  });

  it('puts the camera that far from the building’s middle', () => {
    const viewer = { camera: { heading: 0 } } as unknown as Parameters<typeof buildingView>[0];
    const place = { lon: 106.55, lat: 29.55, ground: 250, height: 20 };
    const middle = Cartesian3.fromDegrees(place.lon, place.lat, place.ground + place.height / 2);
    const view = buildingView(viewer, place, SCREEN_BUILDING_DISTANCE);
    expect(Cartesian3.distance(view.destination, middle)).toBeCloseTo(110, 3);
    expect(Cartesian3.distance(buildingView(viewer, place).destination, middle)).toBeCloseTo(220, 3);
  });
});
