/**
 * Where the viewer's map overlays are published: build outputs in tiles/overlays/
 * (src/pipeline/overlays), never the source data, which the server does not serve.
 */
export const AREAS_URL = '/tiles/overlays/areas.geojson';
export const RAIL_URL = '/tiles/overlays/rail.geojson';
