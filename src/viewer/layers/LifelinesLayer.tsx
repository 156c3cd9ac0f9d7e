/**
 * The lifelines tileset (tiles/lifelines, 3D Tiles 1.1 tubes at their true depth),
 * styled per feature as its tile loads: colour by network (NETWORK_INFO), at-risk
 * highlight from the archive (/api/lifelines/risk, which follows the current
 * grades), filters by network, age, material and condition. Clicking picks a pipe
 * even through faded buildings (drill pick, through the PickRouter). Everything
 * comes in as props; the layer keeps no global state. Also: the layer's controls and
 * the 'lifelines' i18next namespace (registered when this module loads).
 */
import { Cesium3DTileColorBlendMode, Cesium3DTileFeature, Cesium3DTileset, type Cesium3DTile } from 'cesium';
import i18next from 'i18next';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCesium } from 'resium';
import { NETWORKS, type Network, type PipeCondition, type RiskParams } from '../../core/lifelines.ts';
import { fetchRiskIds } from '../api/lifelines-client.ts';
import en from '../i18n/lifelines.en.json';
import zhCN from '../i18n/lifelines.zh-CN.json';
import {
  CONDITION_OPTIONS,
  type LifelineFilters,
  networkLegend,
  pipeAppearance,
  type PipeFeatureProperties,
  readPipeProperties,
  RISK_HIGHLIGHT_CSS,
} from './lifeline-styling.ts';
import { cesiumColour } from './cesium-colour.ts';
import { PICK_PRIORITY, type PickRouter } from '../picking/pick-router.ts';

export const LIFELINES_TILESET_URL = '/tiles/lifelines/tileset.json';
export const LIFELINES_NS = 'lifelines';

/** Adds the 'lifelines' namespace to i18next (now, or once i18next is initialised). */
export function registerLifelinesI18n(instance: typeof i18next = i18next): void {
  const add = () => {
    instance.addResourceBundle('zh-CN', LIFELINES_NS, zhCN, true, true);
    instance.addResourceBundle('en', LIFELINES_NS, en, true, true);
  };
  if (instance.isInitialized) add();
  else instance.on('initialized', add);
}
registerLifelinesI18n();

// ---- the layer ----

export interface LifelinesLayerHandle {
  tileset: Cesium3DTileset | null;
}

export interface LifelinesLayerProps {
  show: boolean;
  filters: LifelineFilters;
  highlightRisk: boolean;
  risk: RiskParams;
  selectedId: string | null;
  /** Where the layer registers what it can pick (read once per viewer). */
  pickRouter: PickRouter;
  /** A click on a pipe (its properties), or on something else (null). */
  onPick(pipe: PipeFeatureProperties | null): void;
  onReady?(handle: LifelinesLayerHandle): void;
  /** The materials seen in the loaded tiles so far, sorted (for the material filter). */
  onMaterials?(materials: string[]): void;
  /** Changes when grades change (e.g. the grades feed version), so the risk highlight is refetched. */
  gradesVersion?: number;
}


