/**
 * A small observable store: state is replaced, never mutated, by pure update functions, and React
 * components read slices of it through `useStore` (useSyncExternalStore). Each domain (session,
 * graph, filters, view) owns one store; nothing writes into two.
 */
import { useSyncExternalStore } from 'react';

export interface Store<T> {
  get(): T;
  set(update: T | ((state: T) => T)): void;
  subscribe(listener: () => void): () => void;
}

export function createStore<T>(initial: T): Store<T> {
  let state = initial;
  const listeners = new Set<() => void>();
  return {
    get: () => state,
    set(update) {
      const next = typeof update === 'function' ? (update as (s: T) => T)(state) : update;
      if (Object.is(next, state)) return;
      state = next;
      for (const listener of [...listeners]) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** The selected slice of a store; re-renders only when the slice changes (by Object.is). */
export function useStore<T, S>(store: Store<T>, select: (state: T) => S): S {
  return useSyncExternalStore(
    store.subscribe,
    () => select(store.get()),
    () => select(store.get()),
  );
}
