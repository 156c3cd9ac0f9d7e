/**
 * The viewer's live grades feed against a scripted archive: a stand-in fetch and
 * EventSource (the browser's own are not in Node). What matters is that a grade
 * pushed by the archive reaches the map, including after stop() then start(), which
 * React's StrictMode does to every effect in development builds.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { GradesFeed } from '../../src/viewer/api/grades-feed.ts';

type Listener = (event: { data: string }) => void;

class FakeEventSource {
  static opened: FakeEventSource[] = [];
  readonly listeners = new Map<string, Listener[]>();
  onerror: (() => void) | null = null;
  closed = false;
  constructor(readonly url: string) {
    FakeEventSource.opened.push(this);
  }
  addEventListener(type: string, listener: Listener): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  close(): void {
    this.closed = true;
  }
  emit(type: string, data: unknown): void {
    for (const l of this.listeners.get(type) ?? []) l({ data: JSON.stringify(data) });
  }
}

function gradesResponse(body: unknown): Response {
  return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
}

const FULL = { version: 7, since: null, buildings: { 'YZ-00001': ['A', null], 'YZ-00002': ['C', '施工中'] } };

/** A feed and the changes it announces. */
function recordingFeed() {
  const feed = new GradesFeed();
  const changes: string[][] = [];
  feed.onGrades((c) => changes.push(c));
  return { feed, changes };
}

describe('GradesFeed', () => {
  let fetched: string[];
  beforeEach(() => {
    vi.useFakeTimers();
    FakeEventSource.opened = [];
    fetched = [];
    vi.stubGlobal('EventSource', FakeEventSource);
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string) => {
        fetched.push(url);
        return gradesResponse(url === '/api/grades' ? FULL : { version: 9, since: 7, buildings: { 'YZ-00001': ['D', null] } });
      }),
    );
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('loads the whole map, then opens the stream from that version and applies pushed changes', async () => {
    const { feed, changes } = recordingFeed();
    feed.start();
    await vi.waitFor(() => expect(FakeEventSource.opened).toHaveLength(1));
    expect(changes).toEqual([['YZ-00001', 'YZ-00002']]);
    const source = FakeEventSource.opened[0]!;
    expect(source.url).toBe('/api/grades/stream?since=7');
    source.emit('hello', { version: 7 });
    expect(feed.status).toBe('live');
    source.emit('grades', { version: 8, since: 7, buildings: { 'YZ-00002': ['D', '施工中'] } });
    expect(changes.at(-1)).toEqual(['YZ-00002']);
    expect(feed.grades.get('YZ-00002')).toBe('D');
    feed.stop();
  });

  it('stays live after stop() then start() (StrictMode): one stream, and its events recolour', async () => {
    const { feed, changes } = recordingFeed();
    feed.start();
    feed.stop();
    feed.start();
    await vi.waitFor(() => expect(FakeEventSource.opened.filter((s) => !s.closed)).toHaveLength(1));
    // The first run's fetch landed after its stop: it must not open a second stream.
    await vi.advanceTimersByTimeAsync(10);
    const open = FakeEventSource.opened.filter((s) => !s.closed);
    expect(open).toHaveLength(1);
    open[0]!.emit('grades', { version: 8, since: 7, buildings: { 'YZ-00001': ['B', null] } });
    expect(feed.grades.get('YZ-00001')).toBe('B');
    expect(changes.at(-1)).toEqual(['YZ-00001']);
    feed.stop();
  });

  it('ignores what a stopped run still receives', async () => {
    const feed = new GradesFeed();
    feed.start();
    await vi.waitFor(() => expect(FakeEventSource.opened).toHaveLength(1));
    const source = FakeEventSource.opened[0]!;
    feed.stop();
    expect(source.closed).toBe(true);
    source.emit('grades', { version: 8, since: 7, buildings: { 'YZ-00001': ['D', null] } });
    expect(feed.grades.get('YZ-00001')).toBe('A');
  });

  it('falls back to polling since its version when the stream fails', async () => {
    const feed = new GradesFeed();
    feed.start();
    await vi.waitFor(() => expect(FakeEventSource.opened).toHaveLength(1));
    FakeEventSource.opened[0]!.onerror!();
    await vi.advanceTimersByTimeAsync(2_100);
    expect(fetched).toContain('/api/grades?since=7');
    await vi.waitFor(() => expect(feed.grades.get('YZ-00001')).toBe('D'));
    expect(feed.status).toBe('polling');
    feed.stop();
  });
});
