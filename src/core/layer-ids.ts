/**
 * The map's switchable layers, by id: the one list the viewer's layer registry
 * (src/viewer/layers/layer-registry.ts: labels, defaults, URL parameters), the URL
 * state and the tour schema read. In core because tour files are validated here
 * without the viewer (a CLI, the tests).
 */

export const LAYER_IDS = ['hazard', 'areas', 'communities', 'rail', 'lifelines'] as const;
export type LayerId = (typeof LAYER_IDS)[number];

/** The layers a tour step may switch (`layers: [...]` in public/tours/*.json): all of them today. */
export const TOUR_LAYER_IDS = LAYER_IDS satisfies readonly LayerId[];
export type TourLayerId = (typeof TOUR_LAYER_IDS)[number];

export function isLayerId(value: unknown): value is LayerId {
  return typeof value === 'string' && (LAYER_IDS as readonly string[]).includes(value);
}
