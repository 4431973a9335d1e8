/**
 * The sigma canvas. It owns the Sigma instance; the derived graph is kept in sync with the stores
 * (derive.ts), and hover, selection and the highlighted trace path are applied by reducers, never
 * written into the graph. Events: click selects, double-click expands, right-click opens the menu.
 */
import { useEffect, useRef, useState } from 'react';
import Sigma from 'sigma';
import { syncGraph, type EdgeAttrs, type NodeAttrs } from '../core/graph/derive.ts';
import { neighboursOf } from '../core/graph/ops.ts';
import { graphStore } from '../core/graph/store.ts';
import { useT } from '../core/i18n/index.ts';
import { openPanel } from '../core/panel.ts';
import { useStore } from '../core/store.ts';
import { select, viewStore } from '../core/view/store.ts';
import { expand } from '../app/actions.ts';
import { ContextMenu } from './ContextMenu.tsx';
import { pendingPositions, setSigma, sigmaGraph } from './instance.ts';
import { LARGE_GRAPH_EDGES, sigmaSettings } from './settings.ts';
import { enableViewportTexture, VIEWPORT_TEXTURE_DEFAULTS } from './viewportTexture.ts';
import { DIMMED_EDGE, DIMMED_NODE, HIGHLIGHT } from './style.ts';

export function GraphCanvas() {
  const t = useT();
  const container = useRef<HTMLDivElement>(null);
  const [menu, setMenu] = useState<{ key: string; x: number; y: number } | null>(null);
  const [failed, setFailed] = useState(false);
  const empty = useStore(graphStore, (h) => h.present.nodes.size === 0);

  useEffect(() => {
    if (!container.current) return;
    let sigma: Sigma;
    try {
      sigma = new Sigma(sigmaGraph, container.current, { ...sigmaSettings(), allowInvalidContainer: true });
    } catch {
      setFailed(true);
      return;
    }
    setSigma(sigma);
    const disableTexture = enableViewportTexture(sigma);
    // The canvas may start hidden (another page open) or change size with the panels: follow it.
    // A resize needs a new frame, not a re-indexation of the graph (costly at 20k nodes).
    const resize = new ResizeObserver(() => sigma.scheduleRender());
    resize.observe(container.current);
    let hovered: string | null = null;
    let hoveredNeighbours = new Set<string>();

    const sync = () => {
      const data = graphStore.get().present;
      const view = viewStore.get();
      syncGraph(sigmaGraph, data, view.colorBy, view.filters, pendingPositions);
      pendingPositions.clear();
      const large = sigmaGraph.size > LARGE_GRAPH_EDGES;
      if (sigma.getSetting('hideEdgesOnMove') !== large) sigma.setSetting('hideEdgesOnMove', large);
    };
    sync();

    sigma.setSetting('nodeReducer', (key, attrs) => {
      const view = viewStore.get();
      const out: Partial<NodeAttrs> & { highlighted?: boolean; zIndex?: number; forceLabel?: boolean } = {
        ...(attrs as NodeAttrs),
      };
      if (hovered && key !== hovered && !hoveredNeighbours.has(key)) {
        out.color = DIMMED_NODE;
        out.label = '';
      } else if (view.highlight && !view.highlight.nodes.has(key)) {
        out.color = DIMMED_NODE;
        out.label = '';
      } else if (view.highlight) out.forceLabel = true;
      if (key === view.selected) {
        out.highlighted = true;
        out.zIndex = 2;
        out.forceLabel = true;
      }
      if (key === hovered) out.zIndex = 3;
      return out;
    });
    sigma.setSetting('edgeReducer', (key, attrs) => {
      const view = viewStore.get();
      const out: Partial<EdgeAttrs> & { zIndex?: number } = { ...(attrs as EdgeAttrs) };
      if (hovered) {
        const [s, tgt] = sigmaGraph.extremities(key);
        if (s !== hovered && tgt !== hovered) out.color = DIMMED_EDGE;
        else out.zIndex = 1;
      } else if (view.highlight) {
        if (view.highlight.edges.has(key)) {
          out.color = HIGHLIGHT;
          out.size = (attrs.size ?? 1) * 1.6;
          out.zIndex = 1;
        } else out.color = DIMMED_EDGE;
      }
      return out;
    });

    const unsubscribeGraph = graphStore.subscribe(sync);
    let lastView = viewStore.get();
    const unsubscribeView = viewStore.subscribe(() => {
      const view = viewStore.get();
      if (view.colorBy !== lastView.colorBy || view.filters !== lastView.filters) sync();
      else sigma.refresh({ skipIndexation: true });
      lastView = view;
    });

    // Dimming all but the hovered node's neighbours redraws the whole graph: on large canvases
    // (seconds per frame without a GPU) hover keeps sigma's own cheap highlight only.
    const dimOnHover = () => sigmaGraph.order <= VIEWPORT_TEXTURE_DEFAULTS.minNodes;
    sigma.on('enterNode', ({ node }) => {
      container.current?.classList.add('pointer');
      if (!dimOnHover()) return;
      hovered = node;
      hoveredNeighbours = neighboursOf(graphStore.get().present, node);
      sigma.refresh({ skipIndexation: true });
    });
    sigma.on('leaveNode', () => {
      container.current?.classList.remove('pointer');
      if (!hovered) return;
      hovered = null;
      hoveredNeighbours = new Set();
      sigma.refresh({ skipIndexation: true });
    });
    sigma.on('clickNode', ({ node }) => {
      setMenu(null);
      select(node);
      openPanel({ kind: 'detail', key: node });
    });
    sigma.on('doubleClickNode', ({ node, event }) => {
      event.preventSigmaDefault();
      void expand(node);
    });
    sigma.on('rightClickNode', ({ node, event }) => {
      event.original.preventDefault();
      event.preventSigmaDefault();
      select(node);
      setMenu({ key: node, x: event.x, y: event.y });
    });
    sigma.on('clickStage', () => {
      setMenu(null);
      select(null);
    });

    return () => {
      disableTexture();
      resize.disconnect();
      unsubscribeGraph();
      unsubscribeView();
      setSigma(null);
      sigma.kill();
    };
  }, []);

  return (
    <div className="canvas-wrap" onContextMenu={(e) => e.preventDefault()}>
      <div ref={container} className="canvas" data-testid="canvas" />
      {failed && <div className="canvas-empty">{t('error.webgl')}</div>}
      {empty && !failed && <div className="canvas-empty">{t('canvas.empty')}</div>}
      {menu && <ContextMenu nodeKey={menu.key} x={menu.x} y={menu.y} onClose={() => setMenu(null)} />}
    </div>
  );
}
