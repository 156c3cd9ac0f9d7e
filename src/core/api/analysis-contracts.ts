/**
 * `GET /api/analysis/flood?level=` and `/api/analysis/flood.csv?level=&list=`: what a
 * river flood at a water level covers, with the archive joined in (issue 18): the
 * buildings whose door is under water with address, grade, plan and area, counted by
 * grade and by renewal area, and the pipe segments under flooded ground. The numbers are
 * `src/core/analysis/flood.ts` on the build's analysis grid, so the wall screen, a report
 * and the viewer's own Flood tool agree.
 */
import { z } from 'zod';
import { NETWORKS } from '../lifelines.ts';
import { GradeSchema } from './dossier-contracts.ts';

/** The water level: metres in the DEM's frame (the presets of src/core/analysis/flood-levels.ts give 寸滩's levels in it). */
const Level = z
  .string()
  .regex(/^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/, { message: '水位应为以米计的数值,例如 182.01 / the level must be a number of metres, e.g. 182.01' })
  .pipe(z.coerce.number<string>().min(-500).max(9000))
  .describe('water level, metres in the DEM frame (e.g. 182.01: 寸滩 guarantee level 183.50 m 吴淞)');

export const FloodQuerySchema = z.object({ level: Level });
export type FloodQuery = z.infer<typeof FloodQuerySchema>;

export const FLOOD_CSV_LISTS = ['buildings', 'pipes'] as const;
export type FloodCsvList = (typeof FLOOD_CSV_LISTS)[number];
export const FloodCsvQuerySchema = z.object({ level: Level, list: z.enum(FLOOD_CSV_LISTS).default('buildings') });

export const FloodBuildingSchema = z.object({
  code: z.string(),
  address: z.string(),
  grade: GradeSchema.nullable(),
  /** The renovation plan in a few words (measures · status), or null without one. */
  plan: z.string().nullable(),
  /** The renewal area (一核两翼三带五片区) the building lies in, the first by kind then id when several; null outside all. */
  areaId: z.string().nullable(),
  areaName: z.string().nullable(),
  /** The ground at the door: the lowest DEM height on the outline (m). */
  groundM: z.number(),
  /** Water depth at the door: level − groundM (m). */
  depthM: z.number(),
});
export type FloodBuilding = z.infer<typeof FloodBuildingSchema>;

export const FloodPipeSchema = z.object({
  id: z.string(),
  network: z.enum(NETWORKS),
  /** Cover depth (m); null when the survey gave invert elevations. */
  depthM: z.number().nullable(),
  lengthM: z.number(),
  floodedLengthM: z.number(),
  /** The deepest water over the pipe's route (m, at the ground). */
  maxWaterDepthM: z.number(),
});
export type FloodPipe = z.infer<typeof FloodPipeSchema>;

export const FloodReportSchema = z.object({
  level: z.number(),
  floodedAreaM2: z.number(),
  maxDepthM: z.number(),
  floodedCells: z.number().int(),
  /** Deepest door first. */
  buildings: z.array(FloodBuildingSchema),
  byGrade: z.array(z.object({ key: GradeSchema.nullable(), count: z.number().int() })),
  byArea: z.array(z.object({ key: z.string().nullable(), name: z.string().nullable(), count: z.number().int() })),
  /** Longest flooded length first. */
  pipes: z.array(FloodPipeSchema),
  totalFloodedLengthM: z.number(),
  /** Footprints that could not be measured (no ring, or no DEM under the outline). */
  skipped: z.array(z.object({ code: z.string(), reason: z.enum(['no-ring', 'no-ground', 'no-footprint']) })),
});
export type FloodReport = z.infer<typeof FloodReportSchema>;

/** `lon,lat;lon,lat;…` in degrees, 2 to 200 points (a line) or 3 to 200 (an outline). */
const coordinates = (min: number) =>
  z
    .string()
    .max(8000)
    .regex(/^\s*-?\d+(\.\d+)?,-?\d+(\.\d+)?(;-?\d+(\.\d+)?,-?\d+(\.\d+)?)*\s*$/, { message: '坐标应写成 经度,纬度;经度,纬度… / coordinates must be written lon,lat;lon,lat;… in degrees' })
    .refine((s) => s.split(';').length >= min && s.split(';').length <= 200, { message: `需要 ${min}–200 个点 / ${min} to 200 points are needed` })
    .describe(`lon,lat;lon,lat;… degrees WGS84, ${min}–200 points`);

/** Parses a validated coordinate list. */
export function parseCoordinates(text: string): [number, number][] {
  return text.trim().split(';').map((p) => p.split(',').map(Number) as [number, number]);
}

export const PipesAlongQuerySchema = z.object({ line: coordinates(2) });
export const PipesWithinQuerySchema = z.object({ ring: coordinates(3) });

/** Most pipes one answer lists (a pit over a whole district is a mistake, not an analysis). */
export const PIPES_ANSWER_LIMIT = 500;

const PipeFacts = {
  id: z.string(),
  network: z.enum(NETWORKS),
  depthM: z.number().nullable(),
  installYear: z.number().int().nullable(),
  ageYears: z.number().nullable(),
  condition: z.string().nullable(),
  /** Old or in poor condition near a C/D building (the lifelines rule, default settings). */
  atRisk: z.boolean(),
};

export const PipeCrossingSchema = z.object({
  ...PipeFacts,
  /** Along the drawn line from its first point (m). */
  distanceM: z.number(),
  lon: z.number(),
  lat: z.number(),
});
export const PipesAlongSchema = z.object({ pipes: z.array(PipeCrossingSchema), truncated: z.boolean() });
export type PipesAlong = z.infer<typeof PipesAlongSchema>;

export const PitPipeSchema = z.object({
  ...PipeFacts,
  /** Length of the pipe inside the outline (m). */
  lengthInsideM: z.number(),
  /** A point of it inside the outline, and the ground there (m; null without the analysis grid). */
  lon: z.number(),
  lat: z.number(),
  groundM: z.number().nullable(),
  /** The buildings it runs under (distance 0), with their current grade. */
  buildings: z.array(z.object({ code: z.string(), grade: GradeSchema.nullable() })),
});
export const PipesWithinSchema = z.object({ pipes: z.array(PitPipeSchema), truncated: z.boolean() });
export type PipesWithin = z.infer<typeof PipesWithinSchema>;
