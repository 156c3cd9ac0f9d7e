/**
 * Stands a footprint on the terrain: walls down to the lowest ground, roof by the
 * hillside rule below. Returns a problem when the footprint is off the DEM.
 */
import type { ElevationGrid } from '../../core/elevation-grid.ts';
import type { Footprint } from '../../sources/footprint.ts';
import type { PlacedBuilding } from './placed-building.ts';
import { sampleGround } from './ground-sampler.ts';
import { problem, type BuildingProblem } from '../../sources/footprint-problem.ts';

/**
 * Roof elevation for a building on a slope.
 *
 * Heights in a building register are counted from the main ground, which on
 * Yuzhong's hillsides is the low, street-side ground: a 10-storey block stepping down
 * a 12 m slope has its 30 m measured from the bottom. So the base is the lowest
 * ground and the roof is `ground_min + height`.
 *
 * That fails for a low building on a steep slope: a 3-storey house (9 m) across a
 * 12 m drop would have its roof 3 m under the uphill ground and vanish into the
 * hill. Such houses in fact stand a storey or more above their uphill entrance
 * (吊脚楼, buildings with entrances on several levels). So the roof is never lower
 * than one storey above the highest ground:
 *
 *     roof = max(ground_min + height, ground_max + storey)
 *
 * Taking the max (rather than switching to ground_max + storey only when
 * ground_min + height < ground_max) keeps the roof continuous as the slope grows,
 * and never leaves a sliver of wall a few centimetres high on the uphill side.
 */
export function roofElevation(groundMin: number, groundMax: number, height: number, storeyHeight: number): number {
  return Math.max(groundMin + height, groundMax + Math.min(storeyHeight, height));
}

export type PlacementResult = { ok: true; building: PlacedBuilding } | { ok: false; problem: BuildingProblem };

export function placeBuilding(grid: ElevationGrid, footprint: Footprint): PlacementResult {
  const ground = sampleGround(grid, footprint.polygons);
  if (!ground) {
    return {
      ok: false,
      problem: problem(footprint.index, footprint.id, 'outside-dem', '请换用覆盖该建筑的 DEM / use a DEM that covers it'),
    };
  }
  return {
    ok: true,
    building: {
      id: footprint.id,
      index: footprint.index,
      polygons: footprint.polygons,
      properties: footprint.properties,
      height: footprint.height,
      storeyHeight: footprint.storeyHeight,
      groundMin: ground.min,
      groundMax: ground.max,
      base: ground.min,
      roof: roofElevation(ground.min, ground.max, footprint.height, footprint.storeyHeight),
    },
  };
}
