/**
 * Which of our fields one of their field names stands for, the one rule the feature
 * mapper and the archive header share: the mapping file's `ignore` first, then its
 * `fields`, then our own name, then the built-in names (built-in-names.ts). Each
 * answer carries its rank, so when two of their fields land on one of ours the
 * stronger wins (field-mapper.ts): a mapping file's word over our own name (the
 * district said so), our own name over a built-in guess. Names are matched by
 * `matchKey` and each distinct name is resolved once (a Shapefile has a handful of
 * names and 100k features).
 */
import { BUILT_IN_NAMES } from './built-in-names.ts';
import type { FieldMappingFile } from './mapping-file.ts';
import { matchKey } from './match-key.ts';
import { ourFieldNames, type MappingRole } from './our-fields.ts';

/** Where a name's mapping came from, strongest first. */
export const MAPPING_SOURCES = ['mapping-file', 'ours', 'built-in'] as const;
export type MappingSource = (typeof MAPPING_SOURCES)[number];

export type NameResolution = { kind: 'mapped'; ours: string; by: MappingSource; rank: number } | { kind: 'ignored' } | { kind: 'unmapped' };

export type NameResolver = (theirName: string) => NameResolution;

export function createNameResolver(role: MappingRole, mapping?: FieldMappingFile | null): NameResolver {
  const section = mapping?.[role];
  const table = new Map<string, NameResolution>();
  const put = (name: string, ours: string, by: MappingSource) => table.set(matchKey(name), { kind: 'mapped', ours, by, rank: MAPPING_SOURCES.indexOf(by) });
  for (const [name, ours] of Object.entries(BUILT_IN_NAMES[role])) put(name, ours, 'built-in');
  for (const ours of ourFieldNames(role)) put(ours, ours, 'ours');
  for (const [name, ours] of Object.entries(section?.fields ?? {})) put(name, ours, 'mapping-file');
  for (const name of section?.ignore ?? []) table.set(matchKey(name), { kind: 'ignored' });
  const unmapped: NameResolution = { kind: 'unmapped' };
  const cache = new Map<string, NameResolution>();
  return (theirName) => {
    let found = cache.get(theirName);
    if (!found) {
      found = table.get(matchKey(theirName)) ?? unmapped;
      cache.set(theirName, found);
    }
    return found;
  };
}
