/**
 * What the wall screen reads from the archive: /api/stats (its panels) and the search
 * for each renewal area's D-grade buildings (the autopilot's stops). The two must agree,
 * and stats without lifelines must leave the block out (the screen then says "no data").
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArchiveStats, SearchPage } from '../../../src/archive/store/archive-store.ts';
import { type ApiHarness, startApiHarness } from './api-harness.ts';

describe('archive API: what the wall screen reads', () => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await startApiHarness();
  });
  afterAll(async () => h.close());

  it('finds, per area, exactly the D-grade buildings the stats count', async () => {
    const stats = (await h.http('GET', '/api/stats')).json<ArchiveStats>();
    const withD = stats.byArea.filter((a) => a.byGrade.D > 0);
    expect(withD.length).toBeGreaterThan(0);
    for (const area of stats.byArea) {
      const page = (await h.http('GET', `/api/buildings?grade=D&area=${area.id}&page_size=100`)).json<SearchPage>();
      expect({ area: area.id, total: page.total }).toEqual({ area: area.id, total: area.byGrade.D });
      for (const b of page.items) {
        expect(b.grade).toBe('D');
        expect(b.areas).toContain(area.id);
        expect(Number.isFinite(b.lon) && Number.isFinite(b.lat) && b.height > 0).toBe(true);
      }
    }
  });

  it('reports zero pipe segments when the archive has no lifelines (the screen then says so)', async () => {
    const stats = (await h.http('GET', '/api/stats')).json<ArchiveStats>();
    expect(stats.lifelines?.segments).toBe(0);
    expect(stats.lifelines?.total).toBe(0);
  });
});
