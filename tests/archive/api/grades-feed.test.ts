import { request, type IncomingMessage } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GradeMap } from '../../../src/archive/store/archive-store.ts';
import { ArchiveService } from '../../../src/archive/service/archive-service.ts';
import { SqliteArchiveStore } from '../../../src/archive/store/sqlite/sqlite-archive-store.ts';
import { type ApiHarness, startApiHarness } from './api-harness.ts';

function openStream(port: number, headers: Record<string, string> = {}): Promise<{ res: IncomingMessage; next: (pattern: RegExp) => Promise<string> }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/api/grades/stream', headers }, (res) => {
      res.setEncoding('utf8');
      const frames: string[] = [];
      let buffer = '';
      const waiters: Array<{ pattern: RegExp; resolve: (f: string) => void }> = [];
      const check = () => {
        for (const w of [...waiters]) {
          const i = frames.findIndex((f) => w.pattern.test(f));
          if (i >= 0) {
            waiters.splice(waiters.indexOf(w), 1);
            w.resolve(frames.splice(i, 1)[0]!);
          }
        }
      };
      res.on('data', (chunk: string) => {
        buffer += chunk;
        const parts = buffer.split('\n\n');
        buffer = parts.pop()!;
        frames.push(...parts);
        check();
      });
      resolve({ res, next: (pattern) => new Promise((r) => (waiters.push({ pattern, resolve: r }), check())) });
    });
    req.on('error', reject);
    req.end();
  });
}

const dataOf = (frame: string) => JSON.parse(frame.split('\n').find((l) => l.startsWith('data: '))!.slice(6)) as GradeMap;

describe('grades feed', () => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await startApiHarness({ buildings: 30, api: { feed: { pollMs: 100 } } });
  });
  afterAll(async () => h.close());

  it('streams changes another process commits (noticed by the version poll)', async () => {
    const stream = await openStream(h.port);
    await stream.next(/event: hello/);
    const other = new SqliteArchiveStore({ path: h.dbPath });
    const d = (await other.getDossier('YZ-00001'))!;
    await new ArchiveService(other).putPlan(
      'YZ-00001',
      { measures: ['外立面整治'], status: '待评估', start: '2026-12-01', end: '2027-03-01', budgetWan: 12, funding: ['财政'], unit: '解放碑街道', keyProject: null, version: d.version },
      { name: 'other-process', userId: null },
    );
    await other.close();
    const frame = await stream.next(/event: grades/);
    expect(dataOf(frame).buildings).toEqual({ 'YZ-00001': ['A', '待评估'] });
    stream.res.destroy();
  });

  it('a reconnecting client gets what it missed (Last-Event-ID)', async () => {
    const { version } = (await h.http('GET', '/api/grades')).json<GradeMap>();
    const cookie = await h.login('inspector');
    const dossier = (await h.http('GET', '/api/buildings/YZ-00005')).json<{ version: number }>();
    await h.http('POST', '/api/buildings/YZ-00005/inspections', { cookie, body: { date: '2026-11-09', findings: '离线期间的变化', grade: 'D', version: dossier.version } });
    const stream = await openStream(h.port, { 'last-event-id': String(version) });
    const frame = await stream.next(/event: grades/);
    expect(dataOf(frame)).toMatchObject({ since: version, buildings: { 'YZ-00005': ['D', null] } });
    stream.res.destroy();
  });

  it('?since= from the future (another database) gets the whole map; the ETag moves with each change', async () => {
    const full = (await h.http('GET', '/api/grades?since=999999')).json<GradeMap>();
    expect(full.since).toBeNull();
    expect(Object.keys(full.buildings)).toHaveLength(30);
    const etag1 = (await h.http('GET', '/api/grades')).headers.etag;
    const cookie = await h.login('inspector');
    const dossier = (await h.http('GET', '/api/buildings/YZ-00009')).json<{ version: number }>();
    await h.http('POST', '/api/buildings/YZ-00009/inspections', { cookie, body: { date: '2026-11-09', findings: '复核', grade: 'C', version: dossier.version } });
    const res = await h.http('GET', '/api/grades', { headers: { 'if-none-match': String(etag1) } });
    expect(res.status).toBe(200);
    expect(res.headers.etag).not.toBe(etag1);
    expect(res.json<GradeMap>().buildings['YZ-00009']).toEqual(['C', null]);
  });

  it('closing the server ends open streams instead of hanging', async () => {
    const local = await startApiHarness({ buildings: 5 });
    const stream = await openStream(local.port);
    await stream.next(/event: hello/);
    const ended = new Promise((r) => stream.res.on('end', r));
    await local.close();
    await ended;
  });
});
