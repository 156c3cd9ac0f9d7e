/**
 * A Shapefile's attribute table (dBASE III `.dbf`), read record by record as raw bytes:
 * the header (record count, field names and types), each record's deleted flag and its
 * values, decoded here with the code page the reader settled on.
 *
 * Why not the `shapefile` package's DBF reader (its `.shp` reader is used): in Node it
 * decodes with the `text-encoding` polyfill, not Node's own TextDecoder — GBK there is
 * 25× slower (100,000 × 2-byte strings: 155 ms against 6 ms) —, it decodes each value
 * non-fatally, so "UTF-8 read as GBK" comes out as valid-looking text that can no
 * longer be told from GBK, and it reads deleted records (flag `*`) as live ones. Here
 * the bytes are kept for the code-page check (`code-page.ts`), deleted records are
 * skipped as GDAL skips them, and the file is read 1 MiB at a time.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { BoundedMemo } from '../../core/bounded-memo.ts';
import { decodeOrNull } from './code-page.ts';

/** The field types GDAL and ArcGIS write for attributes; memo (M, in a `.dbt`) and binary types are refused by the reader. */
export const DBF_FIELD_TYPES = new Set(['C', 'N', 'F', 'L', 'D']);

export interface DbfField {
  /** The name's bytes, NUL padding cut. */
  nameBytes: Uint8Array;
  /** dBASE type letter: C, N, F, L, D, … */
  type: string;
  /** Bytes from the start of the record (the deleted flag is byte 0). */
  offset: number;
  length: number;
}

export interface DbfHeader {
  fields: DbfField[];
  /** Records the header announces. */
  records: number;
  headerLength: number;
  recordLength: number;
}

/** The header is not a DBF's. */
export class DbfFormatError extends Error {}

async function readHeader(handle: FileHandle): Promise<DbfHeader> {
  const head = new Uint8Array(32);
  const { bytesRead } = await handle.read(head, 0, 32, 0);
  const view = new DataView(head.buffer);
  const records = view.getUint32(4, true);
  const headerLength = view.getUint16(8, true);
  const recordLength = view.getUint16(10, true);
  if (bytesRead < 32 || headerLength < 33 || recordLength < 1) throw new DbfFormatError('no dBASE header');
  const descriptors = new Uint8Array(headerLength - 32);
  await handle.read(descriptors, 0, descriptors.length, 32);
  const fields: DbfField[] = [];
  let offset = 1;
  for (let n = 0; n + 32 <= descriptors.length && descriptors[n] !== 0x0d; n += 32) {
    let end = 0;
    while (end < 11 && descriptors[n + end] !== 0) end++;
    const length = descriptors[n + 16]!;
    fields.push({ nameBytes: descriptors.slice(n, n + end), type: String.fromCharCode(descriptors[n + 11]!), offset, length });
    offset += length;
  }
  if (offset > recordLength) throw new DbfFormatError(`fields need ${offset} bytes, records have ${recordLength}`);
  return { fields, records, headerLength, recordLength };
}

export async function readDbfHeader(path: string): Promise<DbfHeader> {
  const handle = await open(path, 'r');
  try {
    return await readHeader(handle);
  } finally {
    await handle.close();
  }
}

/** One record: its 0-based index, whether it is marked deleted, and its bytes (a Buffer: values are read as ranges of it, see `valueEnd`). */
export interface DbfRecord {
  index: number;
  deleted: boolean;
  bytes: Buffer;
}

/** Records, 1 MiB of them at a time, as one array per read (one await per chunk, not per record); stops early at a short file. */
export async function* dbfRecordChunks(path: string, header: DbfHeader): AsyncGenerator<DbfRecord[]> {
  const handle = await open(path, 'r');
  try {
    const { records, recordLength, headerLength } = header;
    const perChunk = Math.max(1, Math.floor((1 << 20) / recordLength));
    for (let first = 0; first < records; first += perChunk) {
      const want = Math.min(perChunk, records - first);
      const chunk = Buffer.alloc(want * recordLength);
      const got = Math.floor((await handle.read(chunk, 0, chunk.length, headerLength + first * recordLength)).bytesRead / recordLength);
      const out: DbfRecord[] = [];
      for (let r = 0; r < got; r++) {
        const bytes = chunk.subarray(r * recordLength, (r + 1) * recordLength);
        if (bytes[0] === 0x1a) {
          if (out.length > 0) yield out;
          return;
        }
        out.push({ index: first + r, deleted: bytes[0] === 0x2a, bytes });
      }
      if (out.length > 0) yield out;
      if (got < want) return;
    }
  } finally {
    await handle.close();
  }
}

