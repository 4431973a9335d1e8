/**
 * The analyst's workbench: search, filters and legend on the left; the canvas with its tools in the
 * middle; details, trace, chain or save on the right. URL parameters open an entity
 * (?entity=KEY), a detected chain (?chain=ID) or a saved investigation (?investigation=ID).
 */
import { useCallback, useEffect, useState } from 'react';
import * as api from '../core/api/endpoints.ts';
import { getInvestigation } from '../core/api/investigations.ts';
import { toNode } from '../core/graph/from-api.ts';
import { addElements } from '../core/graph/ops.ts';
import { fromState } from '../core/graph/saved.ts';
import { commit, replaceGraph } from '../core/graph/store.ts';
import { useT } from '../core/i18n/index.ts';
import { openPanel, panelStore } from '../core/panel.ts';
import { useStore } from '../core/store.ts';
import { select, viewStore } from '../core/view/store.ts';
import { GraphCanvas } from '../canvas/GraphCanvas.tsx';
import { fitView, pendingPositions } from '../canvas/instance.ts';
import { settle } from '../canvas/layout.ts';
import { openChain, report } from '../app/actions.ts';
import { useShortcuts } from '../app/shortcuts.ts';
import type { Route } from '../app/route.ts';
import { ChainPanel } from './ChainPanel.tsx';
import { DetailPanel } from './DetailPanel.tsx';
import { FiltersPanel } from './FiltersPanel.tsx';
import { Legend } from './Legend.tsx';
import { rememberOpened, SavePanel } from './SavePanel.tsx';
import { SearchPanel } from './SearchPanel.tsx';
import { Toolbar } from './Toolbar.tsx';
import { TracePanel } from './TracePanel.tsx';

async function openEntity(key: string): Promise<void> {
  try {
    const detail = await api.entity(key);
    const regionCodes = [...new Set([...detail.regions.located.map((r) => r.code), ...detail.regions.reportedBy])];
    const node = toNode({ key: detail.key, label: detail.label, name: detail.name, regionCodes });
    commit((data) => addElements(data, [node], []));
    select(key);
    openPanel({ kind: 'detail', key });
    settle();
  } catch (error) {
    report(error);
  }
}

async function openInvestigation(id: string): Promise<void> {
  try {
    const saved = await getInvestigation(id);
    const { data, positions, filters } = fromState(saved.state);
    for (const [key, at] of positions) pendingPositions.set(key, at);
    replaceGraph(data);
    viewStore.set((v) => ({ ...v, filters, highlight: null, selected: null }));
    rememberOpened(saved);
    setTimeout(fitView, 50);
  } catch (error) {
    report(error);
  }
}

export function Workbench({ route }: { route: Route }) {
  const t = useT();
  const panel = useStore(panelStore, (p) => p);
  const [shortcutsOpen, setShortcutsOpen] = useState(false);
  useShortcuts(useCallback(() => setShortcutsOpen((o) => !o), []));

  const entity = route.params.get('entity');
  const chain = route.params.get('chain');
  const investigation = route.params.get('investigation');
  useEffect(() => {
    if (entity) void openEntity(entity);
  }, [entity]);
  useEffect(() => {
    if (chain) void openChain(chain);
  }, [chain]);
  useEffect(() => {
    if (investigation) void openInvestigation(investigation);
  }, [investigation]);

  return (
    <div className="workbench">
      <aside className="left">
        <SearchPanel />
        <FiltersPanel />
        <Legend />
      </aside>
      <section className="center">
        <Toolbar />
        <GraphCanvas />
        <button className="link shortcuts-link" onClick={() => setShortcutsOpen(true)}>
          {t('toolbar.shortcuts')} (?)
        </button>
      </section>
      {panel && (
        <aside className="right">
          <button className="link close" aria-label={t('common.close')} onClick={() => openPanel(null)}>
            ×
          </button>
          {panel.kind === 'detail' && <DetailPanel entityKey={panel.key} />}
          {panel.kind === 'trace' && <TracePanel entityKey={panel.key} />}
          {panel.kind === 'chain' && <ChainPanel id={panel.id} />}
          {panel.kind === 'save' && <SavePanel />}
        </aside>
      )}
      {shortcutsOpen && (
        <div className="dialog" role="dialog" aria-label={t('shortcuts.title')} onClick={() => setShortcutsOpen(false)}>
          <div className="dialog-card">
            <h3>{t('shortcuts.title')}</h3>
            <ul>
              {(['search', 'undo', 'expand', 'trace', 'hide', 'layout', 'fit', 'escape'] as const).map((k) => (
                <li key={k}>{t(`shortcuts.${k}`)}</li>
              ))}
            </ul>
          </div>
        </div>
      )}
    </div>
  );
}
