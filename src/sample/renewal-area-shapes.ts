/**
 * How each area of 一核两翼三带五片区 is drawn in the sample world. The plan gives only
 * centres; the shapes follow what each area is (the core fills the peninsula's tip,
 * belts run along the shores, the old-town heritage line and the ridge, wings and zones
 * are blobs) and sit on the sample's land, which follows the reference outline. Where
 * that outline puts a plan centre in the river (化龙桥 at 29.566, the corridor at
 * 106.538/29.561) or on the shore (人民大礼堂), the shape moves onto the nearest land
 * the sample has there. Checked against the land/water model of district-outline.ts.
 */
import type { RenewalAreaDefinition } from '../core/renewal-areas.ts';

type LonLat = [number, number];

export type AreaShape =
  | { kind: 'polygon'; ring: LonLat[] }
  /** A band `halfWidthM` either side of a line. */
  | { kind: 'band'; line: LonLat[]; halfWidthM: number }
  /** An ellipse, its major axis `bearingDeg` counter-clockwise from east. */
  | { kind: 'ellipse'; centre: LonLat; semiMajorM: number; semiMinorM: number; bearingDeg: number };

/**
 * A line ~120 m inland of the sample's shore, from the Jialing upstream past 朝天门 to the
 * Yangtze upstream: the 滨江路 / 嘉滨路 bench the riverside belt is drawn along.
 */
export const RIVERSIDE_LINE: readonly LonLat[] = [
  [106.5063, 29.5542],
  [106.5203, 29.5511],
  [106.5319, 29.5509],
  [106.5385, 29.5541],
  [106.5454, 29.5626],
  [106.5495, 29.565],
  [106.5599, 29.5654],
  [106.5663, 29.5619],
  [106.5707, 29.5609],
  [106.5791, 29.5616],
  [106.5839, 29.5638],
  [106.5853, 29.5599],
  [106.5842, 29.5561],
  [106.5815, 29.552],
  [106.5752, 29.5498],
  [106.5607, 29.5472],
  [106.5385, 29.5449],
  [106.5317, 29.5391],
  [106.5288, 29.5327],
];

export const AREA_SHAPES: Record<RenewalAreaDefinition['id'], AreaShape> = {
  // The tip east of 七星岗/通远门: 解放碑, 小什字, 朝天门.
  'core-jiefangbei': {
    kind: 'polygon',
    ring: [
      [106.568, 29.5626],
      [106.5725, 29.562],
      [106.5775, 29.5624],
      [106.58, 29.5632],
      [106.5825, 29.5644],
      [106.585, 29.566],
      [106.5862, 29.564],
      [106.586, 29.559],
      [106.585, 29.5548],
      [106.5825, 29.5514],
      [106.58, 29.5502],
      [106.575, 29.5488],
      [106.57, 29.5478],
      [106.568, 29.5476],
      [106.5678, 29.555],
    ],
  },
  'wing-chongqing-station': { kind: 'ellipse', centre: [106.55, 29.549], semiMajorM: 1100, semiMinorM: 350, bearingDeg: 5 },
  // Along the Jialing bench west of 李子坝, where the sample's 化龙桥 lies.
  'wing-hualongqiao': { kind: 'ellipse', centre: [106.5115, 29.551], semiMajorM: 900, semiMinorM: 330, bearingDeg: -14 },
  'belt-riverside': { kind: 'band', line: [...RIVERSIDE_LINE], halfWidthM: 130 },
  // 通远门 → 山城巷 → 十八梯 → 白象街/储奇门 → 湖广会馆.
  'belt-heritage': {
    kind: 'band',
    line: [
      [106.567, 29.5585],
      [106.5665, 29.552],
      [106.5745, 29.5525],
      [106.58, 29.553],
      [106.5848, 29.5578],
    ],
    halfWidthM: 140,
  },
  // 佛图关 → 鹅岭 → 两路口 → 枇杷山, along the sample DEM's ridge.
  'belt-eling-ridge': {
    kind: 'band',
    line: [
      [106.5205, 29.5482],
      [106.5235, 29.5497],
      [106.5335, 29.5502],
      [106.541, 29.5515],
      [106.548, 29.5525],
      [106.556, 29.5535],
      [106.563, 29.5535],
    ],
    halfWidthM: 220,
  },
  'zone-government': { kind: 'ellipse', centre: [106.55, 29.5625], semiMajorM: 650, semiMinorM: 350, bearingDeg: 0 },
  // 李子坝 → 大田湾.
  'zone-southwest-corridor': {
    kind: 'band',
    line: [
      [106.534, 29.5515],
      [106.54, 29.5545],
      [106.5465, 29.5585],
    ],
    halfWidthM: 150,
  },
  'zone-daping': { kind: 'ellipse', centre: [106.516, 29.5425], semiMajorM: 600, semiMinorM: 450, bearingDeg: 10 },
  'zone-digital-economy': { kind: 'ellipse', centre: [106.528, 29.5455], semiMajorM: 550, semiMinorM: 350, bearingDeg: 0 },
  'zone-health': { kind: 'ellipse', centre: [106.513, 29.5335], semiMajorM: 500, semiMinorM: 420, bearingDeg: 30 },
};
