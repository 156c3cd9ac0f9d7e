/**
 * What `GET /api/stats` answers with: the big screen's numbers. Shared by the archive
 * (store and route) and the viewer's screen mode, so the two cannot drift apart; the
 * types are inferred from the API contract, src/core/api/stats-contracts.ts.
 */
import type { LifelineRiskStats } from './lifelines.ts';

export type { ArchiveStats, CountByGrade } from './api/stats-contracts.ts';

/**
 * Pipes at risk next to C/D buildings, as the lifelines part of the archive reports
 * them (defined with the lifelines rules). An archive with no pipe segments reports
 * `segments: 0`; the screen then says so rather than showing zeros.
 */
export type LifelineRiskCounts = LifelineRiskStats;
