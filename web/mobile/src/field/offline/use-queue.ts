// The queue as React state: the items on this device (mine and other accounts'), whether a send is
// running, and whether the browser thinks it is online.
import { useEffect, useState, useSyncExternalStore } from 'react';
import { isFlushing, isSending, listQueue, subscribe, type QueueItem } from './queue.ts';

export interface QueueState {
  mine: QueueItem[];
  others: number;
  flushing: boolean;
  sendingIds: Set<string>;
  loaded: boolean;
}

export function useQueue(userId: string | null): QueueState {
  const [state, setState] = useState<QueueState>({
    mine: [],
    others: 0,
    flushing: false,
    sendingIds: new Set(),
    loaded: false,
  });
  useEffect(() => {
    let live = true;
    const load = () => {
      listQueue().then(
        (items) => {
          if (!live) return;
          const mine = items.filter((i) => i.userId === userId);
          setState({
            mine,
            others: items.length - mine.length,
            flushing: isFlushing(),
            sendingIds: new Set(mine.filter((i) => isSending(i.id)).map((i) => i.id)),
            loaded: true,
          });
        },
        () => live && setState((s) => ({ ...s, loaded: true })),
      );
    };
    load();
    const off = subscribe(load);
    return () => {
      live = false;
      off();
    };
  }, [userId]);
  return state;
}

function subscribeOnline(fn: () => void) {
  window.addEventListener('online', fn);
  window.addEventListener('offline', fn);
  return () => {
    window.removeEventListener('online', fn);
    window.removeEventListener('offline', fn);
  };
}

export function useOnline(): boolean {
  return useSyncExternalStore(subscribeOnline, () => navigator.onLine);
}
