import { describe, expect, it } from 'vitest';
import { buildResults, keptSections, type BuildResultsInput, type ViewerReport } from '../../bench/bench-results.ts';
import { renderBenchmarksMarkdown } from '../../bench/benchmarks-markdown.ts';
import type { ViewerRun } from '../../bench/viewer/viewer-run.ts';
import { compareViewers } from '../../bench/viewer/viewer-summary.ts';

function run(kind: 'ours' | 'naive', loadMs: number | null, fps: number, clickMs: number): ViewerRun {
  const load = { timedOut: loadMs === null, loadMs, buildingsMs: loadMs === null ? null : Math.round(loadMs / 4), buildingsDrawn: kind === 'ours' ? 600 : 14_149, streaming: { requests: 12, bytes: 3 * 2 ** 20 } };
  return {
    kind,
    opening: load,
    street: load,
    memory: { jsHeapBytes: 2 ** 20, webgl: { buffers: 2 ** 20, textures: 2 ** 20 }, tilesetBytes: kind === 'ours' ? 2 ** 20 : null },
    clicks: [{ code: 'YZ-00001', expected: 'YZ-00001', ms: clickMs }],
    flight: { frames: fps * 10, seconds: 10, fps },
    errors: [],
  };
}

function input(viewerRuns: ViewerRun[], timeoutMs = 600_000): BuildResultsInput {
  const viewer: ViewerReport = { machine: { chromium: '156.0' }, settings: { runs: 1, flightMs: 10_000, clicks: 20, viewport: '1280×720', naiveBuildings: 'all', readyTimeoutMs: timeoutMs }, summary: compareViewers(viewerRuns, timeoutMs) };
  return {
    date: '2026-11-26T07:00:00.000Z',
    mode: 'full',
    command: 'npm run bench',
    runs: 3,
    machine: { cpu: 'Test CPU', cores: 2, memoryGB: 8, loadAverage: [3.5, 2, 1], node: 'v20.20.2', cesium: '1.145.0' },
    loadAverageAtEnd: [4, 3, 2],
    viewer: { status: 'ok', report: viewer },
    terrain: { status: 'ok', report: { buildSeconds: 12.5, buildCpuSeconds: 20, tiles: 300, bytes: 2 ** 21, leaf: { maxErrorM: 0.8, rmsErrorM: 0.1 } } },
    buildings: { status: 'ok', report: { results: [{ size: 100_000, buildings: 100_000, buildingsPerSecond: 25_000, bytesPerBuilding: 300, gzipBytesPerBuilding: 140, peakRssMB: 900, tiles: 120 }] } },
    lifelines: { status: 'skipped', reason: 'package.json has no "bench:lifelines" script on this branch' },
    api: { status: 'failed', reason: 'npm run bench:api exited with 1' },
  };
}

describe('the results page', () => {
  it('states ratios, targets met or not, the machine and its load, from the results only', () => {
    const results = buildResults(input([run('ours', 2000, 6, 12), run('naive', 30_000, 1, 80)]));
    expect(results.viewer.loadRatio).toBe(15);
    expect(results.viewer.fpsRatio).toBe(6);
    const page = renderBenchmarksMarkdown(results);
    expect(page).toContain('median of 3 runs');
    expect(page).toContain('load average 3.5 / 2 / 1');
    expect(page).toContain('SwiftShader');
    expect(page).toMatch(/\| load, opening view \| 2\.0 s \| 30\.0 s \| 15\.00× \(naive ÷ ours\)/);
    expect(page).toMatch(/\*\*Load\*\*: target naive ÷ ours ≥ 10×; measured 15\.00 → \*\*met\*\*/);
    expect(page).toMatch(/\*\*Frame rate\*\*: target ours ÷ naive ≥ 5×; measured 6\.00 → \*\*met\*\*/);
    expect(page).toMatch(/\*\*Pick\*\*: target ours ≤ 50 ms .*measured 12\.00 → \*\*met\*\*/);
    expect(page).toContain('| 100,000 | synthetic | 25,000 | 300 B, 140 B | 900 MB | 120 |');
    expect(page).toContain('_Not measured (skipped): package.json has no "bench:lifelines" script on this branch._');
    expect(page).toContain('_Not measured (failed): npm run bench:api exited with 1._');
    expect(page).not.toContain('Smoke run');
  });

  it('says a target is not met, and that a timed-out naive load is a lower bound', () => {
    const results = buildResults({ ...input([run('ours', 20_000, 3, 70), run('naive', null, 1, 90)], 120_000), mode: 'smoke' });
    const page = renderBenchmarksMarkdown(results);
    expect(results.viewer.loadRatio).toBe(6);
    expect(page).toContain('Smoke run');
    expect(page).toMatch(/\| load, opening view \| 20\.0 s \| > 120\.0 s \(1 of the runs timed out\) \| ≥ 6\.00×/);
    expect(page).toMatch(/\*\*Load\*\*: .*→ \*\*not met\*\* \(the naive page timed out \(120 s\): the ratio is at least this\)/);
    expect(page).toMatch(/\*\*Frame rate\*\*: .*measured 3\.00 → \*\*not met\*\*/);
    expect(page).toMatch(/\*\*Pick\*\*: .*measured 70\.00 → \*\*not met\*\*/);
  });
});

