/**
 * Paints the raster part of a basemap block pixel by pixel from the DEM: water under
 * the river level (deeper = darker), land tinted by height, green on steep slopes,
 * all multiplied by the hillshade. Outside the DEM the pixels stay transparent.
 */
import type { ElevationGrid } from '../../core/elevation-grid.ts';
import type { LonLatRect } from '../terrain/dem-coverage.ts';
import { BASEMAP_STYLE, type Rgb } from './basemap-style.ts';
import type { ShadedRelief } from './hillshade.ts';

export interface ReliefSource {
  grid: ElevationGrid;
  relief: ShadedRelief;
  waterLevel: number;
}

/** Colour ramp as a lookup table every 1 m from `min`. */
function landRamp(): { min: number; table: Uint8Array } {
  const stops = BASEMAP_STYLE.landStops;
  const min = stops[0]![0];
  const max = stops[stops.length - 1]![0];
  const table = new Uint8Array((max - min + 1) * 3);
  for (let h = min; h <= max; h++) {
    let k = 0;
    while (k < stops.length - 2 && h > stops[k + 1]![0]) k++;
    const [h0, c0] = stops[k]!;
    const [h1, c1] = stops[k + 1]!;
    const t = Math.min(1, Math.max(0, (h - h0) / (h1 - h0)));
    for (let i = 0; i < 3; i++) table[(h - min) * 3 + i] = Math.round(c0[i]! + (c1[i]! - c0[i]!) * t);
  }
  return { min, table };
}

const RAMP = landRamp();
const FLAT_LIGHT = Math.cos(Math.PI / 4);

export function paintRelief(source: ReliefSource, rect: LonLatRect, width: number, height: number): Uint8ClampedArray {
  const { grid, relief, waterLevel } = source;
  const out = new Uint8ClampedArray(width * height * 4);
  const resX = (rect.east - rect.west) / width;
  const resY = (rect.north - rect.south) / height;
  const gw = grid.width;
  const gh = grid.height;
  const fxs = new Float64Array(width);
  for (let i = 0; i < width; i++) fxs[i] = (rect.west + (i + 0.5) * resX - grid.west) / grid.dx;
  const { water, deepWater, green, greenSlope, shadeStrength } = BASEMAP_STYLE;
  const rampMax = RAMP.table.length / 3 - 1;
  const paint = (p: number, c: Rgb, k: number) => {
    out[p] = c[0] * k;
    out[p + 1] = c[1] * k;
    out[p + 2] = c[2] * k;
    out[p + 3] = 255;
  };
  for (let j = 0; j < height; j++) {
    const fy = (grid.north - (rect.north - (j + 0.5) * resY)) / grid.dy;
    if (fy < 0 || fy > gh - 1) continue;
    const y0 = Math.min(Math.floor(fy), gh - 2);
    const ty = fy - y0;
    for (let i = 0; i < width; i++) {
      const fx = fxs[i]!;
      if (fx < 0 || fx > gw - 1) continue;
      const x0 = Math.min(Math.floor(fx), gw - 2);
      const tx = fx - x0;
      const k = y0 * gw + x0;
      const w00 = (1 - tx) * (1 - ty);
      const w10 = tx * (1 - ty);
      const w01 = (1 - tx) * ty;
      const w11 = tx * ty;
      const d = grid.data;
      const h = d[k]! * w00 + d[k + 1]! * w10 + d[k + gw]! * w01 + d[k + gw + 1]! * w11;
      if (Number.isNaN(h)) continue;
      const p = (j * width + i) * 4;
      if (h <= waterLevel) {
        const t = Math.min(1, (waterLevel - h) / 15);
        paint(p, [water[0] + (deepWater[0] - water[0]) * t, water[1] + (deepWater[1] - water[1]) * t, water[2] + (deepWater[2] - water[2]) * t], 1);
        continue;
      }
      const s = relief.shade;
      const shade = s[k]! * w00 + s[k + 1]! * w10 + s[k + gw]! * w01 + s[k + gw + 1]! * w11;
      const sl = relief.slope;
      const slope = sl[k]! * w00 + sl[k + 1]! * w10 + sl[k + gw]! * w01 + sl[k + gw + 1]! * w11;
      const ri = Math.min(rampMax, Math.max(0, Math.round(h - RAMP.min))) * 3;
      let r = RAMP.table[ri]!;
      let g = RAMP.table[ri + 1]!;
      let b = RAMP.table[ri + 2]!;
      if (slope > greenSlope * 0.7) {
        const t = Math.min(1, (slope - greenSlope * 0.7) / (greenSlope * 0.3));
        r += (green[0] - r) * t;
        g += (green[1] - g) * t;
        b += (green[2] - b) * t;
      }
      const light = 1 + shadeStrength * (shade / FLAT_LIGHT - 1);
      out[p] = r * light;
      out[p + 1] = g * light;
      out[p + 2] = b * light;
      out[p + 3] = 255;
    }
  }
  return out;
}
