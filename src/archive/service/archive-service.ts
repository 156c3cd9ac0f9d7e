/**
 * The archive's domain, above any {@link ArchiveStore}: what the API (and the importer)
 * ask for, with the rules applied in TypeScript once for every backend: the current
 * hazards of a dossier, the inspection date and grade rules (`inspections.ts`), heritage
 * plans (`plans.ts`), which appraisal is current (`current-record.ts`), pipe risk
 * (`lifelines.ts`), and the big screen's counts with the pipes at risk. Reads that need no
 * rule go to the store directly; accounts and sessions are `accounts.ts`, used by the
 * session routes, the user routes, the demo users and `npm run archive:user` alike.
 */
import type { ArchiveRecord } from '../../core/archive-record.ts';
import { shanghaiDay } from '../../core/calendar-day.ts';
import type { LifelineRiskStats } from '../../core/lifelines.ts';
import type { ArchiveImportSummary, ArchiveStats, ArchiveStore, Dossier, ImportOptions, InspectionInput, PlanWritten } from '../store/archive-store.ts';
import type { Actor, WriteError } from '../store/store-types.ts';
import { readDossier } from './dossiers.ts';
import { importArchiveRecords } from './imports.ts';
import { type InspectionOutcome, recordInspection } from './inspections.ts';
import { Lifelines } from './lifelines.ts';
import { type PlanInput, putPlan } from './plans.ts';
import { type Outcome } from '../../core/result.ts';

export interface ArchiveServiceOptions {
  /** The clock "today" (Asia/Shanghai calendar day) is read from; tests pass a fixed one. Default: the system clock. */
  clock?: () => Date;
}

export class ArchiveService {
  readonly lifelines: Lifelines;
  private readonly clock: () => Date;

  constructor(
    readonly store: ArchiveStore,
    options: ArchiveServiceOptions = {},
  ) {
    this.clock = options.clock ?? (() => new Date());
    this.lifelines = new Lifelines(store);
  }

  /** Today as YYYY-MM-DD in Asia/Shanghai, from the service's clock. */
  today(): string {
    return shanghaiDay(this.clock());
  }

  dossier(code: string): Promise<Dossier | null> {
    return readDossier(this.store, code);
  }

  recordInspection(code: string, input: InspectionInput, actor: Actor): Promise<Outcome<InspectionOutcome, WriteError>> {
    return recordInspection(this.store, this.today(), code, input, actor);
  }

  putPlan(code: string, input: PlanInput, actor: Actor): Promise<Outcome<PlanWritten, WriteError>> {
    return putPlan(this.store, code, input, actor);
  }

  importArchive(records: readonly ArchiveRecord[], actor: Actor, options?: ImportOptions): Promise<ArchiveImportSummary> {
    return importArchiveRecords(this.store, records, actor, options);
  }

  /** The store's counts and the pipes at risk at the default age and distance (zeros when no lifelines are imported). */
  async stats(now: Date): Promise<ArchiveStats & { lifelines: LifelineRiskStats }> {
    return { ...(await this.store.stats(now)), lifelines: await this.lifelines.riskStats({ now }) };
  }
}
