// 随手拍 (点单): report a problem without an account — category (optional), what is wrong, photos
// (resized on the phone), where, and optionally a phone number proved by an SMS code; or, logged in
// under 我的, as that resident ("以 138****8000 的身份上报", no phone or code). The draft's
// idempotency key lives in sessionStorage, so sending again after a network error never makes a
// second case. Afterwards: the tracking code and link, kept under "my reports".
import { Button, Checkbox, Input, TextArea } from 'antd-mobile';
import { useState } from 'react';
import { Link, useLocation } from 'react-router';
import { portalApi, type ReportAnswer } from '../api/portal-api.ts';
import { CategoryPicker, type PickedCategory } from '../components/category-picker.tsx';
import { ErrorNotice } from '../components/error-notice.tsx';
import { LocationField, locationFromUrl, type Located } from '../components/location-field.tsx';
import { PageFrame } from '../components/page-frame.tsx';
import { AsResidentNote, LoginHint, SwitchAccountLink } from '../components/phone-or-resident.tsx';
import { PhotoPicker, type PhotoItem } from '../components/photo-picker.tsx';
import { isCode, isPhone, normalizePhone, SmsCodeField } from '../components/sms-code-field.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/zh-CN.ts';
import { useResident } from '../lib/resident.tsx';
import { draftKey, myReports } from '../lib/storage.ts';

type Errors = Partial<Record<'description' | 'location' | 'phone' | 'code' | 'photos', MessageKey>>;

