// 走访巡查: this week's household visits against the target, patrols (consent first, the track
// follows the position, distance shown) and the check-in at a household or place (through the
// offline queue, with the time it was made so it counts on the right day).
import { useState, type ReactNode } from 'react';
import { Button, Dialog, Input, List, ProgressBar, Selector, TextArea, Toast } from 'antd-mobile';
import { ApiError, NetworkError } from '../api/client.ts';
import { fieldApi } from '../api/field-api.ts';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { LocationLine, usePlaceCheck } from '../components/LocationLine.tsx';
import { Page, Section } from '../components/Page.tsx';
import { PhotoPicker } from '../components/PhotoPicker.tsx';
import { useFieldData } from '../data.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { useGeolocation } from '../lib/geolocation.ts';
import { hasConsented, patrolDistance, pointCount, usePatrol } from '../lib/patrol.ts';
import { useCachedRead } from '../offline/cache.ts';
import { submit } from '../offline/queue.ts';
import { useQueue } from '../offline/use-queue.ts';

function PatrolCard() {
  const { t, time, distance } = useI18n();
  const { userId } = useFieldData();
  const patrol = usePatrol(userId);
  const s = patrol.state;

  const begin = async () => {
    if (!hasConsented(userId)) {
      const ok = await Dialog.confirm({
        title: t('patrol.consentTitle'),
        content: <div data-testid="patrol-consent">{t('patrol.consent')}</div>,
        confirmText: t('patrol.agree'),
        cancelText: t('patrol.cancel'),
      });
      if (!ok) return;
    }
    await patrol.start();
  };

  let problem: ReactNode = null;
  if (patrol.error !== null) {
    if (patrol.error instanceof NetworkError)
      problem = (
        <div className="field-error inline" role="alert">
          {t(s ? 'patrol.endOffline' : 'patrol.needNetwork')}
        </div>
      );
    else if (patrol.error instanceof ApiError && patrol.error.code === 'CONFLICT' && !s)
      problem = (
        <div className="field-error inline" role="alert">
          {t('patrol.alreadyOpen')}
        </div>
      );
    else if (
      patrol.error instanceof Error &&
      ['denied', 'unavailable', 'timeout', 'unsupported'].includes(patrol.error.message)
    )
      problem = (
        <div className="field-error inline" role="alert">
          {t(`geo.${patrol.error.message as 'denied'}`)}
        </div>
      );
    else problem = <ErrorNotice error={patrol.error} inline />;
  }

  return (
    <Section title={t('patrol.title')} testId="patrol-card">
      <div className="field-pad">
        {s ? (
          <div data-testid="patrol-running">
            <div style={{ fontSize: 16, fontWeight: 600, color: '#00a870' }}>● {t('patrol.running')}</div>
            <div className="field-muted" style={{ marginTop: 4 }}>
              {t('patrol.since', { time: time(s.startedAt) })} · {t('patrol.points', { n: pointCount(s) })} ·{' '}
              <span data-testid="patrol-distance">
                {t('patrol.distance', { d: distance(patrolDistance(s)) })}
              </span>
              {s.points.length > s.sent && <> · {t('patrol.unsynced', { n: s.points.length - s.sent })}</>}
            </div>
            <div className="field-muted" style={{ marginTop: 4 }}>
              {t('patrol.idle')}
            </div>
          </div>
        ) : (
          <div className="field-muted">{t('patrol.consent')}</div>
        )}
        {patrol.ended && !s && (
          <div
            className="field-banner waiting"
            style={{ margin: '8px 0 0', cursor: 'default' }}
            data-testid="patrol-ended"
          >
            {t('patrol.ended', { n: patrol.ended.points, d: distance(patrol.ended.distance_m) })}
          </div>
        )}
        {problem}
      </div>
      <div className="field-actions" style={{ paddingTop: 0 }}>
        {s ? (
          <Button
            color="danger"
            size="large"
            block
            loading={patrol.busy}
            onClick={() => void patrol.end()}
            data-testid="patrol-end"
          >
            {t('patrol.end')}
          </Button>
        ) : (
          <Button
            color="primary"
            size="large"
            block
            loading={patrol.busy}
            onClick={() => void begin()}
            data-testid="patrol-start"
          >
            {t('patrol.start')}
          </Button>
        )}
      </div>
    </Section>
  );
}

