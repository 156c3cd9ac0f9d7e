/** Shared inputs for the buildings tests: a small synthetic district, built once per file. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RawFeature } from '../../../src/sources/raw-feature.ts';
import { createSyntheticDistrict, type SyntheticDistrict } from '../../../src/sample/synthetic/synthetic-district.ts';

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `yz-buildings-${prefix}-`));
}

export function smallDistrict(count = 400, seed = 7): { district: SyntheticDistrict; features: RawFeature[] } {
  const district = createSyntheticDistrict({ count, seed });
  return { district, features: [...district.features()] };
}

/** Flat lon/lat rings of a feature's polygons (closing point dropped). */
export function featureRings(feature: RawFeature): number[][][] {
  const g = feature.geometry!;
  const polygons = g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : [];
  return polygons.map((rings) => rings.map((ring) => ring.slice(0, -1).flatMap((p) => [p[0]!, p[1]!])));
}