/** The longest field name a DBF holds (11 bytes, NUL-terminated): a name of 10 or more bytes may have been cut. */
export const DBF_NAME_BYTES = 10;

/** Whether a value fills its field (no padding at the end), so it may have been cut mid-character. */
export function fillsField(record: Uint8Array, field: DbfField): boolean {
  const last = record[field.offset + field.length - 1];
  return last !== 0x20 && last !== 0x00;
}

/**
 * Where a value ends, trailing padding (spaces, NULs) trimmed; with `valueStart`, its
 * range in the record. The readers take values as ranges and make strings straight from
 * the record (`latin1`), not through a view per value: a `subarray` costs about as much
 * as the string itself (40 ns; ten fields of 100k records: 40 ms, and the garbage).
 */
export function valueEnd(record: Uint8Array, field: DbfField): number {
  let end = field.offset + field.length;
  while (end > field.offset && (record[end - 1] === 0x20 || record[end - 1] === 0x00)) end--;
  return end;
}

/** Where a value starts, leading spaces trimmed (`end` from `valueEnd`). */
export function valueStart(record: Uint8Array, field: DbfField, end: number): number {
  let start = field.offset;
  while (start < end && record[start] === 0x20) start++;
  return start;
}

/** Whether a range holds a byte ≥ 0x80 (else it reads alike in every code page). */
export function hasHighByteIn(record: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (record[i]! >= 0x80) return true;
  return false;
}

export function hasHighByte(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i]! >= 0x80) return true;
  return false;
}

/** Text as `decodeOrNull` reads it (a cut last character dropped); the lenient decoder never fails. */
export function decodeCut(decoder: TextDecoder, bytes: Uint8Array, cut: boolean): string {
  return decodeOrNull(decoder, bytes, cut) ?? decoder.decode(bytes);
}

/** How a field's non-ASCII text is turned into a string: the record, the value's range in it, and whether the value fills the field (may be cut mid-character). */
export type DbfTextDecode = (record: Buffer, start: number, end: number, cut: boolean) => string;

/** A value (a range of its record) and whether it may be cut, as one string key (byte for byte, latin1): how the decoder and the code-page scan remember values. */
export function valueKey(record: Buffer, start: number, end: number, cut: boolean): string {
  return (cut ? '1' : '0') + record.toString('latin1', start, end);
}

/**
 * A field's text decoder that remembers the distinct values while the field has at most
 * `maxDistinct` of them (default 4,096; `BoundedMemo`): a 小区, 结构类型 or 用途 column
 * repeats a few words over 100k records, and Node's GBK TextDecoder costs about a
 * microsecond a call (three such columns were 13% of reading a Shapefile); an address
 * column is unique per record and is decoded as it comes.
 */
export function rememberingTextDecode(decoder: TextDecoder, maxDistinct = 4096): DbfTextDecode {
  const seen = new BoundedMemo<string>(maxDistinct);
  return (record, start, end, cut) => {
    if (!seen.remembering) return decodeCut(decoder, record.subarray(start, end), cut);
    const key = valueKey(record, start, end, cut);
    let text = seen.get(key);
    if (text === undefined) {
      text = decodeCut(decoder, record.subarray(start, end), cut);
      seen.set(key, text);
    }
    return text;
  };
}

/**
 * A value as a property: text (C) decoded, numbers (N, F) as numbers, logicals (L)
 * as booleans, dates (D) as `YYYY-MM-DD`; undefined for an empty or unreadable value
 * (blank, `?`, an overflowed `*****`), so it becomes an absent property.
 */
export function fieldValue(record: Buffer, field: DbfField, decode: DbfTextDecode): unknown {
  const end = valueEnd(record, field);
  const start = valueStart(record, field, end);
  if (start === end) return undefined;
  switch (field.type) {
    case 'C':
      if (!hasHighByteIn(record, start, end)) return record.toString('latin1', start, end);
      return decode(record, start, end, fillsField(record, field));
    case 'N':
    case 'F': {
      const n = Number(record.toString('latin1', start, end));
      return Number.isFinite(n) ? n : undefined;
    }
    case 'L': {
      const c = record.toString('latin1', start, end);
      return /^[YyTt]$/.test(c) ? true : /^[NnFf]$/.test(c) ? false : undefined;
    }
    case 'D': {
      const d = record.toString('latin1', start, end);
      return /^\d{8}$/.test(d) && d !== '00000000' ? `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}` : undefined;
    }
    default:
      return undefined;
  }
}
