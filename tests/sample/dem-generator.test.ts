import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DISTRICT, LANDMARKS } from '../../src/core/district.ts';
import { gridEast, gridSouth, sampleElevation } from '../../src/core/elevation-grid.ts';
import { generateDem } from '../../src/sample/dem-generator.ts';
import { SAMPLE_BOUNDS } from '../../src/sample/district-outline.ts';
import { dem, land, SEED } from './world-fixture.ts';

function landmark(key: string): { lon: number; lat: number } {
  const l = LANDMARKS.find((x) => x.key === key);
  if (!l) throw new Error(key);
  return l;
}

/** Highest DEM sample on Yuzhong's dry ground within `radiusM` of a point. */
function maxNear(lon: number, lat: number, radiusM: number): number {
  const m = land();
  const [x0, y0] = m.projection.toLocal(lon, lat);
  let best = -Infinity;
  for (let dy = -radiusM; dy <= radiusM; dy += 10) {
    for (let dx = -radiusM; dx <= radiusM; dx += 10) {
      if (dx * dx + dy * dy > radiusM * radiusM) continue;
      const [lo, la] = m.projection.toLonLat(x0 + dx, y0 + dy);
      if (m.isDistrictLand(lo, la)) best = Math.max(best, sampleElevation(dem(), lo, la));
    }
  }
  return best;
}

function sha256(data: Float32Array): string {
  return createHash('sha256').update(new Uint8Array(data.buffer, data.byteOffset, data.byteLength)).digest('hex');
}

describe('generateDem', () => {
  it('covers the district, both rivers and both opposite banks at ~5 m', () => {
    const g = dem();
    expect(g.width).toBeGreaterThan(2400);
    expect(g.width).toBeLessThan(2700);
    expect(g.height).toBeGreaterThan(1500);
    expect(g.height).toBeLessThan(1650);
    expect(g.dx).toBeCloseTo(0.0000517, 9);
    expect(g.dy).toBeCloseTo(0.000045, 9);
    expect(g.west).toBe(SAMPLE_BOUNDS.west);
    expect(g.north).toBe(SAMPLE_BOUNDS.north);
    expect(gridEast(g)).toBeCloseTo(SAMPLE_BOUNDS.east, 4);
    expect(gridSouth(g)).toBeCloseTo(SAMPLE_BOUNDS.south, 4);
    expect(g.data).toBeInstanceOf(Float32Array);
    expect(g.data.length).toBe(g.width * g.height);
  });

  it('has no NaN and stays between the river bed and the hills', () => {
    let min = Infinity;
    let max = -Infinity;
    let nan = 0;
    for (const v of dem().data) {
      if (Number.isNaN(v)) nan++;
      if (v < min) min = v;
      if (v > max) max = v;
    }
    expect(nan).toBe(0);
    expect(min).toBeGreaterThan(140);
    expect(max).toBeLessThan(450);
  });

  it('puts the water at ~172 m with deeper channels', () => {
    const g = dem();
    const m = land();
    let water = 0;
    let channel = 0;
    let aboveSurface = 0;
    let outsideChannelRange = 0;
    for (let row = 0; row < g.height; row += 7) {
      const lat = g.north - row * g.dy;
      for (let col = 0; col < g.width; col += 7) {
        const lon = g.west + col * g.dx;
        const s = m.waterSignedDistanceM(lon, lat);
        if (s > 0) continue;
        const h = g.data[row * g.width + col]!;
        water++;
        if (h > DISTRICT.riverLevelM.typical + 1e-3) aboveSurface++;
        if (s < -150) {
          channel++;
          if (h < 148 || h > 160) outsideChannelRange++;
        }
      }
    }
    expect(water).toBeGreaterThan(10_000);
    expect(channel).toBeGreaterThan(2_000);
    expect(aboveSurface).toBe(0);
    expect(outsideChannelRange).toBe(0);
  });

  it('raises the 佛图关–鹅岭–枇杷山 ridge to 330–400 m', () => {
    for (const key of ['futuguan', 'eling', 'pipashan']) {
      const l = landmark(key);
      const top = maxNear(l.lon, l.lat, 500);
      expect(top, key).toBeGreaterThanOrEqual(DISTRICT.ridgeHeightM.min);
      expect(top, key).toBeLessThanOrEqual(DISTRICT.ridgeHeightM.max);
    }
  });

  it('keeps the 解放碑 tip lower and brings 朝天门 down to the water', () => {
    const jfb = landmark('jiefangbei');
    expect(Math.abs(sampleElevation(dem(), jfb.lon, jfb.lat) - 250)).toBeLessThanOrEqual(40);
    const ctm = landmark('chaotianmen');
    const h = sampleElevation(dem(), ctm.lon, ctm.lat);
    expect(h).toBeGreaterThan(172);
    expect(h).toBeLessThan(230);
  });

  it('has steep slopes and cliffs near the rivers', () => {
    const g = dem();
    const m = land();
    const mx = g.dx * 96_700;
    const my = g.dy * 111_195;
    let steep = 0;
    for (let row = 1; row < g.height - 1; row += 3) {
      for (let col = 1; col < g.width - 1; col += 3) {
        const lon = g.west + col * g.dx;
        const lat = g.north - row * g.dy;
        const s = m.waterSignedDistanceM(lon, lat);
        if (s <= 0 || s > 300 || !m.isInDistrict(lon, lat)) continue;
        const i = row * g.width + col;
        const gx = (g.data[i + 1]! - g.data[i - 1]!) / (2 * mx);
        const gy = (g.data[i - g.width]! - g.data[i + g.width]!) / (2 * my);
        if (Math.hypot(gx, gy) > 1) steep++; // steeper than 45°
      }
    }
    expect(steep).toBeGreaterThan(200);
  });

  it('rises into hills on the opposite 南岸 bank', () => {
    const g = dem();
    const m = land();
    let top = -Infinity;
    for (let lat = 29.516; lat < 29.536; lat += 0.0005) {
      for (let lon = 106.55; lon < 106.599; lon += 0.0005) {
        if (m.isLand(lon, lat) && !m.isInDistrict(lon, lat)) top = Math.max(top, sampleElevation(g, lon, lat));
      }
    }
    expect(top).toBeGreaterThan(300);
    expect(top).toBeLessThan(420);
  });

  it('is deterministic in its seed', () => {
    const again = generateDem({ seed: SEED, land: land() });
    expect(sha256(again.data)).toBe(sha256(dem().data));
    const other = generateDem({ seed: 'another seed', land: land() });
    expect(sha256(other.data)).not.toBe(sha256(dem().data));
  });
});
