import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Dossier } from '../../../src/archive/store/archive-store.ts';
import { startApiHarness } from './api-harness.ts';

describe('archive API: ARCHIVE_READS=login', () => {
  it('reads need a session; any role may read', async () => {
    const h = await startApiHarness({ buildings: 20, api: { config: { reads: 'login' } } });
    try {
      for (const path of ['/api/buildings/YZ-00001', '/api/buildings?q=YZ', '/api/grades', '/api/stats', '/api/export?format=csv']) {
        const res = await h.http('GET', path);
        expect(res.status, path).toBe(401);
        expect(res.json()).toMatchObject({ error: 'unauthorized' });
      }
      const cookie = await h.login('viewer');
      expect((await h.http('GET', '/api/buildings/YZ-00001', { cookie })).status).toBe(200);
      expect((await h.http('GET', '/api/grades', { cookie })).status).toBe(200);
      // Login itself stays open.
      expect((await h.http('GET', '/api/session')).status).toBe(200);
    } finally {
      await h.close();
    }
  });
});

describe('archive API: restart', () => {
  const dir = mkdtempSync(join(tmpdir(), 'yz-restart-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a restarted server serves everything written before, and old sessions still work', async () => {
    const first = await startApiHarness({ buildings: 20, dir });
    const cookie = await first.login('inspector');
    const { version } = (await first.http('GET', '/api/buildings/YZ-00002')).json<Dossier>();
    const post = await first.http('POST', '/api/buildings/YZ-00002/inspections', {
      cookie,
      body: { date: '2026-11-08', findings: '重启前的巡查', hazards: ['管线老化'], grade: 'D', version },
    });
    expect(post.status).toBe(201);
    const before = (await first.http('GET', '/api/buildings/YZ-00002')).text;
    const gradesBefore = (await first.http('GET', '/api/grades')).text;
    await first.close();

    const second = await startApiHarness({ buildings: 20, dir });
    try {
      expect((await second.http('GET', '/api/buildings/YZ-00002')).text).toBe(before);
      expect((await second.http('GET', '/api/grades')).text).toBe(gradesBefore);
      expect((await second.http('GET', '/api/session', { cookie })).json()).toMatchObject({ user: { name: 'ivan' } });
      expect((await second.store.auditLog({ entity: 'YZ-00002', action: 'inspection.create' })).length).toBe(1);
    } finally {
      await second.close();
    }
  });
});
