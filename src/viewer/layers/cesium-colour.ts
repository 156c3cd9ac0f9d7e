/**
 * Cesium colours from CSS strings, made once per string and alpha: restyling walks
 * every loaded feature, and parsing the same few colours for each would be waste.
 * Shared by the buildings, lifelines and before/after layers.
 */
import { Color } from 'cesium';

const cache = new Map<string, Color>();

export function cesiumColour(css: string, alpha = 1): Color {
  const key = `${css}/${alpha}`;
  let c = cache.get(key);
  if (!c) cache.set(key, (c = alpha === 1 ? Color.fromCssColorString(css) : Color.fromCssColorString(css).withAlpha(alpha)));
  return c;
}
