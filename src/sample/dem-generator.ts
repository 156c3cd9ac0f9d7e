/**
 * A seeded DEM of Yuzhong and both river banks, shaped like the real terrain:
 *
 * - the rivers at the Three Gorges reservoir level (~172 m), their beds 15–20 m deeper
 *   mid-channel;
 * - a narrow riverside bench at ~180–185 m where the 滨江路 run (wide at 菜园坝);
 * - the 鹅岭–佛图关–枇杷山 ridge along the peninsula's spine at ~330–390 m, falling to
 *   ~250 m at 解放碑 and ~200 m at 朝天门;
 * - steep slopes and cliffs (坡坎崖) between bench and ridge, steepest where the
 *   ridge runs close to the shore (the Jialing side);
 * - hills on the opposite banks (南岸 up to ~380 m, 江北 ~250–300 m);
 * - seeded fractal noise for detail.
 *
 * Between the shore and the ridge, height follows the fraction f = s / (s + r) of the
 * way from the shore (s: distance to the water) to the ridge line (r: distance to it),
 * so the slope fits whatever room the outline leaves. Smooth fields are computed on a
 * coarse lattice and interpolated; only the noise is evaluated per sample.
 */
import { createNoise2D } from 'simplex-noise';
import { DISTRICT } from '../core/district.ts';
import type { ElevationGrid } from '../core/elevation-grid.ts';
import { type LandWaterModel, type LonLatBounds, SAMPLE_BOUNDS } from './district-outline.ts';
import { projectOnSegment, smoothstep } from './planar-geometry.ts';
import { createRng } from './random-helpers.ts';

export interface DemOptions {
  /** Sample seed; the DEM draws from its own stream `${seed}:dem`. */
  seed: string;
  /** Land and rivers (from `createLandWaterModel`). */
  land: LandWaterModel;
  /** Area covered; the corner samples sit on its edges (pixel-is-point). */
  bounds?: LonLatBounds;
  /** Sample spacing in degrees: ~5 m each way at 29.55° N. */
  dx?: number;
  dy?: number;
  /** River surface (m). */
  riverLevelM?: number;
  /** Depth of the river bed below the surface mid-channel (m). */
  channelDepthM?: readonly [number, number];
  /** Amplitude of the fractal detail on the slopes (m). */
  noiseAmplitudeM?: number;
}

const DEM_DEFAULTS: Required<Omit<DemOptions, 'seed' | 'land'>> = {
  bounds: SAMPLE_BOUNDS,
  dx: 0.0000517,
  dy: 0.000045,
  riverLevelM: DISTRICT.riverLevelM.typical,
  channelDepthM: [15, 20],
  noiseAmplitudeM: 14,
};

/** Spine of the peninsula, west → east: lon, lat, height of the crest (m). */
const RIDGE: readonly (readonly [number, number, number])[] = [
  [106.488, 29.5462, 300], // 渝州路 west end
  [106.503, 29.5447, 322],
  [106.515, 29.5437, 338], // 大坪
  [106.5205, 29.5482, 372],
  [106.5235, 29.5497, 386], // 佛图关
  [106.5335, 29.5502, 390], // 鹅岭
  [106.541, 29.5515, 350],
  [106.548, 29.5525, 318], // 两路口
  [106.556, 29.5535, 336],
  [106.563, 29.5535, 348], // 枇杷山
  [106.5685, 29.5560, 306], // 七星岗 / 通远门
  [106.5735, 29.5552, 278], // 较场口
  [106.577, 29.5572, 252], // 解放碑
  [106.5815, 29.5605, 232], // 小什字
  [106.5865, 29.5655, 204], // 朝天门
];

/** Heights away from the ridge (m): the rest of the peninsula and the opposite banks. */
const CONTROL_POINTS: readonly (readonly [number, number, number])[] = [
  // Yuzhong
  [106.5505, 29.5468, 188], // 菜园坝
  [106.553, 29.5605, 282], // 上清寺
  [106.55, 29.5645, 262], // 人民大礼堂
  [106.557, 29.5655, 232], // 大溪沟
  [106.566, 29.5625, 236], // 黄花园
  [106.5085, 29.5545, 236], // 化龙桥
  [106.513, 29.5335, 305], // 重医
  [106.5045, 29.5345, 318], // 石油路
  [106.5805, 29.5525, 222], // 储奇门
  [106.5848, 29.5578, 214], // 湖广会馆
  [106.5745, 29.5510, 228], // 十八梯 foot
  [106.5655, 29.5485, 232], // 石板坡
  [106.5415, 29.5455, 240], // 大坪 east slope
  // 江北
  [106.5, 29.5745, 265],
  [106.53, 29.5745, 252],
  [106.555, 29.579, 262],
  [106.5765, 29.5775, 222], // 江北嘴
  [106.48, 29.571, 300],
  // 沙坪坝
  [106.473, 29.558, 318],
  // 九龙坡
  [106.481, 29.536, 330],
  [106.497, 29.52, 305],
  [106.522, 29.521, 282],
  // 南岸
  [106.548, 29.526, 262],
  [106.566, 29.532, 302],
  [106.583, 29.538, 348],
  [106.598, 29.548, 382],
  [106.598, 29.565, 352],
  [106.597, 29.58, 318],
  [106.545, 29.516, 285],
];

