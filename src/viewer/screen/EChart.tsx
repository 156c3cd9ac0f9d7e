/**
 * A wall-screen chart (chrome/use-echart.ts): only the chart types and components the
 * screen uses are registered, so the bundle carries no more of echarts than that.
 */
import { BarChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEChart, type EChartOption } from '../chrome/use-echart.ts';

echarts.use([BarChart, PieChart, GridComponent, LegendComponent, CanvasRenderer]);

export type { EChartOption } from '../chrome/use-echart.ts';

export function EChart({ option, label }: { option: EChartOption; label: string }) {
  const box = useEChart(option);
  return <div ref={box} className="screen-chart" role="img" aria-label={label} />;
}
