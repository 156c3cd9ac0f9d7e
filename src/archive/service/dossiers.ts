/** The dossier as the API answers it: the stored records plus what is derived from them (the current hazards). */
import type { ArchiveStore, Dossier } from '../store/archive-store.ts';
import { currentHazards } from './current-record.ts';

export async function readDossier(store: ArchiveStore, code: string): Promise<Dossier | null> {
  const d = await store.getDossier(code);
  if (!d) return null;
  // Field order as the API has always answered.
  return {
    building: d.building,
    version: d.version,
    grade: d.grade,
    hazards: currentHazards(d.appraisals, d.inspections),
    appraisals: d.appraisals,
    inspections: d.inspections,
    plan: d.plan,
    areas: d.areas,
  };
}
