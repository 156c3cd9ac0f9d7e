import { beforeAll, describe, expect, it } from 'vitest';
import { ArchiveRecordSchema, type ArchiveRecord } from '../../src/core/archive-record.ts';
import type { BuildingProperties } from '../../src/core/building.ts';
import { isDangerous } from '../../src/core/grades.ts';
import { isOldCommunityBuilding } from '../../src/core/old-communities.ts';
import { FORBIDDEN_FOR_HERITAGE, PLAN_STATUSES } from '../../src/core/renovation-plan.ts';
import { APPRAISAL_AGENCIES, generateArchive } from '../../src/sample/archive-generator.ts';
import { footprintAreaM2, footprintCentre } from '../../src/sample/building-metrics.ts';
import { KEY_PROJECTS } from '../../src/sample/key-projects.ts';
import { slopeDegrees } from '../../src/sample/steepness.ts';
import { makeElevationGrid, makeSampleBuildings } from './fixtures.ts';

const AS_OF = '2026-10-31';
type Buildings = ReturnType<typeof makeSampleBuildings>;

function gradeShares(records: readonly ArchiveRecord[]): Record<string, number> {
  const appraised = records.filter((r) => r.appraisal !== null);
  const counts: Record<string, number> = { A: 0, B: 0, C: 0, D: 0 };
  for (const r of appraised) counts[r.appraisal!.grade]!++;
  return Object.fromEntries(Object.entries(counts).map(([g, n]) => [g, n / appraised.length]));
}

function dangerousRate(records: readonly ArchiveRecord[], buildings: Buildings, pred: (p: BuildingProperties) => boolean): number {
  let n = 0;
  let cd = 0;
  records.forEach((r, i) => {
    if (r.appraisal && pred(buildings[i]!.properties)) {
      n++;
      if (isDangerous(r.appraisal.grade)) cd++;
    }
  });
  expect(n).toBeGreaterThan(100);
  return cd / n;
}