describe('the hand-over reading section', () => {
  it('shows each input with its rate and whether the projected ones meet the target, and is left out of results from before it', () => {
    const sources = {
      size: 100_000,
      targetFeaturesPerSecond: 50_000,
      results: [
        { input: 'GeoJSON, lon/lat, our field names (baseline)', features: 100_000, seconds: 2.5, featuresPerSecond: 40_000, bytes: 2 ** 25, meetsTarget: null },
        { input: 'Shapefile, EPSG:4545, GBK DBF, Chinese fields', features: 100_000, seconds: 1.6, featuresPerSecond: 62_500, bytes: 2 ** 24, meetsTarget: true },
        { input: 'GeoPackage, EPSG:4544, Chinese fields', features: 100_000, seconds: 2.5, featuresPerSecond: 40_000, bytes: 2 ** 24, meetsTarget: false },
      ],
    };
    const base = input([run('ours', 2000, 6, 12), run('naive', 30_000, 1, 80)]);
    const page = renderBenchmarksMarkdown(buildResults({ ...base, sources: { status: 'ok', report: sources, runs: 3 } }));
    expect(page).toContain('### Reading hand-over files (`npm run bench:sources`)');
    expect(page).toContain('Target: ≥ 50,000 projected features/s.');
    expect(page).toContain('| GeoJSON, lon/lat, our field names (baseline) | 100,000 | 2.50 s | 40,000 | 32.0 MiB | baseline |');
    expect(page).toContain('| Shapefile, EPSG:4545, GBK DBF, Chinese fields | 100,000 | 1.60 s | 62,500 | 16.0 MiB | **met** |');
    expect(page).toContain('| GeoPackage, EPSG:4544, Chinese fields | 100,000 | 2.50 s | 40,000 | 16.0 MiB | **not met** |');
    expect(renderBenchmarksMarkdown(buildResults(base))).not.toContain('bench:sources`)');
  });
});

describe('--only keeps the other benches', () => {
  it('gives back every measured section of earlier results, marked with when it was measured, and the page shows them as before', () => {
    const earlier = buildResults(input([run('ours', 2000, 6, 12), run('naive', 30_000, 1, 80)]));
    const kept = keptSections(earlier);
    expect(Object.keys(kept).sort()).toEqual(['buildings', 'terrain', 'viewer']);
    expect(kept.terrain).toMatchObject({ status: 'ok', keptFrom: '2026-11-26T07:00:00.000Z' });
    const again = buildResults({
      ...input([run('ours', 2000, 6, 12), run('naive', 30_000, 1, 80)]),
      date: '2026-12-02T13:00:00.000Z',
      command: 'npm run bench -- --only sources',
      viewer: kept.viewer as BuildResultsInput['viewer'],
      terrain: kept.terrain!,
      buildings: kept.buildings!,
    });
    expect(again.viewer.loadRatio).toBe(earlier.viewer.loadRatio);
    expect(again.viewer.status === 'ok' && again.viewer.targets).toEqual(earlier.viewer.status === 'ok' && earlier.viewer.targets);
    const page = renderBenchmarksMarkdown(again);
    expect(page.match(/_Kept from the results measured 2026-11-26T07:00:00.000Z: not re-measured by `--only` this time._/g)).toHaveLength(3);
    expect(page).toContain('| 100,000 | synthetic | 25,000 | 300 B, 140 B | 900 MB | 120 |');
    // Kept again by a later --only: still the date it was measured.
    expect(keptSections(again).terrain).toMatchObject({ keptFrom: '2026-11-26T07:00:00.000Z' });
  });
});

describe('collected results', () => {
  it('say when their runs were measured instead of showing the load at collection time', () => {
    const results = buildResults({
      ...input([run('ours', 2000, 6, 12), run('naive', 30_000, 1, 80)]),
      command: 'npm run bench -- --collect',
      collected: { measuredFrom: '2026-11-26T11:02:08.328Z', measuredTo: '2026-11-26T15:11:53.349Z' },
    });
    const page = renderBenchmarksMarkdown(results);
    expect(page).toContain('Collected 2026-11-26T07:00:00.000Z with `npm run bench -- --collect` from the runs kept in bench/results/full/, measured between 2026-11-26T11:02:08.328Z and 2026-11-26T15:11:53.349Z');
    expect(page).not.toContain('3.5 / 2 / 1');
    const measured = renderBenchmarksMarkdown(buildResults(input([run('ours', 2000, 6, 12), run('naive', 30_000, 1, 80)])));
    expect(measured).toContain('Measured 2026-11-26T07:00:00.000Z');
    expect(measured).toContain('load average 3.5 / 2 / 1');
  });
});
