/**
 * Live grades for the map: the whole code → grade map once (/api/grades), then each
 * change as the server pushes it (/api/grades/stream, server-sent events). If the
 * stream fails (a proxy that buffers, the archive restarting) it polls
 * /api/grades?since=<version> every POLL_MS and tries the stream again now and then,
 * so a grade changed anywhere shows on every open viewer within seconds.
 * `status` says whether the archive answers: the banner reads it.
 */
import { type GradeMap, type GradesPayload, mergeGrades } from '../layers/building-colouring.ts';
import { ArchiveError, requestJson } from './http-client.ts';

interface GradesBody {
  version: number;
  since: number | null;
  buildings: GradesPayload;
}

export type FeedStatus = 'connecting' | 'live' | 'polling' | 'down';

const POLL_MS = 2000;
/** Polls between attempts to get the stream back. */
const POLLS_PER_STREAM_RETRY = 15;
/** Backoff while the archive does not answer at all. */
const DOWN_RETRY_MS = 5000;

export class GradesFeed {
  readonly grades: GradeMap = new Map();
  version = -1;
  status: FeedStatus = 'connecting';
  private source: EventSource | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private polls = 0;
  /** The current run (see start); 0 or a stale number means stopped. */
  private run = 0;
  private readonly gradeListeners = new Set<(changed: string[]) => void>();
  private readonly statusListeners = new Set<(status: FeedStatus) => void>();

  /**
   * Starts (or restarts) the feed. Each start is a new run: work still in flight from an
   * earlier run (a fetch, a timer) is dropped when it lands, so stop() then start() —
   * which React's StrictMode does to every effect in development — leaves exactly one
   * live feed instead of a stopped one.
   */
  start(): void {
    this.stop();
    const run = ++this.run;
    void this.loadFull(run);
  }

  stop(): void {
    this.run++;
    this.source?.close();
    this.source = null;
    clearTimeout(this.timer);
  }

  /** Called with the codes whose grade changed (all of them after the first load). */
  onGrades(listener: (changed: string[]) => void): () => void {
    this.gradeListeners.add(listener);
    return () => this.gradeListeners.delete(listener);
  }

  onStatus(listener: (status: FeedStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  /** Applies a change this viewer made itself at once, before the stream echoes it. */
  applyLocal(code: string, grade: GradesPayload[string][0]): void {
    this.emit(mergeGrades(this.grades, { [code]: [grade, null] }));
  }

  private setStatus(status: FeedStatus): void {
    if (this.status === status) return;
    this.status = status;
    for (const l of this.statusListeners) l(status);
  }

  private emit(changed: string[]): void {
    if (changed.length === 0) return;
    for (const l of this.gradeListeners) l(changed);
  }

  private apply(body: GradesBody): void {
    if (body.version < this.version && body.since !== null) return;
    this.version = Math.max(this.version, body.version);
    this.emit(mergeGrades(this.grades, body.buildings));
  }

  private async fetchGrades(since: number | null): Promise<GradesBody> {
    const url = since === null ? '/api/grades' : `/api/grades?since=${since}`;
    const body = await requestJson<GradesBody>(url);
    if (typeof body?.version !== 'number' || typeof body.buildings !== 'object') throw new ArchiveError(502, 'not_grades', `不是等级数据 / ${url}: not a grades body`);
    return body;
  }

  private async loadFull(run: number): Promise<void> {
    let body: GradesBody;
    try {
      body = await this.fetchGrades(null);
    } catch (error) {
      if (run !== this.run) return;
      console.warn(`档案服务不可用 / archive unavailable: ${error instanceof Error ? error.message : String(error)}`);
      this.setStatus('down');
      this.timer = setTimeout(() => void this.loadFull(run), DOWN_RETRY_MS);
      return;
    }
    if (run !== this.run) return;
    this.apply(body);
    this.openStream(run);
  }

  private openStream(run: number): void {
    if (run !== this.run) return;
    if (typeof EventSource === 'undefined') return this.schedulePoll(run);
    this.source?.close();
    const source = new EventSource(`/api/grades/stream?since=${this.version}`);
    this.source = source;
    source.addEventListener('hello', () => this.setStatus('live'));
    source.addEventListener('grades', (event) => {
      if (run !== this.run) return;
      try {
        this.apply(JSON.parse((event as MessageEvent<string>).data) as GradesBody);
      } catch (error) {
        console.warn('等级事件无法解析 / bad grades event', error);
      }
    });
    source.onerror = () => {
      // Fall back to polling; EventSource's own retries would hide a dead proxy.
      source.close();
      if (this.source !== source) return;
      this.source = null;
      this.polls = 0;
      this.schedulePoll(run);
    };
  }

  private schedulePoll(run: number): void {
    if (run !== this.run) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.poll(run), this.status === 'down' ? DOWN_RETRY_MS : POLL_MS);
  }

  private async poll(run: number): Promise<void> {
    try {
      const body = await this.fetchGrades(this.version < 0 ? null : this.version);
      if (run !== this.run) return;
      this.apply(body);
      this.setStatus('polling');
      if (++this.polls >= POLLS_PER_STREAM_RETRY) return this.openStream(run);
    } catch {
      if (run !== this.run) return;
      this.setStatus('down');
    }
    this.schedulePoll(run);
  }
}
