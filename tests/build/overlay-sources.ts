/**
 * The overlay source files (areas and rail) as a district hands them over, with
 * properties the viewer does not use, shared by the overlays and source-folder tests.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const square = (x: number, y: number) => [[[x, y], [x + 0.01, y], [x + 0.01, y + 0.01], [x, y + 0.01], [x, y]]];

export function writeSources(folder: string): void {
  mkdirSync(folder, { recursive: true });
  writeFileSync(
    join(folder, 'areas.geojson'),
    JSON.stringify({
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { id: 'core-jiefangbei', kind: 'core', name: '解放碑中央商务区', name_en: 'Jiefangbei CBD', year_from: null, budget_wan: 1234, note: '内部 internal' }, geometry: { type: 'Polygon', coordinates: square(106.57, 29.55) } },
        { type: 'Feature', properties: { id: 'oc-1', kind: 'old-community', name: '老旧小区', name_en: 'Old community', year_from: 1985 }, geometry: { type: 'MultiPolygon', coordinates: [square(106.58, 29.56)] } },
      ],
    }),
  );
  writeFileSync(
    join(folder, 'rail.geojson'),
    JSON.stringify({
      type: 'FeatureCollection',
      attribution: '© OpenStreetMap contributors (ODbL 1.0)',
      features: [{ type: 'Feature', properties: { osm_id: 'way/1', name: '1号线', railway: 'subway', tunnel: 'yes' }, geometry: { type: 'LineString', coordinates: [[106.57, 29.55], [106.58, 29.56]] } }],
    }),
  );
}
