// One ECharts instance in a container (ECharts loads on first use, lib/lazy-libs.ts); the option
// is applied whenever it changes (a poll, the language). Drawn at the screen's real resolution
// (the stage is CSS-scaled), without animation under automation so tests see the final picture.
import type * as ECharts from 'echarts';
import { useEffect, useRef, useState, type RefObject } from 'react';
import { loadECharts } from '../../lib/lazy-libs.ts';

export type ChartOption = ECharts.EChartsCoreOption;

export function useECharts(
  container: RefObject<HTMLDivElement | null>,
  option: ChartOption,
  scale: number,
): { error: unknown } {
  const chart = useRef<ECharts.ECharts | null>(null);
  const [ready, setReady] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const dpr = Math.max(1, (window.devicePixelRatio || 1) * scale);
  useEffect(() => {
    let live = true;
    loadECharts().then(
      (echarts) => {
        const el = container.current;
        if (!live || !el) return;
        chart.current = echarts.init(el, null, { renderer: 'canvas', devicePixelRatio: dpr });
        setReady(true);
      },
      (e: unknown) => live && setError(e),
    );
    return () => {
      live = false;
      chart.current?.dispose();
      chart.current = null;
      setReady(false);
    };
  }, [container, dpr]);
  useEffect(() => {
    if (!ready || !chart.current) return;
    chart.current.setOption({ animation: !navigator.webdriver, ...option }, { lazyUpdate: true });
  }, [ready, option]);
  return { error };
}
