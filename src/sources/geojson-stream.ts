/**
 * Hand-over GeoJSON, read feature by feature: the one reader behind every GeoJSON
 * input of the pipeline and the archive (footprints, pipes, the building registry
 * and its areas, roads, outlines, water, rail).
 *
 * Why streamed: reading a file into one string and `JSON.parse`-ing it held the
 * text and the whole object tree at once. A valid 653 MB FeatureCollection (1.45M
 * buildings, 593M characters) could not be read at all: V8's strings stop at
 * 0x1fffffe8 characters ("Cannot create a string longer than 0x1fffffe8"), and
 * `npm run tiles:buildings` on a 315 MB / 700,000-building file peaked at 2,801 MB
 * RSS (the issue's own run: 2.78 GB for 300 MB / 708k), against the "1M buildings
 * within 2 GB" target. Streamed, the 315 MB file peaks at 1,470 MB, a 450 MB / 1M
 * file at 2,047 MB, and the 653 MB one is built, at 2,693 MB (`bench/large-geojson.ts`:
 * `/usr/bin/time -v`, 2 workers, 2 cores shared with other jobs, load ≈ 11,
 * 2026-12-02; see src/pipeline/buildings/README.md). What remains is the build's own:
 * from the in-memory synthetic district the same 1M build peaked at 1,944 MB.
 *
 * Parsing is `@streamparser/json` (zero dependencies, TypeScript), given the file's
 * bytes 64 KiB at a time. On a 106 MB FeatureCollection of 200,000 features it took
 * 4.0 s where `stream-json` 3.8 took 10.4 s (`JSON.parse` of the whole string: 1.4 s
 * at 550 MB RSS); this reader reads the 90 MB, 200,000-building synthetic district
 * in 2.6 s at 105 MB peak RSS. It skips a UTF-8 byte-order mark.
 * UTF-8 is checked as it is read (`isUtf8`, up to the last whole character of each
 * chunk), so invalid UTF-8 — a GBK export, typically — is refused at its byte offset
 * (a fatal `TextDecoder` finds the exact byte once something is wrong).
 *
 * Every failure is a `GeoJsonProblem` value (file, reason, byte offset, feature
 * index, a zh-CN / English message saying what to do), never a raw stack trace:
 * generators throw it inside a `GeoJsonReadError`, the `read…Collection` helpers
 * return it.
 */
import { failure, success, type Result } from '../core/result.ts';
import { describeReadError, fileErrorCode } from '../core/file-read-error.ts';
import { ProblemError, type Problem } from '../core/problem.ts';
import { isUtf8 } from 'node:buffer';
import { closeSync, openSync, readSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { JSONParser } from '@streamparser/json';
import type { Feature, FeatureCollection } from 'geojson';

export type GeoJsonProblemReason = 'missing-file' | 'unreadable' | 'empty' | 'not-utf8' | 'invalid-json' | 'truncated' | 'not-geojson';

/** The core Problem shape (src/core/problem.ts) for a whole file. */
export interface GeoJsonProblem extends Problem<GeoJsonProblemReason> {
  /** The file as the caller named it. */
  file: string;
  /** Byte offset in the file where it went wrong, when it is one place. */
  offset?: number;
  /** 0-based index of the feature being read when it went wrong. */
  featureIndex?: number;
  /** What is wrong and what to do, zh-CN / English, naming the file. */
  message: string;
}

/** A `GeoJsonProblem` thrown out of a feature generator; `message` is the problem's. */
export class GeoJsonReadError extends ProblemError<GeoJsonProblem> {
  override readonly name = 'GeoJsonReadError';
}

/** One feature as found in the file, not yet checked: validators do that. */
export interface StreamedFeature {
  /** 0-based position in the file. */
  index: number;
  feature: unknown;
}

export interface GeoJsonReadOptions {
  /** Bytes read at a time (default `CHUNK_BYTES`). */
  chunkBytes?: number;
  /** Refuse a single Feature or a bare array of features: only a FeatureCollection will do. */
  featureCollectionOnly?: boolean;
  /** What the file is, for the message when it cannot be opened. Default "GeoJSON file". */
  what?: { zh: string; en: string };
}

/** A whole file read, or why not: the core Result (one problem: a broken file stops at its first fault). */
export type GeoJsonResult<T> = Result<T, GeoJsonProblem>;

/** Bytes read at a time: ~150 features; the chunk is all the text held. 1 MiB chunks peaked ~70 MB higher on 200,000 buildings. */
export const CHUNK_BYTES = 64 * 1024;

function hex(bytes: Uint8Array): string {
  return [...bytes].map((b) => b.toString(16).toUpperCase().padStart(2, '0')).join(' ');
}

/** A GBK/GB18030 double-byte character: lead 0x81–0xFE, trail 0x40–0xFE but not 0x7F. */
function looksLikeGbk(bytes: Uint8Array): boolean {
  const [a, b] = [bytes[0], bytes[1]];
  return a !== undefined && b !== undefined && a >= 0x81 && a <= 0xfe && b >= 0x40 && b <= 0xfe && b !== 0x7f;
}

function decodes(bytes: Uint8Array, stream: boolean): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes, { stream });
    return true;
  } catch {
    return false;
  }
}

