/**
 * DEM + roads + outline (+ green, buildings) → `tiles/basemap/{z}/{x}/{y}.webp`, a
 * raster pyramid in Cesium's geographic tiling scheme, plus `basemap.json` telling the
 * viewer which rectangle each zoom range covers:
 *
 * - levels 0…areaMaxZoom over the whole DEM (the district and both river banks);
 * - deeper levels, to street scale (z18 ≈ 0.26 m/px), over the district only — the
 *   bulk of the tiles, so they are limited to its bounding box.
 *
 * Written to a temporary folder and swapped in when complete.
 */
import type { SourceReadSettings } from '../../core/handover.ts';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import { DISTRICT } from '../../core/district.ts';
import { gridRect, type LonLatRect } from '../terrain/dem-coverage.ts';
import { readDem, undeclaredVoidsNote } from '../../sources/dem-reader.ts';
import { stageOutput } from '../publish/staged-output.ts';
import { TerrainInputError } from '../../sources/terrain-input-error.ts';
import { loadBasemapSources } from './basemap-sources.ts';
import { rangeSize, tileDegrees, xyzRangeCovering } from './basemap-tiling.ts';
import { shadedRelief } from './hillshade.ts';
import { paintRelief } from './relief-painter.ts';
import { type BasemapFormat, TILE_PX, TileEncoder } from './tile-encoder.ts';
import { paintVectors } from './vector-painter.ts';

export interface BasemapBuildOptions {
  /** DEM (GeoTIFF EPSG:4326/4490 or .hgt). */
  dem: string;
  outDir: string;
  /** roads.geojson (class, width_m). Optional. */
  roads?: string;
  /** District outlines GeoJSON; the feature with `districtAdcode` is drawn and bounds the deep levels. */
  districts?: string;
  /** Default: 500103 (渝中区). */
  districtAdcode?: string;
  /** Green-space polygons. Optional. */
  green?: string;
  /** Building footprints, drawn from z15 (any format the footprint reader takes). Optional. */
  buildings?: string;
  /** How to read the footprints (a hand-over's CRS, datum, code page, layer). */
  buildingsRead?: SourceReadSettings;
  /** How to read the DEM (its CRS when the GeoTIFF declares none). */
  demRead?: SourceReadSettings;
  /** Deepest level over the whole DEM. Default: 15. */
  areaMaxZoom?: number;
  /** Deepest level over the district. Default: 18. */
  maxZoom?: number;
  /** Area of the deep levels. Default: the district outline's bounding box (within the DEM). */
  detailBounds?: LonLatRect;
  format?: BasemapFormat;
  /** WebP quality. Default: 80. */
  quality?: number;
  /** River surface (m): water below it. Default: 172. */
  waterLevel?: number;
  /** Tiles per block side painted at once. Default: 8. */
  blockTiles?: number;
  progress?: (message: string) => void;
}

export interface BasemapLayerSpec {
  rectangle: [number, number, number, number];
  minZoom: number;
  maxZoom: number;
}

export interface BasemapManifest {
  name: string;
  format: BasemapFormat;
  tileSize: number;
  tilingScheme: 'geographic';
  /** Relative to the manifest; `{y}` counts from the north. */
  url: string;
  layers: BasemapLayerSpec[];
  attribution: string;
  version: string;
}

export interface BasemapBuildResult {
  manifest: BasemapManifest;
  levels: Array<{ z: number; tiles: number; bytes: number }>;
  tiles: number;
  bytes: number;
  seconds: number;
}

const intersect = (a: LonLatRect, b: LonLatRect): LonLatRect | undefined => {
  const r = { west: Math.max(a.west, b.west), south: Math.max(a.south, b.south), east: Math.min(a.east, b.east), north: Math.min(a.north, b.north) };
  return r.west < r.east && r.south < r.north ? r : undefined;
};

/** Power-of-two reduction (≤ 8) so relief pixels stay under half the DEM spacing. */
export function reliefReduction(z: number, demSpacingM: number): number {
  const pixelM = (tileDegrees(z) / TILE_PX) * 111_320;
  let reduce = 1;
  while (reduce < 8 && pixelM * reduce * 2 <= demSpacingM / 2) reduce *= 2;
  return reduce;
}

