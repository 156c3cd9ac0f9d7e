/* global Cesium */
/**
 * The naive viewer (see naive.html). URL parameters: `cam=lon,lat,height,heading,pitch`
 * (degrees, metres; the bench passes our opening view), `buildings=<url>` (default
 * /bench/buildings.geojson, the source footprints, which /tiles does not serve; the smoke run passes a small subset).
 *
 * Exposes `window.naive = { viewer, dataSource, ready, buildingsReady }`. `ready` resolves at the first
 * of 4 rendered frames in a row with the data source loaded, every entity's geometry
 * built (`viewer.dataSourceDisplay.ready`), the globe's tiles loaded and the camera
 * still — the same settled-frames rule our viewer's `window.yz.ready` uses.
 */
(() => {
  const params = new URLSearchParams(window.location.search);
  const buildingsUrl = params.get('buildings') ?? '/bench/buildings.geojson';
  const cam = (params.get('cam') ?? '106.585,29.503,4600,-36,-34').split(',').map(Number);

  const terrainProvider = Cesium.CesiumTerrainProvider.fromUrl('/tiles/terrain', { requestVertexNormals: true, requestWaterMask: true });
  const viewer = new Cesium.Viewer('viewer', {
    // Every provider explicit: no ion default imagery, terrain or geocoder.
    baseLayer: Cesium.ImageryLayer.fromProviderAsync(Cesium.TileMapServiceImageryProvider.fromUrl(Cesium.buildModuleUrl('Assets/Textures/NaturalEarthII'))),
    terrain: new Cesium.Terrain(terrainProvider),
    baseLayerPicker: false,
    geocoder: false,
    sceneModePicker: false,
    navigationHelpButton: false,
    animation: false,
    timeline: false,
    fullscreenButton: false,
    infoBox: false,
    selectionIndicator: false,
  });
  viewer.camera.setView({
    destination: Cesium.Cartesian3.fromDegrees(cam[0], cam[1], cam[2]),
    orientation: { heading: Cesium.Math.toRadians(cam[3]), pitch: Cesium.Math.toRadians(cam[4]), roll: 0 },
  });

  // The same offline basemap as ours: one layer per extent in its manifest.
  const basemap = fetch('/tiles/basemap/basemap.json')
    .then((r) => r.json())
    .then((manifest) => {
      for (const layer of manifest.layers) {
        viewer.imageryLayers.addImageryProvider(
          new Cesium.UrlTemplateImageryProvider({
            url: `/tiles/basemap/${manifest.url}?v=${manifest.version}`,
            tilingScheme: new Cesium.GeographicTilingScheme(),
            rectangle: Cesium.Rectangle.fromDegrees(...layer.rectangle),
            minimumLevel: layer.minZoom,
            maximumLevel: layer.maxZoom,
            tileWidth: 256,
            tileHeight: 256,
          }),
        );
      }
    });

  // The common recipe: load the GeoJSON, sample the terrain under each building
  // (sampleTerrainMostDetailed), then extrude each polygon from that ground by its
  // height property. (Heights relative to the ground, the other recipe, never settled
  // here: dataSourceDisplay.ready stayed false with as few as 300 buildings.)
  const dataSource = Promise.all([Cesium.GeoJsonDataSource.load(buildingsUrl), terrainProvider]).then(async ([ds, terrain]) => {
    const entities = ds.entities.values.filter((e) => e.polygon);
    const now = Cesium.JulianDate.now();
    const centres = entities.map((e) => {
      const positions = e.polygon.hierarchy.getValue(now).positions;
      const centre = Cesium.BoundingSphere.fromPoints(positions).center;
      return Cesium.Cartographic.fromCartesian(centre);
    });
    await Cesium.sampleTerrainMostDetailed(terrain, centres);
    entities.forEach((entity, i) => {
      const ground = centres[i].height ?? 0;
      entity.polygon.height = ground;
      entity.polygon.extrudedHeight = ground + entity.properties.height.getValue();
    });
    return viewer.dataSources.add(ds);
  });

  const settled = () =>
    new Promise((resolve) => {
      const FRAMES = 4;
      let count = 0;
      let moving = false;
      viewer.camera.moveStart.addEventListener(() => {
        moving = true;
        count = 0;
      });
      viewer.camera.moveEnd.addEventListener(() => {
        moving = false;
      });
      const remove = viewer.scene.postRender.addEventListener(() => {
        const done = !moving && viewer.dataSourceDisplay.ready && viewer.scene.globe.tilesLoaded;
        count = done ? count + 1 : 0;
        if (count >= FRAMES) {
          remove();
          resolve();
        }
      });
    });

  /** The buildings alone: the entities' geometry built and shown (terrain and imagery may still be loading). */
  const buildingsReady = dataSource.then(
    () =>
      new Promise((resolve) => {
        const remove = viewer.scene.postRender.addEventListener(() => {
          if (!viewer.dataSourceDisplay.ready) return;
          remove();
          resolve();
        });
      }),
  );

  const ready = Promise.all([basemap, dataSource]).then(settled);
  window.naive = { viewer, dataSource, ready, buildingsReady };
})();
