/**
 * The metadata schema of the lifelines tiles (EXT_structural_metadata): every input
 * attribute of a segment with compact fixed types, the placed tube's ground and
 * length, and any extra input column typed from its values (the buildings' rule).
 */
import { NETWORKS, PIPE_CONDITIONS, PRESSURE_CLASSES } from '../../core/lifelines.ts';
import type { PlacedPipe } from './placed-pipe.ts';
import { ExtraColumnCollector, UNKNOWN_ENUM_NAME, type ColumnSpec, type MetadataSchema } from '../tiles3d/property-schema.ts';

export const LIFELINE_CLASS = 'pipe';
export const LIFELINE_SCHEMA_ID = 'yuzhong_lifelines';

const CORE_COLUMNS: ColumnSpec[] = [
  { name: 'id', type: 'STRING', required: true, description: '管段编号 / segment id' },
  { name: 'network', type: 'ENUM', enumType: 'network', required: true, description: '管网 / network' },
  { name: 'diameter_mm', type: 'SCALAR', componentType: 'UINT16', required: true, description: '管径 DN（毫米）/ diameter (mm)' },
  { name: 'depth_m', type: 'SCALAR', componentType: 'FLOAT32', noData: -1, description: '埋深（米，地面至管顶）/ cover depth (m, ground to top of pipe)' },
  { name: 'material', type: 'STRING', required: true, description: '材质 / material' },
  { name: 'install_year', type: 'SCALAR', componentType: 'UINT16', required: true, description: '敷设年份 / install year' },
  { name: 'condition', type: 'ENUM', enumType: 'pipe_condition', required: true, description: '状况 / condition' },
  { name: 'pressure', type: 'ENUM', enumType: 'pressure_class', noData: UNKNOWN_ENUM_NAME, description: '压力等级 / pressure class' },
  { name: 'length_m', type: 'SCALAR', componentType: 'FLOAT32', required: true, description: '长度（米）/ length (m)' },
  { name: 'ground_min', type: 'SCALAR', componentType: 'FLOAT32', required: true, description: '沿线最低地面高程（米）/ lowest ground along the pipe (m)' },
  { name: 'top', type: 'SCALAR', componentType: 'FLOAT32', required: true, description: '管顶最高高程（米）/ highest top of the pipe (m)' },
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
      id: LIFELINE_SCHEMA_ID,
      label: '管段 / pipe segment',
      className: LIFELINE_CLASS,
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
    case 'id': return pipe.id;
    case 'network': return pipe.network;
    case 'diameter_mm': return pipe.diameterMm;
    case 'depth_m': return pipe.depthM;
    case 'material': return pipe.material;
    case 'install_year': return pipe.installYear;
    case 'condition': return pipe.condition;
    case 'pressure': return pipe.pressure;
    case 'length_m': return pipe.lengthM;
    case 'ground_min': return pipe.groundMin;
    case 'top': return pipe.top;
    default: return pipe.properties[column];
  }
}