/**
 * Where in `bytes` (which start on a character boundary) the first invalid UTF-8
 * sequence starts. Only called once a fatal decoder has refused the bytes.
 */
function firstInvalidUtf8(bytes: Uint8Array): number {
  // The longest prefix a streaming decoder accepts ends just before the byte that
  // cannot continue it; the bad sequence starts at the last character boundary.
  let lo = 0;
  let hi = bytes.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (decodes(bytes.subarray(0, mid), true)) lo = mid;
    else hi = mid - 1;
  }
  for (let start = lo; start >= Math.max(0, lo - 3); start--) if (decodes(bytes.subarray(0, start), false)) return start;
  return lo;
}

function readProblem(file: string, error: unknown, what: GeoJsonReadOptions['what']): GeoJsonProblem {
  // One wording with every other reader (core/file-read-error.ts).
  const reason = fileErrorCode(error) === 'ENOENT' ? 'missing-file' : 'unreadable';
  return { file, reason, message: describeReadError(file, error, what ?? { zh: ' GeoJSON 文件', en: 'GeoJSON file' }) };
}

/** Whitespace JSON allows between tokens. */
const isSpace = (b: number) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;

/** Where a character left incomplete at the end of `bytes` starts (`bytes.length` if none). */
function completeLength(bytes: Uint8Array): number {
  for (let i = bytes.length - 1; i >= Math.max(0, bytes.length - 4); i--) {
    const b = bytes[i]!;
    if ((b & 0xc0) === 0x80) continue; // continuation byte
    const need = b < 0x80 ? 1 : b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return i + need > bytes.length ? i : bytes.length;
  }
  return bytes.length;
}

/**
 * The push parser shared by the async and sync readers: bytes in, finished
 * features out. A FeatureCollection (features streamed one by one), a bare array
 * of features, or a single Feature. The parser is given the bytes themselves
 * (it decodes UTF-8 and skips a BOM on its own): decoding to strings first cost
 * ~170 MB more peak RSS on 200,000 buildings (790–845 MB against 590–674 MB).
 * UTF-8 is checked by `isUtf8` (no copy), up to the last whole character.
 */
class FeatureSplitter {
  private parser: JSONParser | undefined;
  private mode: 'collection' | 'array' | undefined;
  /** The small top-level members of an object document: type, and a single Feature's own. */
  private readonly top: Record<string, unknown> = {};
  private out: StreamedFeature[] = [];
  private failure: Error | undefined;
  private count = 0;
  /** File bytes pushed so far. */
  private bytes = 0;
  /** The bytes of a character that the last chunk left incomplete, not yet checked. */
  private carry: Uint8Array = new Uint8Array(0);
  /** Whether the document's first significant byte has been seen; before it, a BOM may come. */
  private started = false;

