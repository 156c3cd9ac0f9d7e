/** The viewer's root: the 3D scene and the chrome around it. */
import { Color, Credit } from 'cesium';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { GeoJsonDataSource, Viewer } from 'resium';
import { Basemap, createOfflineBaseLayer } from './scene/local-imagery.ts';
import { SceneSetup } from './scene/SceneSetup.tsx';
import { createTerrainProvider, TerrainLighting } from './scene/terrain.ts';

const RAIL_URL = '/tiles/source/rail.geojson';

export function App() {
  const { t, i18n } = useTranslation();
  const [webglLost, setWebglLost] = useState(false);
  const onWebglContextLost = useCallback(() => setWebglLost(true), []);
  const baseLayer = useMemo(() => createOfflineBaseLayer(), []);
  const terrainProvider = useMemo(() => createTerrainProvider(), []);
  const railCredit = useMemo(() => new Credit(t('credits.osm')), [t]);

  useEffect(() => {
    document.title = `${t('app.title')} · ${t('app.subtitle')}`;
    document.documentElement.lang = i18n.language;
  }, [t, i18n.language]);

  return (
    <div className="app">
      <Viewer
        full
        baseLayer={baseLayer}
        terrainProvider={terrainProvider}
        baseLayerPicker={false}
        geocoder={false}
        sceneModePicker={false}
        navigationHelpButton={false}
        animation={false}
        timeline={false}
        fullscreenButton={false}
        infoBox={false}
        selectionIndicator={false}
      >
        <SceneSetup onWebglContextLost={onWebglContextLost} />
        <Basemap />
        <TerrainLighting />
        <GeoJsonDataSource data={RAIL_URL} stroke={Color.fromCssColorString('#c2185b')} strokeWidth={3} credit={railCredit} />
      </Viewer>
      <header className="app-title">
        <h1>{t('app.title')}</h1>
        <p>{t('app.subtitle')}</p>
      </header>
      {webglLost && (
        <div className="banner banner-error" role="alert">
          {t('status.webglLost')}
        </div>
      )}
    </div>
  );
}
