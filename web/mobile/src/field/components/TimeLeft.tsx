// The working time left on a step (核实 / 核查), coloured: red when over, orange within the last hour.
import { useI18n } from '../i18n/i18n.tsx';
import { timeLeft } from '../lib/working-time.ts';

export function TimeLeft({ ms, testId }: { ms: number | null; testId?: string }) {
  const { t } = useI18n();
  const v = timeLeft(ms, t);
  return (
    <span className={`field-time ${v.urgency}`} data-testid={testId}>
      {v.text}
    </span>
  );
}
