// The deadline colour (green / yellow / red) as a dot with the working time left, as on every
// workbench row and on the case page; the colour's name and the deadline are in the tooltip.
import { Badge, Tooltip } from 'antd';
import { useI18n } from '../../../i18n/i18n-context.tsx';
import type { Colour } from '../cases-api.ts';
import { colourLabel, timeLeftText } from '../labels.ts';

const STATUS: Record<Colour, 'success' | 'warning' | 'error'> = {
  green: 'success',
  yellow: 'warning',
  red: 'error',
};
const TEXT: Record<Colour, string | undefined> = { green: undefined, yellow: '#d48806', red: '#cf1322' };

export function DeadlineTag(props: {
  colour: Colour;
  msLeft: number | null;
  deadlineAt: string | null;
  dayMs: number;
  testId?: string;
}) {
  const { t, fmt } = useI18n();
  const { colour, msLeft, deadlineAt, dayMs } = props;
  if (!deadlineAt) return <span data-testid={props.testId}>{t('case.wt.none')}</span>;
  const text = msLeft === null ? t('case.wt.stopped') : timeLeftText(msLeft, dayMs, t);
  return (
    <Tooltip title={`${colourLabel(colour, t)} · ${fmt.dateTime(deadlineAt)}`}>
      <span
        data-testid={props.testId}
        data-colour={colour}
        aria-label={`${colourLabel(colour, t)} ${text}`}
        style={{ whiteSpace: 'nowrap', color: TEXT[colour], fontWeight: colour === 'red' ? 500 : undefined }}
      >
        <Badge status={STATUS[colour]} style={{ marginInlineEnd: 6 }} />
        {text}
      </span>
    </Tooltip>
  );
}
