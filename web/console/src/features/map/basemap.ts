// The map style for the configured basemap (GET /map/config): none (a plain light or dark
// background — the region outlines and grids drawn on top are the map), 天地图 Tianditu (vector
// map and its labels, vec_w + cva_w, Web Mercator, tk key) or any XYZ raster URL. Tianditu is
// CGCS2000 ≈ WGS-84, so the grids (WGS-84) line up; a GCJ-02 source (Amap …) is offset ~500 m.
import type { StyleSpecification } from 'maplibre-gl';
import type { BasemapConfig } from './map-api.ts';

const TIANDITU_HOSTS = [0, 1, 2, 3, 4, 5, 6, 7];

function tiandituTiles(layer: 'vec' | 'cva', key: string): string[] {
  return TIANDITU_HOSTS.map(
    (n) =>
      `https://t${n}.tianditu.gov.cn/${layer}_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0` +
      `&LAYER=${layer}&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}` +
      `&tk=${encodeURIComponent(key)}`,
  );
}

export interface StyleOptions {
  /** Background colour when there is no basemap (and under the tiles). */
  background: string;
}

export function basemapStyle(cfg: BasemapConfig, opts: StyleOptions): StyleSpecification {
  const style: StyleSpecification = {
    version: 8,
    sources: {},
    layers: [{ id: 'background', type: 'background', paint: { 'background-color': opts.background } }],
  };
  if (cfg.basemap === 'tianditu' && cfg.tianditu_key) {
    const attribution = cfg.attribution ?? '© 天地图 Tianditu';
    style.sources.tdt_vec = {
      type: 'raster',
      tiles: tiandituTiles('vec', cfg.tianditu_key),
      tileSize: 256,
      maxzoom: 18,
      attribution,
    };
    style.sources.tdt_cva = {
      type: 'raster',
      tiles: tiandituTiles('cva', cfg.tianditu_key),
      tileSize: 256,
      maxzoom: 18,
    };
    style.layers.push({ id: 'basemap', type: 'raster', source: 'tdt_vec' });
    style.layers.push({ id: 'basemap-labels', type: 'raster', source: 'tdt_cva' });
  } else if (cfg.basemap === 'xyz' && cfg.xyz_url) {
    style.sources.xyz = {
      type: 'raster',
      tiles: [cfg.xyz_url],
      tileSize: 256,
      ...(cfg.attribution ? { attribution: cfg.attribution } : {}),
    };
    style.layers.push({ id: 'basemap', type: 'raster', source: 'xyz' });
  }
  return style;
}

/** True when tiles are drawn under the data (the data layers then get more transparent). */
export function hasBasemap(cfg: BasemapConfig): boolean {
  return (cfg.basemap === 'tianditu' && !!cfg.tianditu_key) || (cfg.basemap === 'xyz' && !!cfg.xyz_url);
}
