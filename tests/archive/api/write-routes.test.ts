import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dossier, GradeMap, UserRecord } from '../../../src/archive/store/archive-store.ts';
import { type ApiHarness, TEST_PASSWORD, startApiHarness } from './api-harness.ts';

const PLAN = {
  measures: ['危房改造', '加装电梯'],
  status: '已立项',
  start: '2026-01-01',
  end: '2027-12-31',
  budgetWan: 320.5,
  funding: ['财政', '专项债'],
  unit: '渝中区住房城乡建委',
  keyProject: '十八梯片区城市更新',
};

describe('archive API: sessions and writes', () => {
  let h: ApiHarness;
  let inspector: string;
  let planner: string;
  let admin: string;
  let viewer: string;
  const dossier = async (code: string) => (await h.http('GET', `/api/buildings/${code}`)).json<Dossier>();

  beforeAll(async () => {
    h = await startApiHarness();
    [inspector, planner, admin, viewer] = await Promise.all([h.login('inspector'), h.login('planner'), h.login('admin'), h.login('viewer')]);
  });
  afterAll(async () => h.close());

  it('login sets an httpOnly cookie; only the token hash is stored; logout ends the session', async () => {
    const res = await h.http('POST', '/api/session', { body: { name: 'ivan', password: TEST_PASSWORD } });
    expect(res.status).toBe(200);
    expect(res.json()).toMatchObject({ user: { name: 'ivan', role: 'inspector' } });
    expect(res.text).not.toContain('argon2');
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/yz_session=[\w-]{40,}/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    const cookie = setCookie.split(';')[0]!;
    const token = cookie.split('=')[1]!;
    const stored = h.store.db.prepare('SELECT token_hash FROM sessions').pluck().all() as string[];
    expect(stored).not.toContain(token);
    expect((await h.http('GET', '/api/session', { cookie })).json()).toMatchObject({ user: { name: 'ivan' } });
    expect((await h.http('DELETE', '/api/session', { cookie })).status).toBe(200);
    expect((await h.http('GET', '/api/session', { cookie })).json()).toEqual({ user: null });
    const after = await h.http('POST', '/api/buildings/YZ-00001/inspections', { cookie, body: { date: '2026-11-01', findings: 'x', version: 1 } });
    expect(after.status).toBe(401);
  });

  it('wrong password or unknown user → 401 with the same message', async () => {
    const a = await h.http('POST', '/api/session', { body: { name: 'ivan', password: 'wrong-password' } });
    const b = await h.http('POST', '/api/session', { body: { name: 'nobody', password: 'wrong-password' } });
    expect(a.status).toBe(401);
    expect(b.status).toBe(401);
    expect(a.json()).toEqual(b.json());
  });

  it('POST inspection without grade change: stored, version bumps, grade stays', async () => {
    const before = await dossier('YZ-00001');
    const res = await h.http('POST', '/api/buildings/YZ-00001/inspections', {
      cookie: inspector,
      body: { date: '2026-11-03', findings: '未见明显异常', hazards: [], photos: ['photos/YZ-00001/2026-11-03-1.jpg'], version: before.version },
    });
    expect(res.status).toBe(201);
    const out = res.json<{ inspection: { inspector: string; gradeBefore: string; gradeAfter: string }; appraisal: null; version: number }>();
    expect(out.appraisal).toBeNull();
    expect(out.inspection).toMatchObject({ inspector: 'ivan', gradeBefore: 'A', gradeAfter: 'A' });
    expect(out.version).toBe(before.version + 1);
    const after = await dossier('YZ-00001');
    expect(after.grade).toBe('A');
    expect(after.inspections).toHaveLength(1);
    expect(after.inspections[0]!.photos).toEqual(['photos/YZ-00001/2026-11-03-1.jpg']);
  });

  it('a grade change creates an appraisal, moves the map, and is in the audit log', async () => {
    const { version: mapVersion } = (await h.http('GET', '/api/grades')).json<GradeMap>();
    const before = await dossier('YZ-00002');
    const res = await h.http('POST', '/api/buildings/YZ-00002/inspections', {
      cookie: inspector,
      body: { date: '2026-11-04', findings: '承重墙出现贯通裂缝', hazards: ['结构裂缝'], grade: 'C', version: before.version },
    });
    expect(res.status).toBe(201);
    const after = await dossier('YZ-00002');
    expect(after.grade).toBe('C');
    expect(after.appraisals[0]).toMatchObject({ date: '2026-11-04', grade: 'C', source: 'inspection', hazards: ['结构裂缝'] });
    expect(after.hazards).toEqual(['结构裂缝']);
    const delta = (await h.http('GET', `/api/grades?since=${mapVersion}`)).json<GradeMap>();
    expect(delta.buildings).toEqual({ 'YZ-00002': ['C', null] });
    const audit = await h.store.auditLog({ entity: 'YZ-00002' });
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['appraisal.create', 'inspection.create']));
    const entry = audit.find((a) => a.action === 'inspection.create')!;
    expect(entry.actor).toBe('ivan');
    expect(entry.before).toMatchObject({ grade: 'B' });
    expect(entry.after).toMatchObject({ grade: 'C' });
  });

  it('stale version → 409 and nothing is written', async () => {
    const before = await dossier('YZ-00005');
    const body = { date: '2026-11-05', findings: '检查', version: before.version - 1 };
    const res = await h.http('POST', '/api/buildings/YZ-00005/inspections', { cookie: inspector, body });
    expect(res.status).toBe(409);
    expect(res.json()).toMatchObject({ error: 'stale_version', message: expect.stringMatching(/reload/) });
    expect((await dossier('YZ-00005')).inspections).toHaveLength(0);
  });

  it('no session → 401, wrong role → 403', async () => {
    const body = { date: '2026-11-05', findings: '检查', version: 1 };
    expect((await h.http('POST', '/api/buildings/YZ-00005/inspections', { body })).status).toBe(401);
    // Authorisation comes before validation: anonymous callers learn nothing about the body rules.
    expect((await h.http('POST', '/api/buildings/YZ-00005/inspections', { body: {} })).status).toBe(401);
    expect((await h.http('POST', '/api/buildings/YZ-00005/inspections', { rawBody: 'x'.repeat(200_000) })).status).toBe(401);
    const asViewer = await h.http('POST', '/api/buildings/YZ-00005/inspections', { cookie: viewer, body });
    expect(asViewer.status).toBe(403);
    expect(asViewer.json()).toMatchObject({ error: 'forbidden' });
    expect((await h.http('POST', '/api/buildings/YZ-00005/inspections', { cookie: planner, body })).status).toBe(403);
    expect((await h.http('PUT', '/api/buildings/YZ-00005/plan', { cookie: inspector, body: { ...PLAN, version: 1 } })).status).toBe(403);
    expect((await h.http('PUT', '/api/buildings/YZ-00005/plan', { body: { ...PLAN, version: 1 } })).status).toBe(401);
    expect((await h.http('POST', '/api/users', { cookie: planner, body: { name: 'x1', role: 'viewer', password: 'long-enough-pw' } })).status).toBe(403);
  });

  it('PUT plan creates then replaces the plan (planner and admin)', async () => {
    const d = await dossier('YZ-00006');
    expect(d.plan).toBeNull();
    const created = await h.http('PUT', '/api/buildings/YZ-00006/plan', { cookie: planner, body: { ...PLAN, version: d.version } });
    expect(created.status).toBe(201);
    const { version } = created.json<{ version: number }>();
    const replaced = await h.http('PUT', '/api/buildings/YZ-00006/plan', { cookie: admin, body: { ...PLAN, status: '施工中', version } });
    expect(replaced.status).toBe(200);
    const after = await dossier('YZ-00006');
    expect(after.plan).toMatchObject({ status: '施工中', budgetWan: 320.5, updatedBy: 'ada' });
    expect(after.building.planStatus).toBe('施工中');
    const stale = await h.http('PUT', '/api/buildings/YZ-00006/plan', { cookie: planner, body: { ...PLAN, version } });
    expect(stale.status).toBe(409);
    const audit = await h.store.auditLog({ entity: 'YZ-00006' });
    expect(audit.filter((a) => a.action.startsWith('plan.')).map((a) => a.action)).toEqual(['plan.create', 'plan.update']);
  });

  it('a heritage building may not get a demolition plan (422)', async () => {
    const d = await dossier('YZ-00006'); // fixture: i % 97 === 5 is heritage
    expect(d.building.heritage).toBe(true);
    const res = await h.http('PUT', '/api/buildings/YZ-00006/plan', { cookie: planner, body: { ...PLAN, measures: ['拆除重建'], version: d.version } });
    expect(res.status).toBe(422);
    expect(res.json()).toMatchObject({ error: 'invalid', message: expect.stringMatching(/heritage/) });
    expect((await dossier('YZ-00006')).version).toBe(d.version);
  });

  it('admin creates users; duplicates → 409; the new user can log in', async () => {
    const res = await h.http('POST', '/api/users', { cookie: admin, body: { name: 'zhang.san', role: 'inspector', password: 'a-long-password' } });
    expect(res.status).toBe(201);
    expect(res.json<UserRecord>()).toMatchObject({ name: 'zhang.san', role: 'inspector', createdBy: 'ada' });
    expect((await h.http('POST', '/api/users', { cookie: admin, body: { name: 'zhang.san', role: 'viewer', password: 'a-long-password' } })).status).toBe(409);
    expect((await h.http('POST', '/api/users', { cookie: admin, body: { name: 'li.si', role: 'viewer', password: 'short' } })).status).toBe(400);
    expect((await h.http('POST', '/api/session', { body: { name: 'zhang.san', password: 'a-long-password' } })).status).toBe(200);
    const list = (await h.http('GET', '/api/users', { cookie: admin })).json<UserRecord[]>();
    expect(list.map((u) => u.name)).toContain('zhang.san');
  });

  it('100 concurrent inspection posts: all stored, audit complete, nothing lost', async () => {
    const codes = Array.from({ length: 100 }, (_, i) => `YZ-${String(100 + i).padStart(5, '0')}`);
    const versions = await Promise.all(codes.map(async (c) => (await dossier(c)).version));
    const auditBefore = (await h.store.auditLog({ action: 'inspection.create' })).length;
    const results = await Promise.all(
      codes.map((code, i) =>
        h.http('POST', `/api/buildings/${code}/inspections`, {
          cookie: inspector,
          body: { date: '2026-11-06', findings: `批量巡查 ${i}`, hazards: ['消防隐患'], grade: i % 2 ? 'D' : undefined, version: versions[i] },
        }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(codes.map(() => 201));
    const stored = h.store.db.prepare("SELECT count(*) FROM inspections WHERE date = '2026-11-06'").pluck().get();
    expect(stored).toBe(100);
    const audit = await h.store.auditLog({ action: 'inspection.create' });
    expect(audit.length - auditBefore).toBe(100);
    for (const [i, code] of codes.entries()) {
      const d = await dossier(code);
      expect(d.inspections.some((x) => x.findings === `批量巡查 ${i}`)).toBe(true);
      if (i % 2) expect(d.grade).toBe('D');
    }
  });

  it('10 concurrent posts with the same version on one building: exactly one wins, nine get 409', async () => {
    const { version } = await dossier('YZ-00020');
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        h.http('POST', '/api/buildings/YZ-00020/inspections', { cookie: inspector, body: { date: '2026-11-07', findings: `race ${i}`, version } }),
      ),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(9);
    expect((await dossier('YZ-00020')).inspections).toHaveLength(1);
  });

  it('stats count this month’s inspections', async () => {
    const stats = (await h.http('GET', '/api/stats')).json<{ inspectionsThisMonth: number; month: string }>();
    expect(stats.month).toMatch(/^\d{4}-\d{2}$/);
    const expected = h.store.db.prepare('SELECT count(*) FROM inspections WHERE substr(date, 1, 7) = ?').pluck().get(stats.month);
    expect(stats.inspectionsThisMonth).toBe(expected);
  });
});

describe('login throttle', () => {
  it('after 5 wrong passwords from one address, that name from that address is refused with 429 and Retry-After, even with the right password', async () => {
    const h = await startApiHarness({ buildings: 5 });
    try {
      for (let i = 0; i < 5; i++) expect((await h.http('POST', '/api/session', { body: { name: 'pia', password: `guess-${i}` } })).status).toBe(401);
      const blocked = await h.http('POST', '/api/session', { body: { name: 'pia', password: TEST_PASSWORD } });
      expect(blocked.status).toBe(429);
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
      expect(blocked.json()).toMatchObject({ error: 'too_many_attempts' });
      // Other names are unaffected.
      expect((await h.http('POST', '/api/session', { body: { name: 'ada', password: TEST_PASSWORD } })).status).toBe(200);
    } finally {
      await h.close();
    }
  });
});
