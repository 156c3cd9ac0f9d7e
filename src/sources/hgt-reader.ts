/**
 * SRTM `.hgt` tiles: a square of big-endian Int16 heights, 1201² (3″) or 3601² (1″),
 * rows north → south, voids −32768, no header. The file name carries the south-west
 * corner (`N29E106.hgt`), and the outermost rows/columns sit on the whole-degree lines
 * (pixel-is-point), which is exactly our ElevationGrid convention.
 */
import { basename } from 'node:path';
import type { ElevationGrid } from '../core/elevation-grid.ts';
import { TerrainInputError } from './terrain-input-error.ts';

const HGT_VOID = -32768;
const HGT_SIZES = [1201, 3601] as const;

/** Parses `N29E106` / `s12w077` into the south-west corner, or undefined. */
export function parseHgtName(fileName: string): { south: number; west: number } | undefined {
  const match = /^([NS])(\d{1,2})([EW])(\d{1,3})/i.exec(basename(fileName));
  if (!match) return undefined;
  const lat = Number(match[2]) * (match[1]!.toUpperCase() === 'S' ? -1 : 1);
  const lon = Number(match[4]) * (match[3]!.toUpperCase() === 'W' ? -1 : 1);
  return { south: lat, west: lon };
}

/** Decodes an `.hgt` file's bytes; voids become NaN. */
export function decodeHgt(bytes: Uint8Array, filePath: string): ElevationGrid {
  const samples = bytes.byteLength / 2;
  const size = HGT_SIZES.find((s) => s * s === samples);
  if (!size) {
    throw new TerrainInputError(
      'not-a-dem',
      filePath,
      `${filePath}: 不是 SRTM HGT 文件（${bytes.byteLength} 字节，应为 1201² 或 3601² 个 Int16） / not an SRTM .hgt file (${bytes.byteLength} bytes; expected 1201² or 3601² Int16 samples): pass a GeoTIFF or an unmodified SRTM tile.`,
    );
  }
  const corner = parseHgtName(filePath);
  if (!corner) {
    throw new TerrainInputError(
      'no-georeferencing',
      filePath,
      `${filePath}: HGT 文件名不含经纬度（如 N29E106.hgt） / an .hgt file is located by its name: rename it to its south-west corner, e.g. N29E106.hgt.`,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const data = new Float32Array(samples);
  for (let i = 0; i < samples; i++) {
    const h = view.getInt16(i * 2, false);
    data[i] = h === HGT_VOID ? Number.NaN : h;
  }
  const step = 1 / (size - 1);
  return { width: size, height: size, west: corner.west, north: corner.south + 1, dx: step, dy: step, data };
}
