/** Search by name or identifier; results grouped by entity type, each added to the canvas with a click. */
import { useRef, useState, type FormEvent } from 'react';
import * as api from '../core/api/endpoints.ts';
import { useT } from '../core/i18n/index.ts';
import { addSearchItems } from '../app/actions.ts';

type Item = api.SearchResult['items'][number];

export function SearchPanel() {
  const t = useT();
  const [q, setQ] = useState('');
  const [result, setResult] = useState<{ q: string; items: Item[]; next: string | null; partial: boolean } | null>(
    null,
  );
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);

  const run = async (e?: FormEvent, cursor?: string) => {
    e?.preventDefault();
    const query = q.trim();
    if (!query) return;
    setBusy(true);
    setError(null);
    try {
      const page = await api.search(query, { limit: 30, ...(cursor ? { cursor } : {}) });
      setResult((old) => ({
        q: query,
        items: cursor && old ? [...old.items, ...page.items] : page.items,
        next: page.nextCursor,
        partial: page.partial,
      }));
    } catch (err) {
      setError(t.error(err));
    } finally {
      setBusy(false);
    }
  };

  const groups = new Map<string, Item[]>();
  for (const item of result?.items ?? [])
    (groups.get(item.label) ?? groups.set(item.label, []).get(item.label))?.push(item);

  return (
    <section className="search" aria-label={t('search.placeholder')}>
      <form onSubmit={run}>
        <input
          ref={input}
          id="search-input"
          type="search"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          placeholder={t('search.placeholder')}
          data-testid="search-input"
        />
      </form>
      {busy && <p className="muted">{t('common.loading')}</p>}
      {error && <p className="error">{error}</p>}
      {result && result.items.length === 0 && !busy && <p className="muted">{t('search.empty', { q: result.q })}</p>}
      {result && result.partial && !busy && (
        <p className="muted" data-testid="search-partial">
          {t('search.partial')}
        </p>
      )}
      {[...groups].map(([label, items]) => (
        <div key={label} className="result-group">
          <h4>
            {t.label(label)} <span className="muted">{items.length}</span>
            <button className="link" onClick={() => addSearchItems(items)}>
              {t('search.addAll')}
            </button>
          </h4>
          <ul>
            {items.map((item) => (
              <li key={item.key}>
                <button
                  className="result"
                  data-testid="search-result"
                  data-key={item.key}
                  title={t('search.add')}
                  onClick={() => addSearchItems([item])}
                >
                  <span className="name">{item.name}</span>
                  <span className="muted">
                    {item.regionCodes.map((c) => t.region(c)).join('、')}
                    {item.matchedBy === 'identifier' ? ` · ${t('search.byIdentifier')}` : ''}
                  </span>
                  {item.snippet && <span className="snippet">{item.snippet}</span>}
                </button>
              </li>
            ))}
          </ul>
        </div>
      ))}
      {result?.next && (
        <button className="link" onClick={() => void run(undefined, result.next ?? undefined)}>
          {t('common.more', { n: '…' })}
        </button>
      )}
    </section>
  );
}
