/**
 * The page `npm run bench:web` drives (issue 7): the workbench's own sigma settings and node/edge
 * styles on a large graph. It builds the graphology graph from the bench JSON (timed apart), times
 * `new Sigma(...)` to the first frame on screen, then plays a scripted pan-and-zoom with the camera's
 * own animations — as a drag or wheel zoom does, so settings like hideEdgesOnMove take effect — while
 * counting animation frames. The node side calls `window.quanlianBench(options)`.
 */
import Graph from 'graphology';
import Sigma from 'sigma';
import type { CameraState } from 'sigma/types';
import type { Settings } from 'sigma/settings';
import { sigmaSettings } from '../src/canvas/settings.ts';
import { enableViewportTexture } from '../src/canvas/viewportTexture.ts';
import { DIRECTED_TYPES, EDGE_COLOR, ENTITY_STYLE } from '../src/canvas/style.ts';
import type { BenchGraph, BenchOptions, BenchResult } from './protocol.ts';

declare global {
  interface Window {
    quanlianBench: (options: BenchOptions) => Promise<BenchResult>;
  }
}

/** About 7 s: pans over the whole graph, zooms into a cluster until labels show, pans there, zooms out. */
const SEQUENCE: readonly { state: Partial<CameraState>; duration: number }[] = [
  { state: { x: 0.35, y: 0.45, ratio: 1 }, duration: 900 },
  { state: { x: 0.65, y: 0.55, ratio: 1 }, duration: 1100 },
  { state: { x: 0.55, y: 0.5, ratio: 0.3 }, duration: 1000 },
  { state: { x: 0.6, y: 0.45, ratio: 0.06 }, duration: 1200 },
  { state: { x: 0.52, y: 0.52, ratio: 0.06 }, duration: 1000 },
  { state: { x: 0.5, y: 0.5, ratio: 1.2 }, duration: 1300 },
];

const nextFrame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));
const round = (x: number) => Math.round(x * 10) / 10;
function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

/** Investigation data → render attributes, the way the workbench derives its sigma graph. */
function buildGraph(data: BenchGraph): Graph {
  // The options of the app's sigma graph (canvas/instance.ts).
  const graph = new Graph({ type: 'directed', multi: false, allowSelfLoops: true });
  for (const [i, [entity, name, x, y, hub]] of data.nodes.entries()) {
    const style = ENTITY_STYLE[entity];
    const size = hub ? style.size * 2 : style.size;
    graph.addNode(`n${i}`, { entity, label: name, x, y, size, color: style.color, type: style.shape });
  }
  for (const [source, target, rel] of data.edges) {
    const type = rel && DIRECTED_TYPES.has(rel) ? 'arrow' : 'line';
    graph.addEdge(`n${source}`, `n${target}`, { rel, type, color: EDGE_COLOR, size: 1 });
  }
  return graph;
}

/** Blocks until the GPU has drawn everything sigma issued (a 1-pixel read waits for the queue). */
function finishDrawing(sigma: Sigma): void {
  const pixel = new Uint8Array(4);
  for (const canvas of Object.values(sigma.getCanvases())) {
    const gl = canvas.getContext('webgl2');
    gl?.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, pixel);
  }
}

function webglRenderer(canvas: HTMLCanvasElement | undefined): string {
  const gl = canvas?.getContext('webgl2') ?? canvas?.getContext('webgl');
  if (!gl) return 'no WebGL';
  const debug = gl.getExtension('WEBGL_debug_renderer_info');
  return String(gl.getParameter(debug ? debug.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
}

window.quanlianBench = async (options: BenchOptions): Promise<BenchResult> => {
  const container = document.getElementById('sigma');
  if (!container) throw new Error('quanlian/bench-web: no #sigma container');
  let t = performance.now();
  const data = (await (await fetch(options.graphUrl)).json()) as BenchGraph;
  const fetchMs = performance.now() - t;

  t = performance.now();
  const graph = buildGraph(data);
  const graphBuildMs = performance.now() - t;

  const settings = { ...sigmaSettings(graph.size), ...options.settings } as Partial<Settings>;
  t = performance.now();
  const sigma = new Sigma(graph, container, settings);
  const sigmaInitMs = performance.now() - t;
  if (options.texture) enableViewportTexture(sigma);
  finishDrawing(sigma);
  await nextFrame();
  await nextFrame();
  const firstRenderMs = performance.now() - t;
  for (let i = 0; i < 20; i++) await nextFrame(); // settle before the sequence

  // sigma keeps the drawn labels in a private set; read it to show labels really appear.
  const labelsShown = () => (sigma as unknown as { displayedNodeLabels: Set<string> }).displayedNodeLabels.size;
  const renderMs: number[] = [];
  let maxLabels = 0;
  let renderStart = 0;
  sigma.on('beforeRender', () => (renderStart = performance.now()));
  sigma.on('afterRender', () => {
    renderMs.push(performance.now() - renderStart);
    maxLabels = Math.max(maxLabels, labelsShown());
  });
  const stamps: number[] = [];
  let running = true;
  const tick = (now: number) => {
    stamps.push(now);
    if (running) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  const camera = sigma.getCamera();
  for (const step of SEQUENCE) await camera.animate(step.state, { duration: step.duration, easing: 'quadraticInOut' });
  running = false;
  await nextFrame();

  const intervals = stamps.slice(1).map((s, i) => s - (stamps[i] as number));
  const sequenceMs = (stamps.at(-1) ?? 0) - (stamps[0] ?? 0);
  const result: BenchResult = {
    nodes: graph.order,
    edges: graph.size,
    fetch_ms: round(fetchMs),
    graph_build_ms: round(graphBuildMs),
    sigma_init_ms: round(sigmaInitMs),
    first_render_ms: round(firstRenderMs),
    sequence_ms: round(sequenceMs),
    frames: intervals.length,
    fps: round((intervals.length * 1000) / Math.max(1, sequenceMs)),
    p50_frame_ms: round(quantile(intervals, 0.5)),
    p95_frame_ms: round(quantile(intervals, 0.95)),
    worst_frame_ms: round(Math.max(0, ...intervals)),
    renders: renderMs.length,
    p50_render_ms: round(quantile(renderMs, 0.5)),
    p95_render_ms: round(quantile(renderMs, 0.95)),
    max_labels: maxLabels,
    renderer: webglRenderer(sigma.getCanvases().nodes),
    viewport: `${window.innerWidth}x${window.innerHeight}`,
    dpr: window.devicePixelRatio,
  };
  // sigma stays alive so the node side can take a screenshot (--screenshot); the browser closes next.
  return result;
};
