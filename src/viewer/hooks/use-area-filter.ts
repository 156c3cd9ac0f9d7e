/**
 * What the building filters need from outside the view state: the area list for the
 * filter (names in both languages, from areas.geojson), the buildings of the filtered
 * area (from the archive), and how many buildings match — the district total from the
 * archive (debounced 200 ms) and the loaded ones as a fallback.
 */
import { useEffect, useState } from 'react';
import { codesInArea, countMatching } from '../api/archive-client.ts';
import { fetchAreaFeatures } from '../api/areas-client.ts';
import type { GradesFeed } from '../api/grades-feed.ts';
import { type BuildingFilters, isFilterActive, matchesFilters } from '../filters/building-filter.ts';
import type { AreaOption } from '../filters/FilterPanel.tsx';
import type { LoadedBuildings } from '../layers/loaded-buildings.ts';

/** Wait after a filter change before asking the archive to count. */
const COUNT_DEBOUNCE_MS = 200;

export interface AreaFilterState {
  areas: AreaOption[];
  /** Codes in the filtered area (null while unknown or no area filter). */
  areaCodes: ReadonlySet<string> | null;
  /** Matching buildings in the district, or null when the archive could not say (or no filter). */
  count: number | null;
  /** Matching buildings among the loaded ones. */
  loadedCount: number;
}

export function useAreaFilter(filters: BuildingFilters, feed: GradesFeed, loaded: () => LoadedBuildings | undefined): AreaFilterState {
  const [areas, setAreas] = useState<AreaOption[]>([]);
  const [areaCodes, setAreaCodes] = useState<ReadonlySet<string> | null>(null);
  const [count, setCount] = useState<number | null>(null);
  const [loadedCount, setLoadedCount] = useState(0);

  useEffect(() => {
    fetchAreaFeatures()
      .then((features) => setAreas(features.map((f) => ({ id: f.properties.id, kind: f.properties.kind, name: f.properties.name, nameEn: f.properties.name_en }))))
      .catch((e: unknown) => console.warn('片区列表未加载 / area list not loaded', e));
  }, []);

  useEffect(() => {
    setAreaCodes(null);
    if (!filters.area) return;
    const abort = new AbortController();
    codesInArea(filters.area, abort.signal).then(setAreaCodes, (e: unknown) => {
      if (!abort.signal.aborted) console.warn('片区建筑未加载 / area buildings not loaded', e);
    });
    return () => abort.abort();
  }, [filters.area]);

  useEffect(() => {
    setCount(null);
    if (!isFilterActive(filters)) return;
    const abort = new AbortController();
    const timer = setTimeout(() => {
      countMatching(filters, abort.signal).then(setCount, () => setCount(null));
    }, COUNT_DEBOUNCE_MS);
    const buildings = loaded();
    let n = 0;
    if (buildings) for (const [b] of buildings.entries()) if (matchesFilters(b, feed.grades.get(b.code), filters, areaCodes)) n++;
    setLoadedCount(n);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
    // `loaded` reads a ref: the count follows the filters, not the tiles.
  }, [filters, areaCodes, feed]);

  return { areas, areaCodes, count, loadedCount };
}
