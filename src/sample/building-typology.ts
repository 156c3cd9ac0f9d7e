/**
 * Kinds of building plots in the sample Yuzhong and what each builds: footprint sizes
 * and shapes, storeys, building years, uses. A plot's kind follows from where it lies
 * (heritage quarters, the CBD tip, campuses) or is drawn with weights that make mid-
 * and high-rise housing dominate, as in the real district.
 */
import type { BuildingUse, Structure } from '../core/building.ts';
import { pick, randomInt, type Rng, uniform, weightedPick } from './random-helpers.ts';

export const PLOT_KINDS = [
  'historic', // 十八梯, 湖广会馆, 白象街, 通远门: old low-rise, many heritage
  'old-low', // scattered old houses on the slopes, 1950s–1980s
  'old-brick', // 砖混 walk-ups of the 1960s–1990s
  'community-2001-2010', // the old residential communities of the renewal census
  'modern-high', // shear-wall towers after 2010
  'mid-frame', // 1990s frame mid-rise, shops below flats or offices
  'cbd-tower', // office and commercial towers of the 解放碑/朝天门 tip
  'cbd-commercial', // malls and mid-rise commercial blocks of the tip
  'public', // schools, hospitals, offices of the state
  'campus', // 重庆医科大学
  'industrial',
] as const;
export type PlotKind = (typeof PLOT_KINDS)[number];

export type ShapeKind = 'rect' | 'L' | 'courtyard';

/** A footprint to try: frontage along the street, depth away from it (m). */
export interface FootprintSpec {
  shape: ShapeKind;
  frontage: number;
  depth: number;
  /** L: width of the back wing; courtyard: width of the ring of rooms (m). */
  wing: number;
  /** L: how far the wing reaches back beyond `depth` (m). */
  wingDepth: number;
}

export interface KindRules {
  /** Clear distance to other buildings (m). */
  gap: number;
  /** Clear distance from the street's edge (m). */
  setback: number;
  /** Storeys: [min, max] the draw and the floor-area calibration may use. */
  floors: readonly [number, number];
  /** Whether the floor-area calibration may change storeys. */
  scalable: boolean;
  years: readonly [number, number];
  uses: readonly (readonly [BuildingUse, number])[];
}

export const KIND_RULES: Record<PlotKind, KindRules> = {
  historic: { gap: 1.2, setback: 1.0, floors: [1, 4], scalable: false, years: [1880, 1979], uses: [['住宅', 70], ['商业', 25], ['公共', 5]] },
  'old-low': { gap: 2, setback: 1.5, floors: [1, 3], scalable: false, years: [1952, 1986], uses: [['住宅', 85], ['商业', 15]] },
  'old-brick': { gap: 5, setback: 2.5, floors: [5, 7], scalable: false, years: [1962, 1999], uses: [['住宅', 92], ['商业', 4], ['办公', 4]] },
  'community-2001-2010': { gap: 15, setback: 4, floors: [11, 33], scalable: true, years: [2001, 2010], uses: [['住宅', 1]] },
  'modern-high': { gap: 22, setback: 5, floors: [18, 50], scalable: true, years: [2011, 2023], uses: [['住宅', 90], ['办公', 6], ['商业', 4]] },
  'mid-frame': { gap: 7, setback: 3, floors: [8, 18], scalable: true, years: [1988, 2005], uses: [['住宅', 55], ['商业', 25], ['办公', 20]] },
  'cbd-tower': { gap: 16, setback: 5, floors: [30, 75], scalable: true, years: [1995, 2022], uses: [['办公', 60], ['商业', 40]] },
  'cbd-commercial': { gap: 7, setback: 4, floors: [5, 24], scalable: true, years: [1985, 2018], uses: [['商业', 60], ['办公', 30], ['住宅', 10]] },
  public: { gap: 6, setback: 4, floors: [3, 9], scalable: false, years: [1955, 2015], uses: [['公共', 85], ['办公', 15]] },
  campus: { gap: 8, setback: 5, floors: [4, 14], scalable: false, years: [1956, 2012], uses: [['公共', 1]] },
  industrial: { gap: 6, setback: 4, floors: [1, 5], scalable: false, years: [1958, 1995], uses: [['工业', 85], ['办公', 15]] },
};

