/**
 * One row of the hazard-archive exchange table (`archive.csv` / `archive.xlsx`):
 * a building's latest appraisal and, where it needs one, its renovation plan.
 * The column order below is the file's column order; lists are joined with `;`.
 */
import { z } from 'zod';
import { BUILDING_CODE_PATTERN } from './building-code.ts';
import { SAFETY_GRADES } from './grades.ts';
import { HAZARD_ITEMS } from './hazards.ts';
import { FUNDING_SOURCES, PLAN_STATUSES, RENOVATION_MEASURES } from './renovation-plan.ts';

export const ARCHIVE_COLUMNS = [
  'code',
  'appraisal_date',
  'appraisal_agency',
  'grade',
  'hazards',
  'plan_measures',
  'plan_status',
  'plan_start',
  'plan_end',
  'plan_budget_wan',
  'plan_funding',
  'plan_unit',
  'plan_key_project',
] as const;
export type ArchiveColumn = (typeof ARCHIVE_COLUMNS)[number];

/** The columns that describe the appraisal, and those that describe the plan. */
export const APPRAISAL_COLUMNS = ARCHIVE_COLUMNS.filter((c) => c.startsWith('appraisal_') || c === 'grade' || c === 'hazards');
export const PLAN_COLUMNS = ARCHIVE_COLUMNS.filter((c) => c.startsWith('plan_'));

/** Separator of list cells (hazards, measures, funding). */
export const LIST_SEPARATOR = ';';

const isoDate = z.iso.date();

export const RenovationPlanSchema = z.object({
  measures: z.array(z.enum(RENOVATION_MEASURES)).min(1, 'a plan needs at least one measure'),
  status: z.enum(PLAN_STATUSES),
  start: isoDate,
  end: isoDate,
  budgetWan: z.number().nonnegative(),
  funding: z.array(z.enum(FUNDING_SOURCES)).min(1),
  unit: z.string().min(1),
  keyProject: z.string().nullable(),
});
export type RenovationPlan = z.infer<typeof RenovationPlanSchema>;

export const ArchiveRecordSchema = z.object({
  code: z.string().regex(BUILDING_CODE_PATTERN),
  appraisal: z
    .object({
      date: isoDate,
      agency: z.string().min(1),
      grade: z.enum(SAFETY_GRADES),
      hazards: z.array(z.enum(HAZARD_ITEMS)),
    })
    .nullable(),
  plan: RenovationPlanSchema.nullable(),
});
export type ArchiveRecord = z.infer<typeof ArchiveRecordSchema>;

function joinList(items: readonly string[] | undefined): string {
  return items ? items.join(LIST_SEPARATOR) : '';
}

/** A record as the flat row of strings and numbers the CSV/XLSX holds. */
export function archiveRecordToRow(r: ArchiveRecord): Record<ArchiveColumn, string | number> {
  return {
    code: r.code,
    appraisal_date: r.appraisal?.date ?? '',
    appraisal_agency: r.appraisal?.agency ?? '',
    grade: r.appraisal?.grade ?? '',
    hazards: joinList(r.appraisal?.hazards),
    plan_measures: joinList(r.plan?.measures),
    plan_status: r.plan?.status ?? '',
    plan_start: r.plan?.start ?? '',
    plan_end: r.plan?.end ?? '',
    plan_budget_wan: r.plan ? r.plan.budgetWan : '',
    plan_funding: joinList(r.plan?.funding),
    plan_unit: r.plan?.unit ?? '',
    plan_key_project: r.plan?.keyProject ?? '',
  };
}
