// 待发送: what this phone keeps until it can be sent — reports, task answers, visits — with their
// state, the reason the last try failed and what to do, "send now", and what went out recently.
import { useState } from 'react';
import { Button, Dialog, List, Tag, Toast } from 'antd-mobile';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { Page, Section } from '../components/Page.tsx';
import { useFieldData } from '../data.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { flush, removeItem, sentLog, type QueueItem } from '../offline/queue.ts';
import { useOnline, useQueue } from '../offline/use-queue.ts';
import { Icon } from '../components/icons.tsx';

function kindLabel(t: ReturnType<typeof useI18n>['t'], i: { kind: QueueItem['kind'] } & Partial<QueueItem>) {
  if (i.kind === 'report')
    return t('selfHandle' in i && i.selfHandle ? 'queue.kind.selfHandle' : 'queue.kind.report');
  return t(i.kind === 'visit' ? 'queue.kind.visit' : 'queue.kind.action');
}

function photoCount(i: QueueItem): number {
  return i.photos.length + (i.kind === 'report' ? (i.selfHandle?.photos.length ?? 0) : 0);
}

export function QueuePage() {
  const { t, time } = useI18n();
  const { userId, tasks } = useFieldData();
  const online = useOnline();
  const queue = useQueue(userId);
  const [, setTick] = useState(0);
  const sent = sentLog(userId);

  const sendNow = async (includeFailed = false) => {
    const r = await flush(userId, includeFailed);
    setTick((n) => n + 1);
    if (r.sent) tasks.reload();
    Toast.show({ content: r.left === 0 ? t('queue.allSent') : t('queue.stillOffline'), duration: 2000 });
  };

  const remove = async (i: QueueItem) => {
    const ok = await Dialog.confirm({
      content: t('queue.deleteConfirm'),
      confirmText: t('queue.delete'),
      cancelText: t('common.cancel'),
    });
    if (ok) await removeItem(i.id);
  };

  return (
    <Page title={t('queue.title')} testId="page-queue">
      <Section testId="queue-list">
        <div className="field-hint" style={{ paddingTop: 12 }}>
          {t('queue.hint')}
        </div>
        {queue.loaded && queue.mine.length === 0 && (
          <div className="field-hint" data-testid="queue-empty" style={{ fontSize: 15, color: '#237804' }}>
            <Icon name="check" /> {t('queue.empty')}
          </div>
        )}
        {queue.mine.length > 0 && (
          <List>
            {queue.mine.map((i) => {
              const sending = queue.sendingIds.has(i.id);
              return (
                <List.Item
                  key={i.id}
                  data-testid="queue-item"
                  extra={
                    <Tag
                      color={i.failed ? 'danger' : sending ? 'primary' : 'warning'}
                      data-testid="queue-item-state"
                    >
                      {i.failed ? t('queue.failed') : sending ? t('queue.inFlight') : t('queue.waiting')}
                    </Tag>
                  }
                  description={
                    <>
                      <div className="field-row-meta">
                        <span>{time(i.createdAt)}</span>
                        {photoCount(i) > 0 && <span>{t('queue.photos', { n: photoCount(i) })}</span>}
                        {i.attempts > 0 && <span>{t('queue.attempts', { n: i.attempts })}</span>}
                      </div>
                      {i.failed && (
                        <>
                          <ErrorNotice stored={i.failed} inline testId="queue-item-error" />
                          <div className="field-actions row" style={{ padding: '8px 0 0' }}>
                            <Button size="middle" onClick={() => void sendNow(true)}>
                              {t('queue.retry')}
                            </Button>
                            <Button
                              size="middle"
                              color="danger"
                              fill="outline"
                              onClick={() => void remove(i)}
                            >
                              {t('queue.delete')}
                            </Button>
                          </div>
                        </>
                      )}
                    </>
                  }
                >
                  <div className="field-row-title">
                    <Tag fill="outline" style={{ marginRight: 6 }}>
                      {kindLabel(t, i)}
                    </Tag>
                    <span data-testid="queue-item-label">{i.label}</span>
                  </div>
                </List.Item>
              );
            })}
          </List>
        )}
        {queue.others > 0 && <div className="field-hint">{t('queue.otherUser', { n: queue.others })}</div>}
        <div className="field-actions">
          <Button
            color="primary"
            size="large"
            block
            loading={queue.flushing}
            loadingText={t('queue.sending')}
            disabled={queue.mine.length === 0}
            onClick={() => void sendNow()}
            data-testid="queue-send-now"
          >
            {t('queue.sendNow')}
            {!online && ` · ${t('net.offlineShort')}`}
          </Button>
        </div>
      </Section>
      {sent.length > 0 && (
        <Section title={t('queue.sent')} testId="queue-sent">
          <List>
            {sent.slice(0, 10).map((e) => (
              <List.Item
                key={e.id}
                description={`${t('queue.sentAt', { time: time(e.at) })}${e.code ? ` · ${e.code}` : ''}`}
              >
                <div className="field-row-title">
                  <Tag color="success" fill="outline" style={{ marginRight: 6 }}>
                    {kindLabel(t, e)}
                  </Tag>
                  {e.label}
                </div>
              </List.Item>
            ))}
          </List>
        </Section>
      )}
    </Page>
  );
}
