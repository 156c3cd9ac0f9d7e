/**
 * Putting a building's renovation plan (一楼一策), the rule: heritage buildings are
 * repaired, never demolished, so a plan for one may not hold a measure in
 * `FORBIDDEN_FOR_HERITAGE`. Checked inside the store's write transaction, against the
 * heritage flag it has locked.
 */
import type { RenovationPlan } from '../../core/archive-record.ts';
import { FORBIDDEN_FOR_HERITAGE, type RenovationMeasure } from '../../core/renovation-plan.ts';
import type { ArchiveStore, PlanWritten } from '../store/archive-store.ts';
import { type Actor, type WriteError } from '../store/store-types.ts';
import { type Outcome, err, ok } from '../../core/result.ts';

export interface PlanInput extends RenovationPlan {
  /** The dossier version the planner saw. */
  version: number;
}

/** The refusal of a plan for a heritage building, or null. */
export function heritagePlanRefusal(heritage: boolean, measures: readonly RenovationMeasure[]): WriteError | null {
  const forbidden = measures.filter((m) => FORBIDDEN_FOR_HERITAGE.includes(m));
  if (!heritage || forbidden.length === 0) return null;
  return {
    kind: 'invalid',
    message: `历史建筑只修缮不拆除，不能采用“${forbidden.join('、')}” / heritage buildings are repaired, never demolished: remove "${forbidden.join(', ')}"`,
  };
}

export async function putPlan(store: ArchiveStore, code: string, input: PlanInput, actor: Actor): Promise<Outcome<PlanWritten, WriteError>> {
  const { version, ...plan } = input;
  return store.putPlan(code, version, actor, (head) => {
    const refusal = heritagePlanRefusal(head.heritage, plan.measures);
    return refusal ? err(refusal) : ok(plan);
  });
}
