/**
 * `layer.json` for Cesium's CesiumTerrainProvider: the TileJSON-like description of a
 * quantized-mesh tileset. `available` lists, per level, the tile ranges that exist (TMS
 * rows, from the south); Cesium never requests a tile outside them and upsamples the
 * parent instead.
 */
import type { TileRange } from './geographic-tiling.ts';

export interface LayerJson {
  tilejson: '2.1.0';
  name: string;
  description: string;
  version: string;
  format: 'quantized-mesh-1.0';
  attribution: string;
  scheme: 'tms';
  tiles: string[];
  projection: 'EPSG:4326';
  bounds: [number, number, number, number];
  minzoom: number;
  maxzoom: number;
  available: TileRange[][];
  extensions: string[];
}

export interface LayerJsonOptions {
  name?: string;
  description?: string;
  /** Goes into the tile URLs (`?v=`), so a rebuild is not served from stale caches. */
  version?: string;
  attribution?: string;
  extensions?: string[];
}

export function createLayerJson(available: TileRange[][], options: LayerJsonOptions = {}): LayerJson {
  return {
    tilejson: '2.1.0',
    name: options.name ?? 'yuzhong-terrain',
    description: options.description ?? '渝中区地形 / Yuzhong District terrain',
    version: options.version ?? '1.0.0',
    format: 'quantized-mesh-1.0',
    attribution: options.attribution ?? '',
    scheme: 'tms',
    tiles: ['{z}/{x}/{y}.terrain?v={version}'],
    projection: 'EPSG:4326',
    // Cesium takes the world bounds of the geographic scheme; coverage is in `available`.
    bounds: [-180, -90, 180, 90],
    minzoom: 0,
    maxzoom: available.length - 1,
    available,
    extensions: options.extensions ?? ['octvertexnormals', 'watermask'],
  };
}