  constructor(
    private readonly file: string,
    private readonly collectionOnly = false,
  ) {}

  private problem(reason: GeoJsonProblemReason, message: string, offset?: number): GeoJsonReadError {
    return new GeoJsonReadError({ file: this.file, reason, offset, featureIndex: this.count, message: `${this.file}: ${message}` });
  }

  push(chunk: Uint8Array): StreamedFeature[] {
    const start = this.bytes;
    const checked = this.carry.length > 0 ? concat(this.carry, chunk) : chunk;
    const whole = completeLength(checked);
    const checkedStart = start - this.carry.length;
    if (!isUtf8(checked.subarray(0, whole))) throw this.notUtf8(checked, checkedStart);
    // The parser gets whole characters only, each byte once, in file order.
    this.carry = checked.slice(whole);
    this.bytes += chunk.length;
    this.feed(checked.subarray(0, whole), checkedStart);
    return this.take();
  }

  /** Ends the input: the last features, or why the file is not a whole GeoJSON document. */
  finish(): StreamedFeature[] {
    if (this.carry.length > 0) {
      throw this.problem(
        'truncated',
        `文件在第 ${this.bytes} 字节处断在一个字符中间，可能未复制完整 / the file ends in the middle of a character at byte ${this.bytes}: it was probably cut short; copy or export it again`,
        this.bytes,
      );
    }
    if (!this.parser) {
      throw this.problem('empty', '文件为空 / the file is empty: export the layer again as a GeoJSON FeatureCollection');
    }
    if (!this.parser.isEnded) {
      this.parser.end();
      if (this.failure) throw this.truncated();
    }
    if (this.failure) throw this.parseFailure();
    if (this.mode === 'collection') {
      const type = this.top.type;
      if (type === 'Feature' && !this.collectionOnly) {
        const { type: _type, ...rest } = this.top;
        this.out.push({ index: this.count++, feature: { type, ...rest } });
      } else if (type !== 'FeatureCollection') {
        throw this.notGeoJson(type);
      }
    }
    return this.take();
  }

  private take(): StreamedFeature[] {
    const out = this.out;
    this.out = [];
    return out;
  }

  /** Gives the parser `chunk` (which starts at file byte `start`). */
  private feed(chunk: Uint8Array, start: number): void {
    if (chunk.length === 0) return;
    if (!this.parser) {
      let i = 0;
      // A BOM (EF BB BF) at the very start: the parser skips it, so do we here.
      while (i < chunk.length && (isSpace(chunk[i]!) || (!this.started && start + i < 3 && [0xef, 0xbb, 0xbf][start + i] === chunk[i]))) i++;
      if (i === chunk.length) {
        this.pending = concat(this.pending, chunk);
        return;
      }
      this.started = true;
      const first = chunk[i];
      if (first !== 0x7b && first !== 0x5b) {
        const lead = new TextDecoder().decode(chunk.subarray(i, i + 20)).replace(/\s+/g, ' ');
        throw this.problem(
          'not-geojson',
          `不是 GeoJSON：应以 { 开头，实为 “${lead}” / not GeoJSON: a FeatureCollection starts with "{", this file with "${lead}"`,
          start + i,
        );
      }
      this.mode = first === 0x5b ? 'array' : 'collection';
      if (this.mode === 'array' && this.collectionOnly) {
        throw this.problem('not-geojson', '是 JSON 数组而不是 GeoJSON FeatureCollection / a JSON array, not a GeoJSON FeatureCollection: export the layer as a FeatureCollection');
      }
      this.parser = this.createParser(this.mode);
      // What came before (a BOM, whitespace) keeps the parser's byte count in step with the file's.
      if (this.pending.length > 0) this.parser.write(this.pending);
      this.pending = new Uint8Array(0);
    }
    if (this.parser.isEnded) {
      const extra = chunk.findIndex((b) => !isSpace(b));
      if (extra >= 0) throw this.trailing(start + extra);
      return;
    }
    this.parser.write(chunk);
    if (this.failure) throw this.parseFailure();
  }

