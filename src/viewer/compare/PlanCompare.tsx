/**
 * Before/after of a renewal area for planning meetings, as a swipe on Cesium's split
 * screen: two more instances of the buildings tileset, one drawn left of
 * `scene.splitPosition` (SplitDirection.LEFT) coloured today by safety grade, one
 * right of it (RIGHT) coloured by what the plan does (outcome from the archive's
 * /api/areas/:id/plan-outcomes: demolished buildings as translucent ghosts,
 * conversions and renovations in their own colours, heritage as protected).
 * Buildings outside the area are dimmed on both sides. The desk's buildings tileset
 * is hidden while the comparison is shown and put back after, untouched.
 */
import { Cesium3DTileColorBlendMode, Cesium3DTileset, SplitDirection, type Cesium3DTile, type Viewer } from 'cesium';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { AreaPlanOutcomes } from '../../core/plan-outcome.ts';
import { fetchPlanOutcomes } from '../api/archive-client.ts';
import { extendAutomationHandle } from '../automation-handle.ts';
import { cesiumColour } from '../layers/cesium-colour.ts';
import { BUILDINGS_TILESET_URL, type BuildingsLayerHandle } from '../layers/BuildingsLayer.tsx';
import { firstAllTilesLoaded } from '../layers/loaded-buildings.ts';
import './compare.css';
import { type AreaIndex, clampSplit, compareAppearance, type CompareSide, indexArea, OUTSIDE_AREA, outcomeLegend } from './plan-compare-styling.ts';
import { SwipeSlider } from './swipe-slider.tsx';
import { BUILDING_TILE_PROPERTIES } from '../../core/tile-properties.ts';

export interface PlanCompareProps {
  viewer: Viewer;
  /** Renewal area id (areas.geojson / the archive). */
  area: string;
  /** Where the divider starts (0–1 of the width from the left). */
  split: number;
  /** The desk's buildings layer: hidden while comparing. */
  buildings: Promise<BuildingsLayerHandle>;
  language: 'zh-CN' | 'en';
}



interface Side {
  side: CompareSide;
  tileset: Cesium3DTileset | null;
  tiles: Set<Cesium3DTile>;
  loaded: boolean;
}

