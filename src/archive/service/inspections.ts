/**
 * Recording an inspection, the rules: its date may not lie after today (Asia/Shanghai),
 * because the current grade is the latest appraisal's and a future date would pin it for
 * good; a grade change creates an appraisal (agency {@link INSPECTION_AGENCY} unless the
 * inspection names one); and a back-dated grade change is kept in the history but does
 * not move the grade when a newer appraisal exists, and the answer says so.
 */
import type { SafetyGrade } from '../../core/grades.ts';
import type { ArchiveStore, AppraisalView, InspectionInput, InspectionView } from '../store/archive-store.ts';
import { type Actor, type WriteError } from '../store/store-types.ts';
import { latestAppraisal } from './current-record.ts';
import { type Outcome, err, ok } from '../../core/result.ts';

/** Agency recorded on appraisals that an inspector's grade change creates, unless the inspection names one. */
export const INSPECTION_AGENCY = '渝中区房屋安全巡查';

export interface InspectionOutcome {
  inspection: InspectionView;
  appraisal: AppraisalView | null;
  version: number;
  /**
   * False when the inspection asked for a grade the building does not now have, because a
   * newer appraisal exists (a back-dated inspection): the grade is always the latest appraisal's.
   */
  gradeApplied: boolean;
  /** The latest appraisal after this write (the one the current grade comes from), or null. */
  currentAppraisal: { date: string; grade: SafetyGrade } | null;
  /** Why the grade did not change, for the person who asked; null when it did (or none was asked). */
  message: string | null;
}

/** The refusal of a date after today, or null. */
export function futureInspectionDate(date: string, today: string): WriteError | null {
  if (date <= today) return null;
  return {
    kind: 'future_date',
    message: `巡查日期 date（${date}）晚于今天（${today}，北京时间），请填写实际巡查日期 / date (${date}) is after today (${today}, Asia/Shanghai): give the day the inspection was made`,
  };
}

function backdatedMessage(asked: SafetyGrade | undefined, current: { date: string; grade: SafetyGrade }): string {
  return `已记录，但等级未改为 ${asked}：${current.date} 有更新的鉴定（${current.grade} 级），当前等级仍为 ${current.grade} / recorded, but the grade stays ${current.grade}: a newer appraisal (${current.date}, grade ${current.grade}) outranks this inspection's ${asked}`;
}

/** `today`: YYYY-MM-DD in Asia/Shanghai. */
export async function recordInspection(store: ArchiveStore, today: string, code: string, input: InspectionInput, actor: Actor): Promise<Outcome<InspectionOutcome, WriteError>> {
  const future = futureInspectionDate(input.date, today);
  if (future) return err(future);
  // What the decision saw, kept for the answer (the decision runs inside the store's transaction).
  const decided: { grade: SafetyGrade | null; currentAppraisal: InspectionOutcome['currentAppraisal'] } = { grade: null, currentAppraisal: null };
  const written = await store.recordInspection(code, input.version, actor, (head) => {
    const gradeChanged = input.grade !== undefined && input.grade !== head.grade;
    const appraisal = gradeChanged ? { date: input.date, agency: input.agency ?? INSPECTION_AGENCY, grade: input.grade!, hazards: input.hazards } : null;
    const current = appraisal ? latestAppraisal(head.latestAppraisal, appraisal) : head.latestAppraisal;
    decided.currentAppraisal = current ? { date: current.date, grade: current.grade } : null;
    decided.grade = current?.grade ?? null;
    return ok({
      inspection: { date: input.date, findings: input.findings, hazards: input.hazards, photos: input.photos, gradeBefore: head.grade, gradeAfter: input.grade ?? head.grade },
      appraisal,
      grade: decided.grade,
    });
  });
  if (!written.ok) return written;
  const { grade, currentAppraisal } = decided;
  const gradeApplied = input.grade === undefined || grade === input.grade;
  const message = gradeApplied || !currentAppraisal ? null : backdatedMessage(input.grade, currentAppraisal);
  return ok({ ...written.value, gradeApplied, currentAppraisal, message });
}
