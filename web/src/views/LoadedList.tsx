/**
 * A loaded list's states in one place: loading, the error, the empty message, and the rows as a
 * table (kept on screen while a reload runs).
 */
import type { ReactNode } from 'react';
import type { useLoad } from '../app/useLoad.ts';
import { useT } from '../core/i18n/index.ts';

export function LoadedList<T>({
  load,
  empty,
  head,
  row,
}: {
  load: ReturnType<typeof useLoad<{ items: T[] }>>;
  /** Shown when the list is empty. */
  empty: string;
  /** The table's header row, if it has one. */
  head?: ReactNode;
  row: (item: T) => ReactNode;
}) {
  const t = useT();
  const items = load.data?.items;
  return (
    <>
      {load.loading && <p className="muted">{t('common.loading')}</p>}
      {load.error != null && <p className="error">{t.error(load.error)}</p>}
      {items && items.length === 0 && <p className="muted">{empty}</p>}
      {items && items.length > 0 && (
        <table className="list">
          {head && <thead>{head}</thead>}
          <tbody>{items.map(row)}</tbody>
        </table>
      )}
    </>
  );
}
