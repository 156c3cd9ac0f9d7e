/**
 * Repairing lon/lat collected from Chinese web maps (issue 17): GCJ-02 (Amap/高德,
 * Tencent, Google China) and BD-09 (Baidu) are WGS 84 deliberately offset by up to
 * ~500 m, so a footprint traced on such a map lands on the wrong street. `--datum
 * gcj02|bd09` converts them back with gcoord (a kept library; its GCJ-02 → WGS 84 is
 * iterative, to well under a metre). Without the option nothing is ever shifted: a
 * file's lon/lat are taken as WGS 84 (CGCS2000 alike), never guessed to be GCJ-02.
 * gcoord leaves points outside China unchanged, as the offset applies only inside.
 */
import gcoord from 'gcoord';
import type { Geometry, Position } from 'geojson';
import type { ProblemLocation } from '../../core/problem.ts';
import { failure, success, type Result } from '../../core/result.ts';
import type { CrsProblem } from './crs.ts';
import { mapGeometryPositions } from './geometry-positions.ts';

import type { ShiftedDatum } from '../../core/handover.ts';

/**
 * `--datum`'s value: undefined or empty (no shift) → null; `gcj02`/`bd09` (any case,
 * `gcj-02`/`bd-09` too) → that datum; anything else → the problem `unknown-datum`.
 */
export function parseDatumOption(value: string | undefined, location: ProblemLocation = {}): Result<ShiftedDatum | null, CrsProblem> {
  if (value === undefined || value.trim() === '') return success(null);
  const key = value.trim().toLowerCase().replace(/[-_]/g, '');
  if (key === 'gcj02' || key === 'bd09') return success(key);
  return failure([
    {
      ...location,
      reason: 'unknown-datum',
      message: `${location.file ? `${location.file}: ` : ''}不认识的 --datum "${value}" / unknown --datum "${value}"`,
      fix: '用 --datum gcj02（高德、腾讯地图）或 --datum bd09（百度地图）；WGS 84 / CGCS2000 坐标不加 --datum / use --datum gcj02 (Amap, Tencent) or --datum bd09 (Baidu); leave it out for WGS 84 or CGCS2000 coordinates',
    },
  ]);
}

const FROM = { gcj02: gcoord.GCJ02, bd09: gcoord.BD09 } as const;

/** One lon/lat from `datum` to WGS 84. */
export function shiftToWgs84(lon: number, lat: number, datum: ShiftedDatum): [number, number] {
  const [x, y] = gcoord.transform([lon, lat], FROM[datum], gcoord.WGS84);
  return [x, y];
}

/** A copy of a lon/lat geometry shifted from `datum` to WGS 84 (heights kept); null datum returns it unchanged. */
export function shiftGeometryToWgs84<G extends Geometry>(geometry: G, datum: ShiftedDatum | null): G {
  if (datum === null) return geometry;
  return mapGeometryPositions(geometry, (p: Position) => {
    const [lon, lat] = shiftToWgs84(p[0]!, p[1]!, datum);
    return p.length > 2 ? [lon, lat, ...p.slice(2)] : [lon, lat];
  });
}
