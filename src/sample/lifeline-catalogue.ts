/**
 * What pipes of each network are like under each class of street, and how that
 * changed over the decades: place in the cross-section, size, depth, material,
 * pressure class and how they age. Values follow common Chinese urban practice
 * (CJJ 61 / GB 50289 cross-sections, DN series) closely enough for a sample.
 */
import type { Network, PipeCondition, PressureClass } from '../core/lifelines.ts';
import type { RoadClass } from '../core/roads.ts';
import { type Rng, chance, normal, pick, randomInt, uniform, weightedPick } from './random-helpers.ts';

/** Pipe code prefixes of Chinese pipeline surveys (给水 JS, 雨水 YS, 污水 WS, 燃气 RQ, 电力 DL, 通信 TX). */
export const NETWORK_CODE: Record<Network, string> = {
  water: 'JS',
  storm: 'YS',
  sewage: 'WS',
  gas: 'RQ',
  power: 'DL',
  telecom: 'TX',
};

/**
 * Place in the cross-section as a share of the half-width, left of the centreline
 * positive: cables under the two sidewalks, water and gas either side of the
 * carriageway, the two drains near the middle. Distinct values keep networks apart.
 */
export const CROSS_SECTION: Record<Network, number> = {
  power: 0.8,
  water: 0.45,
  storm: 0.15,
  sewage: -0.15,
  gas: -0.45,
  telecom: -0.8,
};

/** Probability that a street of each class carries a network; stairways carry few. */
export const CARRIED: Record<RoadClass, Partial<Record<Network, number>>> = {
  arterial: { water: 1, storm: 1, sewage: 1, gas: 1, power: 1, telecom: 1 },
  secondary: { water: 1, storm: 1, sewage: 1, gas: 0.9, power: 1, telecom: 1 },
  local: { water: 1, storm: 0.85, sewage: 0.9, gas: 0.7, power: 0.8, telecom: 0.8 },
  stairway: { water: 0.6, sewage: 0.4, power: 0.5, telecom: 0.2 },
};

const DIAMETERS: Record<Network, Record<RoadClass, readonly number[]>> = {
  water: { arterial: [400, 500, 600, 800, 1000], secondary: [200, 300, 400], local: [100, 150, 200], stairway: [50, 80, 100] },
  gas: { arterial: [200, 300, 400], secondary: [150, 200, 250], local: [100, 150], stairway: [50, 80] },
  storm: { arterial: [1000, 1200, 1500, 1800], secondary: [600, 800, 1000], local: [400, 500, 600], stairway: [300] },
  sewage: { arterial: [600, 800, 1000], secondary: [400, 500, 600], local: [300, 400], stairway: [200, 300] },
  power: { arterial: [175, 200], secondary: [150, 175], local: [150], stairway: [100] },
  telecom: { arterial: [110], secondary: [110], local: [100, 110], stairway: [100] },
};

export function pickDiameter(rng: Rng, network: Network, cls: RoadClass): number {
  return pick(rng, DIAMETERS[network][cls]);
}

/** Eras of laying, by network: telecom ducts came late, the old core's water and drains early. */
const ERAS: Record<'pipe' | 'cable', readonly (readonly [[number, number], number])[]> = {
  pipe: [
    [[1960, 1979], 0.18],
    [[1980, 1999], 0.32],
    [[2000, 2014], 0.32],
    [[2015, 2025], 0.18],
  ],
  cable: [
    [[1975, 1994], 0.2],
    [[1995, 2009], 0.4],
    [[2010, 2025], 0.4],
  ],
};

/** Year a run of pipe was laid, capped at `asOfYear`. */
export function pickInstallYear(rng: Rng, network: Network, asOfYear: number): number {
  const [from, to] = weightedPick(rng, ERAS[network === 'power' || network === 'telecom' ? 'cable' : 'pipe']);
  return Math.min(asOfYear, randomInt(rng, from, to));
}

