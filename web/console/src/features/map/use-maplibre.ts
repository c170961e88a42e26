// One MapLibre GL map in a container: the library loads on first use (lib/lazy-libs.ts), the map
// is created once with the options given at mount and removed on unmount. Without WebGL (old
// browser, hardware acceleration off) the hook says so instead of throwing, so the screen can
// show a message. Under automation (navigator.webdriver) the map is exposed as
// window.__wanggeMaps[name] so that browser tests can query what it draws.
import type * as MapLibre from 'maplibre-gl';
import { useEffect, useRef, useState, type RefObject } from 'react';
import { loadMapLibre } from '../../lib/lazy-libs.ts';

export type MapLib = typeof MapLibre;
export type MapOptions = Omit<MapLibre.MapOptions, 'container'>;

export interface MapState {
  lib?: MapLib;
  map?: MapLibre.Map;
  /** 'webgl' when the browser cannot draw the map; any other failure as thrown. */
  error?: unknown;
}

/** True when this browser can create a WebGL context (MapLibre needs one). */
export function webglAvailable(): boolean {
  try {
    const c = document.createElement('canvas');
    return !!(c.getContext('webgl2') ?? c.getContext('webgl'));
  } catch {
    return false;
  }
}

declare global {
  interface Window {
    __wanggeMaps?: Record<string, MapLibre.Map>;
  }
}

export function useMapLibre(
  container: RefObject<HTMLDivElement | null>,
  name: string,
  options: (lib: MapLib) => MapOptions,
): MapState {
  const [state, setState] = useState<MapState>({});
  const [noWebgl] = useState(() => !webglAvailable());
  const optionsRef = useRef(options);
  useEffect(() => {
    let live = true;
    let map: MapLibre.Map | undefined;
    if (noWebgl) return;
    loadMapLibre().then(
      (lib) => {
        const el = container.current;
        if (!live || !el) return;
        try {
          map = new lib.Map({ ...optionsRef.current(lib), container: el });
        } catch (e) {
          setState({ error: /webgl/i.test(String(e)) ? 'webgl' : e });
          return;
        }
        const m = map;
        // Ready once the style is in (sources and layers can be added), not on 'load', which
        // waits for every basemap tile: a tile server that is down must not keep the grids away.
        const ready = () => {
          if (!live) return;
          if (navigator.webdriver) window.__wanggeMaps = { ...window.__wanggeMaps, [name]: m };
          setState({ lib, map: m });
        };
        if (m.isStyleLoaded()) ready();
        else void m.once('style.load', ready);
      },
      (e: unknown) => live && setState({ error: e }),
    );
    return () => {
      live = false;
      const exposed = window.__wanggeMaps;
      if (map && exposed && exposed[name] === map) delete exposed[name];
      map?.remove();
    };
  }, [container, name, noWebgl]);
  return noWebgl ? { error: 'webgl' } : state;
}

/**
 * Draws text images on demand for symbol layers whose icon-image is 'n:<text>' (cluster
 * counts): the style needs no glyph server, so maps work offline and without a basemap.
 */
export function installTextImages(map: MapLibre.Map, colour: string, fontPx = 12): void {
  map.on('styleimagemissing', (e: { id: string }) => {
    if (!e.id.startsWith('n:') || map.hasImage(e.id)) return;
    const text = e.id.slice(2);
    const ratio = Math.max(1, Math.ceil(window.devicePixelRatio || 1));
    const canvas = document.createElement('canvas');
    const g = canvas.getContext('2d');
    if (!g) return;
    const font = `600 ${fontPx * ratio}px -apple-system, 'Segoe UI', 'Noto Sans CJK SC', Arial, sans-serif`;
    g.font = font;
    const w = Math.ceil(g.measureText(text).width) + 4 * ratio;
    const h = Math.ceil(fontPx * 1.4 * ratio);
    canvas.width = w;
    canvas.height = h;
    g.font = font;
    g.fillStyle = colour;
    g.textAlign = 'center';
    g.textBaseline = 'middle';
    g.fillText(text, w / 2, h / 2 + ratio / 2);
    map.addImage(e.id, g.getImageData(0, 0, w, h), { pixelRatio: ratio });
  });
}

/** MapLibre's control texts in the user's language. */
export function mapLocale(
  t: (k: 'map.zoomIn' | 'map.zoomOut' | 'map.resetBearing' | 'map.attribution') => string,
) {
  return {
    'NavigationControl.ZoomIn': t('map.zoomIn'),
    'NavigationControl.ZoomOut': t('map.zoomOut'),
    'NavigationControl.ResetBearing': t('map.resetBearing'),
    'AttributionControl.ToggleAttribution': t('map.attribution'),
  };
}

/** A text label on the map as an HTML marker (no glyph server needed), not a control. */
export function labelMarker(
  lib: MapLib,
  className: string,
  text: string,
  at: [number, number],
): MapLibre.Marker {
  const el = document.createElement('div');
  el.className = className;
  el.textContent = text;
  const marker = new lib.Marker({ element: el }).setLngLat(at);
  // MapLibre makes markers buttons; a name is not one.
  el.removeAttribute('role');
  el.removeAttribute('tabindex');
  el.removeAttribute('aria-label');
  return marker;
}

/**
 * Hides HTML labels (region names drawn as markers) that would overlap one placed before them:
 * the list is in priority order (e.g. larger regions first). Labels hidden by CSS are skipped.
 */
export function declutterLabels(els: readonly HTMLElement[], gap = 4): void {
  const placed: DOMRect[] = [];
  for (const el of els) el.style.visibility = '';
  for (const el of els) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    const hit = placed.some(
      (p) =>
        r.left < p.right + gap && p.left < r.right + gap && r.top < p.bottom + gap && p.top < r.bottom + gap,
    );
    if (hit) el.style.visibility = 'hidden';
    else placed.push(r);
  }
}
