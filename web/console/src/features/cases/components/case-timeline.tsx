// The case's timeline (its audit trail): every event with the action, who (and in which role),
// when, the state change, the note, what the action decided (unit, deadline, reason) and photos.
import { Space, Tag, Timeline, Typography } from 'antd';
import { useI18n } from '../../../i18n/i18n-context.tsx';
import { roleLabel } from '../../../layout/role-label.ts';
import type { TimelineEvent } from '../cases-api.ts';
import { actionLabel, returnReasonLabel, stateLabel } from '../labels.ts';
import { PhotoThumbs } from './photo-thumbs.tsx';

function dotColour(action: string): string {
  switch (action) {
    case 'auto_supervise':
    case 'verify_fail':
    case 'reject':
    case 'void':
      return 'red';
    case 'auto_warn':
    case 'return':
    case 'supervise':
    case 'urge':
    case 'request_extension':
    case 'request_suspension':
      return 'orange';
    case 'verify_pass':
    case 'approve_self_handled':
    case 'publish':
      return 'green';
    default:
      return 'blue';
  }
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

export function CaseTimeline({
  events,
  unitName,
}: {
  events: TimelineEvent[];
  unitName: (id: string) => string;
}) {
  const { t, fmt } = useI18n();
  return (
    <Timeline
      data-testid="case-timeline"
      items={events.map((e) => {
        const d = e.data ?? {};
        const lead = str(d.lead_unit_id);
        const deadline = str(d.deadline_at);
        const stepDeadline = str(d.step_deadline_at);
        const reasonCode = str(d.reason_code);
        const who =
          e.role === 'system' || !e.actor
            ? t('case.detail.system')
            : e.role
              ? t('case.detail.event.role', { name: e.actor, role: roleLabel(e.role, t) })
              : e.actor;
        const details: string[] = [];
        if (reasonCode)
          details.push(t('case.detail.event.reason', { reason: returnReasonLabel(reasonCode, t) }));
        if (lead) {
          details.push(
            t('case.detail.event.lead', { unit: unitName(lead) }) +
              (d.suggested === true ? t('case.detail.event.suggested') : ''),
          );
        }
        if (deadline) details.push(t('case.detail.event.deadline', { at: fmt.dateTime(deadline) }));
        if (stepDeadline)
          details.push(t('case.detail.event.stepDeadline', { at: fmt.dateTime(stepDeadline) }));
        return {
          key: e.id,
          color: dotColour(e.action),
          children: (
            <div data-testid="timeline-event" data-action={e.action}>
              <Space size={8} wrap>
                <Typography.Text strong>{actionLabel(e.action, t)}</Typography.Text>
                <Typography.Text type="secondary">{fmt.dateTime(e.at)}</Typography.Text>
                <Typography.Text>{who}</Typography.Text>
                {e.from && e.to && e.from !== e.to ? (
                  <Tag bordered={false}>
                    {t('case.detail.event.transition', {
                      from: stateLabel(e.from, t),
                      to: stateLabel(e.to, t),
                    })}
                  </Tag>
                ) : null}
              </Space>
              {e.note ? (
                <Typography.Paragraph style={{ margin: '4px 0 0', whiteSpace: 'pre-wrap' }}>
                  {e.note}
                </Typography.Paragraph>
              ) : null}
              {details.map((x) => (
                <Typography.Text key={x} type="secondary" style={{ display: 'block', fontSize: 12 }}>
                  {x}
                </Typography.Text>
              ))}
              {e.attachments.length ? (
                <div style={{ marginTop: 6 }}>
                  <PhotoThumbs ids={e.attachments} size={56} />
                </div>
              ) : null}
            </div>
          ),
        };
      })}
    />
  );
}
