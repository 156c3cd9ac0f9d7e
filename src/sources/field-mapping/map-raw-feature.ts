/**
 * A feature file reader's RawFeature under our names: its properties through the field
 * mapper, and its `id` taken again from the mapped properties, because the reader
 * picked `properties.id` (else the feature's own id) before the mapping, when the id
 * still stood under 建筑编号 or 管线编号. The one place the footprint, pipe and area
 * readers apply a mapper, so their ids cannot come out differently.
 */
import type { RawFeature } from '../raw-feature.ts';
import type { FieldMapper } from './field-mapper.ts';

/** `geometry`: the feature's, already reprojected (default: as read). A literal of RawFeature's shape, not a spread: one object per feature read. */
export function mapRawFeature(mapper: FieldMapper, feature: RawFeature, geometry = feature.geometry): RawFeature {
  const properties = mapper.map(feature.properties);
  const id = properties.id;
  return { index: feature.index, id: id === undefined || id === null || id === '' ? feature.id : id, geometry, properties };
}
