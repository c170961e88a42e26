// The workbench list: the first page for the current filter, then further pages (cursor) as the
// table scrolls — so 10,000 rows arrive 200 at a time and only the visible ones are rendered.
// A new filter (or a refresh) starts over; a page that arrives for an old filter is dropped.
import { useCallback, useEffect, useRef, useState } from 'react';
import { casesApi, type CaseFilter, type CaseView } from './cases-api.ts';

export const PAGE_SIZE = 200;

interface ListState {
  key: string;
  items: CaseView[];
  next: string | null;
  loading: boolean;
  error: unknown;
}

export interface CaseList {
  items: CaseView[];
  /** True until the first page of the current filter is in. */
  initial: boolean;
  loading: boolean;
  hasMore: boolean;
  error: unknown;
  loadMore: () => void;
}

/** `filter` null: not known yet (nothing is asked). */
export function useCaseList(filter: CaseFilter | null, round: number): CaseList {
  const key = filter ? JSON.stringify(filter) + '#' + round : '';
  const filterRef = useRef(filter);
  useEffect(() => {
    filterRef.current = filter;
  });
  const [state, setState] = useState<ListState>({
    key: '',
    items: [],
    next: null,
    loading: true,
    error: undefined,
  });
  const more = useRef<AbortController | null>(null);

  useEffect(() => {
    const f = filterRef.current;
    if (!f) return;
    const ac = new AbortController();
    more.current?.abort();
    casesApi.list(f, null, PAGE_SIZE, ac.signal).then(
      (r) => setState({ key, items: r.items, next: r.next, loading: false, error: undefined }),
      (error: unknown) => {
        if (!ac.signal.aborted) setState({ key, items: [], next: null, loading: false, error });
      },
    );
    return () => ac.abort();
  }, [key]);

  const current = key !== '' && state.key === key;
  const loadMore = useCallback(() => {
    const f = filterRef.current;
    if (!f || !current || state.loading || !state.next || state.error) return;
    const cursor = state.next;
    const ac = new AbortController();
    more.current = ac;
    setState((s) => ({ ...s, loading: true }));
    casesApi.list(f, cursor, PAGE_SIZE, ac.signal).then(
      (r) =>
        setState((s) =>
          s.key === key ? { ...s, items: [...s.items, ...r.items], next: r.next, loading: false } : s,
        ),
      (error: unknown) => {
        if (!ac.signal.aborted) setState((s) => (s.key === key ? { ...s, loading: false, error } : s));
      },
    );
  }, [current, state.loading, state.next, state.error, key]);

  return {
    items: state.items,
    initial: !current,
    loading: !current || state.loading,
    hasMore: current && state.next !== null,
    error: current ? state.error : undefined,
    loadMore,
  };
}
