/**
 * The shapes of a `.shp`, read 1 MiB at a time and parsed by the `shapefile` package's
 * own parser (0.6.6, its `_parse` for the file's shape type): the same GeoJSON
 * geometries as the package's `read()`, ring order and hole grouping included, without
 * its three promises and two copies a record (a stream slice for the record header,
 * one for the content, and a concatenation of both). Reading 100,000 five-vertex
 * polygons took 360–440 ms through `read()`, 50–70 ms here (2026-12-02, a throwaway
 * script, load ~2): 15% of reading the bench's Shapefile through `readFootprints`.
 *
 * Records are taken as the package takes them (`shp_read`), byte for byte: the 12-byte
 * header (record number, content length in 16-bit words, both big-endian, and the
 * shape type); a record whose length is negative or whose type is neither 0 (null
 * shape) nor the file's is skipped by moving 4 bytes at a time until the expected
 * record number comes up again (shapefile-js #36); at the end of the file a record is
 * given with the bytes there are, as the package does. `tests/sources/formats/
 * shp-records.test.ts` compares both on ogr2ogr's files and on damaged ones.
 */
import { open, type FileHandle } from 'node:fs/promises';
import type { Geometry } from 'geojson';
import { openShp } from 'shapefile';

/** What the package's parser takes: a view starting at the record's shape type. */
type ShapeParser = (view: DataView) => Geometry | null;

const CHUNK_BYTES = 1 << 20;
const HEADER_BYTES = 100;

/** The package's parser for a `.shp` header's shape type (it throws for a type it does not read). */
async function parserFor(header: Uint8Array): Promise<{ parse: ShapeParser; type: number }> {
  const shp = (await openShp(header)) as unknown as { _parse: ShapeParser; _type: number };
  if (typeof shp._parse !== 'function') throw new Error('shapefile package without _parse: its version changed, see shp-records.ts');
  return { parse: shp._parse, type: shp._type };
}

/** A `.shp`'s bytes from a position on, read a chunk at a time: one await per chunk, not per record. */
class ChunkedFile {
  /** The bytes in hand; `at` indexes into them. */
  bytes = new Uint8Array(0);
  private position: number;
  private ended = false;
  constructor(
    private readonly handle: FileHandle,
    from: number,
  ) {
    this.position = from;
  }

  /** Whether `n` bytes from `at` are in hand, or the file has no more. */
  has(at: number, n: number): boolean {
    return this.ended || this.bytes.length - at >= n;
  }

  /** Drops the bytes before `at` and reads on until `n` bytes are in hand or the file ends; `at` is then 0. */
  async fill(at: number, n: number): Promise<0> {
    let bytes = this.bytes.subarray(at);
    while (!this.ended && bytes.length < n) {
      const chunk = new Uint8Array(Math.max(CHUNK_BYTES, n - bytes.length));
      const { bytesRead } = await this.handle.read(chunk, 0, chunk.length, this.position);
      this.position += bytesRead;
      if (bytesRead === 0) this.ended = true;
      const joined = new Uint8Array(bytes.length + bytesRead);
      joined.set(bytes, 0);
      joined.set(chunk.subarray(0, bytesRead), bytes.length);
      bytes = joined;
    }
    this.bytes = bytes;
    return 0;
  }
}

/** A shape record that cannot be read: its 0-based index and why. */
export class ShpRecordError extends Error {
  constructor(
    readonly index: number,
    readonly why: string,
  ) {
    super(why);
    this.name = 'ShpRecordError';
  }
}

/**
 * The shapes of a `.shp` in order, each the package's geometry (null for a null
 * shape), in arrays of up to `batch`. A record that cannot be read (a header or
 * content cut short by the end of the file, or one the parser refuses) throws a
 * `ShpRecordError` with its index, after the shapes before it are given out.
 */
export async function* shpShapeBatches(path: string, batch: number): AsyncGenerator<Array<Geometry | null>> {
  const handle = await open(path, 'r');
  try {
    const header = new Uint8Array(HEADER_BYTES);
    const { bytesRead } = await handle.read(header, 0, HEADER_BYTES, 0);
    if (bytesRead < HEADER_BYTES) throw new ShpRecordError(0, 'the file is shorter than its 100-byte header');
    const { parse, type: fileType } = await parserFor(header);
    const file = new ChunkedFile(handle, HEADER_BYTES);
    let at = 0;
    let out: Array<Geometry | null> = [];
    records: for (let index = 0; ; index++) {
      if (!file.has(at, 12)) at = await file.fill(at, 12);
      let left = file.bytes.length - at;
      if (left === 0) break;
      let shape: Geometry | null;
      try {
        if (left < 12) throw new Error('the file ends inside the record header');
        let view = new DataView(file.bytes.buffer, file.bytes.byteOffset + at, 12);
        let length = view.getInt32(4, false) * 2 - 4;
        let type = view.getInt32(8, true);
        while (length < 0 || (type !== 0 && type !== fileType)) {
          // As the package: 4 bytes on until the expected record number (1-based) comes up; the end of the file ends the shapes.
          if (!file.has(at, 16)) at = await file.fill(at, 16);
          if (file.bytes.length - at < 16) break records;
          at += 4;
          view = new DataView(file.bytes.buffer, file.bytes.byteOffset + at, 12);
          if (view.getInt32(0, false) !== index + 1) continue;
          length = view.getInt32(4, false) * 2 - 4;
          type = view.getInt32(8, true);
        }
        if (!file.has(at, 12 + length)) at = await file.fill(at, 12 + length);
        left = file.bytes.length - at;
        if (left < 12 + length) throw new Error(`the file ends inside the record (${left - 12} of ${length} bytes)`);
        shape = type === 0 ? null : parse(new DataView(file.bytes.buffer, file.bytes.byteOffset + at + 8, 4 + length));
        at += 12 + length;
      } catch (error) {
        if (out.length > 0) yield out;
        throw new ShpRecordError(index, (error as Error).message);
      }
      out.push(shape);
      if (out.length === batch) {
        yield out;
        out = [];
      }
    }
    if (out.length > 0) yield out;
  } finally {
    await handle.close();
  }
}