function rect(frontage: number, depth: number): FootprintSpec {
  return { shape: 'rect', frontage, depth, wing: 0, wingDepth: 0 };
}

/** Uniform sizes on [a, b) times `scale` (one closure per draw, not per size). */
function sizer(rng: Rng, scale: number): (a: number, b: number) => number {
  return (a, b) => (a + (b - a) * rng()) * scale;
}

/** Draws the footprint to try next for a plot of `kind`; `scale` < 1 for a smaller retry. */
export function drawFootprintSpec(rng: Rng, kind: PlotKind, scale = 1): FootprintSpec {
  const r = sizer(rng, scale);
  switch (kind) {
    case 'historic': {
      if (rng() < 0.08) return { shape: 'courtyard', frontage: r(18, 26), depth: r(16, 22), wing: uniform(rng, 5.5, 7), wingDepth: 0 };
      return rect(r(7, 14), r(9, 15));
    }
    case 'old-low':
      return rect(r(8, 16), r(8, 13));
    case 'old-brick': {
      if (rng() < 0.12) return { shape: 'L', frontage: r(30, 48), depth: r(11, 13), wing: r(11, 13), wingDepth: r(10, 20) };
      return rng() < 0.25 ? rect(r(16, 22), r(12, 16)) : rect(r(28, 56), r(10.5, 13.5));
    }
    case 'community-2001-2010':
      return rng() < 0.6 ? rect(r(22, 30), r(17, 23)) : rect(r(38, 58), r(13, 16));
    case 'modern-high':
      return rng() < 0.7 ? rect(r(26, 34), r(19, 25)) : rect(r(42, 62), r(15, 18));
    case 'mid-frame':
      if (rng() < 0.15) return { shape: 'L', frontage: r(30, 44), depth: r(14, 18), wing: r(14, 18), wingDepth: r(10, 18) };
      return rect(r(22, 40), r(14, 20));
    case 'cbd-tower':
      return rect(r(34, 50), r(32, 46));
    case 'cbd-commercial':
      if (rng() < 0.1) return { shape: 'courtyard', frontage: r(50, 70), depth: r(40, 55), wing: r(12, 16), wingDepth: 0 };
      return rect(r(24, 60), r(20, 40));
    case 'public':
      if (rng() < 0.2) return { shape: 'courtyard', frontage: r(45, 65), depth: r(35, 50), wing: r(10, 13), wingDepth: 0 };
      if (rng() < 0.3) return { shape: 'L', frontage: r(40, 60), depth: r(14, 18), wing: r(14, 18), wingDepth: r(12, 24) };
      return rect(r(30, 60), r(16, 24));
    case 'campus':
      if (rng() < 0.3) return { shape: 'L', frontage: r(45, 70), depth: r(15, 18), wing: r(15, 18), wingDepth: r(15, 30) };
      return rect(r(35, 70), r(16, 22));
    case 'industrial':
      return rect(r(30, 70), r(20, 34));
  }
}

/** Storeys as first drawn (the calibration may scale scalable kinds). */
export function drawFloors(rng: Rng, kind: PlotKind, area: number): number {
  const [lo, hi] = KIND_RULES[kind].floors;
  switch (kind) {
    case 'historic':
      return weightedPick(rng, [[1, 30], [2, 35], [3, 25], [4, 10]]);
    case 'community-2001-2010':
      // Point towers go high, slabs stay mid-rise (小高层).
      return area < 650 ? randomInt(rng, 18, 32) : randomInt(rng, 11, 18);
    case 'modern-high':
      return randomInt(rng, 26, 45);
    case 'cbd-tower':
      return randomInt(rng, 35, 62);
    default:
      return randomInt(rng, lo, hi);
  }
}

export function drawYear(rng: Rng, kind: PlotKind): number {
  const [a, b] = KIND_RULES[kind].years;
  if (kind === 'historic') {
    // Most of the old quarters' fabric is late Qing to Republican.
    return rng() < 0.6 ? randomInt(rng, 1880, 1949) : randomInt(rng, 1950, 1979);
  }
  return randomInt(rng, a, b);
}