/** Places where the riverside bench is wide (lon, lat, extra width m, radius m). */
const WIDE_BENCHES: readonly (readonly [number, number, number, number])[] = [
  [106.5505, 29.5462, 170, 1100], // 菜园坝
  [106.509, 29.5555, 60, 500], // 化龙桥
  [106.5855, 29.5665, 25, 250], // 朝天门
];

/** Coarse lattice of the smooth fields (m). */
const COARSE_M = 20;

interface Fields {
  x0: number;
  y0: number;
  nx: number;
  ny: number;
  /** Height the slope rises to (m). */
  plateau: Float32Array;
  /** Distance to the ridge line, capped (m). */
  ridgeDistance: Float32Array;
  /** Riverside bench width (m). */
  bench: Float32Array;
  /** Exponent of the shore → ridge profile: higher means a steeper toe (cliffs). */
  steepness: Float32Array;
}

function buildFields(land: LandWaterModel, bounds: LonLatBounds, seed: string): Fields {
  const proj = land.projection;
  const [x0, y0] = proj.toLocal(bounds.west, bounds.south);
  const [x1, y1] = proj.toLocal(bounds.east, bounds.north);
  const nx = Math.ceil((x1 - x0) / COARSE_M) + 2;
  const ny = Math.ceil((y1 - y0) / COARSE_M) + 2;
  const ridge = RIDGE.map(([lon, lat, h]) => [...proj.toLocal(lon, lat), h] as const);
  const controls = CONTROL_POINTS.map(([lon, lat, h]) => [...proj.toLocal(lon, lat), h] as const);
  const benches = WIDE_BENCHES.map(([lon, lat, w, r]) => [...proj.toLocal(lon, lat), w, r] as const);
  const rng = createRng(seed, 'dem:fields');
  const noiseA = createNoise2D(rng);
  const noiseB = createNoise2D(rng);

  const plateau = new Float32Array(nx * ny);
  const ridgeDistance = new Float32Array(nx * ny);
  const bench = new Float32Array(nx * ny);
  const steepness = new Float32Array(nx * ny);
  for (let j = 0; j < ny; j++) {
    const y = y0 + j * COARSE_M;
    for (let i = 0; i < nx; i++) {
      const x = x0 + i * COARSE_M;
      // Nearest point of the ridge line and the crest height there.
      let rBest = Infinity;
      let hRidge = 0;
      for (let k = 0; k + 1 < ridge.length; k++) {
        const [ax, ay, ha] = ridge[k]!;
        const [bx, by, hb] = ridge[k + 1]!;
        const t = projectOnSegment(x, y, ax, ay, bx, by);
        const d = Math.hypot(ax + t * (bx - ax) - x, ay + t * (by - ay) - y);
        if (d < rBest) {
          rBest = d;
          hRidge = ha + t * (hb - ha);
        }
      }
      // Background: Shepard interpolation of the control points and the ridge ends.
      let wSum = 0;
      let hSum = 0;
      for (const [cx, cy, h] of controls) {
        const w = 1 / ((cx - x) ** 2 + (cy - y) ** 2 + 250 ** 2);
        wSum += w;
        hSum += w * h;
      }
      const background = hSum / wSum;
      const wRidge = Math.exp(-((rBest / 520) ** 2));
      const k = j * nx + i;
      plateau[k] = wRidge * hRidge + (1 - wRidge) * background;
      ridgeDistance[k] = Math.min(rBest, 650);
      let b = 38 + 22 * noiseA(x / 1400, y / 1400);
      for (const [bx, by, w, r] of benches) {
        const d = Math.hypot(bx - x, by - y);
        b += w * (1 - smoothstep(0.3 * r, r, d));
      }
      bench[k] = b;
      steepness[k] = 2.1 + 0.7 * noiseB(x / 900, y / 900);
    }
  }
  // The nearest-point fields crease where the nearest ridge vertex changes; blur them.
  for (const field of [plateau, ridgeDistance, bench]) boxBlur(field, nx, ny, 3, 3);
  return { x0, y0, nx, ny, plateau, ridgeDistance, bench, steepness };
}