export function LifelinesLayer(props: LifelinesLayerProps) {
  const { viewer } = useCesium();
  const latest = useRef(props);
  latest.current = props;
  const [riskIds, setRiskIds] = useState<ReadonlySet<string> | null>(null);
  const riskRef = useRef(riskIds);
  riskRef.current = riskIds;
  const state = useRef<{ tileset: Cesium3DTileset | null; tiles: Set<Cesium3DTile> }>({ tileset: null, tiles: new Set() });
  const materials = useRef(new Set<string>());
  // Loaded the first time the layer is shown, not at boot: most views never need ~20 MB of pipes.
  const [wanted, setWanted] = useState(props.show);
  useEffect(() => {
    if (props.show) setWanted(true);
  }, [props.show]);

  const styleTile = (tile: Cesium3DTile) => {
    const p = latest.current;
    const content = tile.content;
    let newMaterial = false;
    for (let i = 0; i < content.featuresLength; i++) {
      const feature = content.getFeature(i);
      const props = readPipeProperties((name) => feature.getProperty(name) as unknown);
      if (!props) continue;
      if (!materials.current.has(props.material)) {
        materials.current.add(props.material);
        newMaterial = true;
      }
      const look = pipeAppearance(props, { filters: p.filters, riskIds: riskRef.current, highlightRisk: p.highlightRisk, selectedId: p.selectedId });
      feature.show = look.show;
      feature.color = cesiumColour(look.css);
    }
    if (newMaterial) p.onMaterials?.([...materials.current].sort());
  };
  const restyle = () => {
    for (const tile of state.current.tiles) styleTile(tile);
    viewer?.scene.requestRender();
  };

  useEffect(() => {
    if (!viewer || !wanted) return;
    let cancelled = false;
    const s = state.current;
    Cesium3DTileset.fromUrl(LIFELINES_TILESET_URL, { maximumScreenSpaceError: 16 })
      .then((tileset) => {
        if (cancelled || viewer.isDestroyed()) return tileset.destroy();
        // The network colour replaces the tiles' own (which are the same colours, for other viewers).
        tileset.colorBlendMode = Cesium3DTileColorBlendMode.REPLACE;
        tileset.show = latest.current.show;
        tileset.tileLoad.addEventListener((tile: Cesium3DTile) => {
          s.tiles.add(tile);
          styleTile(tile);
        });
        tileset.tileUnload.addEventListener((tile: Cesium3DTile) => s.tiles.delete(tile));
        tileset.tileFailed.addEventListener((error: { url: string; message: string }) => {
          console.warn(`管线瓦片加载失败，已跳过 / lifelines tile skipped: ${error.url}: ${error.message}`);
        });
        viewer.scene.primitives.add(tileset);
        s.tileset = tileset;
        latest.current.onReady?.({ tileset });
      })
      .catch((error: unknown) => {
        if (cancelled) return;
        console.warn(`管线瓦片未加载 / lifelines tileset not loaded (${error instanceof Error ? error.message : String(error)}); run "npm run tiles:lifelines".`);
        latest.current.onReady?.({ tileset: null });
      });

    // While shown, a pipe wins over the buildings (PICK_PRIORITY): drill, since faded
    // buildings and translucent terrain may lie in front of it.
    const unregisterPick = latest.current.pickRouter.register<PipeFeatureProperties>({
      id: 'lifelines',
      priority: PICK_PRIORITY.lifelines,
      enabled: () => s.tileset?.show === true,
      match: (context) => {
        const hit = context.drill().find((h): h is Cesium3DTileFeature => h instanceof Cesium3DTileFeature && h.tileset === s.tileset);
        return (hit && readPipeProperties((name) => hit.getProperty(name) as unknown)) ?? undefined;
      },
      onPick: (pipe) => latest.current.onPick(pipe),
    });

    return () => {
      cancelled = true;
      unregisterPick();
      if (!viewer.isDestroyed() && s.tileset) viewer.scene.primitives.remove(s.tileset);
      s.tileset = null;
      s.tiles.clear();
    };
    // Once per viewer (from the first time it is shown); props are read through `latest`.
  }, [viewer, wanted]);

  useEffect(() => {
    const t = state.current.tileset;
    if (t) t.show = props.show;
    viewer?.scene.requestRender();
  }, [props.show, viewer]);

  // The at-risk ids while shown and highlighted, refetched when the rule or the grades change.
  const { ageYears, distanceM } = props.risk;
  useEffect(() => {
    if (!props.show || !props.highlightRisk) return;
    const abort = new AbortController();
    fetchRiskIds({ ageYears, distanceM }, abort.signal).then(
      (r) => setRiskIds(new Set(r.ids)),
      (e: unknown) => {
        if (!abort.signal.aborted) console.warn('风险管段未加载 / pipes at risk not loaded', e);
      },
    );
    return () => abort.abort();
  }, [props.show, props.highlightRisk, ageYears, distanceM, props.gradesVersion]);

  // Restyle reads the latest props through `latest`.
  useEffect(restyle, [props.filters, props.highlightRisk, props.selectedId, riskIds]);

  return null;
}

