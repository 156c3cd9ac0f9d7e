/**
 * The property names the buildings and lifelines tilesets carry per feature
 * (EXT_structural_metadata property-table columns). The pipeline's metadata schemas
 * write these names and the viewer reads them with `feature.getProperty(…)`: one list,
 * so a renamed column is a type error on both sides, not a silently blank panel.
 */

/** Columns of the buildings tileset's `building` class. */
export const BUILDING_TILE_PROPERTIES = {
  id: 'id',
  name: 'name',
  address: 'address',
  community: 'community',
  floors: 'floors',
  height: 'height',
  yearBuilt: 'year_built',
  structure: 'structure',
  use: 'use',
  heritage: 'heritage',
  groundMin: 'ground_min',
  groundMax: 'ground_max',
} as const;

/** Columns of the lifelines tileset's `pipe` class. */
export const PIPE_TILE_PROPERTIES = {
  id: 'id',
  network: 'network',
  diameterMm: 'diameter_mm',
  depthM: 'depth_m',
  material: 'material',
  installYear: 'install_year',
  condition: 'condition',
  pressure: 'pressure',
  lengthM: 'length_m',
  groundMin: 'ground_min',
  top: 'top',
} as const;

export type BuildingTileProperty = (typeof BUILDING_TILE_PROPERTIES)[keyof typeof BUILDING_TILE_PROPERTIES];
export type PipeTileProperty = (typeof PIPE_TILE_PROPERTIES)[keyof typeof PIPE_TILE_PROPERTIES];
