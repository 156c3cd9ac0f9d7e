import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dossier } from '../../../src/archive/store/archive-store.ts';
import { type ApiHarness, startApiHarness } from './api-harness.ts';

// 2026-12-01T17:30Z is already 2026-12-02 in Chongqing.
const NOW = new Date('2026-12-01T17:30:00Z');

describe('inspection dates: not after today; a back-dated grade change says it was not applied', () => {
  let h: ApiHarness;
  let inspector: string;
  const dossier = async (code: string) => (await h.http('GET', `/api/buildings/${code}`)).json<Dossier>();
  const inspect = async (code: string, body: Record<string, unknown>) => {
    const d = await dossier(code);
    return h.http('POST', `/api/buildings/${code}/inspections`, { cookie: inspector, body: { findings: '巡查', version: d.version, ...body } });
  };

  beforeAll(async () => {
    h = await startApiHarness({ buildings: 10, api: { clock: () => NOW } });
    inspector = await h.login('inspector');
  });
  afterAll(async () => h.close());

  it('9999-12-31 with grade A is refused (400 future_date, the field named in both languages); the later real D applies', async () => {
    const before = await dossier('YZ-00005');
    const future = await inspect('YZ-00005', { date: '9999-12-31', grade: before.grade === 'A' ? 'B' : 'A' });
    expect(future.status).toBe(400);
    expect(future.json()).toMatchObject({ error: 'future_date' });
    expect(future.json<{ message: string }>().message).toMatch(/巡查日期 date（9999-12-31）晚于今天（2026-12-02，北京时间）.*\/ date \(9999-12-31\) is after today \(2026-12-02, Asia\/Shanghai\)/);
    expect((await dossier('YZ-00005')).version).toBe(before.version);
    // Tomorrow in Chongqing is refused too; today in Chongqing (still yesterday in UTC) is fine.
    expect((await inspect('YZ-00005', { date: '2026-12-03' })).status).toBe(400);
    const real = await inspect('YZ-00005', { date: '2026-12-02', grade: 'D' });
    expect(real.status).toBe(201);
    expect(real.json()).toMatchObject({ gradeApplied: true, currentAppraisal: { date: '2026-12-02', grade: 'D' }, message: null });
    expect((await dossier('YZ-00005')).grade).toBe('D');
  });

  it('a back-dated grade change is recorded but not applied, and the 201 says so with the newer appraisal', async () => {
    const current = await inspect('YZ-00006', { date: '2026-12-01', grade: 'C' });
    expect(current.status).toBe(201);
    const backdated = await inspect('YZ-00006', { date: '2020-05-01', grade: 'A' });
    expect(backdated.status).toBe(201);
    const out = backdated.json<{ gradeApplied: boolean; currentAppraisal: unknown; message: string; appraisal: { grade: string } }>();
    expect(out.appraisal).toMatchObject({ grade: 'A' });
    expect(out.gradeApplied).toBe(false);
    expect(out.currentAppraisal).toEqual({ date: '2026-12-01', grade: 'C' });
    expect(out.message).toMatch(/等级未改为 A.*2026-12-01.* \/ recorded, but the grade stays C: a newer appraisal \(2026-12-01, grade C\)/);
    expect((await dossier('YZ-00006')).grade).toBe('C');
  });

  it('an inspection without a grade change reports the grade as applied', async () => {
    const res = await inspect('YZ-00007', { date: '2026-11-30' });
    expect(res.status).toBe(201);
    expect(res.json()).toMatchObject({ gradeApplied: true, message: null });
  });
});