export function VisitsPage() {
  const { t, time } = useI18n();
  const { userId } = useFieldData();
  const queue = useQueue(userId);
  const week = useCachedRead(`visits:${userId}`, fieldApi.weekVisits);
  const geo = useGeolocation('');
  const check = usePlaceCheck(geo.pos);
  const [kind, setKind] = useState<'household' | 'place'>('household');
  const [target, setTarget] = useState('');
  const [note, setNote] = useState('');
  const [photos, setPhotos] = useState<Blob[]>([]);
  const [targetError, setTargetError] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const pendingHouseholds = queue.mine.filter(
    (i) => i.kind === 'visit' && i.body.kind === 'household',
  ).length;
  const w = week.value?.data;

  const checkIn = async () => {
    setFailure(null);
    if (!target.trim()) {
      setTargetError(t('visits.targetRequired'));
      return;
    }
    setTargetError(null);
    if (!geo.pos) {
      setFailure(new Error('no-location'));
      return;
    }
    setBusy(true);
    try {
      const r = await submit(userId, {
        kind: 'visit',
        label: `${t(kind === 'household' ? 'visits.household' : 'visits.place')} · ${target.trim()}`,
        body: {
          kind,
          target: target.trim(),
          ...(note.trim() ? { note: note.trim() } : {}),
          lng: geo.pos.lng,
          lat: geo.pos.lat,
          crs: geo.pos.crs,
          at: new Date().toISOString(),
        },
        photos: photos.map((blob) => ({ blob })),
      });
      if (r.sent) {
        Toast.show({
          content: t(r.result.inOwnGrid === false ? 'visits.sentOutside' : 'visits.sent'),
          duration: 2500,
        });
        week.reload();
      } else {
        Toast.show({ content: t('visits.queued'), duration: 3000 });
      }
      setTarget('');
      setNote('');
      setPhotos([]);
    } catch (e) {
      setFailure(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page title={t('visits.title')} testId="page-visits">
      <Section title={t('visits.week')} testId="visits-week">
        {w ? (
          <>
            <div className="field-stat">
              <b data-testid="visits-count">{w.households}</b>
              <span>{t('visits.ofTarget', { target: w.target })}</span>
            </div>
            <div className="field-progress">
              <ProgressBar percent={Math.min(100, (w.households / Math.max(1, w.target)) * 100)} />
              <div className="field-muted" style={{ marginTop: 6 }}>
                {t('visits.places', { n: w.places })}
                {w.households >= w.target && <> · {t('visits.met')}</>}
                {pendingHouseholds > 0 && <> · {t('visits.pendingHint', { n: pendingHouseholds })}</>}
                {week.value?.stale && <> · {t('common.updatedAt', { time: time(week.value.at) })}</>}
              </div>
            </div>
          </>
        ) : week.error !== null ? (
          <ErrorNotice error={week.error} onRetry={week.reload} inline />
        ) : (
          <div className="field-hint">{t('common.loading')}</div>
        )}
      </Section>

      <PatrolCard />

      <Section title={t('visits.checkin')} testId="visits-checkin">
        <LocationLine geo={geo} check={check} />
        <div className="field-form">
          <List>
            <List.Item>
              <div className="field-muted" style={{ marginBottom: 6 }}>
                {t('visits.kind')}
              </div>
              <Selector
                columns={2}
                value={[kind]}
                onChange={(v) => v[0] && setKind(v[0])}
                options={[
                  { label: t('visits.household'), value: 'household' as const },
                  { label: t('visits.place'), value: 'place' as const },
                ]}
                style={{ '--padding': '12px 8px' }}
                data-testid="visit-kind"
              />
            </List.Item>
            <List.Item description={targetError && <span className="field-field-error">{targetError}</span>}>
              <div className="field-muted" style={{ marginBottom: 4 }}>
                {t('visits.target')}
              </div>
              <Input
                value={target}
                onChange={setTarget}
                placeholder={t(
                  kind === 'household'
                    ? 'visits.targetPlaceholderHousehold'
                    : 'visits.targetPlaceholderPlace',
                )}
                maxLength={100}
                clearable
                data-testid="visit-target"
              />
            </List.Item>
            <List.Item>
              <div className="field-muted" style={{ marginBottom: 4 }}>
                {t('visits.note')}
              </div>
              <TextArea
                value={note}
                onChange={setNote}
                placeholder={t('visits.notePlaceholder')}
                autoSize={{ minRows: 2, maxRows: 6 }}
                maxLength={1000}
                data-testid="visit-note"
              />
            </List.Item>
          </List>
          <div className="field-hint" style={{ paddingTop: 8, paddingBottom: 4 }}>
            {t('visits.photos')}
          </div>
          <PhotoPicker value={photos} onChange={setPhotos} testId="visit-photo" />
          {failure !== null &&
            (failure instanceof Error && failure.message === 'no-location' ? (
              <div className="field-hint field-field-error">{t('report.noLocation')}</div>
            ) : (
              <ErrorNotice error={failure} />
            ))}
          <div className="field-actions">
            <Button
              color="primary"
              size="large"
              block
              loading={busy}
              disabled={check.kind === 'outside'}
              onClick={() => void checkIn()}
              data-testid="visit-submit"
            >
              {t('visits.submit')}
            </Button>
          </div>
        </div>
      </Section>
    </Page>
  );
}
