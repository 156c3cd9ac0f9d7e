/**
 * The viewer's map overlays as build outputs: renewal areas and rail lines, copied
 * from the source data into `tiles/overlays/` with only what the viewer draws. The
 * viewer once fetched them from `tiles/source/`, which published every source file
 * with them (archive.csv, the gas mains, the DEM). Areas keep `id`, `kind`, `name`,
 * `name_en` (colour by kind, labels by language; the sample's 354 KiB → 342 KiB, its
 * year columns dropped); rail keeps its geometry and the collection's ODbL
 * attribution (its OSM tags are not drawn: 34 KiB → 24 KiB). Published
 * atomically as one versioned folder. Areas are read and checked by
 * src/sources/area-reader.ts, as the archive's registry reads them: the map draws
 * exactly the areas the archive accepts, and refuses a bad one with the same message.
 */
import { problemText } from '../../core/problem.ts';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { stageFolder } from '../publish/published-folder.ts';
import { OVERLAY_FILES } from './overlay-files.ts';
import { readAreas, type AreaFileResult } from '../../sources/area-reader.ts';
import type { SourceReadSettings } from '../../core/handover.ts';

export interface OverlaysOptions {
  /**
   * Source renewal areas (Polygon/MultiPolygon with id, kind, name, name_en), in any
   * format the areas reader takes, with a hand-over's read settings; null when a
   * district hands over none (the overlay is then empty).
   */
  areas: string | { path: string; read?: SourceReadSettings } | null;
  /** Source rail lines (GeoJSON, LineString/MultiLineString); null for none. */
  rail: string | null;
  /** Output folder (tiles/overlays). */
  outDir: string;
}

export type OverlaysResult = { ok: true; areas: number; rail: number; bytes: number } | { ok: false; error: string };

/** Area properties the viewer reads (src/viewer/layers/AreasLayer.tsx). */
export const AREA_PROPERTIES = ['id', 'kind', 'name', 'name_en'] as const;

function cannotRead(file: string, reason: string): string {
  return `${file}: 无法读取（${reason}） / cannot read it (${reason}): check the path, or run \`npm run sample\` to generate the sample source data.`;
}

type Read = { ok: true; collection: FeatureCollection } | { ok: false; error: string };

function readCollection(file: string, geometryTypes: readonly string[]): Read {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    return { ok: false, error: cannotRead(file, (error as NodeJS.ErrnoException).code ?? (error as Error).message) };
  }
  const collection = parsed as Partial<FeatureCollection>;
  if (collection?.type !== 'FeatureCollection' || !Array.isArray(collection.features)) {
    return { ok: false, error: `${file}: 不是 GeoJSON FeatureCollection / not a GeoJSON FeatureCollection: export the layer as GeoJSON (WGS84 lon/lat).` };
  }
  for (const [i, feature] of collection.features.entries()) {
    const type = (feature as Partial<Feature> | null)?.geometry?.type;
    if (!type || !geometryTypes.includes(type)) {
      return { ok: false, error: `${file} 第 ${i + 1} 个要素 / feature ${i + 1}: 几何应为 ${geometryTypes.join('/')}，实为 ${type ?? '空'} / geometry must be ${geometryTypes.join(' or ')}, got ${type ?? 'none'}: fix or remove that feature.` };
    }
  }
  return { ok: true, collection: collection as FeatureCollection };
}

function pick(properties: Record<string, unknown> | null, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of keys) if (properties?.[key] !== undefined) out[key] = properties[key];
  return out;
}

function featureLines(features: Array<{ properties: Record<string, unknown>; geometry: Geometry }>): string {
  return features.map((f) => JSON.stringify({ type: 'Feature', properties: f.properties, geometry: f.geometry })).join(',\n');
}

/** The first problem of a read or checked areas file, as the builder's error. */
function areasError(file: string, read: AreaFileResult): string | null {
  if (!read.ok) {
    const problem = read.problems[0]!;
    const missing = problem.reason === 'missing-file' || problem.reason === 'unreadable';
    return missing ? `${problem.message}；检查路径，或运行 \`npm run sample\` 生成示例数据 / check the path, or run \`npm run sample\` to generate the sample source data.` : problem.message;
  }
  const problem = read.value.problems[0];
  if (!problem) return null;
  return `${file} 第 ${problem.index + 1} 个要素 / feature ${problem.index + 1} ${problemText(problem)}`;
}

const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

export async function buildOverlays(options: OverlaysOptions): Promise<OverlaysResult> {
  const areasFile = typeof options.areas === 'string' ? { path: options.areas } : options.areas;
  const areas: AreaFileResult = areasFile ? await readAreas(areasFile.path, areasFile.read) : { ok: true, value: { areas: [], problems: [] } };
  const areasProblem = areasFile ? areasError(areasFile.path, areas) : null;
  if (areasProblem !== null || !areas.ok) return { ok: false, error: areasProblem ?? '' };
  const rail: Read = options.rail ? readCollection(options.rail, ['LineString', 'MultiLineString']) : { ok: true, collection: EMPTY };
  if (!rail.ok) return rail;
  const attribution = (rail.collection as { attribution?: unknown }).attribution;
  const areasText = `{"type":"FeatureCollection","features":[\n${featureLines(areas.value.areas.map((a) => ({ properties: pick(a.properties, AREA_PROPERTIES), geometry: a.geometry })))}\n]}\n`;
  const railText = `{"type":"FeatureCollection",${typeof attribution === 'string' ? `"attribution":${JSON.stringify(attribution)},` : ''}"features":[\n${featureLines(rail.collection.features.map((f) => ({ properties: {}, geometry: f.geometry })))}\n]}\n`;

  let staged;
  try {
    staged = stageFolder(options.outDir);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    return { ok: false, error: `${options.outDir}: 无法写入输出目录（${reason}） / cannot write the output folder (${reason}): fix its permissions or remove what is in the way.` };
  }
  try {
    writeFileSync(join(staged.path, OVERLAY_FILES.areas), areasText);
    writeFileSync(join(staged.path, OVERLAY_FILES.rail), railText);
    staged.commit();
  } catch (error) {
    staged.discard();
    return { ok: false, error: `${options.outDir}: 写入失败（${(error as Error).message}） / writing failed (${(error as Error).message}): check the free disk space and permissions.` };
  }
  return { ok: true, areas: areas.value.areas.length, rail: rail.collection.features.length, bytes: Buffer.byteLength(areasText) + Buffer.byteLength(railText) };
}