  /** Bytes before the document's first significant byte, held until the parser exists. */
  private pending: Uint8Array = new Uint8Array(0);

  private createParser(mode: 'collection' | 'array'): JSONParser {
    const parser = new JSONParser({
      // Not '$.features' itself: the parser would keep every feature to emit the array.
      paths: mode === 'array' ? ['$.*'] : ['$.features.*', '$.type', '$.id', '$.geometry', '$.properties'],
      keepStack: false,
      stringBufferSize: 64 * 1024,
      numberBufferSize: 64,
    });
    parser.onValue = ({ value, key, stack }) => {
      if (typeof key === 'number') {
        this.out.push({ index: this.count++, feature: value });
      } else if (stack.length === 1 && typeof key === 'string') {
        this.top[key] = value;
        const wrong = value !== 'FeatureCollection' && (value !== 'Feature' || this.collectionOnly);
        if (key === 'type' && wrong && !this.failure) this.failure = this.notGeoJson(value);
      }
    };
    parser.onError = (error) => {
      this.failure ??= error;
    };
    return parser;
  }

  private notGeoJson(type: unknown): GeoJsonReadError {
    const shown = type === undefined ? '无 / none' : JSON.stringify(type);
    return this.problem(
      'not-geojson',
      `不是 GeoJSON FeatureCollection（type 为 ${shown}）/ not a GeoJSON FeatureCollection (its "type" is ${type === undefined ? 'missing' : JSON.stringify(type)}): export the layer as GeoJSON`,
    );
  }

  private parseFailure(): GeoJsonReadError {
    const failure = this.failure!;
    if (failure instanceof GeoJsonReadError) return failure;
    if (/ended in (mid-parsing|the middle)/i.test(failure.message)) return this.truncated();
    // The parser counts the bytes it was given, which are the file's from its first byte.
    const at = /absolute position "?(\d+)/.exec(failure.message);
    const offset = at ? Number(at[1]) : this.bytes;
    if (/in state ENDED/.test(failure.message)) return this.trailing(offset);
    return this.problem(
      'invalid-json',
      `JSON 语法错误，第 ${offset} 字节附近（要素 #${this.count}）/ invalid JSON near byte ${offset} (in feature #${this.count}): ${failure.message}; fix the file there or export it again`,
      offset,
    );
  }

  private trailing(offset: number): GeoJsonReadError {
    return this.problem(
      'invalid-json',
      `GeoJSON 结束后还有多余内容（第 ${offset} 字节附近）/ unexpected content after the end of the GeoJSON near byte ${offset}: is it two files pasted together?`,
      offset,
    );
  }

  private truncated(): GeoJsonReadError {
    return this.problem(
      'truncated',
      `文件不完整：在第 ${this.bytes} 字节处意外结束（已读 ${this.count} 个要素），可能未复制或导出完整 / the file ends unexpectedly at byte ${this.bytes}, after ${this.count} features: it was probably cut short while copying or exporting; copy or export it again`,
      this.bytes,
    );
  }

