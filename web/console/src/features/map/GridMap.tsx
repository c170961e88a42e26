// The 一张图 map: MapLibre with the configured basemap (none by default), driven by
// GridMapController; React only passes the user's choices in and the status out.
import { Alert } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { errorText } from '../../api/error-text.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { basemapStyle, hasBasemap } from './basemap.ts';
import type { ColourMode } from './colours.ts';
import { GridMapController, type MapStatus, type MapTexts } from './map-controller.ts';
import type { BasemapConfig, RegionView } from './map-api.ts';
import { colourLabel, stateLabel } from './map-labels.ts';
import { mapLocale, useMapLibre } from './use-maplibre.ts';

export interface GridMapProps {
  config: BasemapConfig;
  scope: RegionView[];
  colourMode: ColourMode;
  showCases: boolean;
  selected: string | null;
  /** A grid to show first (/map?grid=CODE). */
  focus: string | null;
  refreshKey: number;
  onSelect: (code: string) => void;
  onStatus: (s: MapStatus) => void;
  onController?: (c: GridMapController | null) => void;
}

export function GridMap(p: GridMapProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const navigate = useNavigate();
  const container = useRef<HTMLDivElement>(null);
  const [ctl, setCtl] = useState<GridMapController | null>(null);
  // The latest callbacks and texts, read by the controller when it needs them.
  const live = useRef({ p, t, navigate });
  useEffect(() => {
    live.current = { p, t, navigate };
  });
  const { lib, map, error } = useMapLibre(container, 'map', () => {
    const b = GridMapController.scopeBounds(p.scope);
    return {
      style: basemapStyle(p.config, { background: '#e4e9f0' }),
      ...(b ? { bounds: b, fitBoundsOptions: { padding: 24 } } : { center: [117.65, 24.5], zoom: 9 }),
      minZoom: 4,
      maxZoom: 18,
      dragRotate: false,
      pitchWithRotate: false,
      attributionControl: { compact: true },
      locale: mapLocale(t),
    };
  });

  useEffect(() => {
    if (!lib || !map) return;
    const { p: props } = live.current;
    const texts = (): MapTexts => ({
      openCase: live.current.t('map.popup.open'),
      state: (s) => stateLabel(live.current.t, s),
      colour: (c) => colourLabel(live.current.t, c),
    });
    const c = new GridMapController(lib, map, {
      scope: props.scope,
      basemap: hasBasemap(props.config),
      texts,
      onStatus: (s) => live.current.p.onStatus(s),
      onSelectGrid: (code) => live.current.p.onSelect(code),
      onOpenCase: (id) => void live.current.navigate(`/cases/${encodeURIComponent(id)}`),
    });
    map.addControl(new lib.NavigationControl({ showCompass: false }), 'top-right');
    map.addControl(new lib.ScaleControl({ unit: 'metric' }), 'bottom-right');
    c.start();
    if (props.focus) c.focusGrid(props.focus).catch(() => undefined);
    setCtl(c);
    props.onController?.(c);
    return () => {
      c.destroy();
      live.current.p.onController?.(null);
      setCtl(null);
    };
  }, [lib, map]);

  useEffect(() => ctl?.setColourMode(p.colourMode), [ctl, p.colourMode]);
  useEffect(() => ctl?.setShowCases(p.showCases), [ctl, p.showCases]);
  useEffect(() => ctl?.setSelected(p.selected), [ctl, p.selected]);
  const firstRefresh = useRef(p.refreshKey);
  useEffect(() => {
    if (p.refreshKey !== firstRefresh.current) ctl?.refresh();
  }, [ctl, p.refreshKey]);

  if (error) {
    return (
      <Alert
        type="warning"
        showIcon
        role="alert"
        data-testid="map-error"
        message={error === 'webgl' ? t('map.noWebgl') : t('map.failed')}
        description={error === 'webgl' ? t('map.noWebglHint') : errorText(error, i18n).title}
        style={{ margin: 24 }}
      />
    );
  }
  return (
    <div
      ref={container}
      className="wg-map-canvas"
      data-testid="map-canvas"
      data-ready={map ? 'true' : 'false'}
    />
  );
}