describe('generateArchive', () => {
  let buildings: Buildings;
  let records: ArchiveRecord[];

  beforeAll(() => {
    buildings = makeSampleBuildings(12_500);
    records = generateArchive(buildings, { seed: 'yuzhong', asOf: AS_OF });
  });

  it('gives one valid record per building, in input order', () => {
    expect(records).toHaveLength(buildings.length);
    records.forEach((r, i) => {
      expect(r.code).toBe(buildings[i]!.properties.id);
      ArchiveRecordSchema.parse(r);
    });
  });

  it('is deterministic from the seed', () => {
    expect(generateArchive(buildings, { seed: 'yuzhong', asOf: AS_OF })).toEqual(records);
    expect(generateArchive(buildings, { seed: 'other', asOf: AS_OF })).not.toEqual(records);
  });

  it.each([
    ['yuzhong', 12_500, 'fixture'],
    ['chongqing', 13_200, 'fixture-2'],
    ['x', 12_000, 'fixture-3'],
  ])('holds the district grade mix (seed %s, %i buildings)', (seed, count, fixtureSeed) => {
    const bs = seed === 'yuzhong' ? buildings : makeSampleBuildings(count, fixtureSeed);
    const recs = seed === 'yuzhong' ? records : generateArchive(bs, { seed });
    const s = gradeShares(recs);
    expect(s.A).toBeGreaterThanOrEqual(0.55);
    expect(s.A).toBeLessThanOrEqual(0.65);
    expect(s.B).toBeGreaterThanOrEqual(0.25);
    expect(s.B).toBeLessThanOrEqual(0.3);
    expect(s.C).toBeGreaterThanOrEqual(0.06);
    expect(s.C).toBeLessThanOrEqual(0.1);
    expect(s.D).toBeGreaterThanOrEqual(0.01);
    expect(s.D).toBeLessThanOrEqual(0.03);
    const unappraised = recs.filter((r) => r.appraisal === null).length / recs.length;
    expect(unappraised).toBeGreaterThanOrEqual(0.03);
    expect(unappraised).toBeLessThanOrEqual(0.06);
  });

  it('makes old masonry far more often C/D than post-2000 buildings', () => {
    const old = dangerousRate(records, buildings, (p) => p.year_built < 1980 && (p.structure === '砖木' || p.structure === '砖混'));
    const recent = dangerousRate(records, buildings, (p) => p.year_built > 2000);
    const modernTall = dangerousRate(records, buildings, (p) => p.year_built > 2000 && (p.structure === '框筒' || p.structure === '剪力墙'));
    expect(old).toBeGreaterThan(5 * recent);
    expect(old).toBeGreaterThan(5 * modernTall);
  });

  it('plans every C/D building: 危房改造, or 修缮保护 for heritage', () => {
    let dangerous = 0;
    records.forEach((r, i) => {
      if (!r.appraisal || !isDangerous(r.appraisal.grade)) return;
      dangerous++;
      const heritage = buildings[i]!.properties.heritage;
      expect(r.plan, r.code).not.toBeNull();
      expect(r.plan!.measures.length).toBeGreaterThan(0);
      expect(r.plan!.measures.includes('危房改造') || (heritage && r.plan!.measures.includes('修缮保护'))).toBe(true);
    });
    expect(dangerous).toBeGreaterThan(1000);
  });

  it('never demolishes heritage', () => {
    let heritagePlans = 0;
    records.forEach((r, i) => {
      if (!buildings[i]!.properties.heritage || !r.plan) return;
      heritagePlans++;
      for (const m of FORBIDDEN_FOR_HERITAGE) expect(r.plan.measures).not.toContain(m);
      expect(r.plan.measures).toContain('修缮保护');
    });
    expect(heritagePlans).toBeGreaterThan(50);
    // Demolition does happen elsewhere, so the rule above is not vacuous.
    expect(records.some((r) => r.plan?.measures.includes('拆除重建'))).toBe(true);
  });

  it('gives old communities (2001–2010) pipes, lifts, parking, 一老一小 and resident co-funding', () => {
    const inCensus = records.filter((_, i) => isOldCommunityBuilding(buildings[i]!.properties));
    expect(inCensus.length).toBeGreaterThan(1000);
    const planned = inCensus.filter((r) => r.plan !== null);
    expect(planned.length / inCensus.length).toBeGreaterThan(0.5);
    const share = (rs: ArchiveRecord[], pred: (r: ArchiveRecord) => boolean): number => rs.filter(pred).length / rs.length;
    for (const m of ['管线更新', '停车及充电设施', '一老一小服务设施'] as const) {
      expect(share(planned, (r) => r.plan!.measures.includes(m)), m).toBeGreaterThan(0.25);
    }
    expect(share(planned, (r) => r.plan!.funding.includes('居民出资'))).toBeGreaterThan(0.5);
    // Lifts go into walk-ups (4–11 floors): taller blocks have them, lower ones need none.
    const floorsOf = new Map(buildings.map((b) => [b.properties.id, b.properties.floors]));
    const walkUps = planned.filter((r) => floorsOf.get(r.code)! >= 4 && floorsOf.get(r.code)! <= 11);
    expect(share(walkUps, (r) => r.plan!.measures.includes('加装电梯'))).toBeGreaterThan(0.4);
    for (const r of records) {
      if (r.plan?.measures.includes('加装电梯')) expect(floorsOf.get(r.code)).toBeGreaterThanOrEqual(4);
      if (r.plan?.measures.includes('加装电梯')) expect(floorsOf.get(r.code)).toBeLessThanOrEqual(11);
    }
  });

  it('converts idle space only in office buildings, and in some old ones', () => {
    let oldOffices = 0;
    let converted = 0;
    records.forEach((r, i) => {
      const p = buildings[i]!.properties;
      const has = r.plan?.measures.includes('闲置空间改造为创客/人才公寓') ?? false;
      if (has) expect(p.use).toBe('办公');
      if (p.use === '办公' && p.year_built <= 2005) {
        oldOffices++;
        if (has) converted++;
      }
    });
    expect(converted / oldOffices).toBeGreaterThan(0.1);
    expect(converted / oldOffices).toBeLessThan(0.5);
  });

  it('has a plausible status mix and schedules that agree with "today"', () => {
    const plans = records.filter((r) => r.plan !== null);
    for (const status of PLAN_STATUSES) {
      const share = plans.filter((r) => r.plan!.status === status).length / plans.length;
      expect(share, status).toBeGreaterThan(0.05);
      expect(share, status).toBeLessThan(0.4);
    }
    for (const r of plans) {
      const p = r.plan!;
      expect(p.start <= p.end, r.code).toBe(true);
      if (r.appraisal) expect(p.start > r.appraisal.date, r.code).toBe(true);
      if (p.status === '已完成') expect(p.end < AS_OF).toBe(true);
      else if (p.status === '施工中') expect(p.start <= AS_OF && p.end > AS_OF).toBe(true);
      else expect(p.start > AS_OF).toBe(true);
    }
  });

  it('dates appraisals 2019–today by known agencies, with more hazards on worse grades', () => {
    const byGrade: Record<string, number[]> = { A: [], B: [], C: [], D: [] };
    for (const r of records) {
      if (!r.appraisal) continue;
      expect(r.appraisal.date >= '2019-01-01' && r.appraisal.date < AS_OF).toBe(true);
      expect(APPRAISAL_AGENCIES).toContain(r.appraisal.agency);
      byGrade[r.appraisal.grade]!.push(r.appraisal.hazards.length);
      if (r.appraisal.grade === 'A') {
        expect(r.appraisal.hazards.length).toBeLessThanOrEqual(1);
        expect(r.appraisal.hazards).not.toContain('结构裂缝');
      }
      if (r.appraisal.grade === 'D') expect(r.appraisal.hazards.length).toBeGreaterThanOrEqual(3);
    }
    const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(byGrade.A!)).toBeLessThan(mean(byGrade.B!));
    expect(mean(byGrade.B!)).toBeLessThan(mean(byGrade.C!));
    expect(mean(byGrade.C!)).toBeLessThan(mean(byGrade.D!));
  });

  it('scales budgets by floor area and names units and key projects', () => {
    const names = new Set(KEY_PROJECTS.map((p) => p.name));
    let inProject = 0;
    let outside = 0;
    records.forEach((r, i) => {
      if (!r.plan) return;
      const b = buildings[i]!;
      expect(r.plan.budgetWan).toBeGreaterThan(0);
      expect(r.plan.unit).toMatch(/^渝中区|街道办事处$/);
      if (r.plan.keyProject === null) outside++;
      else {
        inProject++;
        expect(names.has(r.plan.keyProject)).toBe(true);
      }
      if (r.plan.measures.length === 1 && r.plan.measures[0] === '危房改造') {
        // 900 元/m² ± the 0.85–1.2 spread.
        const yuanPerM2 = (r.plan.budgetWan * 10_000) / (footprintAreaM2(b.geometry) * b.properties.floors);
        expect(yuanPerM2).toBeGreaterThan(700);
        expect(yuanPerM2).toBeLessThan(1150);
      }
    });
    expect(inProject).toBeGreaterThan(outside * 0.5);
    expect(outside).toBeGreaterThan(0);
  });

  it('finds slope hazards more often on steep ground when given the DEM', () => {
    const dem = makeElevationGrid();
    const recs = generateArchive(buildings, { seed: 'yuzhong', asOf: AS_OF, dem });
    const rate = (pred: (slope: number) => boolean): number => {
      let n = 0;
      let hit = 0;
      recs.forEach((r, i) => {
        if (!r.appraisal || r.appraisal.grade === 'A') return;
        const [lon, lat] = footprintCentre(buildings[i]!.geometry);
        if (!pred(slopeDegrees(dem, lon, lat))) return;
        n++;
        if (r.appraisal.hazards.includes('边坡/地质灾害')) hit++;
      });
      return hit / n;
    };
    expect(rate((s) => s > 9)).toBeGreaterThan(2 * rate((s) => s < 3));
  });
});
