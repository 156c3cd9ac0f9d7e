/**
 * What any ArchiveStore must do, through the interface alone: the SQLite store runs it
 * today, and a PostgreSQL adapter can run the same suite with its own factory. Writes go
 * through the service (`src/archive/service/`), which holds the domain rules and hands
 * its decisions to the store's transaction: so the suite proves that a backend carries
 * the rules out (current grade, back-dated and future dates, heritage plans, current
 * hazards), the lifelines lookups the pipe risk is computed from, and the lifelines
 * import through the store interface (`importLifelines` knows no database: replacing the
 * network, one import at a time, and keeping the old network whole when an import fails
 * are the store's).
 */
import { describe, expect, it } from 'vitest';
import type { ArchiveStore, LifelineBatch } from '../../../src/archive/store/archive-store.ts';
import { importLifelines } from '../../../src/archive/lifelines/lifeline-importer.ts';
import { ArchiveService } from '../../../src/archive/service/archive-service.ts';
import { RiskOptionError } from '../../../src/archive/service/lifelines.ts';
import type { RawFeature } from '../../../src/sources/raw-feature.ts';
import { fixtureDistrict } from '../fixtures/fixture-district.ts';
import { footprintCentroid } from '../../../src/archive/import/registry-reader.ts';

export interface ContractStore {
  store: ArchiveStore;
  cleanup: () => Promise<void>;
}

