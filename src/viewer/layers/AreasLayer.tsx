/**
 * The renewal structure 一核两翼三带五片区 and the old residential communities
 * (tiles/overlays/areas.geojson, made by the build from the source data) draped on the terrain only (never over the buildings,
 * whose colour is the grade), each with a label in the current language. Two
 * switches: the renewal areas, and the (many, small) old communities, whose labels
 * show only close up.
 */
import {
  Cartesian2,
  Cartesian3,
  ClassificationType,
  Color,
  ColorMaterialProperty,
  ConstantProperty,
  DistanceDisplayCondition,
  type Entity,
  GeoJsonDataSource,
  HeightReference,
  LabelGraphics,
  LabelStyle,
  VerticalOrigin,
} from 'cesium';
import { useEffect, useRef } from 'react';
import { useCesium } from 'resium';
import type { AreaKind } from '../../core/renewal-areas.ts';
import { AREAS_URL } from './overlay-urls.ts';

export { AREAS_URL };

/** Fill colours by kind: distinct from the grade colours so areas never read as grades. */
const KIND_COLOUR: Record<AreaKind, string> = {
  core: '#7c4dff',
  wing: '#2979ff',
  belt: '#00bfa5',
  zone: '#c51162',
  'old-community': '#8d6e63',
};

export interface AreasLayerProps {
  showAreas: boolean;
  showCommunities: boolean;
  language: string;
}

function prop(entity: Entity, name: string): unknown {
  return entity.properties?.[name]?.getValue();
}

function centre(entity: Entity): Cartesian3 | undefined {
  const hierarchy = entity.polygon?.hierarchy?.getValue() as { positions: Cartesian3[] } | undefined;
  const positions = hierarchy?.positions;
  if (!positions?.length) return undefined;
  const sum = positions.reduce((acc, p) => Cartesian3.add(acc, p, acc), new Cartesian3());
  return Cartesian3.multiplyByScalar(sum, 1 / positions.length, sum);
}

export function AreasLayer({ showAreas, showCommunities, language }: AreasLayerProps) {
  const { viewer } = useCesium();
  const source = useRef<GeoJsonDataSource | null>(null);
  const latest = useRef({ showAreas, showCommunities, language });
  latest.current = { showAreas, showCommunities, language };

  const apply = () => {
    const ds = source.current;
    if (!ds) return;
    const { showAreas: areas, showCommunities: communities, language: lang } = latest.current;
    for (const entity of ds.entities.values) {
      const community = prop(entity, 'kind') === 'old-community';
      entity.show = community ? communities : areas;
      if (entity.label) entity.label.text = new ConstantProperty(String(prop(entity, lang === 'en' ? 'name_en' : 'name') ?? ''));
    }
    ds.show = areas || communities;
    viewer?.scene.requestRender();
  };

  useEffect(() => {
    if (!viewer) return;
    let cancelled = false;
    let loaded: GeoJsonDataSource | null = null;
    GeoJsonDataSource.load(AREAS_URL, { clampToGround: true })
      .then((ds) => {
        if (cancelled || viewer.isDestroyed()) return;
        for (const entity of ds.entities.values) {
          const kind = prop(entity, 'kind') as AreaKind;
          const community = kind === 'old-community';
          const c = Color.fromCssColorString(KIND_COLOUR[kind] ?? '#888888');
          if (entity.polygon) {
            entity.polygon.material = new ColorMaterialProperty(c.withAlpha(community ? 0.25 : 0.16));
            entity.polygon.classificationType = new ConstantProperty(ClassificationType.TERRAIN);
            // Ground polygons cannot have outlines (Cesium warns): the fill is the outline.
            entity.polygon.outline = new ConstantProperty(false);
          }
          const at = centre(entity);
          if (at) {
            entity.position = new ConstantProperty(at) as unknown as Entity['position'];
            entity.label = new LabelGraphics({
              font: community ? '12px sans-serif' : 'bold 15px sans-serif',
              fillColor: Color.WHITE,
              outlineColor: c.darken(0.5, new Color()),
              outlineWidth: 3,
              style: LabelStyle.FILL_AND_OUTLINE,
              verticalOrigin: VerticalOrigin.BOTTOM,
              pixelOffset: new Cartesian2(0, -4),
              heightReference: HeightReference.CLAMP_TO_GROUND,
              disableDepthTestDistance: Number.POSITIVE_INFINITY,
              distanceDisplayCondition: new DistanceDisplayCondition(0, community ? 2500 : 30000),
            });
          }
        }
        loaded = ds;
        source.current = ds;
        apply();
        return viewer.dataSources.add(ds);
      })
      .catch((error: unknown) => console.warn(`更新片区未加载 / renewal areas not loaded: ${error instanceof Error ? error.message : String(error)}`));
    return () => {
      cancelled = true;
      if (loaded && !viewer.isDestroyed()) viewer.dataSources.remove(loaded, true);
      source.current = null;
    };
  }, [viewer]);

  useEffect(() => apply(), [showAreas, showCommunities, language]);

  return null;
}
