/**
 * The metadata schema of the lifelines tiles (EXT_structural_metadata): every input
 * attribute of a segment with compact fixed types, the placed tube's ground and
 * length, and any extra input column typed from its values (the buildings' rule).
 * Column names as src/core/tile-properties.ts lists them (the viewer reads those).
 */
import { NETWORKS, PIPE_CONDITIONS, PRESSURE_CLASSES } from '../../core/lifelines.ts';
import { PIPE_TILE_PROPERTIES as P } from '../../core/tile-properties.ts';
import type { PlacedPipe } from './placed-pipe.ts';
import { ExtraColumnCollector, UNKNOWN_ENUM_NAME, type ColumnSpec, type MetadataSchema, type SchemaClass } from '../tiles3d/property-schema.ts';

export const LIFELINE_CLASS = 'pipe';
export const LIFELINE_SCHEMA_ID = 'yuzhong_lifelines';
export const LIFELINE_SCHEMA_CLASS: SchemaClass = { id: LIFELINE_SCHEMA_ID, label: '管段 / pipe segment', className: LIFELINE_CLASS };

const CORE_COLUMNS: ColumnSpec[] = [
  { name: P.id, type: 'STRING', required: true, description: '管段编号 / segment id' },
  { name: P.network, type: 'ENUM', enumType: 'network', required: true, description: '管网 / network' },
  { name: P.diameterMm, type: 'SCALAR', componentType: 'UINT16', required: true, description: '管径 DN（毫米）/ diameter (mm)' },
  { name: P.depthM, type: 'SCALAR', componentType: 'FLOAT32', noData: -1, description: '埋深（米，地面至管顶）/ cover depth (m, ground to top of pipe)' },
  { name: P.material, type: 'STRING', required: true, description: '材质 / material' },
  { name: P.installYear, type: 'SCALAR', componentType: 'UINT16', required: true, description: '敷设年份 / install year' },
  { name: P.condition, type: 'ENUM', enumType: 'pipe_condition', required: true, description: '状况 / condition' },
  { name: P.pressure, type: 'ENUM', enumType: 'pressure_class', noData: UNKNOWN_ENUM_NAME, description: '压力等级 / pressure class' },
  { name: P.lengthM, type: 'SCALAR', componentType: 'FLOAT32', required: true, description: '长度（米）/ length (m)' },
  { name: P.groundMin, type: 'SCALAR', componentType: 'FLOAT32', required: true, description: '沿线最低地面高程（米）/ lowest ground along the pipe (m)' },
  { name: P.top, type: 'SCALAR', componentType: 'FLOAT32', required: true, description: '管顶最高高程（米）/ highest top of the pipe (m)' },
];
const CORE_NAMES = new Set(CORE_COLUMNS.map((c) => c.name));

/** Collects the extra input columns (typed by the buildings' rule), then yields the schema. */
export class LifelineSchemaCollector {
  private readonly extras = new ExtraColumnCollector(CORE_NAMES);

  add(properties: Record<string, unknown>): void {
    for (const key in properties) this.extras.add(key, properties[key]);
  }

  schema(): MetadataSchema {
    return {
      ...LIFELINE_SCHEMA_CLASS,
      columns: [...CORE_COLUMNS, ...this.extras.columns()],
      enums: [
        // The last name of each enum is what a missing or unknown value becomes.
        { name: 'network', names: [...NETWORKS, UNKNOWN_ENUM_NAME] },
        { name: 'pipe_condition', names: [...PIPE_CONDITIONS, UNKNOWN_ENUM_NAME] },
        { name: 'pressure_class', names: [...PRESSURE_CLASSES, UNKNOWN_ENUM_NAME] },
      ],
    };
  }
}

/** A placed pipe's value for a schema column. */
export function lifelineValue(pipe: PlacedPipe, column: string): unknown {
  switch (column) {
    case P.id: return pipe.id;
    case P.network: return pipe.network;
    case P.diameterMm: return pipe.diameterMm;
    case P.depthM: return pipe.depthM;
    case P.material: return pipe.material;
    case P.installYear: return pipe.installYear;
    case P.condition: return pipe.condition;
    case P.pressure: return pipe.pressure;
    case P.lengthM: return pipe.lengthM;
    case P.groundMin: return pipe.groundMin;
    case P.top: return pipe.top;
    default: return pipe.properties[column];
  }
}
