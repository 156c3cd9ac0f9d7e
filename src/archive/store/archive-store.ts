/**
 * The archive's storage seam. The service (`src/archive/service/`), the API, the importer
 * and the exporter talk only to these interfaces; `sqlite/` is the embedded
 * implementation, and a PostgreSQL adapter for city scale can implement the same methods
 * without touching anything above it. The seam is split by concern, one interface per
 * file: buildings and records (`record-store.ts`), lifelines (`lifeline-store.ts`),
 * accounts and sessions (`account-store.ts`), the audit log (`audit-store.ts`). Methods are
 * async so that a networked database fits the same shape. Stores keep and find; the
 * domain rules live in the service and reach a store's transaction as functions.
 */
import type { AccountStore } from './account-store.ts';
import type { AuditStore } from './audit-store.ts';
import type { LifelineStore } from './lifeline-store.ts';
import type { RecordStore } from './record-store.ts';

export * from './store-types.ts';
export type * from './record-store.ts';
export type * from './lifeline-store.ts';
export type * from './account-store.ts';
export type * from './audit-store.ts';

/** Everything one archive database holds. */
export interface ArchiveStore extends RecordStore, LifelineStore, AccountStore, AuditStore {
  close(): Promise<void>;
}