export function pickPressure(rng: Rng, network: Network, cls: RoadClass): PressureClass | null {
  if (network === 'water') return cls === 'arterial' ? '中压' : '低压';
  if (network !== 'gas') return null;
  switch (cls) {
    case 'arterial':
      return chance(rng, 0.1) ? '次高压' : '中压';
    case 'secondary':
      return '中压';
    case 'local':
      return chance(rng, 0.6) ? '低压' : '中压';
    case 'stairway':
      return '低压';
  }
}

/** Material by network, era and size (larger and high-pressure pipes stay metal or concrete). */
export function pickMaterial(rng: Rng, network: Network, year: number, diameter: number, pressure: PressureClass | null): string {
  switch (network) {
    case 'water':
      if (year < 1985) return weightedPick(rng, [['灰口铸铁', 0.7], ['钢管', 0.3]]);
      if (year < 2005) return weightedPick(rng, [['球墨铸铁', 0.6], ['灰口铸铁', 0.15], ['钢管', 0.25]]);
      return diameter <= 200 ? weightedPick(rng, [['PE', 0.5], ['球墨铸铁', 0.5]]) : weightedPick(rng, [['球墨铸铁', 0.75], ['钢管', 0.25]]);
    case 'gas':
      if (year < 2000 || diameter > 250 || pressure === '次高压' || pressure === '高压') return '钢管';
      return weightedPick(rng, [['PE', 0.65], ['钢管', 0.35]]);
    case 'storm':
    case 'sewage':
      if (year < 1980) return diameter >= 800 ? weightedPick(rng, [['砖砌', 0.5], ['钢筋混凝土', 0.5]]) : weightedPick(rng, [['混凝土', 0.6], ['钢筋混凝土', 0.4]]);
      if (year < 2005) return weightedPick(rng, [['钢筋混凝土', 0.8], ['混凝土', 0.2]]);
      return diameter <= 800 ? weightedPick(rng, [['HDPE', 0.6], ['钢筋混凝土', 0.4]]) : '钢筋混凝土';
    case 'power':
      if (year < 1995) return weightedPick(rng, [['电缆沟', 0.6], ['电缆排管', 0.4]]);
      return weightedPick(rng, [['电缆排管', 0.8], ['电缆沟', 0.2]]);
    case 'telecom':
      if (year < 2000) return weightedPick(rng, [['通信管道(水泥管块)', 0.5], ['通信管道(PVC)', 0.5]]);
      return weightedPick(rng, [['通信管道(PVC)', 0.4], ['通信管道(HDPE)', 0.6]]);
  }
}

/** Cover depth to the pipe crown (m): cables shallow, gravity drains deep and deeper when large. */
export function pickDepth(rng: Rng, network: Network, diameter: number): number {
  const d = diameter / 1000;
  const depth = (() => {
    switch (network) {
      case 'water':
        return uniform(rng, 1.0, 1.6) + 0.3 * d;
      case 'gas':
        return uniform(rng, 0.9, 1.4);
      case 'power':
        return uniform(rng, 0.7, 1.2);
      case 'telecom':
        return uniform(rng, 0.6, 1.0);
      case 'storm':
        return uniform(rng, 1.5, 3.0) + 0.5 * d;
      case 'sewage':
        return uniform(rng, 2.0, 4.0) + 0.5 * d;
    }
  })();
  return Math.round(depth * 100) / 100;
}

/** Materials that age badly: grey iron turns brittle, brick sewers crumble. */
const MATERIAL_WEAKNESS: Record<string, number> = { 灰口铸铁: 0.25, 砖砌: 0.25, 混凝土: 0.1, 电缆沟: 0.05 };

/** Condition from age and material, with scatter (some old pipes are fine, some new ones not). */
export function pickCondition(rng: Rng, year: number, material: string, asOfYear: number): PipeCondition {
  const score = (asOfYear - year) / 70 + (MATERIAL_WEAKNESS[material] ?? 0) + 0.12 * normal(rng);
  if (score < 0.3) return '良好';
  if (score < 0.6) return '一般';
  if (score < 0.95) return '较差';
  return '危险';
}
