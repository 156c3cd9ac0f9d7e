/**
 * The map overlays as build outputs: the build plan's overlays step writes
 * tiles/overlays/{areas,rail}.geojson from the source folder with only what the viewer
 * draws, and the server serves them at the URLs the viewer fetches, while the source
 * folder lies outside tiles/ (var/source, SOURCE_DATA) and is never served (where the
 * source folder is, and the move out of tiles/source: tests/build/project-paths.test.ts).
 */
import { lstatSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServer } from '../../../src/server/create-server.ts';
import { runBuildSteps } from '../../../src/build/build-steps.ts';
import { projectPaths, type ProjectPaths } from '../../../src/build/project-paths.ts';
import { overlaysStep } from '../../../src/build/steps/overlays-step.ts';
import { buildOverlays } from '../../../src/pipeline/overlays/overlays-builder.ts';
import { AREAS_URL, RAIL_URL } from '../../../src/viewer/layers/overlay-urls.ts';
import { writeSources } from '../../build/overlay-sources.ts';


describe('map overlays', () => {
  let dir: string;
  let paths: ProjectPaths;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'yz-overlays-'));
    paths = projectPaths(dir, {});
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('publishes areas and rail with only the properties the viewer uses, and serves them at the viewer’s URLs', async () => {
    writeSources(paths.sourceData);
    const step = overlaysStep(paths);
    // The step's code inputs are the checkout's own files (its import graph, code-inputs.ts), not folders of the temp project.
    expect(step.inputs.filter((input) => input.startsWith(dir))).toEqual([join(paths.sourceData, 'areas.geojson'), join(paths.sourceData, 'rail.geojson')]);
    expect(step.outputs).toEqual([join(paths.tiles, 'overlays', 'areas.geojson'), join(paths.tiles, 'overlays', 'rail.geojson')]);
    await runBuildSteps([step], { log: () => {} });
    expect(lstatSync(join(paths.tiles, 'overlays')).isSymbolicLink()).toBe(true);

    const app = await createServer({ viewerDir: join(dir, 'no-viewer'), tilesDir: paths.tiles });
    try {
      const areas = await app.inject({ method: 'GET', url: AREAS_URL });
      expect(areas.statusCode).toBe(200);
      expect(areas.headers['content-type']).toMatch(/^application\/geo\+json/);
      const areaFc = JSON.parse(areas.body) as { features: Array<{ properties: Record<string, unknown>; geometry: { type: string } }> };
      expect(areaFc.features.map((f) => f.properties)).toEqual([
        { id: 'core-jiefangbei', kind: 'core', name: '解放碑中央商务区', name_en: 'Jiefangbei CBD' },
        { id: 'oc-1', kind: 'old-community', name: '老旧小区', name_en: 'Old community' },
      ]);
      expect(areaFc.features[1]!.geometry.type).toBe('MultiPolygon');
      const rail = await app.inject({ method: 'GET', url: RAIL_URL });
      expect(rail.statusCode).toBe(200);
      const railFc = JSON.parse(rail.body) as { attribution: string; features: Array<{ properties: object; geometry: { coordinates: unknown } }> };
      expect(railFc.attribution).toContain('OpenStreetMap');
      expect(railFc.features).toHaveLength(1);
      expect(railFc.features[0]!.properties).toEqual({});
      expect(railFc.features[0]!.geometry.coordinates).toEqual([[106.57, 29.55], [106.58, 29.56]]);
      // The source files stay unserved, wherever one asks.
      for (const url of ['/tiles/source/areas.geojson', '/tiles/var/source/areas.geojson', '/var/source/areas.geojson']) {
        expect((await app.inject({ method: 'GET', url })).statusCode, url).toBe(404);
      }
    } finally {
      await app.close();
    }
    // Fresh on the next run: the staleness check sees the published files through the symlink.
    const logged: string[] = [];
    await runBuildSteps([overlaysStep(paths)], { log: (line) => logged.push(line) });
    expect(logged.join('\n')).toMatch(/up to date/);
  });

  it('reports bad source data as a value, in zh-CN and English, and keeps the published overlays', async () => {
    writeSources(paths.sourceData);
    const out = join(paths.tiles, 'overlays');
    expect((await buildOverlays({ areas: join(paths.sourceData, 'areas.geojson'), rail: join(paths.sourceData, 'rail.geojson'), outDir: out })).ok).toBe(true);
    const before = readFileSync(join(out, 'areas.geojson'), 'utf8');
    writeFileSync(join(paths.sourceData, 'rail.geojson'), JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [0, 0] } }] }));
    const bad = await buildOverlays({ areas: join(paths.sourceData, 'areas.geojson'), rail: join(paths.sourceData, 'rail.geojson'), outDir: out });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.error).toContain('rail.geojson');
    expect(bad.error).toMatch(/[\u4e00-\u9fff]/);
    expect(bad.error).toContain('LineString');
    const missing = await buildOverlays({ areas: join(dir, 'nope.geojson'), rail: join(paths.sourceData, 'rail.geojson'), outDir: out });
    expect(!missing.ok && missing.error).toMatch(/npm run sample/);
    expect(readFileSync(join(out, 'areas.geojson'), 'utf8')).toBe(before);
  });
});
