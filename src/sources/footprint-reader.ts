/**
 * Reads footprints from GeoJSON (FeatureCollection) or FlatGeobuf, chosen by file
 * extension, as a stream of RawFeature. Nothing is checked here but the container:
 * per-feature problems are the validator's job. GeoJSON is streamed feature by
 * feature (src/sources/geojson-stream.ts, which has the measured figures): a 315 MB
 * / 700k file no longer peaks at 2.8 GB in tiles:buildings (1.5 GB), and one over
 * 0x1fffffe8 characters (653 MB) can be read at all.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { extname } from 'node:path';
import type { Feature, Geometry } from 'geojson';
import { describeReadError } from '../core/file-read-error.ts';
import type { SourceReadSettings } from '../core/handover.ts';
import { GeoJsonReadError, streamGeoJsonFeatures, type GeoJsonProblem } from './geojson-stream.ts';

export type FootprintFormat = 'geojson' | 'flatgeobuf';

export function footprintFormat(path: string): FootprintFormat | null {
  const ext = extname(path).toLowerCase();
  if (ext === '.geojson' || ext === '.json') return 'geojson';
  if (ext === '.fgb') return 'flatgeobuf';
  return null;
}

import type { RawFeature } from './raw-feature.ts';

/** A parsed GeoJSON feature as a RawFeature (id: `properties.id`, else the feature's `id`): how every footprint reader sees it. */
export function toRawFeature(feature: Partial<Feature> | undefined, index: number): RawFeature {
  const properties = (feature?.properties && typeof feature.properties === 'object' ? feature.properties : {}) as Record<string, unknown>;
  return {
    index,
    id: properties.id ?? feature?.id,
    geometry: (feature?.geometry ?? null) as Geometry | null,
    properties,
  };
}

/** Features of a GeoJSON file, streamed (see src/sources/geojson-stream.ts): never the whole text at once. */
export async function* geojsonFeatures(path: string): AsyncGenerator<RawFeature> {
  for await (const { index, feature } of streamGeoJsonFeatures(path, { what: { zh: '建筑轮廓文件', en: 'footprint file' } })) yield toRawFeature(feature as Partial<Feature>, index);
}

/** Features of FlatGeobuf bytes, or of a byte stream (read as it goes: `flatgeobuf` streams). */
export async function* flatgeobufFeatures(input: Uint8Array | ReadableStream): AsyncGenerator<RawFeature> {
  const { deserialize } = await import('flatgeobuf/lib/mjs/geojson.js');
  let i = 0;
  for await (const f of deserialize(input)) yield toRawFeature(f as unknown as Feature, i++);
}

export class FootprintReadError extends Error {
  /** What went wrong, as a value, when the file is GeoJSON. */
  readonly problem: GeoJsonProblem | undefined;
  constructor(message: string, problem?: GeoJsonProblem) {
    super(message);
    this.name = 'FootprintReadError';
    this.problem = problem;
  }
}

/**
 * Reads every feature of a footprint file. Throws FootprintReadError with a
 * user-facing message (zh-CN / English, naming the file) and, for GeoJSON, the
 * `GeoJsonProblem` (reason, byte offset, feature index).
 */
export async function* readFootprints(path: string, settings: SourceReadSettings = {}): AsyncGenerator<RawFeature> {
  void settings;
  const format = footprintFormat(path);
  if (!format) {
    throw new FootprintReadError(`${path}: 不支持的文件类型，请使用 .geojson 或 .fgb / unsupported footprint file: use .geojson or .fgb`);
  }
  if (format === 'geojson') {
    try {
      yield* geojsonFeatures(path);
    } catch (error) {
      if (error instanceof GeoJsonReadError) throw new FootprintReadError(error.message, error.problem);
      throw error;
    }
    return;
  }
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    throw new FootprintReadError(describeReadError(path, error, { zh: '建筑轮廓文件', en: 'footprint file' }));
  }
  try {
    yield* flatgeobufFeatures(Readable.toWeb(handle.createReadStream({ autoClose: false })) as ReadableStream);
  } catch (error) {
    throw new FootprintReadError(`${path}: FlatGeobuf 无法解析 / not valid FlatGeobuf (${(error as Error).message}): export the layer again`);
  } finally {
    await handle.close();
  }
}
