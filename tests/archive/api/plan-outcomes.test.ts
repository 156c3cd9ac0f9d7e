/**
 * GET /api/areas/:areaId/plan-outcomes: the before/after of a renewal area. Every
 * building of the area (the same set the search finds) with its outcome, counts that
 * add up, outcomes that follow a planner's new plan at once, and clear errors.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dossier, SearchPage } from '../../../src/archive/store/archive-store.ts';
import { type AreaPlanOutcomes, PLAN_OUTCOMES } from '../../../src/core/plan-outcome.ts';
import { type ApiHarness, startApiHarness } from './api-harness.ts';

const PLAN = {
  status: '已立项',
  start: '2025-05-01',
  end: '2026-12-31',
  budgetWan: 120,
  funding: ['财政'],
  unit: '渝中区住房城乡建委',
  keyProject: null,
};

describe('archive API: plan outcomes of a renewal area', () => {
  let h: ApiHarness;
  let planner: string;
  beforeAll(async () => {
    h = await startApiHarness();
    planner = await h.login('planner');
  });
  afterAll(async () => h.close());

  const outcomes = async (area = 'core-jiefangbei') => {
    const res = await h.http('GET', `/api/areas/${area}/plan-outcomes`);
    expect(res.status).toBe(200);
    return res.json<AreaPlanOutcomes>();
  };

  it('lists every building of the area with grade, heritage, status and outcome; counts add up', async () => {
    const body = await outcomes();
    expect(body.area).toEqual({ id: 'core-jiefangbei', kind: 'core', name: '解放碑中央商务区', nameEn: 'Jiefangbei CBD' });
    const search = (await h.http('GET', '/api/buildings?area=core-jiefangbei&page_size=1')).json<SearchPage>();
    expect(body.buildings).toHaveLength(search.total);
    expect(body.buildings.length).toBeGreaterThan(50);
    expect(Object.keys(body.counts).sort()).toEqual([...PLAN_OUTCOMES].sort());
    for (const o of PLAN_OUTCOMES) expect({ o, n: body.counts[o] }).toEqual({ o, n: body.buildings.filter((b) => b.outcome === o).length });
    // The fixture: heritage is protected, C/D buildings have renovation plans, the rest none.
    for (const b of body.buildings) {
      if (b.heritage) expect(b.outcome).toBe('protect');
      else if (b.measures === null) expect({ code: b.code, outcome: b.outcome, status: b.planStatus }).toEqual({ code: b.code, outcome: 'none', status: null });
      else expect(b.outcome).toBe('renovate');
    }
    expect(body.counts.protect).toBeGreaterThan(0);
    expect(body.counts.renovate).toBeGreaterThan(0);
    expect(body.counts.none).toBeGreaterThan(0);
  });

  it('follows a planner’s new plans at once: demolition and conversion', async () => {
    const before = await outcomes();
    const [a, b] = before.buildings.filter((x) => !x.heritage && x.measures === null);
    for (const [code, measures] of [
      [a!.code, ['危房改造', '拆除重建']],
      [b!.code, ['节能改造', '闲置空间改造为创客/人才公寓']],
    ] as const) {
      const d = (await h.http('GET', `/api/buildings/${code}`)).json<Dossier>();
      const put = await h.http('PUT', `/api/buildings/${code}/plan`, { cookie: planner, body: { ...PLAN, measures, version: d.version } });
      expect(put.status).toBe(201);
    }
    const after = await outcomes();
    expect(after.buildings.find((x) => x.code === a!.code)).toMatchObject({ outcome: 'demolish', planStatus: '已立项', measures: ['危房改造', '拆除重建'] });
    expect(after.buildings.find((x) => x.code === b!.code)).toMatchObject({ outcome: 'convert' });
    expect(after.counts).toEqual({ ...before.counts, demolish: before.counts.demolish + 1, convert: before.counts.convert + 1, none: before.counts.none - 2 });
  });

  it('answers per area: the core and Daping halves together are the community that covers them all', async () => {
    // Fixture: core-jiefangbei is the lower half of the grid, zone-daping the upper, oc-jiaochangkou all of it.
    const daping = await outcomes('zone-daping');
    const core = await outcomes('core-jiefangbei');
    const all = await outcomes('oc-jiaochangkou');
    expect(daping.buildings.length + core.buildings.length).toBe(all.buildings.length);
  });

  it('404 for an unknown area, saying where the ids are; 400 for a malformed id', async () => {
    const res = await h.http('GET', '/api/areas/core-nowhere/plan-outcomes');
    expect(res.status).toBe(404);
    const body = res.json<{ error: string; message: string }>();
    expect(body.error).toBe('not_found');
    expect(body.message).toContain('core-nowhere');
    expect(body.message).toContain('GET /api/stats');
    expect(body.message).toMatch(/[\u4e00-\u9fff]/);
    const bad = await h.http('GET', '/api/areas/core%20jiefangbei/plan-outcomes');
    expect(bad.status).toBe(400);
    expect(bad.json<{ message: string }>().message).toContain('areaId');
  });
});
