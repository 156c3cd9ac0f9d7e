/**
 * The map's colour source: the whole code → [grade, plan status] map as a cached,
 * pre-gzipped body with its ETag (rebuilt only when the archive version moves), the
 * changes since a version, and a server-sent event stream that pushes those changes
 * to open viewers. Writes through this server notify at once; writes by another
 * process (an import next to the server) are noticed by a cheap version poll that
 * runs only while someone listens.
 */
import type { ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import type { ArchiveStore, GradeMap } from '../store/archive-store.ts';

export interface GradesBody {
  version: number;
  etag: string;
  json: Buffer;
  gzip: Buffer;
}

export interface GradesFeedOptions {
  /** How often to look for other processes' writes while streams are open (ms). Default 2000. */
  pollMs?: number;
  /** Comment line that keeps proxies from closing idle streams (ms). Default 25 000. */
  heartbeatMs?: number;
}

export class GradesFeed {
  private body: GradesBody | undefined;
  private building: Promise<GradesBody> | undefined;
  private readonly clients = new Set<ServerResponse>();
  private lastBroadcast = -1;
  private poll: NodeJS.Timeout | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  private readonly pollMs: number;
  private readonly heartbeatMs: number;

  constructor(
    private readonly store: ArchiveStore,
    options: GradesFeedOptions = {},
  ) {
    this.pollMs = options.pollMs ?? 2000;
    this.heartbeatMs = options.heartbeatMs ?? 25_000;
  }

  /** The full map for the current version, built at most once per version. */
  async full(): Promise<GradesBody> {
    const version = await this.store.dataVersion();
    if (this.body?.version === version) return this.body;
    if (!this.building) {
      this.building = (async () => {
        const map = await this.store.gradeMap();
        const json = Buffer.from(JSON.stringify(map));
        // Level 9 once per version: the body is built rarely and fetched by every viewer.
        const body = { version: map.version, etag: `"grades-${map.version}"`, json, gzip: gzipSync(json, { level: 9 }) };
        this.body = body;
        return body;
      })().finally(() => (this.building = undefined));
    }
    return this.building;
  }

  since(version: number): Promise<GradeMap> {
    return this.store.gradeMap(version);
  }

  get listeners(): number {
    return this.clients.size;
  }

  /** Starts an event stream on a hijacked response; sends what changed after `since` first. */
  async subscribe(res: ServerResponse, since: number | undefined): Promise<void> {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    const version = await this.store.dataVersion();
    if (this.lastBroadcast < 0) this.lastBroadcast = version;
    res.write(`retry: 3000\n\n`);
    res.write(`event: hello\nid: ${version}\ndata: ${JSON.stringify({ version })}\n\n`);
    if (since !== undefined && since < version) {
      const delta = await this.store.gradeMap(since);
      res.write(`event: grades\nid: ${delta.version}\ndata: ${JSON.stringify(delta)}\n\n`);
    }
    this.clients.add(res);
    res.on('close', () => {
      this.clients.delete(res);
      if (this.clients.size === 0) this.stopTimers();
    });
    this.startTimers();
  }

  /** Pushes what changed since the last push to every open stream. Call after each write. */
  async notify(): Promise<void> {
    if (this.clients.size === 0) {
      this.lastBroadcast = -1;
      return;
    }
    const version = await this.store.dataVersion();
    if (version <= this.lastBroadcast) return;
    const delta = await this.store.gradeMap(this.lastBroadcast);
    this.lastBroadcast = delta.version;
    // Every change bumps the version, but only grade or plan-status changes reach the map.
    if (Object.keys(delta.buildings).length === 0) return;
    const frame = `event: grades\nid: ${delta.version}\ndata: ${JSON.stringify(delta)}\n\n`;
    for (const res of this.clients) res.write(frame);
  }

  /** Ends every stream (server shutdown: open streams would keep it waiting). */
  closeAll(): void {
    this.stopTimers();
    for (const res of this.clients) res.end();
    this.clients.clear();
  }

  private startTimers(): void {
    this.poll ??= setInterval(() => void this.notify().catch(() => {}), this.pollMs).unref();
    this.heartbeat ??= setInterval(() => {
      for (const res of this.clients) res.write(': keep-alive\n\n');
    }, this.heartbeatMs).unref();
  }

  private stopTimers(): void {
    clearInterval(this.poll);
    clearInterval(this.heartbeat);
    this.poll = undefined;
    this.heartbeat = undefined;
  }
}
