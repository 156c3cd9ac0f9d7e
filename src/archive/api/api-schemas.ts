/**
 * Zod schemas of every request and response of the archive API. Fastify validates
 * requests with them and @fastify/swagger turns them into the OpenAPI document, so
 * the documentation cannot drift from what the server accepts.
 */
import { z } from 'zod';
import { ARCHIVE_LIMITS } from '../../core/archive-limits.ts';
import { RenovationPlanSchema } from '../../core/archive-record.ts';
import { BUILDING_CODE_PATTERN } from '../../core/building-code.ts';
import { BUILDING_USES, STRUCTURES } from '../../core/building.ts';
import { SAFETY_GRADES } from '../../core/grades.ts';
import { HAZARD_ITEMS } from '../../core/hazards.ts';
import { AREA_KINDS } from '../../core/renewal-areas.ts';
import { FUNDING_SOURCES, PLAN_STATUSES, RENOVATION_MEASURES } from '../../core/renovation-plan.ts';
import { ROLES } from '../store/archive-store.ts';
import { MIN_PASSWORD_LENGTH } from '../auth/passwords.ts';
import { isIsoDay } from '../import/archive-row-validator.ts';
import { LifelineRiskStatsBody } from './lifeline-schemas.ts';

export const ErrorBody = z.object({
  error: z.string().describe('machine-readable code, e.g. not_found, stale_version'),
  message: z.string().describe('what went wrong and what to do, zh-CN / English'),
});

const DATE_MESSAGE = '日期应为 YYYY-MM-DD 格式的真实日期 / date must be a real date as YYYY-MM-DD';
const isoDay = z.iso.date({ message: DATE_MESSAGE }).refine(isIsoDay, { message: DATE_MESSAGE });

export const CodeParams = z.object({
  code: z.string().regex(BUILDING_CODE_PATTERN, { message: '楼栋编码格式应为 YZ-00001 / building code must look like YZ-00001' }),
});

const Grade = z.enum(SAFETY_GRADES);
const Hazard = z.enum(HAZARD_ITEMS);
const PlanStatus = z.enum(PLAN_STATUSES);

export const BuildingSummaryBody = z.object({
  code: z.string(),
  name: z.string().nullable(),
  address: z.string(),
  community: z.string().nullable(),
  floors: z.number(),
  height: z.number(),
  yearBuilt: z.number(),
  structure: z.enum(STRUCTURES),
  use: z.enum(BUILDING_USES),
  heritage: z.boolean(),
  lon: z.number(),
  lat: z.number(),
  grade: Grade.nullable(),
  planStatus: PlanStatus.nullable(),
  areas: z.array(z.string()),
});

const AppraisalBody = z.object({
  id: z.number(),
  date: z.string(),
  agency: z.string(),
  grade: Grade,
  hazards: z.array(Hazard),
  source: z.enum(['import', 'inspection']),
  inspectionId: z.number().nullable(),
});

const InspectionBody = z.object({
  id: z.number(),
  date: z.string(),
  inspector: z.string(),
  findings: z.string(),
  hazards: z.array(Hazard),
  gradeBefore: Grade.nullable(),
  gradeAfter: Grade.nullable(),
  photos: z.array(z.string()),
  recordedAt: z.string(),
});

const PlanBody = RenovationPlanSchema.extend({ updatedAt: z.string(), updatedBy: z.string() });

const Position = z.array(z.number()).min(2).max(3);
const Ring = z.array(Position);

export const FootprintBody = z.object({
  type: z.literal('Feature'),
  properties: z.object({ code: z.string() }),
  geometry: z.discriminatedUnion('type', [
    z.object({ type: z.literal('Polygon'), coordinates: z.array(Ring) }),
    z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(Ring)) }),
  ]),
});

export const DossierBody = z.object({
  building: BuildingSummaryBody,
  version: z.number().describe('send back with writes (optimistic concurrency)'),
  grade: Grade.nullable(),
  hazards: z.array(Hazard),
  appraisals: z.array(AppraisalBody),
  inspections: z.array(InspectionBody),
  plan: PlanBody.nullable(),
  areas: z.array(z.object({ id: z.string(), kind: z.enum(AREA_KINDS), name: z.string(), nameEn: z.string() })),
});

const boolText = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const year = z.coerce.number().int().min(1800).max(2100);

