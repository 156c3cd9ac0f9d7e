/**
 * The metadata schema of the building tiles (EXT_structural_metadata): the core
 * building properties with fixed, compact types, ground_min/ground_max, and any
 * extra input column with a type inferred from its values. One schema for the whole
 * tileset, settled after reading every footprint, so every tile agrees. The column
 * names are the viewer's too (src/core/tile-properties.ts); the machinery is
 * tiles3d/property-schema.ts's.
 */
import { BUILDING_USES, STRUCTURES } from '../../core/building.ts';
import { BUILDING_TILE_PROPERTIES as P } from '../../core/tile-properties.ts';
import { ExtraColumnCollector, FLAG_NO_DATA, UNKNOWN_ENUM_NAME, type ColumnSpec, type MetadataSchema, type SchemaClass } from '../tiles3d/property-schema.ts';

export const BUILDING_CLASS = 'building';
export const BUILDING_SCHEMA_CLASS: SchemaClass = { id: 'yuzhong_buildings', label: '建筑 / building', className: BUILDING_CLASS };

/** Columns every tile carries, in table order. */
const CORE_COLUMNS: ColumnSpec[] = [
  { name: P.id, type: 'STRING', required: true, description: '建筑编码 / building code' },
  { name: P.name, type: 'STRING', noData: '', description: '名称 / name' },
  { name: P.address, type: 'STRING', noData: '', description: '地址 / address' },
  { name: P.community, type: 'STRING', noData: '', description: '社区 / community' },
  { name: P.floors, type: 'SCALAR', componentType: 'UINT16', noData: 0, description: '层数 / floors' },
  { name: P.height, type: 'SCALAR', componentType: 'FLOAT32', required: true, description: '高度（米，自最低地面起）/ height (m, from the lowest ground)' },
  { name: P.yearBuilt, type: 'SCALAR', componentType: 'UINT16', noData: 0, description: '建成年份 / year built' },
  { name: P.structure, type: 'ENUM', enumType: 'structure', noData: UNKNOWN_ENUM_NAME, description: '结构类型 / structure' },
  { name: P.use, type: 'ENUM', enumType: 'building_use', noData: UNKNOWN_ENUM_NAME, description: '用途 / use' },
  { name: P.heritage, type: 'SCALAR', componentType: 'UINT8', flag: true, noData: FLAG_NO_DATA, description: '历史建筑（1 是，0 否）/ heritage building (1 yes, 0 no)' },
  { name: P.groundMin, type: 'SCALAR', componentType: 'FLOAT32', required: true, description: '最低地面高程（米）/ lowest ground (m)' },
  { name: P.groundMax, type: 'SCALAR', componentType: 'FLOAT32', required: true, description: '最高地面高程（米）/ highest ground (m)' },
];

const CORE_NAMES = new Set(CORE_COLUMNS.map((c) => c.name));

/** Accumulates what the footprints' properties look like, then yields the schema. */
export class SchemaCollector {
  private readonly extras = new ExtraColumnCollector(CORE_NAMES);
  private readonly enumExtras = { structure: new Set<string>(), use: new Set<string>() };

  add(properties: Record<string, unknown>): void {
    for (const key in properties) {
      const value = properties[key];
      if (key === P.structure || key === P.use) {
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
      ...BUILDING_SCHEMA_CLASS,
      columns: [...CORE_COLUMNS, ...this.extras.columns()],
      enums: [
        { name: 'structure', names: enumNames(STRUCTURES, this.enumExtras.structure) },
        { name: 'building_use', names: enumNames(BUILDING_USES, this.enumExtras.use) },
      ],
    };
  }
}

