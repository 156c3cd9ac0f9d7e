/**
 * What any ArchiveStore must do, through the interface alone: the SQLite store runs it
 * today, and a PostgreSQL adapter can run the same suite with its own factory.
 */
import { describe, expect, it } from 'vitest';
import type { ArchiveStore } from '../../../src/archive/store/archive-store.ts';
import { fixtureDistrict } from '../fixtures/fixture-district.ts';
import { footprintCentroid } from '../../../src/archive/import/registry-reader.ts';

export function archiveStoreContract(name: string, makeStore: () => Promise<{ store: ArchiveStore; cleanup: () => Promise<void> }>): void {
  const district = fixtureDistrict(24);
  const registry = district.buildings.features.map((f) => {
    const [lon, lat] = footprintCentroid(f.geometry)!;
    return { properties: f.properties, lon, lat, footprint: f.geometry, areaIds: ['core-jiefangbei'] };
  });
  const areas = [{ id: 'core-jiefangbei', kind: 'core' as const, name: '解放碑中央商务区', nameEn: 'Jiefangbei CBD' }];
  const system = { name: 'contract', userId: null };

  const withStore = (test: (store: ArchiveStore) => Promise<void>) => async () => {
    const { store, cleanup } = await makeStore();
    try {
      await store.importRegistry(registry, areas, system);
      await store.importArchive(district.records, system);
      await test(store);
    } finally {
      await cleanup();
    }
  };

  describe(`ArchiveStore contract: ${name}`, () => {
    it('imports idempotently and exports what it imported', withStore(async (store) => {
      const version = await store.dataVersion();
      expect(await store.importArchive(district.records, system)).toMatchObject({ appraisalsAdded: 0, plansChanged: 0, unchanged: 24 });
      expect(await store.importRegistry(registry, areas, system)).toMatchObject({ added: 0, changed: 0 });
      expect(await store.dataVersion()).toBe(version);
      expect(await store.exportRecords()).toEqual(district.records);
      expect((await store.exportFeatures()).map((f) => f.summary.code)).toEqual(district.records.map((r) => r.code));
      expect(await store.knownCodes()).toEqual(new Set(district.records.map((r) => r.code)));
    }));

    it('records inspections with optimistic concurrency and audits them', withStore(async (store) => {
      const d = (await store.getDossier('YZ-00001'))!;
      const input = { date: '2026-11-01', findings: '复查', hazards: [], grade: 'C' as const, photos: [], version: d.version };
      const first = await store.recordInspection('YZ-00001', input, { name: 'ivan', userId: null });
      expect(first).toMatchObject({ ok: true, value: { version: d.version + 1, appraisal: { grade: 'C', source: 'inspection' } } });
      expect(await store.recordInspection('YZ-00001', input, { name: 'ivan', userId: null })).toMatchObject({ ok: false, error: { kind: 'stale_version' } });
      expect(await store.recordInspection('YZ-99999', input, { name: 'ivan', userId: null })).toMatchObject({ ok: false, error: { kind: 'not_found' } });
      expect((await store.getDossier('YZ-00001'))!.grade).toBe('C');
      expect((await store.auditLog({ entity: 'YZ-00001', action: 'inspection.create' }))[0]).toMatchObject({ actor: 'ivan' });
    }));

    it('puts plans and moves the grade map', withStore(async (store) => {
      const { version: mapVersion } = await store.gradeMap();
      const d = (await store.getDossier('YZ-00002'))!;
      const plan = { measures: ['节能改造' as const], status: '已立项' as const, start: '2026-01-01', end: '2026-12-31', budgetWan: 10, funding: ['财政' as const], unit: '渝中区', keyProject: null };
      expect(await store.putPlan('YZ-00002', { ...plan, version: d.version }, system)).toMatchObject({ ok: true, value: { created: true } });
      expect((await store.gradeMap(mapVersion)).buildings).toEqual({ 'YZ-00002': ['B', '已立项'] });
      const s = await store.stats(new Date());
      expect(s.byPlanStatus['已立项']).toBeGreaterThan(0);
      expect(s.byArea[0]).toMatchObject({ id: 'core-jiefangbei', buildings: 24 });
    }));

    it('gives an area’s buildings with heritage, grade and plan measures (the before/after view), null for an unknown area', withStore(async (store) => {
      const found = (await store.areaPlans('core-jiefangbei'))!;
      expect(found.area).toEqual(areas[0]);
      expect(found.buildings.map((b) => b.code)).toEqual(district.records.map((r) => r.code));
      for (const b of found.buildings) {
        const record = district.records.find((r) => r.code === b.code)!;
        expect(b).toMatchObject({ grade: record.appraisal?.grade ?? null, measures: record.plan?.measures ?? null, planStatus: record.plan?.status ?? null });
      }
      expect(found.buildings.find((b) => b.code === 'YZ-00006')?.heritage).toBe(true);
      expect(await store.areaPlans('zone-nowhere')).toBeNull();
    }));

    it('searches and pages', withStore(async (store) => {
      const page = await store.search({ q: 'yz-0001', page: 1, pageSize: 5 });
      expect(page.total).toBe(10);
      expect(page.items.map((b) => b.code)).toEqual(['YZ-00010', 'YZ-00011', 'YZ-00012', 'YZ-00013', 'YZ-00014']);
    }));

    it('keeps users and sessions', withStore(async (store) => {
      const user = await store.createUser('ada', 'admin', 'hash', system);
      expect(user.ok).toBe(true);
      if (!user.ok) return;
      await store.createSession('token-hash', user.value.id, new Date(Date.now() + 60_000));
      expect(await store.sessionUser('token-hash', new Date())).toMatchObject({ name: 'ada', role: 'admin' });
      await store.deleteSession('token-hash');
      expect(await store.sessionUser('token-hash', new Date())).toBeNull();
      expect((await store.listUsers()).map((u) => u.name)).toEqual(['ada']);
      expect(await store.countUsers()).toBe(1);
    }));
  });
}