export function archiveStoreContract(name: string, makeStore: () => Promise<ContractStore>): void {
  const district = fixtureDistrict(24);
  const registry = district.buildings.features.map((f) => {
    const [lon, lat] = footprintCentroid(f.geometry)!;
    return { properties: f.properties, lon, lat, footprint: f.geometry, areaIds: ['core-jiefangbei'] };
  });
  const areas = [{ id: 'core-jiefangbei', kind: 'core' as const, name: '解放碑中央商务区', nameEn: 'Jiefangbei CBD' }];
  const system = { name: 'contract', userId: null };

  // Inspections dated before this "today" (2026-12-15 in Chongqing) are allowed.
  const clock = () => new Date('2026-12-15T04:00:00Z');
  const withStore = (test: (store: ArchiveStore, service: ArchiveService) => Promise<void>) => async () => {
    const { store, cleanup } = await makeStore();
    try {
      const service = new ArchiveService(store, { clock });
      await store.importRegistry(registry, areas, system);
      await service.importArchive(district.records, system);
      await test(store, service);
    } finally {
      await cleanup();
    }
  };

  // A small network: pipes under a D and an A building, and one far from everything.
  const dangerous = district.records.find((r) => r.appraisal?.grade === 'D')!.code;
  const safe = district.records.find((r) => r.appraisal?.grade === 'A')!.code;
  const inside = (code: string, shift = 0): number[][] => {
    const ring = district.buildings.features.find((f) => f.properties.id === code)!.geometry.coordinates[0]!;
    const [x, y] = ring[0]!;
    // A short pipe well inside the footprint, more than 15 m from every neighbour.
    return [[x! + 0.00005, y! + 0.0001 + shift], [x! + 0.00015, y! + 0.0001 + shift]];
  };
  const pipe = (id: string, coordinates: number[][], install_year: number, condition: string, network = 'gas'): RawFeature => ({
    index: 0,
    id,
    geometry: { type: 'LineString', coordinates },
    properties: { id, network, diameter_mm: 200, depth_m: 1.2, material: 'PE', install_year, condition, pressure: network === 'gas' ? '中压' : null },
  });
  const network = [
    pipe('OLD-UNDER-D', inside(dangerous), 1980, '良好'),
    pipe('NEW-UNDER-D', inside(dangerous), 2020, '良好', 'water'),
    pipe('POOR-UNDER-A', inside(safe), 2020, '危险'),
    pipe('FAR', [[106.6, 29.6], [106.6005, 29.6]], 1970, '危险'),
  ];
  const imported = async <T>(result: { ok: true; value: T } | { ok: false; error: string }): Promise<T> => {
    if (!result.ok) throw new Error(result.error);
    return result.value;
  };
  /** A segment row as an importer hands it to the store. */
  const extraSegment = (id: string) => ({
    id, network: 'gas' as const, diameter_mm: 100, depth_m: 1, material: 'PE', install_year: 2000, condition: '良好' as const, pressure: null,
    length_m: 9.7, lon: 106.6, lat: 29.6, geometry: { type: 'LineString' as const, coordinates: [[106.6, 29.6], [106.6001, 29.6]] },
  });
  /** Everything the lifeline routes and /api/stats read, for before/after comparisons. */
  const lifelineReads = async (store: ArchiveStore, service: ArchiveService) => {
    const now = new Date('2026-12-15T04:00:00Z');
    const risk = await service.lifelines.risk({ now, ageYears: 5 });
    return {
      maxDistanceM: await store.lifelineMaxDistanceM(),
      stats: (await service.stats(now)).lifelines,
      risk,
      segments: await Promise.all(network.map(async (f) => await service.lifelines.segment(f.id as string, { now }))),
      dangerous: await service.lifelines.buildingPipes(dangerous, { now }),
      safe: await service.lifelines.buildingPipes(safe, { now, distanceM: 50 }),
    };
  };

  describe(`ArchiveStore contract: ${name}`, () => {
    it('imports idempotently and exports what it imported', withStore(async (store, service) => {
      const version = await store.dataVersion();
      expect(await service.importArchive(district.records, system)).toMatchObject({ appraisalsAdded: 0, plansChanged: 0, unchanged: 24 });
      expect(await store.importRegistry(registry, areas, system)).toMatchObject({ added: 0, changed: 0 });
      expect(await store.dataVersion()).toBe(version);
      expect(await store.exportRecords()).toEqual(district.records);
      expect((await store.exportFeatures()).map((f) => f.summary.code)).toEqual(district.records.map((r) => r.code));
      expect(await store.knownCodes()).toEqual(new Set(district.records.map((r) => r.code)));
    }));

    it('records inspections with optimistic concurrency and audits them', withStore(async (store, service) => {
      const d = (await store.getDossier('YZ-00001'))!;
      const input = { date: '2026-11-01', findings: '复查', hazards: [], grade: 'C' as const, photos: [], version: d.version };
      const first = await service.recordInspection('YZ-00001', input, { name: 'ivan', userId: null });
      expect(first).toMatchObject({ ok: true, value: { version: d.version + 1, appraisal: { grade: 'C', source: 'inspection' } } });
      expect(await service.recordInspection('YZ-00001', input, { name: 'ivan', userId: null })).toMatchObject({ ok: false, error: { kind: 'stale_version' } });
      expect(await service.recordInspection('YZ-99999', input, { name: 'ivan', userId: null })).toMatchObject({ ok: false, error: { kind: 'not_found' } });
      expect((await store.getDossier('YZ-00001'))!.grade).toBe('C');
      expect((await store.auditLog({ entity: 'YZ-00001', action: 'inspection.create' }))[0]).toMatchObject({ actor: 'ivan' });
    }));

    it('puts plans and moves the grade map', withStore(async (store, service) => {
      const { version: mapVersion } = await store.gradeMap();
      const d = (await store.getDossier('YZ-00002'))!;
      const plan = { measures: ['节能改造' as const], status: '已立项' as const, start: '2026-01-01', end: '2026-12-31', budgetWan: 10, funding: ['财政' as const], unit: '渝中区', keyProject: null };
      expect(await service.putPlan('YZ-00002', { ...plan, version: d.version }, system)).toMatchObject({ ok: true, value: { created: true } });
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

    it('keeps the latest appraisal’s grade: a back-dated grade change is recorded but does not apply, and says so', withStore(async (store, service) => {
      const code = district.records.find((r) => r.appraisal?.grade === 'C')!.code;
      const d = (await store.getDossier(code))!;
      const latest = d.appraisals[0]!;
      const r = await service.recordInspection(code, { date: '2020-01-01', findings: '旧记录补录', hazards: [], grade: 'A', photos: [], version: d.version }, system);
      expect(r).toMatchObject({ ok: true, value: { gradeApplied: false, currentAppraisal: { date: latest.date, grade: 'C' }, appraisal: { grade: 'A', date: '2020-01-01' } } });
      if (r.ok) expect(r.value.message).toContain('grade stays C');
      const after = (await service.dossier(code))!;
      expect(after.grade).toBe('C');
      expect(after.appraisals.map((a) => a.grade)).toEqual(['C', 'A']);
      // A grade change dated the latest appraisal's day wins: it was recorded after it.
      const sameDay = await service.recordInspection(code, { date: latest.date, findings: '同日复核', hazards: [], grade: 'D', photos: [], version: after.version }, system);
      expect(sameDay).toMatchObject({ ok: true, value: { gradeApplied: true, message: null, currentAppraisal: { date: latest.date, grade: 'D' } } });
      expect((await store.getDossier(code))!.grade).toBe('D');
      expect((await store.gradeMap()).buildings[code]![0]).toBe('D');
    }));

    it('refuses an inspection dated after today, before looking the building up, and stores nothing', withStore(async (store, service) => {
      const d = (await store.getDossier('YZ-00001'))!;
      const version = await store.dataVersion();
      const input = { date: '2026-12-16', findings: '未来', hazards: [], grade: 'D' as const, photos: [], version: d.version };
      expect(await service.recordInspection('YZ-00001', input, system)).toMatchObject({ ok: false, error: { kind: 'future_date' } });
      expect(await service.recordInspection('YZ-99999', input, system)).toMatchObject({ ok: false, error: { kind: 'future_date' } });
      expect(await store.dataVersion()).toBe(version);
      expect((await store.getDossier('YZ-00001'))!.inspections).toHaveLength(0);
      expect(await service.recordInspection('YZ-00001', { ...input, date: '2026-12-15' }, system)).toMatchObject({ ok: true });
    }));

    it('takes the current hazards from the newest record, appraisal or inspection', withStore(async (store, service) => {
      const record = district.records.find((r) => r.appraisal && r.appraisal.hazards.length > 0)!;
      expect((await service.dossier(record.code))!.hazards).toEqual(record.appraisal!.hazards);
      const d = (await store.getDossier(record.code))!;
      await service.recordInspection(record.code, { date: '2010-01-01', findings: '旧', hazards: ['燃气隐患'], photos: [], version: d.version }, system);
      expect((await service.dossier(record.code))!.hazards).toEqual(record.appraisal!.hazards);
      const d2 = (await store.getDossier(record.code))!;
      await service.recordInspection(record.code, { date: record.appraisal!.date, findings: '同日', hazards: [], photos: [], version: d2.version }, system);
      expect((await service.dossier(record.code))!.hazards).toEqual([]);
    }));

    it('never plans the demolition of a heritage building; an unchanged plan writes nothing', withStore(async (store, service) => {
      const d = (await store.getDossier('YZ-00006'))!;
      expect(d.building.heritage).toBe(true);
      const plan = { measures: ['拆除重建' as const], status: '待评估' as const, start: '2026-01-01', end: '2026-12-31', budgetWan: 10, funding: ['财政' as const], unit: '渝中区', keyProject: null };
      const refused = await service.putPlan('YZ-00006', { ...plan, version: d.version }, system);
      expect(refused).toMatchObject({ ok: false, error: { kind: 'invalid' } });
      if (!refused.ok && refused.error.kind === 'invalid') expect(refused.error.message).toContain('heritage buildings are repaired, never demolished');
      expect((await store.getDossier('YZ-00006'))!.version).toBe(d.version);
      const other = (await store.getDossier('YZ-00007'))!;
      const first = await service.putPlan('YZ-00007', { ...plan, version: other.version }, system);
      expect(first).toMatchObject({ ok: true });
      const again = await service.putPlan('YZ-00007', { ...plan, version: other.version + 1 }, system);
      expect(again).toMatchObject({ ok: true, value: { created: false, version: other.version + 1 } });
      expect(await service.putPlan('YZ-00007', { ...plan, version: other.version }, system)).toMatchObject({ ok: false, error: { kind: 'stale_version', current: other.version + 1 } });
    }));

    it('imports an older appraisal into the history without moving the grade; a newer one moves it', withStore(async (store, service) => {
      const record = district.records.find((r) => r.appraisal?.grade === 'A')!;
      const older = { ...record, plan: null, appraisal: { ...record.appraisal!, date: '2001-01-01', grade: 'D' as const } };
      expect(await service.importArchive([older], system)).toMatchObject({ appraisalsAdded: 1, gradesChanged: 0 });
      expect((await store.getDossier(record.code))!.grade).toBe('A');
      const newer = { ...older, appraisal: { ...older.appraisal, date: '2026-12-01', grade: 'B' as const } };
      expect(await service.importArchive([newer], system)).toMatchObject({ appraisalsAdded: 1, gradesChanged: 1 });
      expect((await store.getDossier(record.code))!.grade).toBe('B');
      expect((await store.getDossier(record.code))!.appraisals).toHaveLength(3);
    }));

    it('answers pipe risk from its lifeline lookups, following the current grades', withStore(async (store, service) => {
      // Nothing imported: zeros, and no segment.
      expect(await store.lifelineMaxDistanceM()).toBe(0);
      expect((await service.stats(new Date())).lifelines).toMatchObject({ ageYears: 30, distanceM: 15, segments: 0, total: 0, byNetwork: { gas: 0, water: 0 } });
      await imported(await importLifelines(store, network));
      const now = new Date('2026-12-15T04:00:00Z');
      expect(await store.lifelineMaxDistanceM()).toBe(50);
      const risk = await service.lifelines.risk({ now });
      expect(risk).toMatchObject({ ageYears: 30, distanceM: 15, segments: 4, total: 1, ids: ['OLD-UNDER-D'] });
      expect(risk.byNetwork).toMatchObject({ gas: 1, water: 0 });
      // At 5 years the 2020 pipe counts as old too.
      expect((await service.lifelines.risk({ now, ageYears: 5 })).ids).toEqual(['NEW-UNDER-D', 'OLD-UNDER-D']);

      const segment = (await service.lifelines.segment('OLD-UNDER-D', { now }))!;
      expect(segment.segment).toMatchObject({ id: 'OLD-UNDER-D', network: 'gas', installYear: 1980, ageYears: 46, old: true, poorCondition: false, atRisk: true });
      expect(segment.buildings[0]).toMatchObject({ code: dangerous, grade: 'D', distanceM: 0, under: true });
      expect(segment.buildings.map((b) => b.distanceM)).toEqual(segment.buildings.map((b) => b.distanceM).sort((a, b) => a - b));
      expect((await service.lifelines.segment('FAR', { now }))!).toMatchObject({ buildings: [], segment: { atRisk: false, old: true, poorCondition: true } });
      expect(await service.lifelines.segment('NO-SUCH', { now })).toBeNull();

      const near = (await service.lifelines.buildingPipes(dangerous, { now }))!;
      expect(near).toMatchObject({ code: dangerous, grade: 'D' });
      expect(near.pipes.map((p) => [p.id, p.atRisk, p.under])).toEqual([['NEW-UNDER-D', false, true], ['OLD-UNDER-D', true, true]]);
      // A poor pipe under an A building is not at risk: no C/D building within the distance.
      expect((await service.lifelines.buildingPipes(safe, { now }))!.pipes.map((p) => [p.id, p.poorCondition, p.atRisk])).toEqual([['POOR-UNDER-A', true, false]]);
      expect(await service.lifelines.buildingPipes('YZ-99999', { now })).toBeNull();
      await expect(service.lifelines.risk({ distanceM: 80 })).rejects.toBeInstanceOf(RiskOptionError);

      expect((await service.stats(now)).lifelines).toMatchObject({ segments: 4, total: 1 });
      // The risk follows the grade: upgrading the D building clears it, downgrading the A building raises the poor pipe.
      const d = (await store.getDossier(dangerous))!;
      expect(await service.recordInspection(dangerous, { date: '2026-12-14', findings: '加固完成', hazards: [], grade: 'A', photos: [], version: d.version }, system)).toMatchObject({ ok: true });
      const a = (await store.getDossier(safe))!;
      expect(await service.recordInspection(safe, { date: '2026-12-14', findings: '开裂', hazards: [], grade: 'C', photos: [], version: a.version }, system)).toMatchObject({ ok: true });
      expect((await service.lifelines.risk({ now })).ids).toEqual(['POOR-UNDER-A']);
      expect((await service.lifelines.buildingPipes(safe, { now }))!.pipes[0]).toMatchObject({ id: 'POOR-UNDER-A', atRisk: true });
    }));

    it('reads every building and pipe at once for the analysis tools: footprint, grade, plan, areas; line, network, depth', withStore(async (store, service) => {
      expect(await store.lifelineLines()).toEqual([]);
      const { buildings, areas: stored } = await store.analysisBuildings();
      expect(stored).toEqual(areas);
      expect(buildings.map((b) => b.code)).toEqual(district.buildings.features.map((f) => f.properties.id).sort());
      for (const f of district.buildings.features) {
        const b = buildings.find((x) => x.code === f.properties.id)!;
        const rec = district.records.find((r) => r.code === f.properties.id)!;
        expect(b).toEqual({
          code: f.properties.id, address: f.properties.address, grade: rec.appraisal?.grade ?? null,
          plan: rec.plan ? { measures: rec.plan.measures, status: rec.plan.status } : null,
          areaIds: ['core-jiefangbei'], footprint: f.geometry,
        });
      }
      // A grade change shows at once.
      const code = district.records.find((r) => r.appraisal?.grade === 'A')!.code;
      const dossier = (await store.getDossier(code))!;
      const done = await service.recordInspection(code, { date: '2026-12-01', findings: '墙体开裂', hazards: [], grade: 'C', photos: [], version: dossier.version }, system);
      expect(done.ok).toBe(true);
      expect((await store.analysisBuildings()).buildings.find((b) => b.code === code)!.grade).toBe('C');
      await imported(await importLifelines(store, network));
      const lines = await store.lifelineLines();
      expect(lines.map((l) => l.id)).toEqual(network.map((f) => f.id as string).sort());
      expect(lines.find((l) => l.id === 'FAR')).toEqual({ id: 'FAR', network: 'gas', depthM: 1.2, geometry: { type: 'LineString', coordinates: [[106.6, 29.6], [106.6005, 29.6]] } });
    }));

    it('imports lifelines through the store: the routes’ and /api/stats’ reads find them, and a re-import replaces the network', withStore(async (store, service) => {
      const version = await store.dataVersion();
      const first = await imported(await importLifelines(store, network));
      expect(first).toMatchObject({ segments: 4, maxDistanceM: 50, problems: [] });
      expect(await store.dataVersion()).toBeGreaterThan(version);
      const reads = await lifelineReads(store, service);
      expect(reads).toMatchObject({ maxDistanceM: 50, stats: { segments: 4 }, risk: { segments: 4 } });
      expect(reads.segments.every((s) => s !== null)).toBe(true);
      // Every pair the import counted is one a lookup at the full distance finds.
      const pairs = await Promise.all(network.map(async (f) => (await service.lifelines.segment(f.id as string, { distanceM: 50 }))!.buildings.length));
      expect(pairs.reduce((a, b) => a + b, 0)).toBe(first.pairs);
      // The same file again: the same network.
      expect((await imported(await importLifelines(store, network))).pairs).toBe(first.pairs);
      expect(await lifelineReads(store, service)).toEqual(reads);

      // A re-survey: FAR is gone, a new pipe lies under the A building, the old pipe under D turns out to be new.
      const resurvey = [
        pipe('OLD-UNDER-D', inside(dangerous), 2021, '良好'),
        network[1]!,
        network[2]!,
        pipe('GAS-UNDER-A', inside(safe, 0.00002), 1975, '良好'),
      ];
      expect(await imported(await importLifelines(store, resurvey))).toMatchObject({ segments: 4 });
      const now = new Date('2026-12-15T04:00:00Z');
      expect(await service.lifelines.segment('FAR', { now })).toBeNull();
      expect((await service.lifelines.segment('OLD-UNDER-D', { now }))!.segment).toMatchObject({ installYear: 2021, old: false, atRisk: false });
      expect((await service.lifelines.buildingPipes(safe, { now }))!.pipes.map((p) => p.id)).toEqual(['GAS-UNDER-A', 'POOR-UNDER-A']);
      expect(await service.lifelines.risk({ now })).toMatchObject({ segments: 4, total: 0, ids: [] });
      expect((await service.stats(now)).lifelines).toMatchObject({ segments: 4, total: 0 });
    }));

    it('leaves the previous network whole when a lifelines import fails or is refused, and the next import goes ahead', withStore(async (store, service) => {
      await imported(await importLifelines(store, network));
      const before = await lifelineReads(store, service);
      const version = await store.dataVersion();
      const unchanged = async () => {
        expect(await lifelineReads(store, service)).toEqual(before);
        expect(await store.dataVersion()).toBe(version);
      };
      // The rows' source breaks after the first batch (a reader error, a bug in the measuring).
      async function* breaking(): AsyncGenerator<LifelineBatch> {
        yield { segments: [extraSegment('HALF-WRITTEN')], proximity: [{ segmentId: 'HALF-WRITTEN', code: dangerous, distanceM: 1 }] };
        throw new Error('the survey reader broke');
      }
      await expect(store.replaceLifelines({ maxDistanceM: 20, decide: () => null, batches: breaking() })).rejects.toThrow('the survey reader broke');
      await unchanged();
      // Refused by the rule, which is asked with the count stored: nothing is written.
      const asked: number[] = [];
      expect(await store.replaceLifelines({ maxDistanceM: 20, decide: (stored) => (asked.push(stored), '拒绝 / refused'), batches: [] })).toEqual({ ok: false, error: { kind: 'refused', message: '拒绝 / refused' } });
      expect(asked).toEqual([4]);
      const empty = await importLifelines(store, []);
      expect(empty.ok).toBe(false);
      if (!empty.ok) expect(empty.error).toContain('the file has no valid pipe segments');
      const half = await importLifelines(store, network.slice(0, 2));
      expect(half.ok).toBe(false);
      if (!half.ok) expect(half.error).toContain('50 % fewer pipe segments');
      await unchanged();
      // Nothing is left holding the import: the same network goes in again.
      await imported(await importLifelines(store, network));
      expect(await lifelineReads(store, service)).toEqual(before);
      expect(await store.dataVersion()).toBeGreaterThan(version);
    }));

    it('runs one lifelines import at a time: a second while the first is under way is refused and changes nothing', withStore(async (store, service) => {
      await imported(await importLifelines(store, network));
      const before = await lifelineReads(store, service);
      let entered!: () => void;
      let open!: () => void;
      const underWay = new Promise<void>((resolve) => (entered = resolve));
      const gate = new Promise<void>((resolve) => (open = resolve));
      async function* slow(): AsyncGenerator<LifelineBatch> {
        entered();
        await gate;
        yield { segments: [extraSegment('ONLY')], proximity: [{ segmentId: 'ONLY', code: dangerous, distanceM: 1 }] };
      }
      const first = store.replaceLifelines({ maxDistanceM: 50, decide: () => null, batches: slow() });
      await underWay;
      const second = await importLifelines(store, network);
      expect(second.ok).toBe(false);
      if (!second.ok) expect(second.error).toMatch(/另一个管线导入正在进行.*another lifelines import is running/s);
      // Readers still see the old network whole while the first is under way.
      expect(await lifelineReads(store, service)).toEqual(before);
      open();
      expect(await first).toMatchObject({ ok: true, value: { segments: 1, pairs: 1 } });
      expect((await service.stats(new Date())).lifelines.segments).toBe(1);
      expect((await service.lifelines.buildingPipes(dangerous, { distanceM: 50 }))!.pipes.map((p) => p.id)).toEqual(['ONLY']);
      // Done: the next import goes ahead.
      await imported(await importLifelines(store, network));
      expect(await lifelineReads(store, service)).toEqual(before);
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
