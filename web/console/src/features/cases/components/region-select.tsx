// Area picker over the user's scope: the scope's regions at the top, their children loaded as
// the user opens them (county → township → village).
import { TreeSelect } from 'antd';
import { useCallback, useState } from 'react';
import { useMe } from '../../../auth/auth-context.tsx';
import { useAsync } from '../../../../../shared/use-async.ts';
import { refApi, type RegionView } from '../cases-api.ts';

interface Node {
  id: string;
  pId?: string;
  value: string;
  title: string;
  isLeaf: boolean;
}

const toNode = (r: RegionView, parent?: string): Node => ({
  id: r.code,
  ...(parent ? { pId: parent } : {}),
  value: r.code,
  title: r.name,
  isLeaf: r.level === 'village' || r.child_count === 0,
});

export function RegionSelect(props: {
  value?: string | undefined;
  onChange?: (v: string | undefined) => void;
  placeholder?: string;
  style?: React.CSSProperties;
  testId?: string;
}) {
  const me = useMe();
  const roots = me.scope.length ? me.scope : me.user.regions;
  const { data: top } = useAsync(
    async (signal) =>
      Promise.all(
        roots.map((code) =>
          refApi.region(code, signal).then(
            (r) => toNode(r.region),
            () => ({ id: code, value: code, title: code, isLeaf: true }),
          ),
        ),
      ),
    [roots.join(',')],
  );
  const [loaded, setLoaded] = useState<Node[]>([]);
  const loadData = useCallback(async (node: { value?: unknown }) => {
    const code = String(node.value);
    const { items } = await refApi.children(code);
    setLoaded((prev) => {
      const have = new Set(prev.map((n) => n.id));
      return [...prev, ...items.filter((r) => !have.has(r.code)).map((r) => toNode(r, code))];
    });
  }, []);
  return (
    <TreeSelect<string>
      data-testid={props.testId}
      treeDataSimpleMode
      treeData={[...(top ?? []), ...loaded]}
      loadData={loadData}
      value={props.value}
      onChange={(v) => props.onChange?.(v)}
      placeholder={props.placeholder}
      allowClear
      showSearch
      treeNodeFilterProp="title"
      style={props.style}
      popupMatchSelectWidth={false}
    />
  );
}
