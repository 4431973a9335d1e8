/** Save the canvas as an investigation (new, or a new version of the one opened), optionally shared. */
import { useState } from 'react';
import { ApiError } from '../core/api/client.ts';
import { createInvestigation, updateInvestigation, type Investigation } from '../core/api/investigations.ts';
import { toState } from '../core/graph/saved.ts';
import { graphStore } from '../core/graph/store.ts';
import { useT } from '../core/i18n/index.ts';
import { notify, openPanel } from '../core/panel.ts';
import { createStore, useStore } from '../core/store.ts';
import { viewStore } from '../core/view/store.ts';
import { currentPositions } from '../canvas/instance.ts';

/** The investigation the canvas was opened from (its id and version), so saving updates it. */
export const openedStore = createStore<Pick<Investigation, 'id' | 'version' | 'title' | 'notes' | 'shared'> | null>(
  null,
);

/** Remembers the investigation now on the canvas (after opening or saving it). */
export function rememberOpened(saved: Investigation): void {
  openedStore.set({
    id: saved.id,
    version: saved.version,
    title: saved.title,
    notes: saved.notes,
    shared: saved.shared,
  });
}

export function SavePanel() {
  const t = useT();
  const opened = useStore(openedStore, (o) => o);
  const [title, setTitle] = useState(opened?.title ?? '');
  const [notes, setNotes] = useState(opened?.notes ?? '');
  const [shared, setShared] = useState(opened?.shared ?? false);
  const [error, setError] = useState<string | null>(null);

  const save = async () => {
    setError(null);
    const state = toState(graphStore.get().present, currentPositions(), viewStore.get().filters);
    try {
      const saved = opened
        ? await updateInvestigation(opened.id, { title, notes, state, shared, version: opened.version })
        : await createInvestigation({ title, notes, state, shared });
      rememberOpened(saved);
      notify(t('investigations.saved'));
      openPanel(null);
    } catch (err) {
      setError(err instanceof ApiError && err.status === 409 ? t('investigations.conflict') : t.error(err));
    }
  };

  return (
    <form
      className="save"
      data-testid="save-panel"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h3>{t('investigations.saveTitle')}</h3>
      <label>
        {t('investigations.name')}
        <input
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          maxLength={100}
          required
          autoFocus
          data-testid="save-title"
        />
      </label>
      <label>
        {t('investigations.notes')}
        <textarea value={notes} onChange={(e) => setNotes(e.target.value)} rows={6} maxLength={20_000} />
      </label>
      <label className="check">
        <input type="checkbox" checked={shared} onChange={(e) => setShared(e.target.checked)} />{' '}
        {t('investigations.share')}
      </label>
      {error && <p className="error">{error}</p>}
      <button type="submit">{t('common.save')}</button>
    </form>
  );
}
