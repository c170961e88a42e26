// The workbench filters: state, category, area, lead unit, deadline colour, reporting period and
// free text. Values live in the page's URL (so "back" from a case returns to the same list).
import { ClearOutlined } from '@ant-design/icons';
import { Button, DatePicker, Input, Select } from 'antd';
import dayjs from 'dayjs';
import { TIME_ZONE } from '../../../i18n/format.ts';
import { useI18n } from '../../../i18n/i18n-context.tsx';
import { CASE_STATES, COLOURS, type CaseFilter, type CaseState, type Colour } from '../cases-api.ts';
import { colourLabel, stateLabel } from '../labels.ts';
import { CategorySelect } from './category-select.tsx';
import { RegionSelect } from './region-select.tsx';
import { UnitSelect } from './unit-select.tsx';

export type Filters = Omit<CaseFilter, 'queue'>;

export function CaseFilters({ value, onChange }: { value: Filters; onChange: (f: Filters) => void }) {
  const { t } = useI18n();
  const set = (patch: Partial<Filters>) => onChange({ ...value, ...patch });
  const range: [dayjs.Dayjs, dayjs.Dayjs] | null =
    value.from && value.to
      ? [dayjs(value.from).tz(TIME_ZONE), dayjs(value.to).tz(TIME_ZONE).subtract(1, 'day')]
      : null;
  // A day of the picker is a day in Asia/Shanghai, whatever the browser's zone.
  const dayStart = (d: dayjs.Dayjs) => dayjs.tz(d.format('YYYY-MM-DD'), TIME_ZONE);
  const empty = Object.values(value).every((v) => v === undefined || (Array.isArray(v) && !v.length));
  return (
    <div data-testid="case-filters" style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
      <Select<CaseState[]>
        mode="multiple"
        allowClear
        maxTagCount="responsive"
        placeholder={t('workbench.filter.state')}
        style={{ width: 200 }}
        value={value.state ?? []}
        onChange={(v) => set({ state: v.length ? v : undefined })}
        options={CASE_STATES.map((s) => ({ value: s, label: stateLabel(s, t) }))}
        data-testid="filter-state"
      />
      <CategorySelect
        allowClear
        placeholder={t('workbench.filter.category')}
        style={{ width: 200 }}
        value={value.category}
        onChange={(v) => set({ category: v })}
        testId="filter-category"
      />
      <RegionSelect
        placeholder={t('workbench.filter.region')}
        style={{ width: 180 }}
        value={value.region}
        onChange={(v) => set({ region: v })}
        testId="filter-region"
      />
      <UnitSelect
        allowClear
        placeholder={t('workbench.filter.unit')}
        style={{ width: 200 }}
        value={value.unit}
        onChange={(v) => set({ unit: v })}
        testId="filter-unit"
      />
      <Select<Colour>
        allowClear
        placeholder={t('workbench.filter.colour')}
        style={{ width: 150 }}
        value={value.colour}
        onChange={(v) => set({ colour: v })}
        options={COLOURS.map((c) => ({ value: c, label: colourLabel(c, t) }))}
        data-testid="filter-colour"
      />
      <DatePicker.RangePicker
        style={{ width: 300 }}
        value={range}
        placeholder={[t('workbench.filter.from'), t('workbench.filter.to')]}
        onChange={(r) =>
          set(
            r?.[0] && r[1]
              ? {
                  from: dayStart(r[0]).toISOString(),
                  to: dayStart(r[1]).add(1, 'day').toISOString(),
                }
              : { from: undefined, to: undefined },
          )
        }
      />
      <Input.Search
        allowClear
        placeholder={t('workbench.filter.text')}
        style={{ width: 260 }}
        defaultValue={value.q}
        key={value.q ?? ''}
        onSearch={(q) => set({ q: q.trim() || undefined })}
        data-testid="filter-text"
      />
      <Button icon={<ClearOutlined />} disabled={empty} onClick={() => onChange({})}>
        {t('workbench.filter.reset')}
      </Button>
    </div>
  );
}
