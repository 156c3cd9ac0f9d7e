/**
 * Imagery served by our own server. Until the generated basemap lands, the Natural
 * Earth II texture that ships inside Cesium stands in: offline, no ion, no CDN.
 */
import { buildModuleUrl, ImageryLayer, TileMapServiceImageryProvider } from 'cesium';

export function createOfflineBaseLayer(): ImageryLayer {
  return ImageryLayer.fromProviderAsync(
    TileMapServiceImageryProvider.fromUrl(buildModuleUrl('Assets/Textures/NaturalEarthII')),
    {},
  );
}
