/**
 * `/api/stats`, live, for the wall screen: polled every few seconds (the route is
 * cached per archive version, so a poll that finds nothing new is cheap), and after a
 * failure retried with a growing delay until the archive answers again — e.g. after
 * it restarts. One timer at a time and one listener: nothing grows while it runs.
 * Requests go through the viewer's one HTTP client and the answer is checked against
 * the API contract (ArchiveStatsSchema: `lifelines` optional, as from an older
 * server), so a proxy page or a body of another shape counts as "down", not as stats.
 */
import { type ArchiveStats, ArchiveStatsSchema } from '../../core/api/stats-contracts.ts';
import { requestParsed } from '../api/http-client.ts';

export type StatsStatus = 'connecting' | 'live' | 'reconnecting';

export interface StatsFeedOptions {
  url: string;
  /** Between successful polls (ms); ≤ 3000 keeps a new inspection on screen within 5 s. */
  pollMs: number;
  /** First retry delay after a failure (ms); doubles up to `maxBackoffMs`. */
  backoffMs: number;
  maxBackoffMs: number;
  /** The fetch the HTTP client calls; default undefined: the page's own (tests inject a stand-in). */
  fetch: typeof fetch | undefined;
}

export const DEFAULT_STATS_FEED_OPTIONS: StatsFeedOptions = {
  url: '/api/stats',
  pollMs: 3000,
  backoffMs: 1000,
  maxBackoffMs: 30_000,
  fetch: undefined,
};

export interface StatsSnapshot {
  status: StatsStatus;
  stats: ArchiveStats | null;
  /** Failures in a row (0 when live). */
  failures: number;
}

export class StatsFeed {
  private readonly options: StatsFeedOptions;
  private snapshot: StatsSnapshot = { status: 'connecting', stats: null, failures: 0 };
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running = false;
  private listener: ((s: StatsSnapshot) => void) | null = null;

  constructor(options: Partial<StatsFeedOptions> = {}) {
    this.options = { ...DEFAULT_STATS_FEED_OPTIONS, ...options };
  }

  get current(): StatsSnapshot {
    return this.snapshot;
  }

  onChange(listener: ((s: StatsSnapshot) => void) | null): void {
    this.listener = listener;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    void this.poll();
  }

  stop(): void {
    this.running = false;
    clearTimeout(this.timer);
  }

  /** The delay before retry number `failures` (1-based). */
  backoff(failures: number): number {
    return Math.min(this.options.maxBackoffMs, this.options.backoffMs * 2 ** Math.max(0, failures - 1));
  }

  private async poll(): Promise<void> {
    let next: number;
    try {
      const stats: ArchiveStats = await requestParsed(this.options.url, ArchiveStatsSchema, { fetch: this.options.fetch });
      const previous = this.snapshot;
      // Same version and month and already live: nothing to redraw.
      const same = previous.status === 'live' && previous.stats?.version === stats.version && previous.stats.month === stats.month;
      this.snapshot = { status: 'live', stats: same ? previous.stats : stats, failures: 0 };
      if (!same) this.listener?.(this.snapshot);
      next = this.options.pollMs;
    } catch {
      const failures = this.snapshot.failures + 1;
      // Keep the last numbers on screen, marked as reconnecting.
      this.snapshot = { status: 'reconnecting', stats: this.snapshot.stats, failures };
      this.listener?.(this.snapshot);
      next = this.backoff(failures);
    }
    if (this.running) this.timer = setTimeout(() => void this.poll(), next);
  }
}