// ---- controls ----

export interface LifelinesControlsProps {
  show: boolean;
  onShow(show: boolean): void;
  filters: LifelineFilters;
  onFilters(next: LifelineFilters): void;
  /** Materials to offer (e.g. from the loaded tiles or a fixed list). */
  materials: readonly string[];
  highlightRisk: boolean;
  onHighlightRisk(on: boolean): void;
  underground: boolean;
  onUnderground(on: boolean): void;
}

/** Toggles per network (with the legend colours), age/material/condition filters, risk highlight, underground view. */
export function LifelinesControls(p: LifelinesControlsProps) {
  const { t, i18n } = useTranslation(LIFELINES_NS);
  const zh = i18n.language !== 'en';
  const f = p.filters;
  const num = (v: string) => (v.trim() === '' ? null : Math.max(0, Number(v)));
  return (
    <details className="lifelines-controls panel-box" open>
      <summary>{t('layer')}</summary>
      <label className="check">
        <input type="checkbox" name="lifelines" checked={p.show} onChange={(e) => p.onShow(e.target.checked)} /> {t('layer')}
      </label>
      <fieldset disabled={!p.show}>
        <legend>{t('networks')}</legend>
        {networkLegend().map((n) => (
          <label key={n.network} className="check" data-network={n.network}>
            <input
              type="checkbox"
              checked={f.networks[n.network]}
              onChange={(e) => p.onFilters({ ...f, networks: { ...f.networks, [n.network]: e.target.checked } })}
            />
            <span className="swatch" style={{ background: n.css }} aria-hidden="true" /> {zh ? n.zh : n.en}
          </label>
        ))}
      </fieldset>
      <fieldset disabled={!p.show}>
        <legend>{t('filters')}</legend>
        <label>
          {t('minAge')}{' '}
          <input type="number" min={0} value={f.minAgeYears ?? ''} onChange={(e) => p.onFilters({ ...f, minAgeYears: num(e.target.value) })} />
        </label>
        <label>
          {t('maxAge')}{' '}
          <input type="number" min={0} value={f.maxAgeYears ?? ''} onChange={(e) => p.onFilters({ ...f, maxAgeYears: num(e.target.value) })} />
        </label>
        <label>
          {t('material')}{' '}
          <select
            value={f.materials?.[0] ?? ''}
            onChange={(e) => p.onFilters({ ...f, materials: e.target.value ? [e.target.value] : null })}
          >
            <option value="">{t('all')}</option>
            {p.materials.map((m) => <option key={m} value={m}>{m}</option>)}
          </select>
        </label>
        <label>
          {t('condition')}{' '}
          <select
            value={f.conditions?.[0] ?? ''}
            onChange={(e) => p.onFilters({ ...f, conditions: e.target.value ? [e.target.value as PipeCondition] : null })}
          >
            <option value="">{t('all')}</option>
            {CONDITION_OPTIONS.map((c) => <option key={c} value={c}>{t(`conditions.${c}`)}</option>)}
          </select>
        </label>
        <label className="check">
          <input type="checkbox" checked={p.highlightRisk} onChange={(e) => p.onHighlightRisk(e.target.checked)} />{' '}
          <span className="swatch" style={{ background: RISK_HIGHLIGHT_CSS }} aria-hidden="true" /> {t('highlightRisk')}
        </label>
        {p.highlightRisk && <p className="muted">{t('riskLegend')}</p>}
      </fieldset>
      <button type="button" className="underground-toggle" aria-pressed={p.underground} onClick={() => p.onUnderground(!p.underground)}>
        {p.underground ? t('undergroundOn') : t('underground')}
      </button>
    </details>
  );
}

/** Every network on: the default. */
export const ALL_NETWORKS: readonly Network[] = NETWORKS;
