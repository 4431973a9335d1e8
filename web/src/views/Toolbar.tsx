/** Canvas tools: layout, colouring, undo/redo, fit, export (PNG, GEXF, GraphML, CSV), save, clear. */
import { downloadAsPNG } from '@sigma/export-image';
import { useState } from 'react';
import { getSigma, fitView, sigmaGraph } from '../canvas/instance.ts';
import { FA2_LIMIT, applyLayout, layoutStore, toggleLayout } from '../canvas/layout.ts';
import { recordExport } from '../core/api/endpoints.ts';
import { download, exportGraph, toCsv, toGexf, toGraphML, type Drawn } from '../core/graph/export.ts';
import { groupedLayout } from '../core/graph/layouts.ts';
import { graphStore } from '../core/graph/store.ts';
import { useT } from '../core/i18n/index.ts';
import { openPanel } from '../core/panel.ts';
import { useStore } from '../core/store.ts';
import { setColorBy, viewStore, type ColorBy } from '../core/view/store.ts';
import { clearCanvas, redoStep, undoStep, unhideAll } from '../app/actions.ts';

const stamp = () => new Date().toISOString().slice(0, 16).replace(/[-:T]/g, '');

function drawnGraph() {
  return exportGraph(graphStore.get().present, (key) =>
    sigmaGraph.hasNode(key) ? (sigmaGraph.getNodeAttributes(key) as Drawn) : undefined,
  );
}

export function Toolbar() {
  const t = useT();
  const running = useStore(layoutStore, (l) => l.running);
  const colorBy = useStore(viewStore, (v) => v.colorBy);
  const past = useStore(graphStore, (h) => h.past.length);
  const future = useStore(graphStore, (h) => h.future.length);
  const nodes = useStore(graphStore, (h) => h.present.nodes.size);
  const edges = useStore(graphStore, (h) => h.present.edges.size);
  const hidden = useStore(graphStore, (h) => h.present.hidden.size);
  const [exportOpen, setExportOpen] = useState(false);
  const [exportError, setExportError] = useState<string | null>(null);

  const exportAs = async (kind: 'png' | 'gexf' | 'graphml' | 'csv') => {
    setExportOpen(false);
    setExportError(null);
    const name = `quanlian-${stamp()}`;
    // Every export is audited (DESIGN.md §8): the file is made only once the server has recorded it.
    const drawn = drawnGraph();
    try {
      await recordExport(kind, drawn.nodes(), drawn.size);
    } catch (err) {
      setExportError(`${t('export.notRecorded')}: ${t.error(err)}`);
      return;
    }
    if (kind === 'png') {
      const sigma = getSigma();
      if (sigma) await downloadAsPNG(sigma, { fileName: name, backgroundColor: '#ffffff' });
    } else if (kind === 'gexf') download(`${name}.gexf`, toGexf(drawn), 'application/gexf+xml');
    else if (kind === 'graphml') download(`${name}.graphml`, toGraphML(drawn), 'application/graphml+xml');
    else {
      const csv = toCsv(drawn);
      download(`${name}-nodes.csv`, csv.nodes, 'text/csv');
      download(`${name}-edges.csv`, csv.edges, 'text/csv');
    }
  };

  return (
    <div className="toolbar" role="toolbar">
      {nodes <= FA2_LIMIT ? (
        <button onClick={toggleLayout} data-testid="layout-toggle" disabled={nodes === 0}>
          {running ? t('toolbar.layoutStop') : t('toolbar.layoutStart')}
        </button>
      ) : null}
      <button
        onClick={() => applyLayout(groupedLayout([...graphStore.get().present.nodes.values()]))}
        disabled={nodes === 0}
      >
        {t('toolbar.layoutGrouped')}
      </button>
      <button onClick={fitView} title="F">
        {t('toolbar.fit')}
      </button>
      <button onClick={undoStep} disabled={past === 0} title="Ctrl+Z" data-testid="undo">
        {t('toolbar.undo')}
      </button>
      <button onClick={redoStep} disabled={future === 0} title="Ctrl+Shift+Z" data-testid="redo">
        {t('toolbar.redo')}
      </button>
      <label>
        {t('toolbar.colorBy')}{' '}
        <select value={colorBy} onChange={(e) => setColorBy(e.target.value as ColorBy)} data-testid="color-by">
          {(['type', 'community', 'stage', 'region'] as const).map((c) => (
            <option key={c} value={c}>
              {t(`colorBy.${c}`)}
            </option>
          ))}
        </select>
      </label>
      <div className="dropdown">
        <button onClick={() => setExportOpen((o) => !o)} disabled={nodes === 0} data-testid="export">
          {t('toolbar.export')} ▾
        </button>
        {exportOpen && (
          <ul className="menu" role="menu">
            {(['png', 'gexf', 'graphml', 'csv'] as const).map((kind) => (
              <li key={kind} role="menuitem" data-testid={`export-${kind}`} onClick={() => void exportAs(kind)}>
                {t(`export.${kind}`)}
              </li>
            ))}
          </ul>
        )}
      </div>
      <button onClick={() => openPanel({ kind: 'save' })} disabled={nodes === 0} data-testid="save">
        {t('toolbar.save')}
      </button>
      {hidden > 0 && (
        <button onClick={unhideAll} data-testid="unhide">
          {t('toolbar.unhide', { n: hidden })}
        </button>
      )}
      <button onClick={clearCanvas} disabled={nodes === 0}>
        {t('toolbar.clear')}
      </button>
      {exportError && (
        <span className="error" role="alert" data-testid="export-error">
          {exportError}
        </span>
      )}
      <span className="spacer" />
      <span className="muted" data-testid="canvas-counts">
        {t('canvas.nodes', { n: nodes })} · {t('canvas.edges', { n: edges })}
      </span>
    </div>
  );
}
