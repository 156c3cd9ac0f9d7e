/**
 * The append-only audit log (who, when, what, before → after). Stores write entries in
 * the same transaction as the change they describe; this is the reading side.
 */
export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  before: unknown;
  after: unknown;
}

export interface AuditStore {
  auditLog(filter?: { entity?: string; action?: string; limit?: number }): Promise<AuditEntry[]>;
}
