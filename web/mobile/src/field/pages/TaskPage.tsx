// A task on site: 核实 (is the report genuine? note) or 核查 (pass with photos and a note, or fail
// with the reason — rework). Answers go through the offline queue with the case version read here.
import { useState } from 'react';
import { Button, DotLoading, Result, TextArea, Toast } from 'antd-mobile';
import { fieldApi, type TaskKind } from '../api/field-api.ts';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { Page, Section } from '../components/Page.tsx';
import { PhotoPicker } from '../components/PhotoPicker.tsx';
import { TimeLeft } from '../components/TimeLeft.tsx';
import { useFieldData } from '../data.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { navigate } from '../lib/router.ts';
import { useCachedRead } from '../offline/cache.ts';
import { submit, type TaskAction } from '../offline/queue.ts';
import { useQueue } from '../offline/use-queue.ts';
import { stateLabel } from './HomePage.tsx';

export function TaskPage({ id }: { id: string }) {
  const { t, time } = useI18n();
  const { userId, tasks } = useFieldData();
  const queue = useQueue(userId);
  const read = useCachedRead(`case:${id}`, () => fieldApi.getCase(id));
  const [note, setNote] = useState('');
  const [reason, setReason] = useState('');
  const [photos, setPhotos] = useState<Blob[]>([]);
  const [problem, setProblem] = useState<{ on: 'photos' | 'reason'; text: string } | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState<TaskAction | null>(null);

  const c = read.value?.data.case;
  const listed = tasks.value?.data.tasks.find((x) => x.case.id === id);
  const kind: TaskKind | null =
    listed?.task ??
    (c?.state === 'verifying' ? 'verify_report' : c?.state === 'reported_back' ? 'verify_result' : null);
  const pending = queue.mine.some((i) => i.kind === 'action' && i.caseId === id);
  const photosShown = (read.value?.data.timeline ?? []).flatMap((e) => e.attachments ?? []).slice(0, 12);

  const answer = async (action: TaskAction, body: { note?: string; genuine?: boolean; reason?: string }) => {
    if (!c) return;
    setProblem(null);
    setFailure(null);
    if (action === 'verify_pass' && photos.length === 0) {
      setProblem({ on: 'photos', text: t('task.photoRequired') });
      return;
    }
    if (action === 'verify_fail' && !reason.trim()) {
      setProblem({ on: 'reason', text: t('task.reasonRequired') });
      return;
    }
    setBusy(action);
    try {
      const r = await submit(userId, {
        kind: 'action',
        label: `${t(`task.${kind ?? 'verify_report'}`)} · ${c.title}`,
        caseId: c.id,
        caseCode: c.code,
        action,
        version: c.version,
        body,
        photos: action === 'verify_pass' ? photos.map((blob) => ({ blob })) : [],
        from: [c.state],
      });
      Toast.show({ content: t(r.sent ? 'task.done' : 'task.queued'), duration: 2000 });
      tasks.reload();
      navigate('/', { replace: true });
    } catch (e) {
      setFailure(e);
      read.reload();
    } finally {
      setBusy(null);
    }
  };

  const title = kind ? t(`task.${kind}Long`) : t('task.title');
  return (
    <Page title={title} back testId="page-task">
      {read.loading && !c && (
        <div className="field-hint" style={{ paddingTop: 24, textAlign: 'center' }}>
          <DotLoading /> {t('common.loading')}
        </div>
      )}
      {read.error !== null && !c && <ErrorNotice error={read.error} onRetry={read.reload} />}
      {c && (
        <>
          <Section title={c.title} testId="task-case">
            <dl className="field-kv">
              <dt>{t('task.timeLeft')}</dt>
              <dd>
                <TimeLeft ms={c.step_working_ms_left} testId="task-detail-time-left" />
              </dd>
              <dt>{t('task.code')}</dt>
              <dd>{c.code}</dd>
              <dt>{t('task.reportedAt')}</dt>
              <dd>{time(c.reported_at)}</dd>
              {c.address && (
                <>
                  <dt>{t('task.address')}</dt>
                  <dd>{c.address}</dd>
                </>
              )}
              <dt>{t('task.description')}</dt>
              <dd>{c.description}</dd>
              {c.result && (
                <>
                  <dt>{t('task.result')}</dt>
                  <dd>{c.result}</dd>
                </>
              )}
            </dl>
            {photosShown.length > 0 && (
              <div className="field-case-photos">
                {photosShown.map((p) => (
                  <img key={p} src={`/api/v1/photos/${p}`} alt={t('task.photos')} loading="lazy" />
                ))}
              </div>
            )}
          </Section>
          {pending ? (
            <div
              className="field-banner waiting"
              data-testid="task-pending"
              onClick={() => navigate('/queue')}
            >
              {t('task.pending')}
            </div>
          ) : kind === 'verify_report' && c.state === 'verifying' ? (
            <Section title={t('task.verify_reportLong')} testId="task-verify-report">
              <div className="field-pad">
                <div className="field-muted" style={{ marginBottom: 4 }}>
                  {t('task.note')}
                </div>
                <TextArea
                  value={note}
                  onChange={setNote}
                  placeholder={t('task.notePlaceholder')}
                  autoSize={{ minRows: 2, maxRows: 6 }}
                  maxLength={1000}
                  data-testid="task-note"
                />
              </div>
              {failure !== null && <ErrorNotice error={failure} />}
              <div className="field-actions row">
                <Button
                  color="primary"
                  size="large"
                  loading={busy === 'confirm_report'}
                  disabled={busy !== null}
                  onClick={() =>
                    void answer('confirm_report', { genuine: true, note: note.trim() || undefined })
                  }
                  data-testid="task-genuine"
                >
                  {t('task.genuine')}
                </Button>
                <Button
                  color="danger"
                  fill="outline"
                  size="large"
                  disabled={busy !== null}
                  onClick={() =>
                    void answer('confirm_report', { genuine: false, note: note.trim() || undefined })
                  }
                  data-testid="task-not-genuine"
                >
                  {t('task.notGenuine')}
                </Button>
              </div>
            </Section>
          ) : kind === 'verify_result' && c.state === 'reported_back' ? (
            <Section title={t('task.verify_resultLong')} testId="task-verify-result">
              <div className="field-hint" style={{ paddingTop: 8, paddingBottom: 4 }}>
                {t('task.passPhotos')}
              </div>
              <PhotoPicker value={photos} onChange={setPhotos} testId="task-photo" />
              {problem?.on === 'photos' && <div className="field-hint field-field-error">{problem.text}</div>}
              <div className="field-pad">
                <div className="field-muted" style={{ marginBottom: 4 }}>
                  {t('task.passNote')}
                </div>
                <TextArea
                  value={note}
                  onChange={setNote}
                  autoSize={{ minRows: 2, maxRows: 6 }}
                  maxLength={1000}
                />
              </div>
              <div className="field-actions">
                <Button
                  color="primary"
                  size="large"
                  block
                  loading={busy === 'verify_pass'}
                  disabled={busy !== null}
                  onClick={() => void answer('verify_pass', { note: note.trim() || undefined })}
                  data-testid="task-pass"
                >
                  {t('task.pass')}
                </Button>
              </div>
              <div className="field-pad">
                <div className="field-muted" style={{ marginBottom: 4 }}>
                  {t('task.failReason')}
                </div>
                <TextArea
                  value={reason}
                  onChange={setReason}
                  autoSize={{ minRows: 2, maxRows: 6 }}
                  maxLength={1000}
                  data-testid="task-reason"
                />
              </div>
              {problem?.on === 'reason' && <div className="field-hint field-field-error">{problem.text}</div>}
              {failure !== null && <ErrorNotice error={failure} />}
              <div className="field-actions">
                <Button
                  color="danger"
                  fill="outline"
                  size="large"
                  block
                  loading={busy === 'verify_fail'}
                  disabled={busy !== null}
                  onClick={() => void answer('verify_fail', { reason: reason.trim() })}
                  data-testid="task-fail"
                >
                  {t('task.fail')}
                </Button>
              </div>
            </Section>
          ) : (
            <Section>
              <Result status="info" title={t('task.notYours', { state: stateLabel(t, c.state) })} />
            </Section>
          )}
        </>
      )}
    </Page>
  );
}
