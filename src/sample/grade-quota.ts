/**
 * Safety grades by quota: the sample must show the district's grade mix exactly
 * (a pure per-building draw would wander by a percent or two), while old masonry
 * buildings still end up C/D far more often than new frames. So each grade takes a
 * fixed number of buildings, drawn without replacement with risk-shaped weights.
 */
import type { BuildingProperties, Structure, BuildingUse } from '../core/building.ts';
import type { GradeOrUnappraised, SafetyGrade } from '../core/grades.ts';
import { type Rng, weightedSample } from './random-helpers.ts';

/** Share of each grade among appraised buildings (sums to 1). */
export type GradeShares = Record<SafetyGrade, number>;

/** Near the middle of the district's ranges (A 55–65 %, B 25–30 %, C 6–10 %, D 1–3 %). */
export const DEFAULT_GRADE_SHARES: GradeShares = { A: 0.62, B: 0.28, C: 0.08, D: 0.02 };

const STRUCTURE_RISK: Record<Structure, number> = { 砖木: 5, 砖混: 2.5, 框架: 1, 剪力墙: 0.6, 框筒: 0.5 };
const USE_RISK: Record<BuildingUse, number> = { 工业: 1.4, 住宅: 1.1, 商业: 1, 办公: 0.9, 公共: 0.8 };

/** Relative likelihood of structural danger: grows with age, masonry and timber, heavy use. */
export function buildingRisk(p: BuildingProperties, asOfYear: number): number {
  const age = Math.max(0, asOfYear - p.year_built);
  return Math.exp(age / 22) * STRUCTURE_RISK[p.structure] * USE_RISK[p.use] * (p.heritage ? 1.3 : 1);
}

export interface GradeQuotaOptions {
  rng: Rng;
  asOfYear: number;
  /** Share of buildings without an appraisal yet. */
  unappraisedShare: number;
  shares: GradeShares;
}

/** One grade (or `null`, not appraised) per building, in input order. */
export function assignGrades(buildings: readonly BuildingProperties[], options: GradeQuotaOptions): GradeOrUnappraised[] {
  const { rng, asOfYear, shares } = options;
  const total = shares.A + shares.B + shares.C + shares.D;
  if (!(total > 0)) throw new RangeError('grade shares must sum to a positive number');
  const n = buildings.length;
  const grades: GradeOrUnappraised[] = new Array<GradeOrUnappraised>(n).fill('A');
  const risk = buildings.map((b) => buildingRisk(b, asOfYear));

  // Not yet appraised: mostly recent buildings (appraisal campaigns start with old stock).
  const unappraised = weightedSample(
    rng,
    buildings.map((b, i) => [i, (b.year_built >= asOfYear - 8 ? 4 : 1) * (b.heritage ? 0.3 : 1)] as const),
    Math.round(n * options.unappraisedShare),
  );
  const taken = new Uint8Array(n);
  for (const i of unappraised) {
    grades[i] = null;
    taken[i] = 1;
  }

  const appraised = n - unappraised.length;
  // Worst first, each stage with a flatter weight: D goes to the very riskiest, B is common.
  const stages: [SafetyGrade, number][] = [
    ['D', 1.6],
    ['C', 1],
    ['B', 0.5],
  ];
  for (const [grade, exponent] of stages) {
    const quota = Math.round((appraised * shares[grade]) / total);
    const pool: (readonly [number, number])[] = [];
    for (let i = 0; i < n; i++) if (!taken[i]) pool.push([i, risk[i]! ** exponent]);
    for (const i of weightedSample(rng, pool, quota)) {
      grades[i] = grade;
      taken[i] = 1;
    }
  }
  return grades;
}
