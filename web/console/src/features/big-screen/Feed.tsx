// The live feed of new cases (newest first): time, deadline colour, title, village, category and
// state. Cases that arrived since the last poll are highlighted; a long list scrolls slowly by
// itself (not under automation, so that tests and screenshots see a still list).
import { useState } from 'react';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { DEADLINE_COLOURS } from '../map/colours.ts';
import { channelLabel, stateLabel } from '../map/map-labels.ts';
import type { Dashboard } from './dashboard-api.ts';

/** Rows that fit the panel; more than this and the list scrolls. */
const VISIBLE = 7;

export function Feed({ items }: { items: Dashboard['feed'] }) {
  const { t, fmt } = useI18n();
  // The codes that are new since the previous poll (none on the first one).
  const [last, setLast] = useState(items);
  const [fresh, setFresh] = useState<Set<string>>(() => new Set());
  if (items !== last) {
    const before = new Set(last.map((i) => i.code));
    setFresh(new Set(items.filter((i) => !before.has(i.code)).map((i) => i.code)));
    setLast(items);
  }
  if (!items.length) return <div className="bs-empty">{t('bigScreen.noData')}</div>;
  const scroll = items.length > VISIBLE && !navigator.webdriver;
  const time = (iso: string) => fmt.dateTime(iso).slice(-5);
  const row = (f: Dashboard['feed'][number], copy: number) => (
    <li key={`${copy}-${f.code}`} className={`bs-feed-row ${fresh.has(f.code) ? 'bs-feed-new' : ''}`}>
      <span className="bs-feed-time">{time(f.reported_at)}</span>
      <span className="bs-feed-dot" style={{ background: DEADLINE_COLOURS[f.colour] }} />
      <span className="bs-feed-main">
        <span className="bs-feed-title" title={f.title}>
          {f.title}
        </span>
        <span className="bs-feed-meta">
          {[f.village, f.category, channelLabel(t, f.channel)].filter(Boolean).join(' · ')}
        </span>
      </span>
      <span className="bs-feed-state">{stateLabel(t, f.state)}</span>
    </li>
  );
  return (
    <div className="bs-feed" data-testid="bs-feed">
      <ul
        className={scroll ? 'bs-feed-list bs-feed-scroll' : 'bs-feed-list'}
        style={scroll ? { animationDuration: `${items.length * 3}s` } : undefined}
      >
        {items.map((f) => row(f, 0))}
        {scroll && items.map((f) => row(f, 1))}
      </ul>
    </div>
  );
}
