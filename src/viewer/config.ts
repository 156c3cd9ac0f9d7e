/**
 * Viewer configuration: where the terrain and the basemap come from. The defaults are
 * fully offline (our own `/tiles/terrain/` and `/tiles/basemap/`). A deployment with
 * internet can switch the basemap to an online XYZ/WMTS source at build time with Vite
 * environment variables, or per page with `?basemap=`:
 *
 * | variable | values | meaning |
 * |---|---|---|
 * | `VITE_BASEMAP` | `local` (default), `tianditu`, `osm`, `xyz` | basemap source |
 * | `VITE_TIANDITU_TOKEN` | key | 天地图 token (required for `tianditu`) |
 * | `VITE_TIANDITU_LAYER` | `vec` (default), `img` | 天地图 streets or imagery (with labels) |
 * | `VITE_BASEMAP_URL` | `https://…/{z}/{x}/{y}.png` | template for `xyz` |
 * | `VITE_BASEMAP_DATUM` | `wgs84` (default), `cgcs2000`, `gcj02`, `bd09` | datum of `xyz` tiles |
 * | `VITE_TERRAIN` | `local` (default), `ellipsoid` | terrain source |
 *
 * Datum (see DOMAIN.md): our data is WGS84, and CGCS2000 — what 天地图 serves — agrees
 * with it to centimetres. Tiles from Gaode/Tencent (GCJ-02) or Baidu (BD-09) are shifted
 * 50–500 m on purpose; the viewer refuses them rather than mix them silently with our
 * buildings and pipes, and falls back to the offline basemap.
 */

export type BasemapDatum = 'wgs84' | 'cgcs2000' | 'gcj02' | 'bd09';

export type BasemapConfig =
  | { kind: 'local'; manifestUrl: string }
  | { kind: 'tianditu'; token: string; layer: 'vec' | 'img' }
  | { kind: 'osm' }
  | { kind: 'xyz'; url: string; datum: BasemapDatum; maximumLevel: number; credit: string };

export type TerrainConfig = { kind: 'local'; url: string } | { kind: 'ellipsoid' };

export interface ViewerConfig {
  basemap: BasemapConfig;
  terrain: TerrainConfig;
  /** Why the requested configuration was not used (shown in the console), if it was not. */
  warnings: string[];
}

export const LOCAL_BASEMAP_URL = '/tiles/basemap/basemap.json';
export const LOCAL_TERRAIN_URL = '/tiles/terrain';

/** Datums that line up with our WGS84 data. */
export const ALIGNED_DATUMS: readonly BasemapDatum[] = ['wgs84', 'cgcs2000'];

type Env = Record<string, string | boolean | undefined>;

export function readViewerConfig(env: Env = import.meta.env, search: string = globalThis.location?.search ?? ''): ViewerConfig {
  const query = new URLSearchParams(search);
  const text = (name: string) => {
    const v = env[name];
    return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
  };
  const warnings: string[] = [];
  const local: BasemapConfig = { kind: 'local', manifestUrl: LOCAL_BASEMAP_URL };
  const kind = query.get('basemap') ?? text('VITE_BASEMAP') ?? 'local';
  let basemap: BasemapConfig = local;
  if (kind === 'tianditu') {
    const token = query.get('tk') ?? text('VITE_TIANDITU_TOKEN');
    if (token) basemap = { kind: 'tianditu', token, layer: text('VITE_TIANDITU_LAYER') === 'img' ? 'img' : 'vec' };
    else warnings.push('天地图需要 VITE_TIANDITU_TOKEN，已改用离线底图 / Tianditu needs VITE_TIANDITU_TOKEN; using the offline basemap.');
  } else if (kind === 'osm') {
    basemap = { kind: 'osm' };
  } else if (kind === 'xyz') {
    const url = text('VITE_BASEMAP_URL');
    const datum = (text('VITE_BASEMAP_DATUM') ?? 'wgs84').toLowerCase() as BasemapDatum;
    if (!url) warnings.push('xyz 底图需要 VITE_BASEMAP_URL / an xyz basemap needs VITE_BASEMAP_URL; using the offline basemap.');
    else if (!ALIGNED_DATUMS.includes(datum))
      warnings.push(
        `底图坐标系 ${datum} 与 WGS84 数据偏移 50–500 m，已拒绝 / ${datum} tiles are offset 50–500 m from our WGS84 data and are refused; convert them or use a WGS84/CGCS2000 source. Using the offline basemap.`,
      );
    else basemap = { kind: 'xyz', url, datum, maximumLevel: Number(text('VITE_BASEMAP_MAX_LEVEL') ?? 18), credit: text('VITE_BASEMAP_CREDIT') ?? '' };
  } else if (kind !== 'local') {
    warnings.push(`未知底图 ${kind} / unknown basemap "${kind}"; using the offline basemap.`);
  }
  const terrainKind = query.get('terrain') ?? text('VITE_TERRAIN') ?? 'local';
  const terrain: TerrainConfig = terrainKind === 'ellipsoid' ? { kind: 'ellipsoid' } : { kind: 'local', url: LOCAL_TERRAIN_URL };
  return { basemap, terrain, warnings };
}