  /** `checked` (starting at file byte `checkedStart`) holds invalid UTF-8. */
  private notUtf8(checked: Uint8Array, checkedStart: number): GeoJsonReadError {
    const at = firstInvalidUtf8(checked);
    const offset = checkedStart + at;
    // Parse the good bytes before it, so that the feature index is the one it is in
    // (and a JSON error earlier in the file is reported first).
    this.feed(checked.subarray(0, at), checkedStart);
    this.bytes = offset;
    const seen = checked.subarray(at, at + 4);
    const gbk = looksLikeGbk(seen);
    return this.problem(
      'not-utf8',
      gbk
        ? `文件不是 UTF-8 编码（疑似 GBK）：第 ${offset} 字节起为 ${hex(seen)}（要素 #${this.count}）；请另存为 UTF-8 / the file is not UTF-8 (looks like GBK): bytes ${hex(seen)} at byte ${offset} (feature #${this.count}); save it as UTF-8`
        : `文件不是 UTF-8 编码：第 ${offset} 字节起为 ${hex(seen)}（要素 #${this.count}）；请另存为 UTF-8 / the file is not UTF-8: bytes ${hex(seen)} at byte ${offset} (feature #${this.count}); save it as UTF-8`,
      offset,
    );
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/**
 * The features of a GeoJSON file, one at a time, reading 1 MiB ahead at most.
 * Throws `GeoJsonReadError` (with its `GeoJsonProblem`) for a file that cannot be
 * read, is not UTF-8, is not JSON, is cut short, or is not a FeatureCollection.
 */
export async function* streamGeoJsonFeatures(file: string, options: GeoJsonReadOptions = {}): AsyncGenerator<StreamedFeature> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    throw new GeoJsonReadError(readProblem(file, error, options.what));
  }
  try {
    const splitter = new FeatureSplitter(file, options.featureCollectionOnly);
    const buffer = new Uint8Array(options.chunkBytes ?? CHUNK_BYTES);
    // A regular file is read synchronously, a chunk at a time (tens of µs, less than
    // parsing the chunk takes): awaiting each read peaked ~200 MB higher in a
    // 200,000-building build (811–848 MB against 588–630 MB). A pipe or other
    // stream is awaited, since its writer may be this very process.
    const regular = (await handle.stat()).isFile();
    const fd = handle.fd;
    for (;;) {
      let n: number;
      try {
        n = regular ? readSync(fd, buffer, 0, buffer.length, null) : (await handle.read(buffer, 0, buffer.length, null)).bytesRead;
      } catch (error) {
        throw new GeoJsonReadError(readProblem(file, error, options.what));
      }
      if (n === 0) break;
      yield* splitter.push(buffer.subarray(0, n));
    }
    yield* splitter.finish();
  } finally {
    await handle.close();
  }
}

/** The same, synchronously, for the small reference layers read by synchronous code. */
export function* streamGeoJsonFeaturesSync(file: string, options: GeoJsonReadOptions = {}): Generator<StreamedFeature> {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (error) {
    throw new GeoJsonReadError(readProblem(file, error, options.what));
  }
  try {
    const splitter = new FeatureSplitter(file, options.featureCollectionOnly);
    const buffer = new Uint8Array(options.chunkBytes ?? CHUNK_BYTES);
    for (;;) {
      let n: number;
      try {
        n = readSync(fd, buffer, 0, buffer.length, null);
      } catch (error) {
        throw new GeoJsonReadError(readProblem(file, error, options.what));
      }
      if (n === 0) break;
      yield* splitter.push(buffer.subarray(0, n));
    }
    yield* splitter.finish();
  } finally {
    closeSync(fd);
  }
}

function asCollection(features: unknown[]): FeatureCollection {
  return { type: 'FeatureCollection', features: features as Feature[] };
}

/** A whole (small) GeoJSON file as a FeatureCollection, or the problem with it. */
export async function readGeoJsonCollection(file: string, options: GeoJsonReadOptions = {}): Promise<GeoJsonResult<FeatureCollection>> {
  const features: unknown[] = [];
  try {
    for await (const f of streamGeoJsonFeatures(file, options)) features.push(f.feature);
  } catch (error) {
    if (error instanceof GeoJsonReadError) return failure([error.problem]);
    throw error;
  }
  return success(asCollection(features));
}

/** `readGeoJsonCollection`, synchronously. */
export function readGeoJsonCollectionSync(file: string, options: GeoJsonReadOptions = {}): GeoJsonResult<FeatureCollection> {
  const features: unknown[] = [];
  try {
    for (const f of streamGeoJsonFeaturesSync(file, options)) features.push(f.feature);
  } catch (error) {
    if (error instanceof GeoJsonReadError) return failure([error.problem]);
    throw error;
  }
  return success(asCollection(features));
}
