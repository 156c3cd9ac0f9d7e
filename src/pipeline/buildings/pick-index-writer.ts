/**
 * Writes the buildings' pick index (src/core/building-pick-index.ts) next to the
 * tiles — from the same shapes the extruder gets (footprint rings, base, roof) — and
 * names it in tileset.json's `asset.extras.pickIndex`, so the viewer finds it from the
 * tileset it already loads and a new build never meets a stale cached file (the URL
 * carries the content hash).
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeBuildingPickIndex, PICK_INDEX_VERSION, type PickIndexBuilding } from '../../core/building-pick-index.ts';
import type { BuildingStore } from './building-store.ts';
import type { BuildingShape } from './tile-job.ts';

export const PICK_INDEX_FILE = 'pick-index.bin';

/** What tileset.json's `asset.extras.pickIndex` holds. */
export interface PickIndexReference {
  /** File name, relative to tileset.json. */
  uri: string;
  /** Format version (the viewer refuses others). */
  version: number;
  /** First 16 hex digits of the SHA-256 of the file: for cache-busting (`?v=`). */
  sha256: string;
  bytes: number;
  buildings: number;
}

/** The shape the tile job gives the extruder for building i (tile-job.ts packs the same three values). */
export function buildingShape(store: BuildingStore, i: number): BuildingShape {
  return { polygons: store.polygons(i), base: store.base(i), roof: store.roof(i) };
}

/** The pick index bytes of every building in the store, in store order. */
export function pickIndexBytes(store: BuildingStore): Uint8Array {
  const buildings: PickIndexBuilding[] = [];
  for (let i = 0; i < store.count; i++) buildings.push({ code: store.ids[i]!, ...buildingShape(store, i) });
  return encodeBuildingPickIndex(buildings);
}

/** Writes `pick-index.bin` into `dir` (a staged tileset folder) and returns its reference. */
export function writePickIndex(dir: string, store: BuildingStore): PickIndexReference {
  const bytes = pickIndexBytes(store);
  writeFileSync(join(dir, PICK_INDEX_FILE), bytes);
  return {
    uri: PICK_INDEX_FILE,
    version: PICK_INDEX_VERSION,
    sha256: createHash('sha256').update(bytes).digest('hex').slice(0, 16),
    bytes: bytes.byteLength,
    buildings: store.count,
  };
}
