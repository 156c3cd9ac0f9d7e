/**
 * A building as the footprint source (`buildings.geojson`) describes it: the static
 * attributes that the tiles carry. Safety facts live in the archive, not here.
 */
import { z } from 'zod';
import { BUILDING_CODE_PATTERN } from './building-code.ts';

export const STRUCTURES = ['砖木', '砖混', '框架', '剪力墙', '框筒'] as const;
export type Structure = (typeof STRUCTURES)[number];
export const STRUCTURE_EN: Record<Structure, string> = {
  砖木: 'brick–timber',
  砖混: 'brick–concrete',
  框架: 'frame',
  剪力墙: 'shear wall',
  框筒: 'frame–core tube',
};

export const BUILDING_USES = ['住宅', '商业', '办公', '公共', '工业'] as const;
export type BuildingUse = (typeof BUILDING_USES)[number];
export const BUILDING_USE_EN: Record<BuildingUse, string> = {
  住宅: 'residential',
  商业: 'commercial',
  办公: 'office',
  公共: 'public',
  工业: 'industrial',
};

/** Storey height used when a footprint gives floors but no height (m). */
export const DEFAULT_STOREY_HEIGHT_M = 3.0;

export const BuildingPropertiesSchema = z.object({
  id: z.string().regex(BUILDING_CODE_PATTERN, 'id must look like YZ-00001'),
  name: z.string().nullable(),
  address: z.string().min(1),
  community: z.string().nullable(),
  floors: z.number().int().min(1).max(200),
  height: z.number().positive().max(600),
  year_built: z.number().int().min(1850).max(2100),
  structure: z.enum(STRUCTURES),
  use: z.enum(BUILDING_USES),
  heritage: z.boolean(),
});
export type BuildingProperties = z.infer<typeof BuildingPropertiesSchema>;
