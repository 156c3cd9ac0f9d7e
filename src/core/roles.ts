/**
 * The archive's roles, from least to most: who may read, record inspections, edit plans,
 * manage accounts. Pure constants, so the API contract (src/core/api/session-contracts.ts),
 * the store and the CLI share one list; what each role may do is src/archive/auth/roles.ts.
 */
export const ROLES = ['viewer', 'inspector', 'planner', 'admin'] as const;
export type Role = (typeof ROLES)[number];
