/**
 * 一楼一策: whether a building gets a renovation plan and what is in it — measures
 * fitted to its grade, hazards, age and use, then status, schedule, budget, funding,
 * responsible unit and key project.
 */
import type { BuildingProperties } from '../core/building.ts';
import type { GradeOrUnappraised } from '../core/grades.ts';
import type { HazardItem } from '../core/hazards.ts';
import { isOldCommunityBuilding } from '../core/old-communities.ts';
import type { RenovationPlan } from '../core/archive-record.ts';
import {
  FORBIDDEN_FOR_HERITAGE,
  FUNDING_SOURCES,
  RENOVATION_MEASURES,
  type FundingSource,
  type PlanStatus,
  type RenovationMeasure,
} from '../core/renovation-plan.ts';
import { nearestSubdistrict, subdistrictOffice } from '../core/subdistricts.ts';
import { isoOf } from './iso-days.ts';
import { type KeyProjectKind, nearestKeyProject } from './key-projects.ts';
import { type Rng, chance, randomInt, uniform, weightedPick } from './random-helpers.ts';

/** What a plan is mainly for; decides its measures, funding, unit and key project. */
export type PlanPurpose = 'dangerous' | 'heritage' | 'community' | 'office' | 'street' | 'general';

export interface PlanContext {
  building: BuildingProperties;
  grade: GradeOrUnappraised;
  hazards: readonly HazardItem[];
  lon: number;
  lat: number;
  footprintM2: number;
  /** Day number of the appraisal, or null when not appraised. */
  appraisalDay: number | null;
  /** Day number of the reference "today". */
  asOfDay: number;
  asOfYear: number;
}

/** Does this building get a plan, and for what? C/D always; others by how the plan targets them. */
export function choosePlanPurpose(rng: Rng, ctx: PlanContext): PlanPurpose | null {
  const b = ctx.building;
  if (ctx.grade === 'C' || ctx.grade === 'D') return b.heritage ? 'heritage' : 'dangerous';
  if (b.heritage) return chance(rng, 0.55) ? 'heritage' : null;
  if (isOldCommunityBuilding(b)) return chance(rng, 0.65) ? 'community' : null;
  if (b.use === '办公' && b.year_built <= 2005) return chance(rng, 0.35) ? 'office' : null;
  if (b.use === '商业' && b.year_built < 2000) return chance(rng, 0.12) ? 'street' : null;
  if (b.use === '住宅' && b.community !== null && b.year_built < 2001) return chance(rng, 0.2) ? 'community' : null;
  if (ctx.grade === 'B') return chance(rng, 0.08) ? 'general' : null;
  return chance(rng, 0.015) ? 'general' : null;
}

function addIf(set: Set<RenovationMeasure>, rng: Rng, p: number, m: RenovationMeasure): void {
  if (chance(rng, p)) set.add(m);
}

function communityMeasures(rng: Rng, b: BuildingProperties, set: Set<RenovationMeasure>, scale = 1): void {
  addIf(set, rng, 0.8 * scale, '管线更新');
  // Lifts are added to walk-ups: tall blocks already have them.
  if (b.floors >= 4 && b.floors <= 11) addIf(set, rng, 0.6 * scale, '加装电梯');
  addIf(set, rng, 0.5 * scale, '停车及充电设施');
  addIf(set, rng, 0.4 * scale, '一老一小服务设施');
  addIf(set, rng, 0.3 * scale, '消除安全隐患');
  addIf(set, rng, 0.25 * scale, '节能改造');
  addIf(set, rng, 0.3 * scale, '外立面整治');
}

