import { describe, expect, it } from 'vitest';
import { medianOfReports } from '../../bench/median-of-reports.ts';
import { median, percentile, ratio } from '../../bench/stats.ts';
import type { ViewerRun } from '../../bench/viewer/viewer-run.ts';
import { compareViewers } from '../../bench/viewer/viewer-summary.ts';
import { featureSubset } from '../../bench/viewer/bench-server.ts';

describe('stats', () => {
  it('takes the median of the finite values only', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([null, 5, undefined, NaN])).toBe(5);
    expect(median([])).toBeNull();
  });
  it('takes nearest-rank percentiles', () => {
    const v = Array.from({ length: 20 }, (_, i) => i + 1);
    expect(percentile(v, 95)).toBe(19);
    expect(percentile(v, 100)).toBe(20);
    expect(percentile(v, 50)).toBe(10);
  });
  it('gives no ratio for a missing or zero divisor', () => {
    expect(ratio(30, 4)).toBe(7.5);
    expect(ratio(1, 0)).toBeNull();
    expect(ratio(null, 2)).toBeNull();
  });
});

describe('medianOfReports', () => {
  it('takes the median of every number at the same path, strings from the first run', () => {
    const runs = [
      { when: 'a', seconds: 10, results: [{ size: 2000, perSecond: 100 }], leaf: { max: 1 } },
      { when: 'b', seconds: 30, results: [{ size: 2000, perSecond: 300 }], leaf: { max: 3 } },
      { when: 'c', seconds: 20, results: [{ size: 2000, perSecond: 200 }], leaf: { max: 2 } },
    ];
    expect(medianOfReports(runs)).toEqual({ when: 'a', seconds: 20, results: [{ size: 2000, perSecond: 200 }], leaf: { max: 2 } });
  });
});

function run(kind: 'ours' | 'naive', loadMs: number | null, fps: number, clickMs: number[]): ViewerRun {
  const load = { timedOut: loadMs === null, loadMs, buildingsMs: loadMs === null ? null : loadMs / 2, buildingsDrawn: kind === 'ours' ? 600 : 14_000, streaming: { requests: 10, bytes: kind === 'ours' ? 1000 : 5000 } };
  return {
    kind,
    opening: load,
    street: load,
    memory: { jsHeapBytes: 100, webgl: { buffers: 10, textures: 20 }, tilesetBytes: kind === 'ours' ? 50 : null },
    clicks: clickMs.map((ms, i) => ({ code: `YZ-${i}`, expected: `YZ-${i}`, ms })),
    flight: { frames: fps * 10, seconds: 10, fps },
    errors: [],
  };
}

describe('compareViewers', () => {
  it('gives naive ÷ ours for load and bytes, ours ÷ naive for fps, medians over runs', () => {
    const runs = [run('ours', 1000, 4, [5, 6]), run('naive', 30_000, 1, [40, 50]), run('ours', 3000, 6, [7]), run('naive', 10_000, 2, [60]), run('ours', 2000, 5, [8]), run('naive', 20_000, 3, [70])];
    const c = compareViewers(runs, 600_000);
    expect(c.ours.opening.loadMs).toBe(2000);
    expect(c.naive.opening.loadMs).toBe(20_000);
    expect(c.loadRatio).toBe(10);
    expect(c.ours.opening.buildingsMs).toBe(1000);
    expect(c.buildingsLoadRatio).toBe(10);
    expect(c.ours.opening.buildingsDrawn).toBe(600);
    expect(c.loadRatioIsLowerBound).toBe(false);
    expect(c.fpsRatio).toBe(2.5);
    expect(c.openingBytesRatio).toBe(5);
    expect(c.ours.pick).toMatchObject({ clicks: 4, identified: 4, medianMs: 6.5, firstMs: 7 });
  });
  it('counts a timed-out naive run as the timeout and marks the ratio a lower bound', () => {
    const runs = [run('ours', 1000, 4, [5]), run('naive', null, 1, []), run('ours', 1000, 4, [5]), run('naive', null, 1, [])];
    const c = compareViewers(runs, 60_000);
    expect(c.naive.opening).toMatchObject({ loadMs: 60_000, timedOutRuns: 2, loadIsLowerBound: true });
    expect(c.loadRatio).toBe(60);
    expect(c.loadRatioIsLowerBound).toBe(true);
  });
});

describe('featureSubset', () => {
  it('keeps the first features of the collection', () => {
    const text = JSON.stringify({ type: 'FeatureCollection', features: [1, 2, 3].map((id) => ({ type: 'Feature', properties: { id }, geometry: null })) });
    const subset = JSON.parse(featureSubset(text, 2)) as { type: string; features: Array<{ properties: { id: number } }> };
    expect(subset.type).toBe('FeatureCollection');
    expect(subset.features.map((f) => f.properties.id)).toEqual([1, 2]);
  });
});
