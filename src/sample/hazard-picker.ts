/**
 * Hazard items (安全隐患) an appraisal records, drawn to fit the building: timber rots,
 * shops overload and risk fire, old pipes age, buildings on steep ground meet slope
 * hazards, and the worse the grade the more items are found.
 */
import type { BuildingProperties } from '../core/building.ts';
import type { SafetyGrade } from '../core/grades.ts';
import { HAZARD_ITEMS, type HazardItem } from '../core/hazards.ts';
import { type Rng, weightedPick, weightedSample } from './random-helpers.ts';

/** Items an A-grade (safe) building can still show: none of them is structural. */
const MINOR_ITEMS: ReadonlySet<HazardItem> = new Set(['消防隐患', '管线老化', '外墙脱落', '燃气隐患']);

const COUNT_BY_GRADE: Record<SafetyGrade, readonly (readonly [number, number])[]> = {
  A: [
    [0, 0.65],
    [1, 0.35],
  ],
  B: [
    [1, 0.6],
    [2, 0.33],
    [3, 0.07],
  ],
  C: [
    [2, 0.35],
    [3, 0.4],
    [4, 0.25],
  ],
  D: [
    [3, 0.3],
    [4, 0.35],
    [5, 0.25],
    [6, 0.1],
  ],
};

function itemWeight(item: HazardItem, b: BuildingProperties, grade: SafetyGrade, age: number, steepness: number): number {
  const masonry = b.structure === '砖木' || b.structure === '砖混';
  const dangerous = grade === 'C' || grade === 'D';
  const housingOrShop = b.use === '住宅' || b.use === '商业';
  switch (item) {
    case '结构裂缝':
      return (dangerous ? 3 : 1) * (masonry ? 1.5 : 1);
    case '地基不均匀沉降':
      return (0.6 + 2 * steepness) * (dangerous ? 2 : 1);
    case '构件腐蚀':
      return 0.5 * (b.structure === '砖木' ? 3 : 1) * (b.use === '工业' ? 2 : 1) * (age > 40 ? 1.5 : 1);
    case '违法拆改':
      return 0.6 * (housingOrShop ? 1.5 : 1);
    case '边坡/地质灾害':
      return 0.15 + 3 * steepness;
    case '外墙脱落':
      return 0.6 * (b.floors >= 7 ? 1.8 : 1) * (age > 25 ? 1.5 : 1);
    case '消防隐患':
      return 0.8 * (b.use === '商业' ? 2 : 1) * (b.structure === '砖木' ? 2 : 1);
    case '燃气隐患':
      return 0.5 * (housingOrShop ? 1.5 : 1) * (age > 25 ? 1.3 : 1);
    case '超载使用':
      return 0.3 * (b.use === '商业' || b.use === '工业' ? 2.5 : 1);
    case '管线老化':
      return 0.7 * (age > 25 ? 2 : 1);
  }
}

/**
 * Hazards found on a building of `grade`, in HAZARD_ITEMS order.
 * `steepness` is 0 on flat ground and 1 on a steep slope or cliff edge.
 */
export function pickHazards(rng: Rng, b: BuildingProperties, grade: SafetyGrade, asOfYear: number, steepness: number): HazardItem[] {
  const count = weightedPick(rng, COUNT_BY_GRADE[grade]);
  if (count === 0) return [];
  const age = Math.max(0, asOfYear - b.year_built);
  const candidates = HAZARD_ITEMS.filter((item) => grade !== 'A' || MINOR_ITEMS.has(item));
  return weightedSample(
    rng,
    candidates.map((item) => [item, itemWeight(item, b, grade, age, steepness)] as const),
    count,
  );
}