/** Measures for a plan, never empty, in RENOVATION_MEASURES order. */
export function chooseMeasures(rng: Rng, ctx: PlanContext, purpose: PlanPurpose): RenovationMeasure[] {
  const b = ctx.building;
  const has = (h: HazardItem): boolean => ctx.hazards.includes(h);
  const set = new Set<RenovationMeasure>();
  switch (purpose) {
    case 'dangerous': {
      set.add('危房改造');
      const masonry = b.structure === '砖木' || b.structure === '砖混';
      if (ctx.grade === 'D' && masonry && b.floors <= 7 && chance(rng, 0.4)) set.add('拆除重建');
      else addIf(set, rng, ctx.grade === 'D' ? 0.8 : 0.7, '抗震加固');
      addIf(set, rng, 0.35, '节能改造');
      addIf(set, rng, 0.45, '消除安全隐患');
      addIf(set, rng, has('外墙脱落') ? 0.85 : 0.15, '外立面整治');
      addIf(set, rng, has('管线老化') ? 0.6 : 0.1, '管线更新');
      if (isOldCommunityBuilding(b)) communityMeasures(rng, b, set, 0.6);
      break;
    }
    case 'heritage': {
      set.add('修缮保护');
      if (ctx.grade === 'C' || ctx.grade === 'D') {
        addIf(set, rng, 0.5, '危房改造');
        addIf(set, rng, 0.6, '抗震加固');
      }
      addIf(set, rng, 0.3, '消除安全隐患');
      addIf(set, rng, b.use === '商业' ? 0.5 : 0.15, '街区更新/后巷经济');
      addIf(set, rng, 0.2, '外立面整治');
      break;
    }
    case 'community':
      communityMeasures(rng, b, set);
      if (set.size === 0) set.add('管线更新');
      break;
    case 'office':
      addIf(set, rng, 0.6, '闲置空间改造为创客/人才公寓');
      addIf(set, rng, 0.5, '节能改造');
      addIf(set, rng, 0.4, '外立面整治');
      addIf(set, rng, 0.2, '抗震加固');
      if (set.size === 0) set.add('闲置空间改造为创客/人才公寓');
      break;
    case 'street':
      set.add('外立面整治');
      addIf(set, rng, 0.6, '街区更新/后巷经济');
      addIf(set, rng, 0.2, '消除安全隐患');
      break;
    case 'general':
      addIf(set, rng, ctx.hazards.length > 0 ? 0.7 : 0.2, '消除安全隐患');
      addIf(set, rng, 0.4, '节能改造');
      addIf(set, rng, has('外墙脱落') ? 0.9 : 0.25, '外立面整治');
      addIf(set, rng, has('管线老化') ? 0.8 : 0.15, '管线更新');
      if (set.size === 0) set.add('消除安全隐患');
      break;
  }
  if (b.heritage) for (const m of FORBIDDEN_FOR_HERITAGE) set.delete(m);
  return RENOVATION_MEASURES.filter((m) => set.has(m));
}

/** Cost in 万元 of one measure on this building (rough 2025 Chongqing unit costs). */
function measureCostWan(rng: Rng, m: RenovationMeasure, floorAreaM2: number, footprintM2: number, heightM: number): number {
  const perM2 = (yuan: number): number => (floorAreaM2 * yuan) / 10_000;
  switch (m) {
    case '危房改造':
      return perM2(900);
    case '抗震加固':
      return perM2(600);
    case '节能改造':
      return perM2(180);
    case '拆除重建':
      return perM2(3800);
    case '修缮保护':
      return perM2(2200);
    case '管线更新':
      return perM2(110);
    case '消除安全隐患':
      return perM2(60);
    case '加装电梯': // ~65 万元 a lift, one per stairwell of ~250 m² footprint
      return 65 * Math.max(1, Math.round(footprintM2 / 250));
    case '停车及充电设施':
      return 25 + perM2(40);
    case '一老一小服务设施':
      return uniform(rng, 40, 160);
    case '闲置空间改造为创客/人才公寓':
      return perM2(1500) * uniform(rng, 0.25, 0.5);
    case '外立面整治': // facade ≈ perimeter × height, ~350 元/m²
      return (4 * Math.sqrt(footprintM2) * heightM * 350) / 10_000;
    case '街区更新/后巷经济':
      return uniform(rng, 30, 200);
  }
}

function fundingFor(rng: Rng, ctx: PlanContext, purpose: PlanPurpose, measures: readonly RenovationMeasure[]): FundingSource[] {
  const b = ctx.building;
  const set = new Set<FundingSource>();
  const add = (p: number, f: FundingSource): void => {
    if (chance(rng, p)) set.add(f);
  };
  switch (purpose) {
    case 'dangerous':
      set.add('财政');
      add(0.35, '专项债');
      add(b.use === '住宅' ? 0.3 : 0, '居民出资');
      add(measures.includes('拆除重建') || b.use === '商业' ? 0.5 : 0.1, '社会资本');
      break;
    case 'heritage':
      add(0.95, '财政');
      add(0.3, '专项债');
      add(b.use === '商业' || measures.includes('街区更新/后巷经济') ? 0.6 : 0.15, '社会资本');
      break;
    case 'community':
      add(0.9, '财政');
      add(0.75, '居民出资');
      add(measures.includes('停车及充电设施') ? 0.5 : 0.15, '社会资本');
      add(0.15, '专项债');
      break;
    case 'office':
      add(0.9, '社会资本');
      add(0.4, '财政');
      break;
    case 'street':
      add(0.7, '财政');
      add(0.7, '社会资本');
      break;
    case 'general':
      add(0.6, '财政');
      add(b.use === '住宅' ? 0.4 : 0, '居民出资');
      add(0.3, '社会资本');
      break;
  }
  if (set.size === 0) set.add('财政');
  return FUNDING_SOURCES.filter((f) => set.has(f));
}

