/**
 * `GET /api/buildings/:code/footprint`: the building's footprint from the registry
 * import, under the same read policy as dossiers, so the viewer draws one outline
 * without the whole buildings.geojson source (which the server no longer serves).
 */
import { describe, expect, it } from 'vitest';
import { startApiHarness } from './api-harness.ts';

interface FootprintFeature {
  type: string;
  properties: { code: string };
  geometry: { type: string; coordinates: unknown };
}

describe('archive API: building footprints', () => {
  it('returns the imported footprint of a building as a GeoJSON Feature, and 404/400 otherwise', async () => {
    const h = await startApiHarness({ buildings: 30 });
    try {
      const source = h.district.buildings.features.find((f) => f.properties.id === 'YZ-00007')!;
      const res = await h.http('GET', '/api/buildings/YZ-00007/footprint');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      const feature = res.json<FootprintFeature>();
      expect(feature).toEqual({ type: 'Feature', properties: { code: 'YZ-00007' }, geometry: source.geometry });

      const unknown = await h.http('GET', '/api/buildings/YZ-99999/footprint');
      expect(unknown.status).toBe(404);
      expect(unknown.json()).toMatchObject({ error: 'not_found' });
      expect(unknown.json<{ message: string }>().message).toMatch(/[\u4e00-\u9fff].* \/ /);
      expect((await h.http('GET', '/api/buildings/nope/footprint')).status).toBe(400);
    } finally {
      await h.close();
    }
  });

  it('needs a session when ARCHIVE_READS=login, like the dossier', async () => {
    const h = await startApiHarness({ buildings: 10, api: { config: { reads: 'login' } } });
    try {
      const closed = await h.http('GET', '/api/buildings/YZ-00001/footprint');
      expect(closed.status).toBe(401);
      expect(closed.json()).toMatchObject({ error: 'unauthorized' });
      expect(closed.text).not.toContain('coordinates');
      const cookie = await h.login('viewer');
      const open = await h.http('GET', '/api/buildings/YZ-00001/footprint', { cookie });
      expect(open.status).toBe(200);
      expect(open.json<FootprintFeature>().geometry.type).toBe('Polygon');
    } finally {
      await h.close();
    }
  });
});
