// Handling-unit picker: searches the units of the user's scope by name (server side, as the
// user types); `near` lists the units of a region first (the case's county), and `suggested`
// adds the rules' choice on top ("按规则推荐").
import { Select, Spin } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useAsync } from '../../../../../shared/use-async.ts';
import { useI18n } from '../../../i18n/i18n-context.tsx';
import { refApi, type UnitView } from '../cases-api.ts';

export const SUGGESTED = '__suggested__';

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const id = window.setTimeout(() => setV(value), ms);
    return () => window.clearTimeout(id);
  }, [value, ms]);
  return v;
}

interface Common {
  near?: string | undefined;
  suggested?: { unit: UnitView | null; asDefault: boolean } | undefined;
  placeholder?: string;
  allowClear?: boolean;
  style?: React.CSSProperties;
  testId?: string;
  id?: string;
  exclude?: string[];
}

type Props =
  | (Common & { mode?: undefined; value?: string; onChange?: (v: string | undefined) => void })
  | (Common & { mode: 'multiple'; value?: string[]; onChange?: (v: string[]) => void });

export function UnitSelect(props: Props) {
  const { t, lang } = useI18n();
  const [search, setSearch] = useState('');
  // Labels of chosen units, so a choice stays named when a new search replaces the options.
  const [known, setKnown] = useState<Record<string, string>>({});
  const q = useDebounced(search.trim(), 300);
  const { data, loading } = useAsync(
    (signal) =>
      refApi.units(
        { active: true, limit: q ? 50 : 200, ...(q ? { q } : props.near ? { region: props.near } : {}) },
        signal,
      ),
    [q, props.near ?? null],
  );
  const s = props.suggested;
  const options = useMemo(() => {
    const opts: { value: string; label: string }[] = [];
    if (s?.asDefault) {
      opts.push({
        value: SUGGESTED,
        label: s.unit ? t('case.act.suggestedUnit', { name: s.unit.name }) : t('case.act.suggestedNone'),
      });
    }
    const seen = new Set<string>();
    const add = (u: UnitView, suffix = '') => {
      if (seen.has(u.id) || props.exclude?.includes(u.id)) return;
      seen.add(u.id);
      const fn = lang === 'en' ? u.function_label.en : u.function_label.zh;
      opts.push({ value: u.id, label: `${u.name}（${fn}）${suffix}` });
    };
    if (s?.unit && !s.asDefault) add(s.unit, ` · ${t('case.act.suggested')}`);
    for (const u of data?.items ?? []) add(u);
    const chosen = props.value === undefined ? [] : Array.isArray(props.value) ? props.value : [props.value];
    for (const id of chosen) {
      if (id !== SUGGESTED && !seen.has(id) && known[id]) opts.push({ value: id, label: known[id] });
    }
    return opts;
  }, [data, s, t, lang, props.exclude, props.value, known]);
  const remember = (ids: string[]) => {
    const add: Record<string, string> = {};
    for (const id of ids) {
      const o = options.find((x) => x.value === id);
      if (o) add[id] = o.label;
    }
    setKnown((k) => ({ ...k, ...add }));
  };
  const common = {
    id: props.id,
    'data-testid': props.testId,
    showSearch: true,
    filterOption: false,
    onSearch: setSearch,
    allowClear: props.allowClear,
    placeholder: props.placeholder ?? t('case.act.unitSearch'),
    notFoundContent: loading ? <Spin size="small" /> : undefined,
    options,
    style: props.style ?? { width: '100%' },
    loading,
    onBlur: () => setSearch(''),
  };
  if (props.mode === 'multiple') {
    return (
      <Select<string[]>
        {...common}
        mode="multiple"
        value={props.value}
        onChange={(v) => {
          remember(v);
          props.onChange?.(v);
        }}
      />
    );
  }
  return (
    <Select<string>
      {...common}
      value={props.value}
      onChange={(v) => {
        if (v) remember([v]);
        props.onChange?.(v);
      }}
    />
  );
}
