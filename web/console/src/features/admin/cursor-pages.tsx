// Paging through a list the server pages by cursor (`next`): the cursors seen so far form a
// stack, so the user can go forward and back; any change of the filters starts over.
import { Button, Flex, Typography } from 'antd';
import { useState } from 'react';
import { useAsync, type AsyncDeps, type AsyncResult } from '../../../../shared/use-async.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import type { Page } from './admin-api.ts';

type Cursor = string | number | undefined;

export interface CursorPages<T> extends AsyncResult<Page<T>> {
  page: number;
  hasPrev: boolean;
  hasNext: boolean;
  next: () => void;
  prev: () => void;
}

export function useCursorPages<T>(
  load: (after: Cursor, signal: AbortSignal) => Promise<Page<T>>,
  deps: AsyncDeps,
): CursorPages<T> {
  const key = JSON.stringify(deps);
  const [state, setState] = useState<{ key: string; stack: Cursor[] }>({ key, stack: [undefined] });
  const stack = state.key === key ? state.stack : [undefined];
  if (state.key !== key) setState({ key, stack });
  const after = stack[stack.length - 1];
  const r = useAsync((s) => load(after, s), [...deps, after === undefined ? null : String(after)]);
  const nextCursor = r.data?.next ?? null;
  return {
    ...r,
    page: stack.length,
    hasPrev: stack.length > 1,
    hasNext: nextCursor !== null && !r.loading,
    next: () => nextCursor !== null && setState({ key, stack: [...stack, nextCursor] }),
    prev: () => stack.length > 1 && setState({ key, stack: stack.slice(0, -1) }),
  };
}

export function CursorPager<T>({ pages }: { pages: CursorPages<T> }) {
  const { t } = useI18n();
  if (!pages.hasPrev && !pages.hasNext) return null;
  return (
    <Flex justify="flex-end" align="center" gap={8} style={{ marginTop: 12 }}>
      <Button size="small" disabled={!pages.hasPrev} onClick={pages.prev} data-testid="page-prev">
        {t('admin.common.prevPage')}
      </Button>
      <Typography.Text type="secondary">{t('admin.common.page', { n: pages.page })}</Typography.Text>
      <Button size="small" disabled={!pages.hasNext} onClick={pages.next} data-testid="page-next">
        {t('admin.common.nextPage')}
      </Button>
    </Flex>
  );
}
