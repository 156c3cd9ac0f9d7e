/**
 * `POST /api/buildings/:code/inspections`: what an inspector sends and what the archive
 * answers. The request's output type (`InspectionInput`: defaults filled in) is what the
 * service records; the viewer's form sends it without photos.
 */
import { z } from 'zod';
import { ARCHIVE_LIMITS } from '../archive-limits.ts';
import { HAZARD_ITEMS } from '../hazards.ts';
import { AppraisalViewSchema, GradeSchema, HazardSchema, InspectionViewSchema } from './dossier-contracts.ts';
import { IsoDaySchema } from './request-fields.ts';

/** Photo references: relative paths or URLs of already-uploaded photos; never a path that climbs. */
const PhotoRef = z
  .string()
  .min(1)
  .max(300)
  .regex(/^(https?:\/\/)?[\w\-./]+$/, { message: '照片引用只能含字母、数字和 -_./ / photo references may hold letters, digits and -_./ only' })
  .refine((p) => !p.split('/').includes('..'), { message: '照片引用不能包含 .. / photo references must not contain ..' });

/** An inspection as recorded through the API. */
export const InspectionRequestSchema = z
  .object({
    date: IsoDaySchema.describe('day of the inspection; not after today (Asia/Shanghai) → else 400 future_date'),
    findings: z.string().trim().min(1, { message: '请填写检查发现 / findings are required' }).max(ARCHIVE_LIMITS.findingsChars),
    hazards: z.array(HazardSchema).max(HAZARD_ITEMS.length).default([]),
    /** New grade when the inspection changes it; a change also creates an appraisal. */
    grade: GradeSchema.optional().describe('new grade if the inspection changes it; a change creates an appraisal'),
    /** Agency of the appraisal a grade change creates. */
    agency: z.string().trim().min(1).max(ARCHIVE_LIMITS.agencyChars).optional().describe('agency of the appraisal a grade change creates'),
    photos: z.array(PhotoRef).max(30).default([]),
    /** The dossier version the inspector saw. */
    version: z.number().int().min(0).describe('the dossier version you saw; stale → 409'),
  })
  .strict();
export type InspectionInput = z.infer<typeof InspectionRequestSchema>;

export const InspectionSavedSchema = z.object({
  inspection: InspectionViewSchema,
  appraisal: AppraisalViewSchema.nullable(),
  version: z.number(),
  gradeApplied: z.boolean().describe('false when the requested grade is not the current one because a newer appraisal exists (back-dated inspection)'),
  currentAppraisal: z.object({ date: z.string(), grade: GradeSchema }).nullable().describe('the latest appraisal, which the current grade comes from'),
  message: z.string().nullable().describe('zh-CN / English note when the grade was not applied, else null'),
});
export type InspectionSaved = z.infer<typeof InspectionSavedSchema>;
