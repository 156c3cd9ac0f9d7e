/**
 * The section's chart (echarts, loaded with the Section tool only: the desk bundle does
 * not carry it): the option from section-result.ts, with the buildings drawn as
 * rectangles from base to roof. Created once, updated in place, resized with its box.
 */
import { CustomChart, LineChart, ScatterChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([LineChart, CustomChart, ScatterChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

interface CustomApi {
  value(dim: number): number;
  coord(point: [number, number]): [number, number];
  style(): Record<string, unknown>;
}

function buildingRect(_params: unknown, api: CustomApi) {
  const [x0, y0] = api.coord([api.value(0), api.value(3)]);
  const [x1, y1] = api.coord([api.value(1), api.value(2)]);
  return { type: 'rect', shape: { x: x0, y: y0, width: Math.max(1, x1 - x0), height: y1 - y0 }, style: api.style() };
}

export default function SectionChart({ option, label }: { option: Record<string, unknown>; label: string }) {
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
    const series = (option.series as Record<string, unknown>[]).map((s) => (s.renderItem === 'section-building' ? { ...s, renderItem: buildingRect } : s));
    chart.current?.setOption({ ...option, series } as echarts.EChartsCoreOption, { notMerge: true });
  }, [option]);
  return <div ref={box} className="section-chart" role="img" aria-label={label} />;
}