export function drawUse(rng: Rng, kind: PlotKind): BuildingUse {
  return weightedPick(rng, KIND_RULES[kind].uses);
}

/** Structure from age, height and use (砖木 → 砖混 → 框架/剪力墙 → 框筒). */
export function structureFor(rng: Rng, year: number, floors: number, use: BuildingUse): Structure {
  if (year < 1950) return floors <= 4 ? '砖木' : '砖混';
  if (floors <= 3 && year < 1966) return rng() < 0.5 ? '砖木' : '砖混';
  // Low-rise of the planned-economy years was brick whatever its use.
  if (floors <= 4 && year < 1980) return '砖混';
  if (floors <= 7) {
    if (year < 2000) return use === '住宅' || rng() < 0.5 ? '砖混' : '框架';
    return '框架';
  }
  if (floors >= 25 && use !== '住宅') return '框筒';
  if (use === '住宅') return year >= 1995 ? '剪力墙' : '框架';
  return '框架';
}

/** Storey height (m) by use and structure. */
export function storeyHeight(rng: Rng, use: BuildingUse, structure: Structure, floors: number): number {
  if (structure === '框筒') return uniform(rng, 4.0, 4.5);
  if (use === '商业') return floors <= 5 ? uniform(rng, 4.2, 4.8) : uniform(rng, 3.8, 4.3);
  if (use === '办公' || use === '公共') return uniform(rng, 3.6, 4.2);
  if (use === '工业') return uniform(rng, 4.5, 6);
  if (structure === '砖木') return uniform(rng, 3.0, 3.5);
  return uniform(rng, 2.9, 3.1);
}

/** Name words for communities (小区) by era. */
const COMMUNITY_WORDS = ['阳光', '锦绣', '嘉陵', '长江', '山城', '金沙', '翠湖', '枫林', '桂香', '怡景', '渝景', '天和', '华福', '明珠', '金鹰', '瑞丰', '康华', '宏声', '江景', '鸿福', '佳和', '南山', '景秀', '欣荣'];
const COMMUNITY_ENDINGS_2000S = ['花园', '小区', '苑', '家园', '名都', '公寓', '新城', '华庭', '雅居', '大厦'];
const COMMUNITY_ENDINGS_MODERN = ['公馆', '天地', '华府', '壹号', '江山', '印象', '御景', '府'];
const WORK_UNITS = ['市第一人民医院', '长航', '市粮食局', '市供销社', '重庆日报社', '市交通局', '市电力公司', '市建委', '重棉三厂', '市二轻局', '市邮电局', '重庆港务局', '市自来水公司', '西南医院', '市百货公司', '市文化局', '市公交公司', '市煤气公司'];

/** A community name for a residential plot; `taken` keeps names unique. */
export function drawCommunityName(rng: Rng, kind: PlotKind, place: string, taken: Set<string>): string {
  for (let attempt = 0; attempt < 200; attempt++) {
    let name: string;
    if (kind === 'community-2001-2010' || kind === 'mid-frame') {
      name = `${place}${pick(rng, COMMUNITY_WORDS)}${pick(rng, COMMUNITY_ENDINGS_2000S)}`;
    } else if (kind === 'modern-high' || kind === 'cbd-commercial' || kind === 'cbd-tower') {
      name = rng() < 0.5 ? `${place}${pick(rng, COMMUNITY_ENDINGS_MODERN)}` : `${pick(rng, COMMUNITY_WORDS)}${place}${pick(rng, COMMUNITY_ENDINGS_MODERN)}`;
    } else if (rng() < 0.4) {
      name = `${pick(rng, WORK_UNITS)}${pick(rng, ['宿舍', '家属区', '职工宿舍'])}`;
    } else {
      name = `${place}${pick(rng, ['新村', '一村', '二村', '三村', '小区', '居民点', '宿舍'])}`;
    }
    if (attempt > 50) name = `${name}${randomInt(rng, 2, 9)}期`;
    if (!taken.has(name)) {
      taken.add(name);
      return name;
    }
  }
  throw new Error(`could not name a community at ${place}`);
}
