/**
 * The rail lines layer (`rail.geojson`): the OpenStreetMap rail centrelines of the
 * reference data, copied with their credit attached. ODbL asks that the credit go
 * wherever the data is shown, so it travels inside the file — as a foreign member of
 * the collection and as a property of every line — not only in a README.
 */
import { writeFile } from 'node:fs/promises';
import type { FeatureCollection, Geometry } from 'geojson';
import { readGeoJsonCollection } from '../sources/geojson-stream.ts';

export const OSM_ATTRIBUTION = '© OpenStreetMap contributors (ODbL 1.0)';

/** The rail collection with the attribution; returned so callers can count or log it. */
export type AttributedCollection = FeatureCollection<Geometry, Record<string, unknown>> & { attribution: string };

/** Copies the OSM rail GeoJSON at `referencePath` to `outPath`, adding the attribution. */
export async function copyRailLines(referencePath: string, outPath: string): Promise<AttributedCollection> {
  // The shared GeoJSON reader (src/sources/geojson-stream.ts): a BOM is fine, GBK or a cut-short file is refused.
  const read = await readGeoJsonCollection(referencePath, { featureCollectionOnly: true });
  if (!read.ok) {
    const problem = read.problems[0]!;
    if (problem.reason === 'missing-file' || problem.reason === 'unreadable') {
      throw new Error(
        `轨道参考数据缺失 / rail reference data missing: ${problem.message}; ` +
          'it should be the OSM rail extract chongqing-rail-osm-2016.geojson described in PROVENANCE.md',
      );
    }
    throw new Error(`轨道参考数据 / rail reference data: ${problem.message}`);
  }
  const fc = read.value;
  const out: AttributedCollection = {
    type: 'FeatureCollection',
    attribution: OSM_ATTRIBUTION,
    features: fc.features.map((f) => ({ ...f, properties: { ...(f.properties ?? {}), attribution: OSM_ATTRIBUTION } })),
  };
  await writeFile(outPath, `${JSON.stringify(out)}\n`, 'utf8');
  return out;
}