export default function ReportPage() {
  const { t } = useI18n();
  const me = useResident();
  const asResident = me.status === 'resident' ? me.resident : null;
  const routerLocation = useLocation();
  const [fromUrl] = useState(() => locationFromUrl(routerLocation.search));
  const [category, setCategory] = useState<PickedCategory | null>(null);
  const [description, setDescription] = useState('');
  const [photos, setPhotos] = useState<PhotoItem[]>([]);
  const [located, setLocated] = useState<Located | null>(fromUrl.located ?? null);
  const [address, setAddress] = useState('');
  const [merchant, setMerchant] = useState(false);
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<ReportAnswer | null>(null);

  /** A field's message goes as soon as it is edited. */
  const edited = (k: keyof Errors) =>
    setErrors((e) => {
      if (!(k in e)) return e;
      const next = { ...e };
      delete next[k];
      return next;
    });

  const check = (): Errors => {
    const e: Errors = {};
    if (!description.trim()) e.description = 'report.err.description';
    if (!located) e.location = 'report.err.location';
    if (!asResident && phone.trim() && !isPhone(phone)) e.phone = 'report.err.phone';
    if (!asResident && phone.trim() && !isCode(code)) e.code = 'report.err.code';
    if (photos.some((p) => p.status === 'resizing' || p.status === 'uploading'))
      e.photos = 'report.err.photosBusy';
    else if (photos.some((p) => p.status === 'error')) e.photos = 'report.err.photosFailed';
    return e;
  };

  const submit = async () => {
    const e = check();
    setErrors(e);
    setError(null);
    if (Object.keys(e).length || !located) return;
    setSending(true);
    try {
      // Logged in: the server takes the resident's phone from the session; no phone, no code.
      const p = !asResident && phone.trim() ? normalizePhone(phone) : undefined;
      const r = await portalApi.report({
        lng: located.lng,
        lat: located.lat,
        crs: located.crs,
        ...(category ? { category_code: category.code } : {}),
        description: description.trim(),
        ...(address.trim() ? { address: address.trim() } : {}),
        photos: photos.flatMap((x) => (x.id ? [x.id] : [])),
        ...(name.trim() ? { name: name.trim() } : {}),
        ...(p ? { phone: p, code: code.trim() } : {}),
        channel: merchant ? 'merchant' : 'resident',
        idempotency_key: draftKey.get(),
      });
      myReports.add({
        code: r.code,
        token: r.token,
        at: new Date().toISOString(),
        summary: description.trim().slice(0, 40),
      });
      draftKey.reset();
      setDone(r);
      window.scrollTo(0, 0);
    } catch (err) {
      me.noteError(err); // an ended login: the form shows the phone and code fields again
      setError(err);
    } finally {
      setSending(false);
    }
  };

  const again = () => {
    setDone(null);
    setCategory(null);
    setDescription('');
    setPhotos([]);
    setAddress('');
    setCode('');
    setErrors({});
  };

  if (done) {
    const trackPath = `/track/${done.code}?t=${encodeURIComponent(done.token)}`;
    return (
      <PageFrame title={t('report.title')}>
        <section className="pt-card pt-success" data-testid="report-done">
          <div className="pt-success-icon" aria-hidden="true">
            ✓
          </div>
          <h2>{t('report.done.title')}</h2>
          <p>{t('report.done.body')}</p>
          <div className="pt-label">{t('track.code')}</div>
          <div className="pt-big-code" data-testid="report-code">
            {done.code}
          </div>
          <div className="pt-label">{t('report.done.link')}</div>
          <div className="pt-link-text" data-testid="report-link-text">
            {`${window.location.origin}/portal${trackPath}`}
          </div>
          <p className="pt-help">{t(asResident ? 'report.done.keepResident' : 'report.done.keep')}</p>
          <Link className="pt-link-button pt-link-primary" to={trackPath} data-testid="report-track-link">
            {t('report.done.track')}
          </Link>
          <Button block className="pt-gap" onClick={again}>
            {t('report.done.again')}
          </Button>
        </section>
      </PageFrame>
    );
  }

  const busy = photos.some((p) => p.status === 'resizing' || p.status === 'uploading');
  return (
    <PageFrame title={t('report.title')}>
      <form
        className="pt-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <p className="pt-intro">{t('report.intro')}</p>
        <section className="pt-card">
          <div className="pt-field">
            <span className="pt-label">
              {t('field.category')}
              <span className="pt-optional">{t('common.optional')}</span>
            </span>
            <CategoryPicker value={category} onChange={setCategory} />
          </div>
          <label className="pt-field">
            <span className="pt-label">
              {t('field.description')}
              <span className="pt-required">*</span>
            </span>
            <TextArea
              className="pt-textarea"
              placeholder={t('report.descriptionPlaceholder')}
              value={description}
              onChange={(v) => {
                setDescription(v);
                edited('description');
              }}
              maxLength={2000}
              rows={4}
              autoSize={{ minRows: 4, maxRows: 10 }}
              showCount
              data-testid="report-description"
            />
            {errors.description && <span className="pt-field-error">{t(errors.description)}</span>}
          </label>
          <div className="pt-field">
            <span className="pt-label">
              {t('field.photos')}
              <span className="pt-optional">{t('common.optional')}</span>
            </span>
            <PhotoPicker
              value={photos}
              onChange={(fn) => {
                setPhotos(fn);
                edited('photos');
              }}
            />
            {errors.photos && <span className="pt-field-error">{t(errors.photos)}</span>}
          </div>
        </section>

        <section className="pt-card">
          <div className="pt-field">
            <span className="pt-label">
              {t('field.location')}
              <span className="pt-required">*</span>
            </span>
            <LocationField
              value={located}
              onChange={(v) => {
                setLocated(v);
                edited('location');
              }}
              urlError={fromUrl.error}
              fieldError={errors.location && t(errors.location)}
            />
          </div>
          <label className="pt-field">
            <span className="pt-label">
              {t('field.address')}
              <span className="pt-optional">{t('common.optional')}</span>
            </span>
            <Input
              className="pt-input"
              placeholder={t('report.addressPlaceholder')}
              value={address}
              onChange={setAddress}
              maxLength={200}
              clearable
            />
          </label>
          <Checkbox className="pt-check" checked={merchant} onChange={setMerchant}>
            {t('report.merchant')}
          </Checkbox>
        </section>

        <section className="pt-card">
          <h2 className="pt-card-title">{t('report.contact')}</h2>
          {asResident ? (
            <AsResidentNote
              purpose="report"
              title={t('report.asResident', { phone: asResident.phone_masked })}
              help={t('report.asResidentHelp')}
            />
          ) : (
            <p className="pt-help">{t('report.contactHelp')}</p>
          )}
          <label className="pt-field">
            <span className="pt-label">
              {t('field.name')}
              <span className="pt-optional">{t('common.optional')}</span>
            </span>
            <Input
              className="pt-input"
              placeholder={t('report.namePlaceholder')}
              value={name}
              onChange={setName}
              maxLength={50}
              autoComplete="name"
              clearable
            />
          </label>
          {asResident ? (
            <SwitchAccountLink purpose="report" />
          ) : (
            <>
              <SmsCodeField
                purpose="report"
                optional
                phone={phone}
                code={code}
                onPhone={(v) => {
                  setPhone(v);
                  edited('phone');
                }}
                onCode={(v) => {
                  setCode(v);
                  edited('code');
                }}
                phoneError={errors.phone && t(errors.phone)}
                codeError={errors.code && t(errors.code)}
              />
              <LoginHint purpose="report" text={t('report.loginHint')} />
            </>
          )}
        </section>

        <ErrorNotice error={error} onRetry={() => void submit()} testId="report-error" />
        {Object.keys(errors).length > 0 && (
          <div className="pt-error" role="alert" data-testid="report-form-errors">
            <div className="pt-error-title">{t('report.err.fix')}</div>
          </div>
        )}
        <Button
          type="submit"
          color="primary"
          size="large"
          block
          loading={sending}
          disabled={busy}
          className="pt-submit"
          data-testid="report-submit"
        >
          {busy ? t('report.waitPhotos') : t('report.submit')}
        </Button>
        <p className="pt-help pt-center">{t('report.privacy')}</p>
      </form>
    </PageFrame>
  );
}
