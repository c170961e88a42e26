// The big screen's two charts: this month's cases by category (ring) and the 30-day trend of
// reported and closed cases (lines). Dark palette; labels in the user's language.
import { useMemo, useRef } from 'react';
import { useI18n } from '../../i18n/i18n-context.tsx';
import type { Dashboard } from './dashboard-api.ts';
import { useECharts, type ChartOption } from './use-echarts.ts';

const PALETTE = [
  '#3be2ff',
  '#4f8cff',
  '#ffc53d',
  '#73d13d',
  '#ff7a45',
  '#b37feb',
  '#36cfc9',
  '#ff85c0',
  '#95de64',
  '#ffd666',
];
const TEXT = '#c9dcf5';
const AXIS = '#2a4a78';

function Chart({ option, scale, testId }: { option: ChartOption; scale: number; testId: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const { error } = useECharts(ref, option, scale);
  const { t } = useI18n();
  if (error) return <div className="bs-empty">{t('bigScreen.chartFailed')}</div>;
  return <div ref={ref} className="bs-chart" data-testid={testId} />;
}

export function CategoryChart({ data, scale }: { data: Dashboard['categories']; scale: number }) {
  const { t, fmt } = useI18n();
  const option = useMemo<ChartOption>(
    () => ({
      color: PALETTE,
      tooltip: {
        trigger: 'item',
        valueFormatter: (v: unknown) => fmt.number(Number(v)),
      },
      legend: {
        type: 'scroll',
        orient: 'vertical',
        right: 8,
        top: 'middle',
        itemWidth: 10,
        itemHeight: 10,
        itemGap: 9,
        textStyle: { color: TEXT, fontSize: 13, width: 150, overflow: 'truncate' },
        pageTextStyle: { color: TEXT },
        pageIconColor: '#3be2ff',
      },
      series: [
        {
          type: 'pie',
          name: t('bigScreen.categories'),
          radius: ['46%', '74%'],
          center: ['30%', '52%'],
          avoidLabelOverlap: true,
          label: { show: false },
          itemStyle: { borderColor: '#0a1a33', borderWidth: 2 },
          data: data.map((c) => ({ name: c.name, value: c.reported })),
        },
      ],
    }),
    [data, t, fmt],
  );
  if (!data.length) return <div className="bs-empty">{t('bigScreen.noData')}</div>;
  return <Chart option={option} scale={scale} testId="bs-category-chart" />;
}

export function TrendChart({ data, scale }: { data: Dashboard['trend']; scale: number }) {
  const { t, fmt, lang } = useI18n();
  const option = useMemo<ChartOption>(() => {
    const day = (d: string) => {
      const [, m, dd] = d.split('-');
      return lang === 'en' ? `${Number(m)}/${Number(dd)}` : `${Number(m)}月${Number(dd)}日`;
    };
    return {
      color: ['#3be2ff', '#73d13d'],
      grid: { left: 44, right: 16, top: 36, bottom: 28 },
      tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => fmt.number(Number(v)) },
      legend: {
        top: 0,
        right: 8,
        itemWidth: 14,
        itemHeight: 8,
        textStyle: { color: TEXT, fontSize: 13 },
      },
      xAxis: {
        type: 'category',
        boundaryGap: false,
        data: data.map((d) => day(d.day)),
        axisLine: { lineStyle: { color: AXIS } },
        axisLabel: { color: TEXT, fontSize: 12, interval: 6 },
        axisTick: { show: false },
      },
      yAxis: {
        type: 'value',
        minInterval: 1,
        splitLine: { lineStyle: { color: AXIS, type: 'dashed' } },
        axisLabel: { color: TEXT, fontSize: 12, formatter: (v: number) => fmt.number(v) },
      },
      series: [
        {
          type: 'line',
          name: t('bigScreen.trend.reported'),
          smooth: true,
          symbol: 'none',
          lineStyle: { width: 2 },
          areaStyle: { opacity: 0.15 },
          data: data.map((d) => d.reported),
        },
        {
          type: 'line',
          name: t('bigScreen.trend.closed'),
          smooth: true,
          symbol: 'none',
          lineStyle: { width: 2 },
          data: data.map((d) => d.closed),
        },
      ],
    };
  }, [data, t, fmt, lang]);
  return <Chart option={option} scale={scale} testId="bs-trend-chart" />;
}
