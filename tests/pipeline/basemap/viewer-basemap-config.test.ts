import { describe, expect, it } from 'vitest';
import { LOCAL_BASEMAP_URL, readViewerConfig } from '../../../src/viewer/config.ts';

describe('viewer basemap configuration', () => {
  it('is offline by default', () => {
    const config = readViewerConfig({}, '');
    expect(config.basemap).toEqual({ kind: 'local', manifestUrl: LOCAL_BASEMAP_URL });
    expect(config.terrain).toEqual({ kind: 'local', url: '/tiles/terrain' });
    expect(config.warnings).toEqual([]);
  });

  it('switches to Tianditu or OSM when configured, per build or per page', () => {
    expect(readViewerConfig({ VITE_BASEMAP: 'tianditu', VITE_TIANDITU_TOKEN: 'abc' }, '').basemap).toEqual({ kind: 'tianditu', token: 'abc', layer: 'vec' });
    expect(readViewerConfig({}, '?basemap=osm').basemap).toEqual({ kind: 'osm' });
    const noToken = readViewerConfig({ VITE_BASEMAP: 'tianditu' }, '');
    expect(noToken.basemap.kind).toBe('local');
    expect(noToken.warnings[0]).toContain('VITE_TIANDITU_TOKEN');
  });

  it('accepts WGS84/CGCS2000 XYZ sources and refuses GCJ-02 and BD-09 ones', () => {
    const ok = readViewerConfig({ VITE_BASEMAP: 'xyz', VITE_BASEMAP_URL: 'https://tiles.example/{z}/{x}/{y}.png', VITE_BASEMAP_DATUM: 'cgcs2000' }, '');
    expect(ok.basemap).toMatchObject({ kind: 'xyz', datum: 'cgcs2000' });
    for (const datum of ['gcj02', 'bd09']) {
      const refused = readViewerConfig({ VITE_BASEMAP: 'xyz', VITE_BASEMAP_URL: 'https://tiles.example/{z}/{x}/{y}.png', VITE_BASEMAP_DATUM: datum }, '');
      expect(refused.basemap.kind).toBe('local');
      expect(refused.warnings[0]).toContain('50–500 m');
    }
  });

  it('can turn the terrain off', () => {
    expect(readViewerConfig({ VITE_TERRAIN: 'ellipsoid' }, '').terrain).toEqual({ kind: 'ellipsoid' });
  });
});
