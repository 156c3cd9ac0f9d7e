/**
 * The close-up's footprint comes from the archive's footprint route, one building at a
 * time, never from the source buildings.geojson (which the server does not serve).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { footprintOf } from '../../src/viewer/api/footprints.ts';

const RING: Array<[number, number]> = [[106.57, 29.55], [106.571, 29.55], [106.571, 29.551], [106.57, 29.55]];
const SMALL: Array<[number, number]> = [[106.58, 29.56], [106.581, 29.56], [106.58, 29.56]];

describe('footprintOf', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('asks the archive for that building only, takes the largest outer ring, and caches it', async () => {
    const asked: string[] = [];
    vi.stubGlobal('fetch', async (url: string) => {
      asked.push(url);
      if (url === '/api/buildings/YZ-00001/footprint') {
        const body = { type: 'Feature', properties: { code: 'YZ-00001' }, geometry: { type: 'MultiPolygon', coordinates: [[SMALL], [RING]] } };
        return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
      }
      return new Response(JSON.stringify({ error: 'not_found', message: '找不到 / not found' }), { status: 404 });
    });
    expect(await footprintOf('YZ-00001')).toEqual(RING);
    expect(await footprintOf('YZ-00001')).toEqual(RING);
    expect(await footprintOf('YZ-99999')).toBeNull();
    expect(asked).toEqual(['/api/buildings/YZ-00001/footprint', '/api/buildings/YZ-99999/footprint']);
  });

  it('tries again after the archive was unreachable', async () => {
    let up = false;
    vi.stubGlobal('fetch', async () => {
      if (!up) throw new TypeError('network down');
      return new Response(JSON.stringify({ type: 'Feature', properties: { code: 'YZ-00002' }, geometry: { type: 'Polygon', coordinates: [RING] } }), { status: 200 });
    });
    await expect(footprintOf('YZ-00002')).rejects.toThrow();
    up = true;
    expect(await footprintOf('YZ-00002')).toEqual(RING);
  });
});
