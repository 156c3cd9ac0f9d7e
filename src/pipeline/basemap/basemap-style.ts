/**
 * How the basemap looks: a light, quiet map so the 3D buildings, grades and lifelines
 * on top stay readable — pale land tinted by height and shaded by the hills, blue
 * rivers, green on steep slopes and parks, roads by class, the district's outline.
 */
import type { RoadClass } from '../../core/roads.ts';

export type Rgb = readonly [number, number, number];

export interface RoadStyle {
  fill: string;
  casing: string;
  /** Narrowest drawn width (px), so a class stays visible when its real width is sub-pixel. */
  minPx: number;
  /** First level the class is drawn at. */
  minZoom: number;
  dash?: number[];
}

export const BASEMAP_STYLE = {
  /** Hypsometric tint stops (m → colour) for land. */
  landStops: [
    [170, [240, 240, 228]],
    [250, [236, 231, 214]],
    [330, [226, 218, 196]],
    [420, [214, 203, 178]],
  ] as ReadonlyArray<readonly [number, Rgb]>,
  water: [166, 205, 230] as Rgb,
  deepWater: [120, 170, 210] as Rgb,
  green: [184, 214, 163] as Rgb,
  /** Slope (rise/run) from which the land shows as green (vegetated cliffs, 坡坎崖). */
  greenSlope: 0.7,
  /** How much the hillshade darkens (0 none … 1 full). */
  shadeStrength: 0.45,
  roads: {
    arterial: { fill: '#ffd27a', casing: '#c8963a', minPx: 2.5, minZoom: 10 },
    secondary: { fill: '#fff1c2', casing: '#c2b080', minPx: 1.8, minZoom: 12 },
    local: { fill: '#ffffff', casing: '#b8b0a0', minPx: 1.2, minZoom: 14 },
    stairway: { fill: '#a4553a', casing: '#a4553a', minPx: 1, minZoom: 15, dash: [3, 2] },
  } satisfies Record<RoadClass, RoadStyle>,
  building: { fill: '#dcd3ca', stroke: '#b9ada2', minZoom: 15 },
  greenArea: { fill: 'rgba(160, 205, 140, 0.75)', minZoom: 0 },
  outline: { stroke: '#7b3fa0', widthPx: 2.5, dash: [10, 5], minZoom: 9 },
} as const;

/** Roads drawn bottom-up so arterials sit on top. */
export const ROAD_DRAW_ORDER: readonly RoadClass[] = ['stairway', 'local', 'secondary', 'arterial'];