function unitFor(rng: Rng, ctx: PlanContext, purpose: PlanPurpose): string {
  const office = subdistrictOffice(nearestSubdistrict(ctx.lon, ctx.lat));
  switch (purpose) {
    case 'dangerous':
      return chance(rng, 0.7) ? '渝中区住房城乡建委' : office;
    case 'heritage':
      return chance(rng, 0.6) ? '渝中区文化旅游委' : '渝中区住房城乡建委';
    case 'community':
      return chance(rng, 0.8) ? office : '渝中区住房城乡建委';
    case 'office':
      return chance(rng, 0.7) ? '渝中区商务委' : office;
    case 'street':
      return chance(rng, 0.6) ? '渝中区城市管理局' : office;
    case 'general':
      return office;
  }
}

const STATUS_WEIGHTS: readonly (readonly [PlanStatus, number])[] = [
  ['待评估', 0.15],
  ['已立项', 0.22],
  ['设计中', 0.2],
  ['施工中', 0.25],
  ['已完成', 0.18],
];
/** Whole-building dangers are urgent: further along. */
const STATUS_WEIGHTS_D: readonly (readonly [PlanStatus, number])[] = [
  ['待评估', 0.05],
  ['已立项', 0.2],
  ['设计中', 0.2],
  ['施工中', 0.35],
  ['已完成', 0.2],
];

/** Works duration in days: the longest measure sets it. */
function durationDays(rng: Rng, measures: readonly RenovationMeasure[]): number {
  if (measures.includes('拆除重建')) return randomInt(rng, 540, 900);
  if (measures.includes('修缮保护') || measures.includes('危房改造')) return randomInt(rng, 180, 480);
  if (measures.includes('闲置空间改造为创客/人才公寓') || measures.includes('加装电梯')) return randomInt(rng, 120, 300);
  return randomInt(rng, 60, 240);
}

/**
 * Status and works period that agree with "today": done plans ended before it, works
 * under construction span it, the rest start after it; no plan starts before the
 * appraisal that prompted it.
 */
function schedule(
  rng: Rng,
  ctx: PlanContext,
  measures: readonly RenovationMeasure[],
): { status: PlanStatus; start: number; end: number } {
  const T = ctx.asOfDay;
  const earliest = ctx.appraisalDay === null ? T - 730 : ctx.appraisalDay + randomInt(rng, 30, 180);
  const duration = durationDays(rng, measures);
  let status = weightedPick(rng, ctx.grade === 'D' ? STATUS_WEIGHTS_D : STATUS_WEIGHTS);
  if (status === '已完成' && earliest + duration >= T) status = '施工中';
  if (status === '施工中' && earliest >= T) status = '设计中';
  const between = (from: number, to: number): number => randomInt(rng, from, Math.max(from, to));
  let start: number;
  switch (status) {
    case '已完成':
      start = between(Math.max(earliest, T - 3 * 365), T - duration - 1);
      break;
    case '施工中':
      start = between(Math.max(earliest, T - duration + 30), T);
      break;
    // Approved and pending works are slotted into the 2025–2027 plan period where they fit.
    case '设计中':
      start = between(Math.max(earliest, T + 14), T + 240);
      break;
    case '已立项':
      start = between(Math.max(earliest, T + 30), T + 300);
      break;
    case '待评估':
      start = between(Math.max(earliest, T + 120), T + 420);
      break;
  }
  return { status, start, end: start + duration };
}

const PURPOSE_PROJECT_KIND: Record<PlanPurpose, KeyProjectKind> = {
  dangerous: 'dangerous',
  heritage: 'heritage',
  community: 'community',
  office: 'office',
  street: 'street',
  general: 'area',
};

/** Share of plans that belong to no key project even when one is near (ordinary works). */
const OUTSIDE_KEY_PROJECTS = 0.12;

/** A complete plan for a building that needs one. */
export function makePlan(rng: Rng, ctx: PlanContext, purpose: PlanPurpose): RenovationPlan {
  const b = ctx.building;
  const measures = chooseMeasures(rng, ctx, purpose);
  const floorArea = ctx.footprintM2 * b.floors;
  let budget = 0;
  for (const m of measures) budget += measureCostWan(rng, m, floorArea, ctx.footprintM2, b.height);
  budget *= uniform(rng, 0.85, 1.2);
  const { status, start, end } = schedule(rng, ctx, measures);
  const project = chance(rng, OUTSIDE_KEY_PROJECTS) ? null : nearestKeyProject(PURPOSE_PROJECT_KIND[purpose], ctx.lon, ctx.lat);
  return {
    measures,
    status,
    start: isoOf(start),
    end: isoOf(end),
    budgetWan: Math.round(budget * 10) / 10,
    funding: fundingFor(rng, ctx, purpose, measures),
    unit: unitFor(rng, ctx, purpose),
    keyProject: project?.name ?? null,
  };
}
