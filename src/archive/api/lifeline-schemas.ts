/** Zod schemas of the lifelines routes (pipe risk next to dangerous buildings). */
import { z } from 'zod';
import { SAFETY_GRADES } from '../../core/grades.ts';
import { DEFAULT_RISK_AGE_YEARS, DEFAULT_RISK_DISTANCE_M, NETWORKS, PIPE_CONDITIONS } from '../../core/lifelines.ts';

export const RiskQuery = z.object({
  age: z.coerce.number().int().min(1).max(150).default(DEFAULT_RISK_AGE_YEARS)
    .describe('a pipe this many years old or older counts as old'),
  distance: z.coerce.number().min(0).max(50).default(DEFAULT_RISK_DISTANCE_M)
    .describe('distance (m) to a C/D building; at most the range precomputed at import (50 m)'),
});

export const SegmentParams = z.object({
  id: z.string().min(1).max(100).regex(/^[\w\-.]+$/, { message: '管段编号只能含字母、数字和 -_. / segment ids hold letters, digits and -_. only' }),
});

const Settings = { ageYears: z.number(), distanceM: z.number() };

export const SegmentBody = z.object({
  id: z.string(),
  network: z.enum(NETWORKS),
  diameterMm: z.number(),
  depthM: z.number().nullable(),
  material: z.string(),
  installYear: z.number(),
  ageYears: z.number(),
  condition: z.enum(PIPE_CONDITIONS),
  pressure: z.string().nullable(),
  lengthM: z.number(),
  lon: z.number(),
  lat: z.number(),
  old: z.boolean(),
  poorCondition: z.boolean(),
  atRisk: z.boolean().describe('old or in poor condition, and within the distance of a C or D building (current grade)'),
});

export const NearbyBuildingBody = z.object({
  code: z.string(),
  address: z.string(),
  name: z.string().nullable(),
  grade: z.enum(SAFETY_GRADES).nullable(),
  distanceM: z.number(),
  under: z.boolean().describe('the pipe crosses the footprint'),
});

export const SegmentRiskBody = z.object({ ...Settings, segment: SegmentBody, buildings: z.array(NearbyBuildingBody) });

export const BuildingPipesBody = z.object({
  ...Settings,
  code: z.string(),
  grade: z.enum(SAFETY_GRADES).nullable(),
  pipes: z.array(SegmentBody.extend({ distanceM: z.number(), under: z.boolean() })),
});

export const LifelineRiskStatsBody = z.object({
  ...Settings,
  segments: z.number().describe('all segments in the archive'),
  total: z.number().describe('at-risk segments'),
  byNetwork: z.record(z.enum(NETWORKS), z.number()),
});

export const RiskListBody = LifelineRiskStatsBody.extend({ ids: z.array(z.string()).describe('at-risk segment ids, sorted') });
