// 上报: category, description, photos (shrunk on the phone), the location snapped to the grid with
// a warning outside my grids; 自处理 for small problems fixed on the spot (result + after photos).
// The report goes through the offline queue: sent now, or kept and sent when the network returns.
import { useState } from 'react';
import { Button, Checkbox, Input, List, Result, Switch, TextArea, Toast } from 'antd-mobile';
import { CategoryPicker } from '../components/CategoryPicker.tsx';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { LocationLine, usePlaceCheck } from '../components/LocationLine.tsx';
import { Page, Section } from '../components/Page.tsx';
import { PhotoPicker } from '../components/PhotoPicker.tsx';
import { useFieldData } from '../data.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { useGeolocation } from '../lib/geolocation.ts';
import { navigate, useRoute } from '../lib/router.ts';
import { submit, type SendResult } from '../offline/queue.ts';

type Errors = Partial<Record<'location' | 'category' | 'description' | 'selfResult' | 'selfPhotos', string>>;

export function ReportPage() {
  const { t } = useI18n();
  const { userId, categories } = useFieldData();
  const { query } = useRoute();
  const geo = useGeolocation(query.toString());
  const check = usePlaceCheck(geo.pos);
  const [category, setCategory] = useState<string | null>(null);
  const [description, setDescription] = useState('');
  const [address, setAddress] = useState('');
  const [urgent, setUrgent] = useState(false);
  const [photos, setPhotos] = useState<Blob[]>([]);
  const [selfHandle, setSelfHandle] = useState(false);
  const [selfResult, setSelfResult] = useState('');
  const [selfPhotos, setSelfPhotos] = useState<Blob[]>([]);
  const [errors, setErrors] = useState<Errors>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<SendResult | null>(null);

  const reset = () => {
    setCategory(null);
    setDescription('');
    setAddress('');
    setUrgent(false);
    setPhotos([]);
    setSelfHandle(false);
    setSelfResult('');
    setSelfPhotos([]);
    setErrors({});
    setFailure(null);
    setDone(null);
  };

  const send = async () => {
    const e: Errors = {};
    if (!geo.pos) e.location = t('report.noLocation');
    if (!category) e.category = t('report.categoryRequired');
    if (!description.trim()) e.description = t('report.descriptionRequired');
    if (selfHandle && !selfResult.trim()) e.selfResult = t('report.selfResultRequired');
    if (selfHandle && selfPhotos.length === 0) e.selfPhotos = t('report.selfPhotosRequired');
    setErrors(e);
    setFailure(null);
    if (Object.keys(e).length || !geo.pos || !category) return;
    setBusy(true);
    try {
      const r = await submit(userId, {
        kind: 'report',
        label: description.trim().slice(0, 60),
        body: {
          channel: 'grid_worker',
          lng: geo.pos.lng,
          lat: geo.pos.lat,
          crs: geo.pos.crs,
          category_code: category,
          description: description.trim(),
          ...(address.trim() ? { address: address.trim() } : {}),
          urgency: urgent ? 'urgent' : 'normal',
        },
        photos: photos.map((blob) => ({ blob })),
        ...(selfHandle
          ? { selfHandle: { result: selfResult.trim(), photos: selfPhotos.map((blob) => ({ blob })) } }
          : {}),
      });
      if (r.sent) {
        setDone(r.result);
      } else {
        Toast.show({ content: t('report.queued'), duration: 2500 });
        reset();
        navigate('/queue');
      }
    } catch (err) {
      setFailure(err);
    } finally {
      setBusy(false);
    }
  };

  if (done) {
    return (
      <Page title={t('report.title')} testId="page-report">
        <Section testId="report-done">
          <Result
            status="success"
            title={t('report.sent')}
            description={
              <>
                <div data-testid="report-code">
                  {done.code ? t('report.sentCode', { code: done.code }) : ''}
                </div>
                {done.state === 'self_handled' && <div>{t('report.sentSelf')}</div>}
              </>
            }
          />
          {done.selfHandleError && <ErrorNotice stored={done.selfHandleError} />}
          <div className="field-actions">
            <Button color="primary" size="large" block onClick={reset}>
              {t('report.again')}
            </Button>
            <Button size="large" block onClick={() => navigate('/')}>
              {t('report.home')}
            </Button>
          </div>
        </Section>
      </Page>
    );
  }

  const cats = categories.value?.data ?? [];
  return (
    <Page title={t('report.title')} testId="page-report">
      <div className="field-form">
        <Section title={t('report.location')} testId="report-location">
          <LocationLine geo={geo} check={check} />
          {errors.location && <div className="field-hint field-field-error">{errors.location}</div>}
        </Section>
        <Section>
          {cats.length === 0 && categories.error !== null ? (
            <div className="field-hint field-field-error">{t('report.categoriesOffline')}</div>
          ) : null}
          <List>
            <CategoryPicker
              categories={cats}
              value={category}
              onChange={(c) => {
                setCategory(c);
                setErrors((x) => ({ ...x, category: undefined }));
              }}
              error={errors.category}
            />
            <List.Item
              description={
                errors.description && <span className="field-field-error">{errors.description}</span>
              }
            >
              <div className="field-muted" style={{ marginBottom: 4 }}>
                {t('report.description')}
              </div>
              <TextArea
                value={description}
                onChange={setDescription}
                placeholder={t('report.descriptionPlaceholder')}
                autoSize={{ minRows: 3, maxRows: 8 }}
                maxLength={2000}
                showCount
                data-testid="report-description"
              />
            </List.Item>
            <List.Item>
              <div className="field-muted" style={{ marginBottom: 4 }}>
                {t('report.address')}
              </div>
              <Input
                value={address}
                onChange={setAddress}
                placeholder={t('report.addressPlaceholder')}
                maxLength={200}
                clearable
              />
            </List.Item>
            <List.Item
              extra={
                <Switch checked={urgent} aria-label={t('report.urgent')} style={{ pointerEvents: 'none' }} />
              }
              onClick={() => setUrgent((u) => !u)}
              arrowIcon={false}
            >
              {t('report.urgent')}
            </List.Item>
          </List>
        </Section>
        <Section title={t('report.photos')} testId="report-photos">
          <div className="field-hint" style={{ paddingBottom: 4 }}>
            {t('report.photosHint')}
          </div>
          <PhotoPicker value={photos} onChange={setPhotos} testId="report-photo" />
        </Section>
        <Section testId="report-self">
          <List>
            <List.Item description={t('report.selfHandleHint')}>
              <Checkbox
                checked={selfHandle}
                onChange={setSelfHandle}
                data-testid="report-self-toggle"
                style={{ '--icon-size': '22px', minHeight: 44 }}
              >
                {t('report.selfHandle')}
              </Checkbox>
            </List.Item>
            {selfHandle && (
              <List.Item
                description={
                  errors.selfResult && <span className="field-field-error">{errors.selfResult}</span>
                }
              >
                <div className="field-muted" style={{ marginBottom: 4 }}>
                  {t('report.selfResult')}
                </div>
                <TextArea
                  value={selfResult}
                  onChange={setSelfResult}
                  placeholder={t('report.selfResultPlaceholder')}
                  autoSize={{ minRows: 2, maxRows: 6 }}
                  maxLength={2000}
                  data-testid="report-self-result"
                />
              </List.Item>
            )}
          </List>
          {selfHandle && (
            <>
              <div className="field-hint" style={{ paddingTop: 8, paddingBottom: 4 }}>
                {t('report.selfPhotos')}
              </div>
              <PhotoPicker value={selfPhotos} onChange={setSelfPhotos} testId="report-self-photo" />
              {errors.selfPhotos && <div className="field-hint field-field-error">{errors.selfPhotos}</div>}
            </>
          )}
        </Section>
        {failure !== null && <ErrorNotice error={failure} testId="report-error" />}
        <div className="field-actions">
          <Button
            color="primary"
            size="large"
            block
            loading={busy}
            disabled={check.kind === 'outside'}
            onClick={() => void send()}
            data-testid="report-submit"
          >
            {t('report.submit')}
          </Button>
        </div>
      </div>
    </Page>
  );
}
