/**
 * The sample hazard archive (房屋安全隐患数字档案): for every building its latest
 * appraisal — date, agency, grade, hazard items — and, where it needs one, its
 * renovation plan. Grades are given by quota so the district's mix holds exactly.
 */
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { ArchiveRecord } from '../core/archive-record.ts';
import type { BuildingProperties } from '../core/building.ts';
import type { ElevationGrid } from '../core/elevation-grid.ts';
import { footprintAreaM2, footprintCentre } from './building-metrics.ts';
import { DEFAULT_GRADE_SHARES, type GradeShares, assignGrades } from './grade-quota.ts';
import { pickHazards } from './hazard-picker.ts';
import { dayOf, isoOf, yearOf } from './iso-days.ts';
import { type Rng, createRng, pick, randomInt } from './random-helpers.ts';
import { choosePlanPurpose, makePlan, type PlanContext } from './renovation-planner.ts';
import { steepnessAt } from './steepness.ts';

export type BuildingFeature = Feature<Polygon | MultiPolygon, BuildingProperties>;

export interface ArchiveOptions {
  /** Sample seed; the archive draws from its own streams `${seed}:archive-…`. */
  seed: string;
  /** The sample's "today" (ISO date): appraisals lie before it, plan status agrees with it. Default `'2026-10-31'`. */
  asOf?: string;
  /** Earliest appraisal date (ISO). Default `'2019-01-01'`. */
  firstAppraisal?: string;
  /** Share of buildings not appraised yet. Default `0.045`. */
  unappraisedShare?: number;
  /** Grade mix among appraised buildings. Default {@link DEFAULT_GRADE_SHARES}. */
  gradeShares?: GradeShares;
  /** Terrain, if at hand: slope hazards then follow the real slope instead of the ridge stand-in. */
  dem?: ElevationGrid;
}

export const ARCHIVE_DEFAULTS: Required<Omit<ArchiveOptions, 'seed' | 'dem'>> = {
  asOf: '2026-10-31',
  firstAppraisal: '2019-01-01',
  unappraisedShare: 0.045,
  gradeShares: DEFAULT_GRADE_SHARES,
};

/** Appraisal agencies (房屋安全鉴定机构). Invented names: the sample must not pin findings on real firms. */
export const APPRAISAL_AGENCIES = [
  '重庆渝安房屋安全鉴定有限公司',
  '重庆山城建设工程质量检测有限公司',
  '重庆两江建筑结构鉴定中心',
  '重庆巴渝工程检测鉴定有限公司',
  '重庆嘉陵建筑安全技术研究所',
  '渝中区房屋安全鉴定服务站',
] as const;

/** Appraisal day: campaigns since 2023 did most of the work; a fifth are older. */
function appraisalDay(rng: Rng, first: number, asOf: number): number {
  const campaign = Math.max(first, dayOf('2023-01-01'));
  if (campaign >= asOf || rng() < 0.2) return randomInt(rng, first, asOf - 1);
  return randomInt(rng, campaign, asOf - 1);
}

/** One archive record per building, in input order. */
export function generateArchive(buildings: readonly BuildingFeature[], options: ArchiveOptions): ArchiveRecord[] {
  const asOfDay = dayOf(options.asOf ?? ARCHIVE_DEFAULTS.asOf);
  const firstDay = dayOf(options.firstAppraisal ?? ARCHIVE_DEFAULTS.firstAppraisal);
  if (firstDay >= asOfDay) throw new RangeError('firstAppraisal must come before asOf');
  const asOfYear = yearOf(asOfDay);
  const props = buildings.map((f) => f.properties);

  const grades = assignGrades(props, {
    rng: createRng(options.seed, 'archive-grades'),
    asOfYear,
    unappraisedShare: options.unappraisedShare ?? ARCHIVE_DEFAULTS.unappraisedShare,
    shares: options.gradeShares ?? ARCHIVE_DEFAULTS.gradeShares,
  });
  const appraisalRng = createRng(options.seed, 'archive-appraisals');
  const planRng = createRng(options.seed, 'archive-plans');

  return buildings.map((feature, i) => {
    const b = feature.properties;
    const grade = grades[i]!;
    const [lon, lat] = footprintCentre(feature.geometry);
    let appraisal: ArchiveRecord['appraisal'] = null;
    if (grade !== null) {
      const day = appraisalDay(appraisalRng, firstDay, asOfDay);
      const steepness = steepnessAt(lon, lat, options.dem);
      appraisal = {
        date: isoOf(day),
        agency: pick(appraisalRng, APPRAISAL_AGENCIES),
        grade,
        hazards: pickHazards(appraisalRng, b, grade, asOfYear, steepness),
      };
    }
    const ctx: PlanContext = {
      building: b,
      grade,
      hazards: appraisal?.hazards ?? [],
      lon,
      lat,
      footprintM2: footprintAreaM2(feature.geometry),
      appraisalDay: appraisal ? dayOf(appraisal.date) : null,
      asOfDay,
      asOfYear,
    };
    const purpose = choosePlanPurpose(planRng, ctx);
    return { code: b.id, appraisal, plan: purpose === null ? null : makePlan(planRng, ctx, purpose) };
  });
}
