/**
 * Encodes one tile's features (buildings, pipes, any layer's) as an
 * EXT_structural_metadata property table: the values column by column, in schema
 * order, in; one binary column per schema property out: strings as UTF-8 with the narrowest offsets
 * that fit, enums as UINT8 indices, booleans as a bitstream.
 *
 * A string column that is empty in every row of the tile is left out when it is not
 * required: its values would be a 0-byte buffer view, which glTF forbids, while the
 * extension wants exactly the bytes the last offset names (the 3d-tiles-validator's
 * METADATA_INVALID_LENGTH on 3 sample tiles whose buildings all lack a name). Readers
 * then give the class default, as they give for the noData '' those rows held:
 * none (Cesium's getProperty returns undefined either way).
 */
import { FLAG_NO_DATA, type ColumnSpec, type MetadataSchema } from './property-schema.ts';

export interface EncodedColumn {
  name: string;
  values: Uint8Array;
  stringOffsets?: Uint8Array;
  stringOffsetType?: 'UINT16' | 'UINT32';
  /** A string column with no bytes at all (every row empty). */
  empty?: true;
}

function asText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

function encodeStrings(texts: (string | null)[], noData: string): EncodedColumn & { name: '' } {
  // One UTF-8 encoding of the whole column; offsets from each string's byte length.
  const strings = texts.map((t) => t ?? noData);
  const utf8 = Buffer.from(strings.join(''), 'utf8');
  const total = utf8.length;
  // glTF forbids empty buffer views: a column of empty strings gets one unused byte
  // (only a required one is written so; see the module header).
  const values = new Uint8Array(Math.max(1, total));
  values.set(utf8);
  const wide = total > 0xffff;
  const offsets = wide ? new Uint32Array(strings.length + 1) : new Uint16Array(strings.length + 1);
  let at = 0;
  strings.forEach((t, i) => {
    offsets[i] = at;
    at += Buffer.byteLength(t, 'utf8');
  });
  offsets[strings.length] = at;
  return {
    name: '',
    values,
    stringOffsets: new Uint8Array(offsets.buffer),
    stringOffsetType: wide ? 'UINT32' : 'UINT16',
    ...(total === 0 ? { empty: true } : {}),
  };
}

/** 1 for yes, 0 for no, FLAG_NO_DATA when unknown. */
function flagValue(v: unknown): number {
  if (v === true || v === 1 || v === 'true' || v === '是') return 1;
  if (v === false || v === 0 || v === 'false' || v === '否') return 0;
  return FLAG_NO_DATA;
}

function encodeScalar(column: ColumnSpec, values: unknown[]): Uint8Array {
  const noData = typeof column.noData === 'number' ? column.noData : 0;
  const nums = values.map((v) => {
    const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
    return typeof n === 'number' && Number.isFinite(n) ? n : noData;
  });
  switch (column.componentType) {
    case 'UINT8':
      return new Uint8Array(Uint8Array.from(nums).buffer);
    case 'UINT16':
      return new Uint8Array(Uint16Array.from(nums).buffer);
    case 'INT32':
      return new Uint8Array(Int32Array.from(nums).buffer);
    case 'FLOAT32':
      return new Uint8Array(Float32Array.from(nums).buffer);
    default:
      return new Uint8Array(Float64Array.from(nums).buffer);
  }
}

/** A feature's value for a schema column by name (a layer's store adapted to the table). */
export type PropertyValue = (feature: number, column: string) => unknown;

/**
 * The table's values column by column, in schema order (compact to send to a worker):
 * `value(feature, name)` for every feature of `features`.
 */
export function tableColumns(schema: MetadataSchema, value: PropertyValue, features: readonly number[]): unknown[][] {
  return schema.columns.map((column) => features.map((i) => value(i, column.name)));
}

/** The table's columns in schema order, without the optional all-empty string ones. */
export function encodePropertyTable(schema: MetadataSchema, columns: readonly unknown[][]): EncodedColumn[] {
  const encoded = encodeColumns(schema, columns);
  return encoded.filter((col, c) => !(col.empty && !schema.columns[c]!.required));
}

function encodeColumns(schema: MetadataSchema, columns: readonly unknown[][]): EncodedColumn[] {
  const enums = new Map(schema.enums.map((e) => [e.name, e.names]));
  return schema.columns.map((column, c) => {
    const raw = columns[c]!;
    switch (column.type) {
      case 'STRING': {
        const encoded = encodeStrings(raw.map(asText), typeof column.noData === 'string' ? column.noData : '');
        return { ...encoded, name: column.name };
      }
      default:
        if (column.flag) {
          const values = Uint8Array.from(raw, flagValue);
          return { name: column.name, values };
        }
        return { name: column.name, values: encodeScalar(column, raw) };
      case 'ENUM': {
        const names = enums.get(column.enumType!)!;
        const unknown = names.length - 1;
        const values = Uint8Array.from(raw, (v) => {
          const i = typeof v === 'string' ? names.indexOf(v) : -1;
          return i >= 0 ? i : unknown;
        });
        return { name: column.name, values };
      }
    }
  });
}
