/** Rail transit lines (tiles/overlays/rail.geojson, made by the build from the source data), credited to OpenStreetMap as the ODbL asks. */
import { Color, Credit } from 'cesium';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { GeoJsonDataSource } from 'resium';
import { RAIL_URL } from './overlay-urls.ts';

export { RAIL_URL };
const RAIL_COLOUR = Color.fromCssColorString('#c2185b');

export function RailLayer({ show }: { show: boolean }) {
  const { t } = useTranslation();
  const credit = useMemo(() => new Credit(t('credits.osm')), [t]);
  return <GeoJsonDataSource data={RAIL_URL} show={show} stroke={RAIL_COLOUR} strokeWidth={3} clampToGround credit={credit} />;
}
