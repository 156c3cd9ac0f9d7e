/**
 * The metadata schema of the building tiles (EXT_structural_metadata): the core
 * building properties with fixed, compact types, ground_min/ground_max, and any
 * extra input column with a type inferred from its values. One schema for the whole
 * tileset, settled after reading every footprint, so every tile agrees.
 */
import { BUILDING_USES, STRUCTURES } from '../../core/building.ts';

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
  /** Schema id in the glb and tileset.json. Default `yuzhong_buildings`. */
  id?: string;
  /** Human name of the class, zh-CN / English. Default `建筑 / building`. */
  label?: string;
  className: string;
  columns: ColumnSpec[];
  enums: EnumSpec[];
}

export const BUILDING_CLASS = 'building';
export const UNKNOWN_ENUM_NAME = '未知';

/** Columns every tile carries, in table order. */
const CORE_COLUMNS: ColumnSpec[] = [
  { name: 'id', type: 'STRING', required: true, description: '建筑编码 / building code' },
  { name: 'name', type: 'STRING', noData: '', description: '名称 / name' },
  { name: 'address', type: 'STRING', noData: '', description: '地址 / address' },
  { name: 'community', type: 'STRING', noData: '', description: '社区 / community' },
  { name: 'floors', type: 'SCALAR', componentType: 'UINT16', noData: 0, description: '层数 / floors' },
  { name: 'height', type: 'SCALAR', componentType: 'FLOAT32', required: true, description: '高度（米，自最低地面起）/ height (m, from the lowest ground)' },
  { name: 'year_built', type: 'SCALAR', componentType: 'UINT16', noData: 0, description: '建成年份 / year built' },
  { name: 'structure', type: 'ENUM', enumType: 'structure', noData: UNKNOWN_ENUM_NAME, description: '结构类型 / structure' },
  { name: 'use', type: 'ENUM', enumType: 'building_use', noData: UNKNOWN_ENUM_NAME, description: '用途 / use' },
  { name: 'heritage', type: 'SCALAR', componentType: 'UINT8', flag: true, noData: FLAG_NO_DATA, description: '历史建筑（1 是，0 否）/ heritage building (1 yes, 0 no)' },
  { name: 'ground_min', type: 'SCALAR', componentType: 'FLOAT32', required: true, description: '最低地面高程（米）/ lowest ground (m)' },
  { name: 'ground_max', type: 'SCALAR', componentType: 'FLOAT32', required: true, description: '最高地面高程（米）/ highest ground (m)' },
];

const CORE_NAMES = new Set(CORE_COLUMNS.map((c) => c.name));

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

/** Accumulates what the footprints' properties look like, then yields the schema. */
export class SchemaCollector {
  private readonly extras = new ExtraColumnCollector(CORE_NAMES);
  private readonly enumExtras = { structure: new Set<string>(), use: new Set<string>() };

  add(properties: Record<string, unknown>): void {
    for (const key in properties) {
      const value = properties[key];
      if (key === 'structure' || key === 'use') {
        if (typeof value === 'string' && value !== '') this.enumExtras[key].add(value);
        continue;
      }
      this.extras.add(key, value);
    }
  }

  schema(): MetadataSchema {
    const enumNames = (known: readonly string[], seen: Set<string>) => [
      ...known,
      ...[...seen].filter((v) => !known.includes(v) && v !== UNKNOWN_ENUM_NAME).sort(),
      UNKNOWN_ENUM_NAME,
    ];
    return {
      className: BUILDING_CLASS,
      columns: [...CORE_COLUMNS, ...this.extras.columns()],
      enums: [
        { name: 'structure', names: enumNames(STRUCTURES, this.enumExtras.structure) },
        { name: 'building_use', names: enumNames(BUILDING_USES, this.enumExtras.use) },
      ],
    };
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
    id: schema.id ?? 'yuzhong_buildings',
    classes: {
      [schema.className]: {
        name: schema.label ?? '建筑 / building',
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
