import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ArchiveStats } from '../../../src/core/archive-stats.ts';
import { StatsFeed, type StatsSnapshot } from '../../../src/viewer/screen/stats-feed.ts';

const stats = (version: number): ArchiveStats => ({
  version,
  buildings: 10,
  byGrade: { A: 4, B: 3, C: 2, D: 1, unappraised: 0 },
  byPlanStatus: { 待评估: 1, 已立项: 0, 设计中: 0, 施工中: 0, 已完成: 0 },
  byArea: [],
  inspectionsThisMonth: version,
  month: '2026-11',
});

/** A fake /api/stats: answers from a queue of outcomes, the last one repeating. */
function fakeFetch(outcomes: Array<ArchiveStats | 'down'>) {
  const calls: number[] = [];
  const requests: Array<{ url: string; init: RequestInit }> = [];
  const fn = vi.fn(async (url: string, init: RequestInit) => {
    calls.push(Date.now());
    requests.push({ url, init });
    const next = outcomes.length > 1 ? outcomes.shift()! : outcomes[0]!;
    if (next === 'down') throw new TypeError('fetch failed');
    return new Response(JSON.stringify(next), { status: 200 });
  });
  return { fn: fn as unknown as typeof fetch, calls, requests };
}

describe('live stats feed', () => {
  beforeEach(() => vi.useFakeTimers({ now: 0 }));
  afterEach(() => vi.useRealTimers());

  it('polls every pollMs and tells only about new versions', async () => {
    const f = fakeFetch([stats(1), stats(1), stats(2)]);
    const feed = new StatsFeed({ fetch: f.fn, pollMs: 3000 });
    const seen: StatsSnapshot[] = [];
    feed.onChange((s) => seen.push(s));
    feed.start();
    await vi.advanceTimersByTimeAsync(6500);
    feed.stop();
    expect(f.calls).toEqual([0, 3000, 6000]);
    // Through the viewer's HTTP client: the archive's session cookie, asking for JSON.
    expect(f.requests[0]).toMatchObject({ url: '/api/stats', init: { method: 'GET', credentials: 'same-origin', headers: { accept: 'application/json' } } });
    expect(seen.map((s) => [s.status, s.stats?.version])).toEqual([
      ['live', 1],
      ['live', 2],
    ]);
  });

  it('backs off 1, 2, 4 s while the archive is down, keeps the last numbers, and is live again once it answers', async () => {
    const f = fakeFetch([stats(1), 'down', 'down', 'down', stats(3)]);
    const feed = new StatsFeed({ fetch: f.fn, pollMs: 3000, backoffMs: 1000, maxBackoffMs: 30_000 });
    const seen: StatsSnapshot[] = [];
    feed.onChange((s) => seen.push(s));
    feed.start();
    await vi.advanceTimersByTimeAsync(10_100);
    feed.stop();
    // 0 ok, 3000 down, +1000 down, +2000 down, +4000 ok.
    expect(f.calls).toEqual([0, 3000, 4000, 6000, 10_000]);
    expect(seen.map((s) => [s.status, s.stats?.version, s.failures])).toEqual([
      ['live', 1, 0],
      ['reconnecting', 1, 1],
      ['reconnecting', 1, 2],
      ['reconnecting', 1, 3],
      ['live', 3, 0],
    ]);
  });

  it('caps the backoff', () => {
    const feed = new StatsFeed({ backoffMs: 1000, maxBackoffMs: 30_000 });
    expect([1, 2, 3, 5, 6, 20].map((n) => feed.backoff(n))).toEqual([1000, 2000, 4000, 16_000, 30_000, 30_000]);
  });

  it('treats an answer that is not stats (a proxy page, a 503) as down', async () => {
    const fn = vi.fn(async () => new Response('<html>', { status: 503 })) as unknown as typeof fetch;
    const feed = new StatsFeed({ fetch: fn });
    feed.start();
    await vi.advanceTimersByTimeAsync(10);
    feed.stop();
    expect(feed.current).toMatchObject({ status: 'reconnecting', stats: null, failures: 1 });
  });

  it('treats JSON of another shape as down, and keeps the last good numbers', async () => {
    const { byGrade: _dropped, ...noGrades } = stats(2);
    const answers: unknown[] = [stats(1), { version: 2 }, noGrades];
    const fn = vi.fn(async () => new Response(JSON.stringify(answers.shift() ?? stats(3)), { status: 200 })) as unknown as typeof fetch;
    const feed = new StatsFeed({ fetch: fn, pollMs: 3000, backoffMs: 1000 });
    const seen: StatsSnapshot[] = [];
    feed.onChange((s) => seen.push(s));
    feed.start();
    await vi.advanceTimersByTimeAsync(6100);
    feed.stop();
    // 0 ok, 3000 {version} only, +1000 no byGrade, +2000 ok.
    expect(seen.map((s) => [s.status, s.stats?.version, s.failures])).toEqual([
      ['live', 1, 0],
      ['reconnecting', 1, 1],
      ['reconnecting', 1, 2],
      ['live', 3, 0],
    ]);
  });
});
