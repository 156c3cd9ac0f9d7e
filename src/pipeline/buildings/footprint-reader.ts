/**
 * Reads footprints from GeoJSON (FeatureCollection) or FlatGeobuf, chosen by file
 * extension, as a stream of RawFeature. Nothing is checked here but the container:
 * per-feature problems are the validator's job.
 */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { Feature, Geometry } from 'geojson';
import { describeReadError } from '../../core/file-read-error.ts';

export type FootprintFormat = 'geojson' | 'flatgeobuf';

export function footprintFormat(path: string): FootprintFormat | null {
  const ext = extname(path).toLowerCase();
  if (ext === '.geojson' || ext === '.json') return 'geojson';
  if (ext === '.fgb') return 'flatgeobuf';
  return null;
}

import type { RawFeature } from './footprint.ts';

function toRaw(feature: Partial<Feature> | undefined, index: number): RawFeature {
  const properties = (feature?.properties && typeof feature.properties === 'object' ? feature.properties : {}) as Record<string, unknown>;
  return {
    index,
    id: properties.id ?? feature?.id,
    geometry: (feature?.geometry ?? null) as Geometry | null,
    properties,
  };
}

/** Features of a GeoJSON text: a FeatureCollection, a single Feature, or a bare array of features. */
export function* geojsonFeatures(text: string): Generator<RawFeature> {
  const doc = JSON.parse(text) as unknown;
  const list: unknown[] = Array.isArray(doc)
    ? doc
    : doc && typeof doc === 'object' && (doc as { type?: unknown }).type === 'FeatureCollection'
      ? ((doc as { features?: unknown[] }).features ?? [])
      : [doc];
  for (const [i, f] of list.entries()) yield toRaw(f as Partial<Feature>, i);
}

export async function* flatgeobufFeatures(bytes: Uint8Array): AsyncGenerator<RawFeature> {
  const { deserialize } = await import('flatgeobuf/lib/mjs/geojson.js');
  let i = 0;
  for await (const f of deserialize(bytes)) yield toRaw(f as unknown as Feature, i++);
}

export class FootprintReadError extends Error {}

/** Reads every feature of a footprint file. Throws FootprintReadError with a user-facing message. */
export async function* readFootprints(path: string): AsyncGenerator<RawFeature> {
  const format = footprintFormat(path);
  if (!format) {
    throw new FootprintReadError(`不支持的文件类型 / unsupported footprint file ${path}: use .geojson or .fgb`);
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new FootprintReadError(describeReadError(path, error, { zh: '建筑轮廓文件', en: 'footprint file' }));
  }
  if (format === 'geojson') {
    let features: Generator<RawFeature>;
    try {
      features = geojsonFeatures(bytes.toString('utf8'));
    } catch (error) {
      throw new FootprintReadError(`GeoJSON 无法解析 / ${path} is not valid GeoJSON: ${(error as Error).message}`);
    }
    try {
      yield* features;
    } catch (error) {
      throw new FootprintReadError(`GeoJSON 无法解析 / ${path} is not valid GeoJSON: ${(error as Error).message}`);
    }
  } else {
    try {
      yield* flatgeobufFeatures(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    } catch (error) {
      throw new FootprintReadError(`FlatGeobuf 无法解析 / ${path} is not valid FlatGeobuf: ${(error as Error).message}`);
    }
  }
}