export async function buildBasemap(options: BasemapBuildOptions): Promise<BasemapBuildResult> {
  const started = performance.now();
  const progress = options.progress ?? (() => {});
  const format = options.format ?? 'webp';
  const areaMaxZoom = options.areaMaxZoom ?? 15;
  const maxZoom = options.maxZoom ?? 18;
  const blockTiles = options.blockTiles ?? 8;
  if (!(areaMaxZoom >= 0 && maxZoom >= areaMaxZoom && maxZoom <= 22)) {
    throw new TerrainInputError('bad-option', options.outDir, `缩放级别无效 / invalid zoom levels: need 0 ≤ areaMaxZoom (${areaMaxZoom}) ≤ maxZoom (${maxZoom}) ≤ 22.`);
  }

  const dem = await readDem(options.dem, options.demRead?.crs ? { crs: options.demRead.crs } : {});
  const { grid } = dem;
  const voids = undeclaredVoidsNote(dem, options.dem);
  if (voids) options.progress?.(voids);
  const demRect = gridRect(grid);
  const sources = await loadBasemapSources({
    ...(options.buildingsRead ? { buildingsRead: options.buildingsRead } : {}),
    ...(options.roads ? { roads: options.roads } : {}),
    ...(options.districts ? { districts: options.districts } : {}),
    ...(options.districtAdcode ? { districtAdcode: options.districtAdcode } : {}),
    ...(options.green ? { green: options.green } : {}),
    ...(options.buildings ? { buildings: options.buildings } : {}),
  });
  const detailRect = intersect(options.detailBounds ?? sources.districtRect ?? demRect, demRect);
  if (!detailRect) {
    throw new TerrainInputError('outside-coverage', options.dem, `${options.dem}: DEM 未覆盖区县范围 / the DEM does not overlap the district's area: pass a DEM that covers it.`);
  }
  const relief = { grid, relief: shadedRelief(grid), waterLevel: options.waterLevel ?? DISTRICT.riverLevelM.typical };
  const demSpacingM = Math.min(grid.dx, grid.dy) * 111_320;
  const encoder = new TileEncoder({ format, quality: options.quality ?? 80 });

  // Staged now, so an unwritable target fails before any work.
  const output = stageOutput(options.outDir);
  if (!output.ok) throw new TerrainInputError('output-not-writable', options.outDir, output.error);
  const staged = output.staged;
  const temp = staged.path;
  const levels: BasemapBuildResult['levels'] = [];
  try {
    for (let z = 0; z <= maxZoom; z++) {
      const range = xyzRangeCovering(z <= areaMaxZoom ? demRect : detailRect, z);
      let bytes = 0;
      const pending: Promise<void>[] = [];
      for (let bx = range.x0; bx <= range.x1; bx += blockTiles) {
        for (let by = range.y0; by <= range.y1; by += blockTiles) {
          const nx = Math.min(blockTiles, range.x1 - bx + 1);
          const ny = Math.min(blockTiles, range.y1 - by + 1);
          const size = tileDegrees(z);
          const rect = { west: -180 + bx * size, east: -180 + (bx + nx) * size, north: 90 - by * size, south: 90 - (by + ny) * size };
          const width = nx * TILE_PX;
          const height = ny * TILE_PX;
          const canvas = createCanvas(width, height);
          const ctx = canvas.getContext('2d');
          // The relief has no detail finer than the DEM: paint it at ≥ half the DEM
          // spacing and let the canvas scale it up smoothly (16–64× fewer pixels at z17–18).
          const reduce = reliefReduction(z, demSpacingM);
          const rw = width / reduce;
          const rh = height / reduce;
          const relief2d = createCanvas(rw, rh);
          const rctx = relief2d.getContext('2d');
          const image = rctx.createImageData(rw, rh);
          image.data.set(paintRelief(relief, rect, rw, rh));
          rctx.putImageData(image, 0, 0);
          ctx.imageSmoothingEnabled = true;
          ctx.imageSmoothingQuality = 'medium';
          ctx.drawImage(relief2d, 0, 0, width, height);
          paintVectors(ctx, sources, rect, width, height, z);
          const block = ctx.getImageData(0, 0, width, height).data;
          // Encodes run on libuv's threads while the next block is painted; wait only
          // when two blocks are in flight, to bound memory.
          if (pending.length > 0) await Promise.all(pending.splice(0, pending.length - blockTiles * blockTiles));
          for (let tx = 0; tx < nx; tx++) {
            const dir = join(temp, String(z), String(bx + tx));
            mkdirSync(dir, { recursive: true });
            for (let ty = 0; ty < ny; ty++) {
              pending.push(
                encoder.encode(block, width, tx, ty).then((buffer) => {
                  writeFileSync(join(dir, `${by + ty}.${format}`), buffer);
                  bytes += buffer.length;
                }),
              );
            }
          }
        }
      }
      await Promise.all(pending);
      levels.push({ z, tiles: rangeSize(range), bytes });
      progress(`z${z}: ${rangeSize(range)} tiles, ${(bytes / 1024).toFixed(0)} KiB`);
    }
    const manifest: BasemapManifest = {
      name: 'yuzhong-basemap',
      format,
      tileSize: TILE_PX,
      tilingScheme: 'geographic',
      url: `{z}/{x}/{y}.${format}`,
      layers: [
        { rectangle: [demRect.west, demRect.south, demRect.east, demRect.north], minZoom: 0, maxZoom: areaMaxZoom },
        ...(maxZoom > areaMaxZoom ? [{ rectangle: [detailRect.west, detailRect.south, detailRect.east, detailRect.north] as [number, number, number, number], minZoom: 0, maxZoom }] : []),
      ],
      attribution: '渝中数字孪生底图（本项目数据生成）/ Yuzhong Twin basemap, generated from project data',
      version: new Date().toISOString().replace(/\D/g, '').slice(0, 14),
    };
    writeFileSync(join(temp, 'basemap.json'), `${JSON.stringify(manifest, null, 1)}\n`);
    staged.commit();
    const tiles = levels.reduce((s, l) => s + l.tiles, 0);
    const bytes = levels.reduce((s, l) => s + l.bytes, 0);
    return { manifest, levels, tiles, bytes, seconds: (performance.now() - started) / 1000 };
  } catch (error) {
    staged.discard();
    throw error;
  }
}