/** In-place separable box blur (`passes` times, radius `r` cells), edges clamped. */
function boxBlur(field: Float32Array, nx: number, ny: number, r: number, passes: number): void {
  const line = new Float32Array(Math.max(nx, ny));
  for (let p = 0; p < passes; p++) {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++) line[i] = field[j * nx + i]!;
      for (let i = 0; i < nx; i++) {
        let sum = 0;
        for (let k = -r; k <= r; k++) sum += line[Math.min(nx - 1, Math.max(0, i + k))]!;
        field[j * nx + i] = sum / (2 * r + 1);
      }
    }
    for (let i = 0; i < nx; i++) {
      for (let j = 0; j < ny; j++) line[j] = field[j * nx + i]!;
      for (let j = 0; j < ny; j++) {
        let sum = 0;
        for (let k = -r; k <= r; k++) sum += line[Math.min(ny - 1, Math.max(0, j + k))]!;
        field[j * nx + i] = sum / (2 * r + 1);
      }
    }
  }
}

function bilinear(field: Float32Array, f: Fields, fx: number, fy: number): number {
  const i = Math.min(Math.max(Math.floor(fx), 0), f.nx - 2);
  const j = Math.min(Math.max(Math.floor(fy), 0), f.ny - 2);
  const tx = fx - i;
  const ty = fy - j;
  const k = j * f.nx + i;
  const a = field[k]! + (field[k + 1]! - field[k]!) * tx;
  const b = field[k + f.nx]! + (field[k + f.nx + 1]! - field[k + f.nx]!) * tx;
  return a + (b - a) * ty;
}

/** Generates the DEM: Float32 heights (m), EPSG:4326, rows north → south, no NaN. */
export function generateDem(options: DemOptions): ElevationGrid {
  const o = { ...DEM_DEFAULTS, ...options };
  const { land, bounds, dx, dy } = o;
  const width = Math.round((bounds.east - bounds.west) / dx) + 1;
  const height = Math.round((bounds.north - bounds.south) / dy) + 1;
  const fields = buildFields(land, bounds, o.seed);

  const rng = createRng(o.seed, 'dem');
  const octaves = [1400, 620, 270, 115].map((wavelength, i) => ({
    noise: createNoise2D(rng),
    freq: 1 / wavelength,
    amp: 0.55 ** i,
  }));
  const ampSum = octaves.reduce((s, oc) => s + oc.amp, 0);
  const bedNoise = createNoise2D(rng);
  const [depthMin, depthMax] = o.channelDepthM;
  const level = o.riverLevelM;
  const benchRise = 9;

  const proj = land.projection;
  const kx = proj.metresPerDegree.lon;
  const ky = proj.metresPerDegree.lat;
  const data = new Float32Array(width * height);
  for (let row = 0; row < height; row++) {
    const lat = bounds.north - row * dy;
    const y = (lat - proj.originLat) * ky;
    const fy = (y - fields.y0) / COARSE_M;
    for (let col = 0; col < width; col++) {
      const lon = bounds.west + col * dx;
      const x = (lon - proj.originLon) * kx;
      const s = land.waterSignedDistanceLocal(x, y);
      let h: number;
      if (s <= 0) {
        // River bed: from the surface at the shore to the channel depth ~150 m out.
        const depth = depthMin + (depthMax - depthMin) * (0.5 + 0.5 * bedNoise(x / 1800, y / 1800));
        h = level - depth * smoothstep(0, 150, -s);
      } else {
        const fx = (x - fields.x0) / COARSE_M;
        const plateau = bilinear(fields.plateau, fields, fx, fy);
        const r = bilinear(fields.ridgeDistance, fields, fx, fy);
        const benchW = bilinear(fields.bench, fields, fx, fy);
        const gamma = bilinear(fields.steepness, fields, fx, fy);
        const up = Math.max(0, s - benchW);
        const f = up / (up + r + 1);
        const g = 1 - (1 - f) ** gamma;
        const benchTop = level + benchRise * smoothstep(0, 14, s);
        let n = 0;
        for (const oc of octaves) n += oc.amp * oc.noise(x * oc.freq, y * oc.freq);
        h = benchTop + Math.max(0, plateau - level - benchRise) * g + (o.noiseAmplitudeM * g * n) / ampSum;
      }
      data[row * width + col] = h;
    }
  }
  return { width, height, west: bounds.west, north: bounds.north, dx, dy, data };
}
