/** The files the overlays step publishes in `tiles/overlays/` for the viewer, by role. */
export const OVERLAYS_FOLDER = 'overlays';

export const OVERLAY_FILES = {
  areas: 'areas.geojson',
  rail: 'rail.geojson',
} as const;