export const SearchQuery = z
  .object({
    q: z.string().max(100).optional().describe('code, address, name or community (Chinese text); words are ANDed'),
    grade: z.enum([...SAFETY_GRADES, 'none']).optional().describe('current grade; none = not appraised'),
    use: z.enum(BUILDING_USES).optional(),
    structure: z.enum(STRUCTURES).optional(),
    year_from: year.optional(),
    year_to: year.optional(),
    area: z.string().max(100).optional().describe('renewal area or old-community id'),
    heritage: boolText.optional(),
    page: z.coerce.number().int().min(1).max(100_000).default(1),
    page_size: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();

export const SearchPageBody = z.object({
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  items: z.array(BuildingSummaryBody),
});

export const GradesQuery = z.object({
  since: z.coerce.number().int().min(0).optional().describe('only buildings changed after this version'),
});

export const GradesBody = z.object({
  version: z.number(),
  since: z.number().nullable(),
  buildings: z.record(z.string(), z.tuple([Grade.nullable(), PlanStatus.nullable()])).describe('code → [grade, plan status]'),
});

const GradeCounts = z.object({ A: z.number(), B: z.number(), C: z.number(), D: z.number(), unappraised: z.number() });

export const StatsBody = z.object({
  version: z.number(),
  buildings: z.number(),
  byGrade: GradeCounts,
  byPlanStatus: z.record(PlanStatus, z.number()),
  byArea: z.array(
    z.object({ id: z.string(), kind: z.enum(AREA_KINDS), name: z.string(), nameEn: z.string(), buildings: z.number(), byGrade: GradeCounts }),
  ),
  inspectionsThisMonth: z.number(),
  month: z.string(),
  lifelines: LifelineRiskStatsBody.describe('pipes at risk next to C/D buildings, default age and distance'),
});

/** Photo references: relative paths or URLs of already-uploaded photos; never a path that climbs. */
const PhotoRef = z
  .string()
  .min(1)
  .max(300)
  .regex(/^(https?:\/\/)?[\w\-./]+$/, { message: '照片引用只能含字母、数字和 -_./ / photo references may hold letters, digits and -_./ only' })
  .refine((p) => !p.split('/').includes('..'), { message: '照片引用不能包含 .. / photo references must not contain ..' });

export const InspectionRequest = z
  .object({
    date: isoDay.describe('day of the inspection; not after today (Asia/Shanghai) → else 400 future_date'),
    findings: z.string().trim().min(1, { message: '请填写检查发现 / findings are required' }).max(ARCHIVE_LIMITS.findingsChars),
    hazards: z.array(Hazard).max(HAZARD_ITEMS.length).default([]),
    grade: Grade.optional().describe('new grade if the inspection changes it; a change creates an appraisal'),
    agency: z.string().trim().min(1).max(ARCHIVE_LIMITS.agencyChars).optional().describe('agency of the appraisal a grade change creates'),
    photos: z.array(PhotoRef).max(30).default([]),
    version: z.number().int().min(0).describe('the dossier version you saw; stale → 409'),
  })
  .strict();

export const InspectionResponse = z.object({
  inspection: InspectionBody,
  appraisal: AppraisalBody.nullable(),
  version: z.number(),
  gradeApplied: z.boolean().describe('false when the requested grade is not the current one because a newer appraisal exists (back-dated inspection)'),
  currentAppraisal: z.object({ date: z.string(), grade: Grade }).nullable().describe('the latest appraisal, which the current grade comes from'),
  message: z.string().nullable().describe('zh-CN / English note when the grade was not applied, else null'),
});

export const PlanRequest = z
  .object({
    measures: z.array(z.enum(RENOVATION_MEASURES)).min(1, { message: '至少一项改造措施 / give at least one measure' }).max(RENOVATION_MEASURES.length),
    status: PlanStatus,
    start: isoDay,
    end: isoDay,
    budgetWan: z.number().nonnegative().max(ARCHIVE_LIMITS.budgetWanMax).describe('budget, 10k CNY (万元)'),
    funding: z.array(z.enum(FUNDING_SOURCES)).min(1),
    unit: z.string().trim().min(1).max(ARCHIVE_LIMITS.planUnitChars),
    keyProject: z.string().trim().min(1).max(ARCHIVE_LIMITS.keyProjectChars).nullable().default(null),
    version: z.number().int().min(0),
  })
  .strict()
  .refine((p) => p.end >= p.start, { message: '结束日期早于开始日期 / end is before start', path: ['end'] });

export const PlanResponse = z.object({ plan: PlanBody, version: z.number() });

const UserName = z
  .string()
  .min(2)
  .max(40)
  .regex(/^[\p{L}\p{N}_.-]+$/u, { message: '用户名只能含字母、数字和 _.- / user names may hold letters, digits and _.- only' });

export const LoginRequest = z.object({ name: UserName, password: z.string().min(1).max(200) }).strict();

export const UserBody = z.object({ id: z.number(), name: z.string(), role: z.enum(ROLES), createdAt: z.string(), createdBy: z.string(), disabled: z.boolean() });

export const SessionBody = z.object({ user: UserBody.nullable() });

export const NewUserRequest = z
  .object({
    name: UserName,
    role: z.enum(ROLES),
    password: z.string().min(MIN_PASSWORD_LENGTH, { message: `密码至少 ${MIN_PASSWORD_LENGTH} 位 / passwords need at least ${MIN_PASSWORD_LENGTH} characters` }).max(200),
  })
  .strict();

export const ExportQuery = z.object({ format: z.enum(['csv', 'xlsx', 'geojson']).default('csv') });
