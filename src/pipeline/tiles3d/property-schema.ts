/**
 * The generic part of a tileset's metadata schema (EXT_structural_metadata): column
 * and enum specs, the type inference of extra input columns, and the schema's JSON
 * form. Each layer declares its own columns (buildings/building-schema.ts,
 * lifelines/lifeline-schema.ts), named as src/core/tile-properties.ts lists them.
 */

/**
 * No BOOLEAN columns: loaders.gl 4.5.4 cannot read them ("Not implemented"), so
 * yes/no values are UINT8 flags (1 yes, 0 no, 255 unknown) that every reader takes.
 */
export type ColumnType = 'STRING' | 'SCALAR' | 'ENUM';
/** Marks a UINT8 yes/no column. */
export const FLAG_NO_DATA = 255;
export type ScalarComponent = 'UINT8' | 'UINT16' | 'INT32' | 'FLOAT32' | 'FLOAT64';

export interface ColumnSpec {
  name: string;
  type: ColumnType;
  componentType?: ScalarComponent;
  /** For ENUM columns: the key of the enum in the schema. */
  enumType?: string;
  /** Value meaning "no value" (null or missing input). */
  noData?: number | string;
  required?: boolean;
  /** A yes/no column stored as UINT8 1/0. */
  flag?: boolean;
  description: string;
}

export interface EnumSpec {
  name: string;
  /** Names in value order: value i is names[i]. The last one is the no-data name. */
  names: string[];
}

export interface MetadataSchema {
  /** Schema id in the glb and tileset.json, e.g. `yuzhong_buildings`. */
  id: string;
  /** Human name of the class, zh-CN / English, e.g. `建筑 / building`. */
  label: string;
  className: string;
  columns: ColumnSpec[];
  enums: EnumSpec[];
}

/** Who a schema is: its id, its one class and that class's human name. */
export type SchemaClass = Pick<MetadataSchema, 'id' | 'label' | 'className'>;

export const UNKNOWN_ENUM_NAME = '未知';

interface ExtraStats {
  strings: number;
  numbers: number;
  integers: number;
  booleans: number;
  others: number;
  min: number;
  max: number;
}

/**
 * Infers the type of every extra input column (not one of `coreNames`) from the
 * values seen: shared by the buildings' and the lifelines' schemas.
 */
export class ExtraColumnCollector {
  private readonly stats = new Map<string, ExtraStats>();

  constructor(private readonly coreNames: ReadonlySet<string>) {}

  add(key: string, value: unknown): void {
    if (this.coreNames.has(key)) return;
    let s = this.stats.get(key);
    if (!s) {
      s = { strings: 0, numbers: 0, integers: 0, booleans: 0, others: 0, min: Infinity, max: -Infinity };
      this.stats.set(key, s);
    }
    if (value === null || value === undefined) return;
    if (typeof value === 'string') s.strings++;
    else if (typeof value === 'boolean') s.booleans++;
    else if (typeof value === 'number' && Number.isFinite(value)) {
      s.numbers++;
      if (Number.isInteger(value)) s.integers++;
      s.min = Math.min(s.min, value);
      s.max = Math.max(s.max, value);
    } else s.others++;
  }

  /** The extra columns, sorted by name (so the schema does not depend on input order). */
  columns(): ColumnSpec[] {
    return [...this.stats.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([name, s]) => extraColumn(name, s));
  }
}

function extraColumn(name: string, s: ExtraStats): ColumnSpec {
  const description = `输入列 / input column "${name}"`;
  const onlyNumbers = s.numbers > 0 && s.strings + s.booleans + s.others === 0;
  if (s.booleans > 0 && s.strings + s.numbers + s.others === 0) {
    return { name, type: 'SCALAR', componentType: 'UINT8', flag: true, noData: FLAG_NO_DATA, description: `${description} (1 = true, 0 = false)` };
  }
  if (onlyNumbers && s.integers === s.numbers && s.min > -2_147_483_648 && s.max <= 2_147_483_647) {
    return { name, type: 'SCALAR', componentType: 'INT32', noData: -2_147_483_648, description };
  }
  if (onlyNumbers) return { name, type: 'SCALAR', componentType: 'FLOAT64', noData: Number.MAX_VALUE, description };
  // Mixed or textual: keep every value readable as text (objects as JSON).
  return { name, type: 'STRING', noData: '', description };
}

/** Converts a schema to the EXT_structural_metadata JSON form (used by tileset.json and tests). */
export function schemaJson(schema: MetadataSchema): Record<string, unknown> {
  return {
    id: schema.id,
    classes: {
      [schema.className]: {
        name: schema.label,
        properties: Object.fromEntries(
          schema.columns.map((c) => [
            c.name,
            {
              description: c.description,
              type: c.type,
              ...(c.componentType ? { componentType: c.componentType } : {}),
              ...(c.enumType ? { enumType: c.enumType } : {}),
              ...(c.noData !== undefined ? { noData: c.noData } : {}),
              ...(c.required ? { required: true } : {}),
            },
          ]),
        ),
      },
    },
    enums: Object.fromEntries(
      schema.enums.map((e) => [e.name, { valueType: 'UINT8', values: e.names.map((name, value) => ({ name, value })) }]),
    ),
  };
}