export function PlanCompare({ viewer, area, split: initialSplit, buildings, language }: PlanCompareProps) {
  const [data, setData] = useState<AreaPlanOutcomes | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [split, setSplit] = useState(() => clampSplit(initialSplit));
  const [tilesReady, setTilesReady] = useState(false);
  const [mainHidden, setMainHidden] = useState(false);
  const index = useMemo<AreaIndex | null>(() => (data ? indexArea(data.buildings) : null), [data]);
  const indexRef = useRef(index);
  indexRef.current = index;
  const sides = useRef<Record<CompareSide, Side>>({
    today: { side: 'today', tileset: null, tiles: new Set(), loaded: false },
    plan: { side: 'plan', tileset: null, tiles: new Set(), loaded: false },
  });

  const styleTile = (s: Side, tile: Cesium3DTile) => {
    const content = tile.content;
    for (let i = 0; i < content.featuresLength; i++) {
      const feature = content.getFeature(i);
      const code = feature.getProperty(BUILDING_TILE_PROPERTIES.id) as unknown;
      if (typeof code !== 'string') continue;
      const look = compareAppearance(code, s.side, indexRef.current);
      feature.color = cesiumColour(look.css, look.alpha);
    }
  };

  // The area's buildings and outcomes.
  useEffect(() => {
    const abort = new AbortController();
    setData(null);
    setError(null);
    fetchPlanOutcomes(area, abort.signal).then(setData, (e: unknown) => {
      if (abort.signal.aborted) return;
      const message = e instanceof Error ? e.message : String(e);
      console.warn(`片区改造方案未加载 / area plan outcomes not loaded: ${message}`);
      setError(message);
    });
    return () => abort.abort();
  }, [area]);

  // The two tilesets, one per side of the split.
  useEffect(() => {
    let cancelled = false;
    const all = Object.values(sides.current);
    const loads = all.map((s) =>
      Cesium3DTileset.fromUrl(BUILDINGS_TILESET_URL, {
        maximumScreenSpaceError: 16,
        splitDirection: s.side === 'today' ? SplitDirection.LEFT : SplitDirection.RIGHT,
      }).then((tileset) => {
        if (cancelled || viewer.isDestroyed()) {
          tileset.destroy();
          return;
        }
        // As on the desk: the side's colour replaces the tiles' own, lighting still shades it.
        tileset.colorBlendMode = Cesium3DTileColorBlendMode.REPLACE;
        tileset.tileLoad.addEventListener((tile: Cesium3DTile) => {
          s.tiles.add(tile);
          styleTile(s, tile);
        });
        tileset.tileUnload.addEventListener((tile: Cesium3DTile) => s.tiles.delete(tile));
        tileset.tileFailed.addEventListener((e: { url: string; message: string }) => console.warn(`建筑瓦片加载失败，已跳过 / building tile skipped: ${e.url}: ${e.message}`));
        viewer.scene.primitives.add(tileset);
        s.tileset = tileset;
        return firstAllTilesLoaded(tileset).then(() => {
          s.loaded = true;
        });
      }),
    );
    Promise.all(loads).then(
      () => {
        if (!cancelled) setTilesReady(true);
      },
      (e: unknown) => {
        if (cancelled) return;
        const message = e instanceof Error ? e.message : String(e);
        console.warn(`建筑瓦片未加载 / buildings tileset not loaded: ${message}`);
        setError(message);
      },
    );
    return () => {
      cancelled = true;
      for (const s of all) {
        if (s.tileset && !viewer.isDestroyed()) viewer.scene.primitives.remove(s.tileset);
        s.tileset = null;
        s.tiles.clear();
        s.loaded = false;
      }
      viewer.scene.requestRender();
    };
    // styleTile reads the area through indexRef: the tilesets load once per viewer.
  }, [viewer]);

  // Recolour what is loaded when the area's buildings arrive.
  useEffect(() => {
    for (const s of Object.values(sides.current)) for (const tile of s.tiles) styleTile(s, tile);
    viewer.scene.requestRender();
  }, [index, viewer]);

  // The desk's tileset would draw on both sides: hide it, and put its visibility back after.
  useEffect(() => {
    let live = true;
    let restore: (() => void) | null = null;
    void buildings.then((h) => {
      if (!live) return;
      const t = h.tileset;
      if (t) {
        const before = t.show;
        t.show = false;
        restore = () => {
          if (!t.isDestroyed()) t.show = before;
        };
      }
      setMainHidden(true);
      viewer.scene.requestRender();
    });
    return () => {
      live = false;
      restore?.();
      viewer.scene.requestRender();
    };
  }, [buildings, viewer]);

  useEffect(() => {
    const before = viewer.scene.splitPosition;
    return () => {
      if (!viewer.isDestroyed()) viewer.scene.splitPosition = before;
    };
  }, [viewer]);
  useEffect(() => {
    viewer.scene.splitPosition = split;
    viewer.scene.requestRender();
  }, [split, viewer]);

  // Automation handle (README "Automation handle"): state to wait on, colours to check.
  const ready = data !== null && tilesReady && mainHidden;
  const latest = useRef({ ready, split });
  latest.current = { ready, split };
  useEffect(
    () =>
      extendAutomationHandle({
        compare: {
          area,
          get ready() {
            return latest.current.ready;
          },
          get split() {
            return viewer.scene.splitPosition;
          },
          setSplit: (x: number) => setSplit(clampSplit(x)),
          tileset: (side) => sides.current[side].tileset,
          featureColour: (code, side) => {
            for (const tile of sides.current[side].tiles) {
              const content = tile.content;
              for (let i = 0; i < content.featuresLength; i++) {
                const f = content.getFeature(i);
                if (f.getProperty(BUILDING_TILE_PROPERTIES.id) === code) return [f.color.red, f.color.green, f.color.blue, f.color.alpha];
              }
            }
            return null;
          },
        },
      }),
    [area, viewer],
  );

  const zh = language !== 'en';
  const pct = Math.round(split * 100);
  return (
    <div className="plan-compare" data-area={area} data-ready={ready}>
      <div className="swipe-label swipe-label-today" style={{ right: `${100 - split * 100}%` }}>
        现状 / Today
      </div>
      <div className="swipe-label swipe-label-plan" style={{ left: `${split * 100}%` }}>
        规划 / Plan
      </div>
      <SwipeSlider
        value={split}
        onChange={setSplit}
        label="现状与规划分隔条 / Divider between today and the plan"
        valueText={`现状 ${pct}%，规划 ${100 - pct}% / today ${pct}%, plan ${100 - pct}%`}
      />
      <aside className="compare-legend" aria-label="规划图例 / Plan legend">
        <h2>{data ? (zh ? data.area.name : data.area.nameEn) : area}</h2>
        <p className="compare-legend-sub">规划改造结果 / What the plan does</p>
        {error && <p role="alert">无法加载片区改造方案 / cannot load the area’s plans: {error}</p>}
        {data && (
          <ul>
            {outcomeLegend(data.counts).map((row) => (
              <li key={row.outcome} data-outcome={row.outcome}>
                <span className="swatch" style={{ background: row.css, opacity: row.alpha < 1 ? 0.45 : 1 }} aria-hidden="true" />
                <span className="compare-legend-name">
                  {row.zh} <span lang="en">{row.en}</span>
                </span>
                <span className="compare-legend-count">{row.count}</span>
              </li>
            ))}
            <li data-outcome="outside">
              <span className="swatch" style={{ background: OUTSIDE_AREA.css }} aria-hidden="true" />
              <span className="compare-legend-name">
                片区外 <span lang="en">Outside the area</span>
              </span>
              <span className="compare-legend-count" />
            </li>
          </ul>
        )}
        <p className="compare-legend-sub">左侧现状按安全等级着色 / Left: today, by safety grade</p>
      </aside>
    </div>
  );
}
