/**
 * The section's chart (echarts, loaded with the Section tool only: the desk bundle does
 * not carry it): the option from section-result.ts, with the buildings drawn as
 * rectangles from base to roof (chrome/use-echart.ts holds the chart's life).
 */
import { CustomChart, LineChart, ScatterChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useMemo } from 'react';
import { useEChart, type EChartOption } from '../../chrome/use-echart.ts';

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
  const withRects = useMemo(
    () => ({ ...option, series: (option.series as Record<string, unknown>[]).map((s) => (s.renderItem === 'section-building' ? { ...s, renderItem: buildingRect } : s)) }) as EChartOption,
    [option],
  );
  const box = useEChart(withRects);
  return <div ref={box} className="section-chart" role="img" aria-label={label} />;
}
