/**
 * The rail lines layer (`rail.geojson`): the OpenStreetMap rail centrelines of the
 * reference data, copied with their credit attached. ODbL asks that the credit go
 * wherever the data is shown, so it travels inside the file — as a foreign member of
 * the collection and as a property of every line — not only in a README.
 */
import { readFile, writeFile } from 'node:fs/promises';
import type { FeatureCollection, Geometry } from 'geojson';

export const OSM_ATTRIBUTION = '© OpenStreetMap contributors (ODbL 1.0)';

/** The rail collection with the attribution; returned so callers can count or log it. */
export type AttributedCollection = FeatureCollection<Geometry, Record<string, unknown>> & { attribution: string };

/** Copies the OSM rail GeoJSON at `referencePath` to `outPath`, adding the attribution. */
export async function copyRailLines(referencePath: string, outPath: string): Promise<AttributedCollection> {
  let text: string;
  try {
    text = await readFile(referencePath, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new Error(
      `轨道参考数据缺失 / rail reference data missing: cannot read ${referencePath} (${code ?? String(err)}); ` +
        'it should be the OSM rail extract chongqing-rail-osm-2016.geojson described in PROVENANCE.md',
      { cause: err },
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new Error(`rail reference data is not valid JSON: ${referencePath}`, { cause: err });
  }
  const fc = parsed as Partial<FeatureCollection>;
  if (fc.type !== 'FeatureCollection' || !Array.isArray(fc.features)) {
    throw new Error(`rail reference data is not a GeoJSON FeatureCollection: ${referencePath}`);
  }
  const out: AttributedCollection = {
    type: 'FeatureCollection',
    attribution: OSM_ATTRIBUTION,
    features: fc.features.map((f) => ({ ...f, properties: { ...(f.properties ?? {}), attribution: OSM_ATTRIBUTION } })),
  };
  await writeFile(outPath, `${JSON.stringify(out)}\n`, 'utf8');
  return out;
}
