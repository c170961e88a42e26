// Category picker: kind → major → minor (only minors are chosen), searchable by name or code.
import { TreeSelect } from 'antd';
import { useMemo } from 'react';
import { useI18n } from '../../../i18n/i18n-context.tsx';
import { useCategories } from '../reference.ts';

interface Node {
  value: string;
  title: string;
  selectable?: boolean;
  children?: Node[];
}

export function CategorySelect(props: {
  value?: string | undefined;
  onChange?: (v: string | undefined) => void;
  placeholder?: string;
  allowClear?: boolean;
  style?: React.CSSProperties;
  testId?: string;
  id?: string;
}) {
  const { lang } = useI18n();
  const { data, loading } = useCategories();
  const treeData = useMemo<Node[]>(
    () =>
      (data?.tree ?? []).map((k) => ({
        value: `kind:${k.kind}`,
        title: lang === 'en' ? k.label.en : k.label.zh,
        selectable: false,
        children: k.majors.map((m) => ({
          value: `major:${k.kind}:${m.code}`,
          title: `${m.code} ${m.name}`,
          selectable: false,
          children: m.minors.map((c) => ({ value: c.code, title: `${c.code} ${c.name}` })),
        })),
      })),
    [data, lang],
  );
  return (
    <TreeSelect<string>
      id={props.id}
      data-testid={props.testId}
      showSearch
      treeNodeFilterProp="title"
      allowClear={props.allowClear}
      loading={loading}
      value={props.value}
      onChange={(v) => props.onChange?.(v)}
      placeholder={props.placeholder}
      treeData={treeData}
      style={props.style}
      popupMatchSelectWidth={false}
      listHeight={360}
    />
  );
}
