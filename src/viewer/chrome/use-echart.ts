/**
 * One echarts chart in a React element (the wall screen's KPI panels, the Section tool's
 * profile): created once per element (dark theme, canvas renderer), given each new
 * option whole (a series that went away goes from the chart too), resized with its box,
 * disposed on unmount. The caller registers the chart types it uses (`echarts.use`), so a
 * bundle carries no more of echarts than that.
 */
import * as echarts from 'echarts/core';
import { useEffect, useRef, type RefObject } from 'react';

export type EChartOption = Parameters<echarts.ECharts['setOption']>[0];

export function useEChart(option: EChartOption): RefObject<HTMLDivElement | null> {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const instance = echarts.init(element, 'dark', { renderer: 'canvas' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true, lazyUpdate: true });
  }, [option]);
  return box;
}
