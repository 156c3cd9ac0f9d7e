/**
 * The desk view's analysis tools, composed: the toolbar, the open tool (its clicks,
 * marks and panel), the scene data loaded on first use, the keys (a tool's letter opens
 * or closes it, Esc closes the open one before anything else sees the key) and
 * `window.yz.analysis` (analysis-automation.ts). The open tool and its inputs are the
 * view's `analysis` (in the URL).
 */
import type { Cesium3DTileset, Viewer } from 'cesium';
import type { GradeOrUnappraised } from '../../core/grades.ts';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { PickRouter } from '../picking/pick-router.ts';
import { extendAutomationHandle } from '../automation-handle.ts';
import { createAnalysisAutomation } from './analysis-automation.ts';
import { loadAnalysisScene, type AnalysisScene, type AnalysisSceneSources } from './analysis-scene.ts';
import { toolForKey } from './analysis-tools.ts';
import { AnalysisToolbar } from './AnalysisToolbar.tsx';
import { openTool, type AnalysisToolId, type AnalysisView } from './analysis-url-state.ts';
import { ExcavateTool } from './excavate/ExcavateTool.tsx';
import { FloodTool } from './flood/FloodTool.tsx';
import { MeasureTool } from './measure/MeasureTool.tsx';
import { SectionTool } from './section/SectionTool.tsx';
import { SightlineTool } from './sightline/SightlineTool.tsx';
import { SunTool } from './sun/SunTool.tsx';

export interface AnalysisHostProps {
  viewer: Viewer | null;
  view: AnalysisView | null;
  onChange(view: AnalysisView | null): void;
  pickRouter: PickRouter;
  sources: AnalysisSceneSources;
  /** The buildings' current grades (the live feed's map): Section colours what it crosses. */
  grades: ReadonlyMap<string, GradeOrUnappraised>;
  /** The buildings tileset, for Excavate's clipping. */
  buildingsTileset(): Cesium3DTileset | null;
  lifelinesOn: boolean;
  onShowLifelines(): void;
  /** A loaded building's use, or null (Sunlight screens residential walls in an area). */
  useOf(code: string): string | null;
}

function typingInto(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}

export function AnalysisHost({ viewer, view, onChange, pickRouter, sources, grades, buildingsTileset, lifelinesOn, onShowLifelines, useOf }: AnalysisHostProps) {
  const [scene, setScene] = useState<AnalysisScene | null>(null);
  const loading = useRef<Promise<AnalysisScene> | null>(null);
  const sourcesRef = useRef(sources);
  sourcesRef.current = sources;
  const loadScene = useCallback(() => {
    loading.current ??= loadAnalysisScene(sourcesRef.current).then((s) => {
      setScene(s);
      for (const p of s.problems) console.warn(p);
      return s;
    });
    return loading.current;
  }, []);
  const open = view?.tool ?? null;
  useEffect(() => {
    if (open) void loadScene();
  }, [open, loadScene]);

  const viewRef = useRef(view);
  viewRef.current = view;
  const toggle = useCallback((tool: AnalysisToolId) => onChange(viewRef.current?.tool === tool ? null : openTool(tool)), [onChange]);
  const close = useCallback(() => onChange(null), [onChange]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || typingInto(e.target)) return;
      if (e.key === 'Escape') {
        if (!viewRef.current) return;
        e.preventDefault();
        close();
        return;
      }
      const tool = toolForKey(e.key);
      if (tool) {
        e.preventDefault();
        toggle(tool);
      }
    };
    // Capture: before the page's own Esc (which clears the selection).
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, [toggle, close]);

  const useOfRef = useRef(useOf);
  useOfRef.current = useOf;
  const gradesRef = useRef(grades);
  gradesRef.current = grades;
  const changeRef = useRef(onChange);
  changeRef.current = onChange;
  useEffect(
    () => extendAutomationHandle({ analysis: createAnalysisAutomation({ loadScene, current: () => viewRef.current, set: (v) => changeRef.current(v), grades: () => gradesRef.current, useOf: (code) => useOfRef.current(code) }) }),
    [loadScene],
  );

  return (
    <>
      <AnalysisToolbar open={open} onToggle={toggle} />
      {viewer && view?.tool === 'measure' && <MeasureTool viewer={viewer} view={view} scene={scene} pickRouter={pickRouter} onChange={onChange} onClose={close} />}
      {viewer && view?.tool === 'flood' && <FloodTool viewer={viewer} view={view} scene={scene} onChange={onChange} onClose={close} />}
      {viewer && view?.tool === 'sun' && <SunTool viewer={viewer} view={view} scene={scene} useOf={useOf} pickRouter={pickRouter} onChange={onChange} onClose={close} />}
      {viewer && view?.tool === 'excavate' && (
        <ExcavateTool viewer={viewer} view={view} scene={scene} buildingsTileset={buildingsTileset} lifelinesOn={lifelinesOn} onShowLifelines={onShowLifelines} pickRouter={pickRouter} onChange={onChange} onClose={close} />
      )}
      {viewer && view?.tool === 'section' && <SectionTool viewer={viewer} view={view} scene={scene} grades={grades} pickRouter={pickRouter} onChange={onChange} onClose={close} />}
      {viewer && view?.tool === 'sightline' && <SightlineTool viewer={viewer} view={view} scene={scene} pickRouter={pickRouter} onChange={onChange} onClose={close} />}
    </>
  );
}
