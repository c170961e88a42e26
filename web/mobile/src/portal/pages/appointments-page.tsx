// 预约: services at the township and community service centres, their slots for the next two
// weeks with the places left (holiday slots — 节假日办事预约 — marked), and booking with a name and
// a phone proved by its SMS code, or as the logged-in resident ("以 139****5678 的身份预约", no
// phone or code); the booking code to show at the counter. Bookings made here are kept in this
// browser under "my bookings".
import { Button, Input, Tag } from 'antd-mobile';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { LocalError } from '../api/explain.ts';
import { portalApi, type Booking, type Service, type Slot } from '../api/portal-api.ts';
import { ErrorNotice } from '../components/error-notice.tsx';
import { Loading, PageFrame } from '../components/page-frame.tsx';
import { LOGIN_ENDED, PhoneOrResident, phoneProof } from '../components/phone-or-resident.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { regionParam } from '../lib/region.ts';
import { useResident } from '../lib/resident.tsx';
import { myBookings } from '../lib/storage.ts';
import { useAsync } from '../../../../shared/use-async.ts';

const DAYS = 14;

export default function AppointmentsPage() {
  const { id } = useParams();
  return id ? <ServiceSlots key={id} id={id} /> : <ServiceList />;
}

function ServiceList() {
  const { t, day, time } = useI18n();
  const [search] = useSearchParams();
  const region = regionParam(search);
  const data = useAsync((s) => portalApi.services(region, s), [region]);
  const [mine] = useState(() => myBookings.list().filter((b) => new Date(b.ends_at) > new Date()));
  const items = data.data?.items ?? [];
  return (
    <PageFrame title={t('appt.title')}>
      <p className="pt-intro">{t('appt.intro')}</p>
      {mine.length > 0 && (
        <section className="pt-card" data-testid="my-bookings">
          <h2 className="pt-card-title">{t('appt.mine')}</h2>
          <ul className="pt-list">
            {mine.map((b) => (
              <li key={b.code} className="pt-list-item">
                <span className="pt-list-main">
                  {b.service} · <strong>{b.code}</strong>
                </span>
                <span className="pt-list-sub">
                  {day(b.starts_at)} {time(b.starts_at)}–{time(b.ends_at)} · {b.place}
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
      {data.loading && !data.data && <Loading />}
      <ErrorNotice error={data.error} onRetry={data.reload} />
      {data.data && items.length === 0 && <div className="pt-empty">{t('appt.none')}</div>}
      <ul className="pt-feed" data-testid="service-list">
        {items.map((s) => (
          <li key={s.id}>
            <Link className="pt-card pt-card-link" to={`/appointments/${s.id}`} data-testid="service-item">
              <strong>{s.name}</strong>
              <div className="pt-list-sub">{s.place}</div>
            </Link>
          </li>
        ))}
      </ul>
    </PageFrame>
  );
}

function shanghaiDay(iso: string): string {
  return new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

function ServiceSlots({ id }: { id: string }) {
  const { t, day, time } = useI18n();
  const [range] = useState(() => {
    const from = new Date();
    return { from: from.toISOString(), to: new Date(from.getTime() + DAYS * 86_400_000).toISOString() };
  });
  const data = useAsync((s) => portalApi.slots(id, range.from, range.to, s), [id, range.from]);
  const [slot, setSlot] = useState<Slot | null>(null);
  const [booked, setBooked] = useState<Booking | null>(null);
  const service = data.data?.service;
  const slots = data.data?.items ?? [];
  const days = new Map<string, Slot[]>();
  for (const s of slots) {
    const k = shanghaiDay(s.starts_at);
    days.set(k, [...(days.get(k) ?? []), s]);
  }

  if (booked && service)
    return (
      <PageFrame title={t('appt.title')} back="/appointments">
        <section className="pt-card pt-success" data-testid="booking-done">
          <div className="pt-success-icon" aria-hidden="true">
            ✓
          </div>
          <h2>{t('appt.done.title')}</h2>
          <div className="pt-label">{t('appt.code')}</div>
          <div className="pt-big-code" data-testid="booking-ref">
            {booked.code}
          </div>
          <dl className="pt-dl">
            <dt>{t('appt.service')}</dt>
            <dd>{service.name}</dd>
            <dt>{t('appt.when')}</dt>
            <dd>
              {day(booked.starts_at)} {time(booked.starts_at)}–{time(booked.ends_at)}
            </dd>
            <dt>{t('appt.where')}</dt>
            <dd>{service.place}</dd>
          </dl>
          <p className="pt-help">{t('appt.done.hint')}</p>
          <Link className="pt-link-button" to="/appointments">
            {t('appt.done.back')}
          </Link>
        </section>
      </PageFrame>
    );

  return (
    <PageFrame title={service?.name ?? t('appt.title')} back="/appointments">
      {data.loading && !data.data && <Loading />}
      <ErrorNotice
        error={data.error}
        onRetry={data.reload}
        overrides={{ NOT_FOUND: { title: 'appt.notFound.title', hint: 'appt.notFound.hint' } }}
      />
      {service && (
        <section className="pt-card">
          <h2 className="pt-card-title">{service.name}</h2>
          <div className="pt-list-sub">{service.place}</div>
          <p className="pt-help">{t('appt.pickSlot', { n: DAYS })}</p>
        </section>
      )}
      {data.data && slots.length === 0 && <div className="pt-empty">{t('appt.noSlots')}</div>}
      <div data-testid="slot-list">
        {[...days].map(([d, list]) => (
          <section key={d} className="pt-card pt-day">
            <h3 className="pt-day-title">
              {day(list[0]!.starts_at)}
              {list.some((s) => s.holiday) && (
                <Tag color="danger" fill="outline" className="pt-gap-left">
                  {t('appt.holiday')}
                </Tag>
              )}
            </h3>
            <div className="pt-slots">
              {list.map((s) => {
                const full = s.left <= 0;
                const past = new Date(s.starts_at) <= new Date();
                return (
                  <button
                    type="button"
                    key={s.id}
                    className={`pt-slot ${slot?.id === s.id ? 'pt-slot-on' : ''} ${s.holiday ? 'pt-slot-holiday' : ''}`}
                    disabled={full || past}
                    aria-pressed={slot?.id === s.id}
                    onClick={() => setSlot(s)}
                    data-testid="slot"
                    data-holiday={String(s.holiday)}
                  >
                    <span className="pt-slot-time">
                      {time(s.starts_at)}–{time(s.ends_at)}
                    </span>
                    <span className="pt-slot-left">
                      {full ? t('appt.full') : t('appt.left', { n: s.left })}
                    </span>
                    {s.holiday && <span className="pt-slot-tag">{t('appt.holiday')}</span>}
                  </button>
                );
              })}
            </div>
          </section>
        ))}
      </div>
      {slot && service && (
        <BookingForm
          service={service}
          slot={slot}
          onBooked={(b) => {
            myBookings.add({
              code: b.code,
              service: service.name,
              place: service.place,
              starts_at: b.starts_at,
              ends_at: b.ends_at,
            });
            setBooked(b);
            window.scrollTo(0, 0);
          }}
          onStale={data.reload}
        />
      )}
    </PageFrame>
  );
}

function BookingForm({
  service,
  slot,
  onBooked,
  onStale,
}: {
  service: Service;
  slot: Slot;
  onBooked: (b: Booking) => void;
  onStale: () => void;
}) {
  const { t, day, time } = useI18n();
  const me = useResident();
  const asResident = me.status === 'resident' ? me.resident : null;
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const send = async () => {
    setError(null);
    if (!name.trim()) return setError(new LocalError('appt.nameMissing.title', 'appt.nameMissing.hint'));
    const who = phoneProof(asResident, phone, code);
    if (who instanceof LocalError) return setError(who);
    setSending(true);
    try {
      onBooked(await portalApi.book({ slot_id: slot.id, name: name.trim(), ...who }));
    } catch (e) {
      me.noteError(e); // an ended login: the form shows the phone and code fields again
      setError(e);
      onStale(); // places may have changed
    } finally {
      setSending(false);
    }
  };

  return (
    <section className="pt-card" data-testid="booking-form">
      <h2 className="pt-card-title">{t('appt.book')}</h2>
      <p>
        {service.name} · {day(slot.starts_at)} {time(slot.starts_at)}–{time(slot.ends_at)}
        {slot.holiday && ` · ${t('appt.holiday')}`}
      </p>
      <label className="pt-field">
        <span className="pt-label">{t('field.name')}</span>
        <Input
          className="pt-input"
          value={name}
          onChange={setName}
          maxLength={30}
          autoComplete="name"
          placeholder={t('appt.namePlaceholder')}
          data-testid="booking-name"
        />
      </label>
      <PhoneOrResident
        purpose="booking"
        resident={asResident}
        as="appt.asResident"
        asHelp="appt.asResidentHelp"
        phone={phone}
        code={code}
        onPhone={setPhone}
        onCode={setCode}
      />
      <ErrorNotice error={error} overrides={LOGIN_ENDED} testId="booking-error" />
      <Button
        color="primary"
        size="large"
        block
        loading={sending}
        onClick={() => void send()}
        data-testid="booking-submit"
      >
        {t('appt.submit')}
      </Button>
    </section>
  );
}
