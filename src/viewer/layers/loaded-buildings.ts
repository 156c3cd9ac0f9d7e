/**
 * The buildings that are loaded right now: code → its tile features and attributes,
 * kept in step with the tileset's tileLoad/tileUnload so the layer can recolour,
 * filter and highlight by code without walking every tile.
 */
import type { Cesium3DTile, Cesium3DTileFeature, Cesium3DTileset } from 'cesium';
import type { FilterableBuilding } from '../filters/building-filter.ts';
import { BUILDING_TILE_PROPERTIES as B } from '../../core/tile-properties.ts';

export interface LoadedBuilding extends FilterableBuilding {
  floors: number | null;
  height: number;
  groundMin: number;
  groundMax: number;
}

function num(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function str(value: unknown): string | null {
  return typeof value === 'string' && value !== '' && value !== '未知' ? value : null;
}

/** The attributes of one feature, with the tiles' no-data values (0, 255, '') as null. */
export function readBuilding(feature: Cesium3DTileFeature): LoadedBuilding | null {
  const code = feature.getProperty(B.id) as unknown;
  if (typeof code !== 'string') return null;
  const heritage = num(feature.getProperty(B.heritage));
  const year = num(feature.getProperty(B.yearBuilt));
  const floors = num(feature.getProperty(B.floors));
  return {
    code,
    yearBuilt: year && year > 0 ? year : null,
    structure: str(feature.getProperty(B.structure)),
    use: str(feature.getProperty(B.use)),
    heritage: heritage === 1 ? true : heritage === 0 ? false : null,
    floors: floors && floors > 0 ? floors : null,
    height: num(feature.getProperty(B.height)) ?? 0,
    groundMin: num(feature.getProperty(B.groundMin)) ?? 0,
    groundMax: num(feature.getProperty(B.groundMax)) ?? 0,
  };
}

export class LoadedBuildings {
  private readonly features = new Map<string, Cesium3DTileFeature[]>();
  private readonly attributes = new Map<string, LoadedBuilding>();

  /** Adds a loaded tile's features; calls `each` for every one (to colour it). */
  addTile(tile: Cesium3DTile, each: (feature: Cesium3DTileFeature, building: LoadedBuilding) => void): void {
    const content = tile.content;
    for (let i = 0; i < content.featuresLength; i++) {
      const feature = content.getFeature(i);
      const building = readBuilding(feature);
      if (!building) continue;
      const list = this.features.get(building.code);
      if (list) list.push(feature);
      else this.features.set(building.code, [feature]);
      this.attributes.set(building.code, building);
      each(feature, building);
    }
  }

  removeTile(tile: Cesium3DTile): void {
    const content = tile.content;
    for (let i = 0; i < content.featuresLength; i++) {
      const feature = content.getFeature(i);
      const code = feature.getProperty(B.id) as unknown;
      if (typeof code !== 'string') continue;
      const rest = (this.features.get(code) ?? []).filter((f) => f !== feature);
      if (rest.length > 0) this.features.set(code, rest);
      else {
        this.features.delete(code);
        this.attributes.delete(code);
      }
    }
  }

  featuresOf(code: string): Cesium3DTileFeature[] {
    return this.features.get(code) ?? [];
  }

  building(code: string): LoadedBuilding | undefined {
    return this.attributes.get(code);
  }

  *entries(): IterableIterator<[LoadedBuilding, Cesium3DTileFeature[]]> {
    for (const [code, list] of this.features) {
      const b = this.attributes.get(code);
      if (b) yield [b, list];
    }
  }

  get size(): number {
    return this.features.size;
  }

  clear(): void {
    this.features.clear();
    this.attributes.clear();
  }
}

/** Resolves at the tileset's first "all tiles loaded" (its `tilesLoaded` is true before any request). */
export function firstAllTilesLoaded(tileset: Cesium3DTileset): Promise<void> {
  return new Promise((resolve) => {
    const remove = tileset.allTilesLoaded.addEventListener(() => {
      remove();
      resolve();
    });
  });
}
