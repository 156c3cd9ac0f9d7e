/**
 * Imagery. The world under everything is Cesium's bundled Natural Earth II texture
 * (offline, no ion, no CDN). On top, by default, our own basemap from `/tiles/basemap/`
 * (hillshade, rivers, roads by class, the district outline; see
 * src/pipeline/basemap): one layer over the whole DEM and one, down to street level
 * (z18), over the district — their extents and levels come from `basemap.json`. A
 * deployment with internet can put an online source there instead (src/viewer/config.ts).
 */
import {
  buildModuleUrl,
  Credit,
  GeographicTilingScheme,
  ImageryLayer,
  type ImageryProvider,
  OpenStreetMapImageryProvider,
  Rectangle,
  TileMapServiceImageryProvider,
  UrlTemplateImageryProvider,
  WebMapTileServiceImageryProvider,
} from 'cesium';
import { useEffect } from 'react';
import { useCesium } from 'resium';
import { requestJson } from '../api/http-client.ts';
import { type BasemapConfig, readViewerConfig } from '../config.ts';

/** The world backdrop: Natural Earth II, shipped inside Cesium. */
export function createOfflineBaseLayer(): ImageryLayer {
  return ImageryLayer.fromProviderAsync(TileMapServiceImageryProvider.fromUrl(buildModuleUrl('Assets/Textures/NaturalEarthII')), {});
}

/**
 * `tiles/basemap/basemap.json`, written by src/pipeline/basemap/basemap-builder.ts (the
 * fields read here; there is no core schema for it yet). Read through the viewer's one
 * HTTP client; the picture tiles it points at are Cesium's to fetch.
 */
interface BasemapManifest {
  format: string;
  url: string;
  layers: Array<{ rectangle: [number, number, number, number]; minZoom: number; maxZoom: number }>;
  attribution: string;
  version: string;
}

/** Layers of our own basemap, one per extent listed in its manifest. */
export async function createLocalBasemapLayers(manifestUrl: string): Promise<ImageryLayer[]> {
  const manifest = await requestJson<BasemapManifest>(manifestUrl);
  const base = new URL(manifestUrl, window.location.href);
  const credit = new Credit(manifest.attribution);
  return manifest.layers.map(
    (layer) =>
      new ImageryLayer(
        new UrlTemplateImageryProvider({
          url: `${new URL(manifest.url, base).href.replace(/%7B/g, '{').replace(/%7D/g, '}')}?v=${manifest.version}`,
          tilingScheme: new GeographicTilingScheme(),
          rectangle: Rectangle.fromDegrees(...layer.rectangle),
          minimumLevel: layer.minZoom,
          maximumLevel: layer.maxZoom,
          tileWidth: 256,
          tileHeight: 256,
          credit,
        }),
      ),
  );
}

/** An online source for deployments with internet (see config.ts for the datum rule). */
export function createOnlineBasemapLayers(config: Exclude<BasemapConfig, { kind: 'local' }>): ImageryLayer[] {
  const providers: ImageryProvider[] = [];
  if (config.kind === 'tianditu') {
    // 天地图 `_c` layers: CGCS2000 lon/lat tiles (our geographic scheme); its levels start at 1.
    const wmts = (layer: string) =>
      new WebMapTileServiceImageryProvider({
        url: `https://t{s}.tianditu.gov.cn/${layer}_c/wmts?tk=${encodeURIComponent(config.token)}`,
        layer,
        style: 'default',
        format: 'tiles',
        tileMatrixSetID: 'c',
        subdomains: ['0', '1', '2', '3', '4', '5', '6', '7'],
        tilingScheme: new GeographicTilingScheme(),
        tileMatrixLabels: Array.from({ length: 18 }, (_, i) => String(i + 1)),
        maximumLevel: 17,
        credit: new Credit('天地图 / Tianditu'),
      });
    providers.push(wmts(config.layer), wmts(config.layer === 'img' ? 'cia' : 'cva'));
  } else if (config.kind === 'osm') {
    providers.push(new OpenStreetMapImageryProvider({ url: 'https://tile.openstreetmap.org/', credit: new Credit('© OpenStreetMap contributors') }));
  } else {
    providers.push(new UrlTemplateImageryProvider({ url: config.url, maximumLevel: config.maximumLevel, credit: new Credit(config.credit) }));
  }
  return providers.map((p) => new ImageryLayer(p));
}

/**
 * Adds the configured basemap above the world backdrop. Render inside Resium's
 * <Viewer>; if our basemap is not built yet the backdrop alone stays.
 */
export function Basemap(): null {
  const { viewer } = useCesium();
  useEffect(() => {
    if (!viewer) return;
    const config = readViewerConfig();
    for (const warning of config.warnings) console.warn(warning);
    let added: ImageryLayer[] = [];
    let cancelled = false;
    const layers = config.basemap.kind === 'local' ? createLocalBasemapLayers(config.basemap.manifestUrl) : Promise.resolve(createOnlineBasemapLayers(config.basemap));
    layers
      .then((list) => {
        if (cancelled || viewer.isDestroyed()) return;
        added = list;
        // Right above the backdrop, under anything other parts add.
        list.forEach((layer, i) => viewer.imageryLayers.add(layer, Math.min(1 + i, viewer.imageryLayers.length)));
      })
      .catch((error: unknown) => console.warn(`底图未加载 / basemap not loaded (${error instanceof Error ? error.message : String(error)}); run "npm run tiles:basemap".`));
    return () => {
      cancelled = true;
      if (!viewer.isDestroyed()) for (const layer of added) viewer.imageryLayers.remove(layer, true);
    };
  }, [viewer]);
  return null;
}
