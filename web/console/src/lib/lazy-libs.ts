// The heavy libraries, loaded on first use so they never weigh on the first screen
// (scripts/web-size.mjs fails the build if they end up in the initial bundle). Import these
// loaders, never 'echarts' or 'maplibre-gl' directly (type imports are fine).
import type * as ECharts from 'echarts';
import type * as MapLibre from 'maplibre-gl';

/** ECharts (charts, the big screen). */
export function loadECharts(): Promise<typeof ECharts> {
  return import('echarts');
}

/** MapLibre GL (maps) with its stylesheet. */
export async function loadMapLibre(): Promise<typeof MapLibre> {
  const [lib] = await Promise.all([import('maplibre-gl'), import('maplibre-gl/dist/maplibre-gl.css')]);
  return lib;
}
