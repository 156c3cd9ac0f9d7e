/**
 * Which record is current. The current grade is always the latest appraisal's: latest by
 * date, and of two on the same day the one recorded last. A building's hazards are those
 * of its newest record, appraisal or inspection (an inspection on the appraisal's day
 * wins: it was made with the appraisal in hand). Written once here, for every store.
 */
import type { HazardItem } from '../../core/hazards.ts';
import type { AppraisalKey } from '../store/record-store.ts';
import type { AppraisalView, InspectionView } from '../store/store-types.ts';

/** The current appraisal once `added` (recorded after `stored`) is in: a back-dated one does not displace a newer one. */
export function latestAppraisal<T extends AppraisalKey>(stored: T | null, added: T): T {
  return stored !== null && stored.date > added.date ? stored : added;
}

/** The current hazards, from appraisals and inspections each newest first. */
export function currentHazards(appraisals: readonly AppraisalView[], inspections: readonly InspectionView[]): HazardItem[] {
  const latestAppraisal = appraisals[0];
  const latestInspection = inspections[0];
  return latestInspection && (!latestAppraisal || latestInspection.date >= latestAppraisal.date) ? latestInspection.hazards : (latestAppraisal?.hazards ?? []);
}
