// The map's legend: the grid fill bins of the chosen mode, and the case markers' colours.
import { useI18n } from '../../i18n/i18n-context.tsx';
import { DEADLINE_COLOURS, RAMPS, type ColourMode } from './colours.ts';
import { colourLabel } from './map-labels.ts';

export function MapLegend({ mode, showCases }: { mode: ColourMode; showCases: boolean }) {
  const { t, fmt } = useI18n();
  return (
    <div className="wg-map-legend" data-testid="map-legend">
      <div className="wg-map-legend-title">
        {mode === 'open' ? t('map.legend.open') : t('map.legend.overdue')}
      </div>
      {RAMPS[mode].map((b) => (
        <div key={b.from} className="wg-map-legend-row">
          <span className="wg-map-swatch" style={{ background: b.colour }} />
          {b.to === null
            ? t('map.legend.atLeast', { n: fmt.number(b.from) })
            : b.from === b.to
              ? fmt.number(b.from)
              : `${fmt.number(b.from)}–${fmt.number(b.to)}`}
        </div>
      ))}
      {showCases && (
        <>
          <div className="wg-map-legend-title" style={{ marginTop: 8 }}>
            {t('map.legend.cases')}
          </div>
          {(['green', 'yellow', 'red'] as const).map((c) => (
            <div key={c} className="wg-map-legend-row">
              <span className="wg-map-dot" style={{ background: DEADLINE_COLOURS[c] }} />
              {colourLabel(t, c)}
            </div>
          ))}
          <div className="wg-map-legend-note">{t('map.legend.cluster')}</div>
        </>
      )}
    </div>
  );
}
