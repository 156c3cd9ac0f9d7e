/**
 * The viewer's analysis client against a stand-in fetch: the URLs it asks, the flood
 * report checked against its contract, and the analysis grid decoded from the bytes
 * the build writes (encoded here with the codec), with each failure as the one HTTP
 * client reports it.
 */
import { describe, expect, it } from 'vitest';
import { encodeAnalysisGrid } from '../../../src/core/analysis/analysis-grid.ts';
import type { FloodReport } from '../../../src/core/api/analysis-contracts.ts';
import { ANALYSIS_GRID_URL, fetchAnalysisGrid, fetchFloodReport, floodCsvUrl } from '../../../src/viewer/api/analysis-client.ts';
import { ArchiveError } from '../../../src/viewer/api/http-client.ts';

function stand(answer: (url: string) => Response | Promise<Response>) {
  const calls: Array<{ url: string; init: RequestInit | undefined }> = [];
  const fetch = (async (url: string, init?: RequestInit) => {
    calls.push({ url, init });
    return answer(url);
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

async function rejection(p: Promise<unknown>): Promise<ArchiveError> {
  const e = await p.then(() => null, (x: unknown) => x);
  expect(e).toBeInstanceOf(ArchiveError);
  return e as ArchiveError;
}

const REPORT: FloodReport = {
  level: 182.01, floodedAreaM2: 1.5e7, maxDepthM: 29.8, floodedCells: 621541,
  buildings: [{ code: 'YZ-00001', address: '嘉滨路1号', grade: 'C', plan: '抗震加固 · 施工中', areaId: 'belt-riverside', areaName: '两江滨江带', groundM: 178.2, depthM: 3.81 }],
  byGrade: [{ key: 'C', count: 1 }], byArea: [{ key: 'belt-riverside', name: '两江滨江带', count: 1 }],
  pipes: [{ id: 'W-1', network: 'water', depthM: null, lengthM: 120, floodedLengthM: 40, maxWaterDepthM: 2 }],
  totalFloodedLengthM: 40, skipped: [],
};

describe('the flood report', () => {
  it('asks /api/analysis/flood with the level and returns the checked report', async () => {
    const s = stand(() => new Response(JSON.stringify(REPORT), { status: 200 }));
    await expect(fetchFloodReport(182.01, undefined, { fetch: s.fetch })).resolves.toEqual(REPORT);
    expect(s.calls[0]!.url).toBe('/api/analysis/flood?level=182.01');
  });

  it('names a wrong shape (bad_response) and passes on the server’s 404', async () => {
    const wrong = stand(() => new Response(JSON.stringify({ ...REPORT, buildings: [{ code: 1 }] }), { status: 200 }));
    const e = await rejection(fetchFloodReport(182, undefined, { fetch: wrong.fetch }));
    expect([e.status, e.code]).toEqual([502, 'bad_response']);
    expect(e.message).toContain('buildings.0');
    const missing = stand(() => new Response(JSON.stringify({ error: 'no_analysis_grid', message: '… / … run the build' }), { status: 404 }));
    const m = await rejection(fetchFloodReport(182, undefined, { fetch: missing.fetch }));
    expect([m.status, m.code]).toEqual([404, 'no_analysis_grid']);
  });

  it('builds the CSV download URL', () => {
    expect(floodCsvUrl(190.13, 'pipes')).toBe('/api/analysis/flood.csv?level=190.13&list=pipes');
    expect(floodCsvUrl(-1.5, 'buildings', 'http://a.test')).toBe('http://a.test/api/analysis/flood.csv?level=-1.5&list=buildings');
  });
});

describe('the analysis grid', () => {
  const grid = { width: 3, height: 2, west: 106.5, north: 29.6, dx: 1e-4, dy: 1e-4, data: Float32Array.of(171.234, 180, Number.NaN, 200.5, 160, 175) };
  const bytes = encodeAnalysisGrid({ grid, riverCells: Uint32Array.of(4, 1) });

  it('fetches /tiles/terrain/analysis-grid.bin and decodes it', async () => {
    const s = stand(() => new Response(bytes.buffer as ArrayBuffer, { status: 200 }));
    const a = await fetchAnalysisGrid(undefined, { fetch: s.fetch });
    expect(s.calls[0]!.url).toBe(ANALYSIS_GRID_URL);
    expect(ANALYSIS_GRID_URL).toBe('/tiles/terrain/analysis-grid.bin');
    expect(s.calls[0]!.init?.credentials).toBe('same-origin');
    expect([...a.riverCells]).toEqual([1, 4]);
    expect(a.grid.data[0]).toBeCloseTo(171.23, 4);
    expect(a.grid.data[2]).toBeNaN();
  });

  it('fails as the HTTP client does: 404 says to build, HTML is bad_grid, no answer is network, an abort is the abort', async () => {
    const e404 = await rejection(fetchAnalysisGrid(undefined, { fetch: stand(() => new Response('not found', { status: 404 })).fetch }));
    expect([e404.status, e404.code]).toEqual([404, 'not_found']);
    expect(e404.message).toMatch(/run the build/);
    const html = await rejection(fetchAnalysisGrid(undefined, { fetch: stand(() => new Response('<!doctype html><html><body>viewer</body></html>'.repeat(3), { status: 200 })).fetch }));
    expect([html.status, html.code]).toEqual([502, 'bad_grid']);
    expect(html.message).toMatch(/YZAG/);
    const down = await rejection(fetchAnalysisGrid(undefined, { fetch: stand(() => Promise.reject(new TypeError('fetch failed'))).fetch }));
    expect([down.status, down.code, down.unavailable]).toEqual([0, 'network', true]);
    const ctrl = new AbortController();
    ctrl.abort();
    const abortError = new DOMException('aborted', 'AbortError');
    const aborted = await fetchAnalysisGrid(ctrl.signal, { fetch: stand(() => Promise.reject(abortError)).fetch }).catch((x: unknown) => x);
    expect(aborted).toBe(abortError);
  });
});
