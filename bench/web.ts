/**
 * Workbench rendering in headless Chromium (issue 7: 20k nodes / 60k edges, target ≥ 30 fps):
 * builds web/bench/render.html with Vite into .data/bench-web, serves it with a small static server,
 * and opens it in Debian's Chromium (software WebGL: SwiftShader) at a fixed viewport. The page uses
 * the app's sigmaSettings() and style tables; it reports graph build time, time to first render and
 * frames per second over a scripted pan and zoom (see web/bench/render.ts).
 *
 *   npm run bench:web -- [--nodes 20000] [--edges 60000] [--seed 7] [--width 1600] [--height 900]
 *                        [--dpr 1] [--settings '{"hideEdgesOnMove":true}'] [--no-texture] [--chromium-arg --foo …]
 *                        [--screenshot last-frame.png]
 *
 * --settings merges bench-only overrides over the app's settings, to measure what a change would buy.
 * Prints one JSON line last: {bench, nodes, edges, graph_build_ms, first_render_ms, fps, p95_frame_ms,
 * worst_frame_ms, renderer, chromium, …}.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Browser } from 'playwright-core';
import { build } from 'vite';
import { launchChromium } from '../test/support/browser.ts';
import type { BenchOptions, BenchResult } from '../web/bench/protocol.ts';
import { webGraph } from './web-graph.ts';

const { values } = parseArgs({
  options: {
    nodes: { type: 'string', default: '20000' },
    edges: { type: 'string', default: '60000' },
    seed: { type: 'string', default: '7' },
    width: { type: 'string', default: '1600' },
    height: { type: 'string', default: '900' },
    dpr: { type: 'string', default: '1' },
    settings: { type: 'string', default: '{}' },
    'no-texture': { type: 'boolean', default: false },
    'chromium-arg': { type: 'string', multiple: true, default: [] },
    screenshot: { type: 'string' },
  },
});
const log = (line: string) => process.stderr.write(`[bench:web] ${line}\n`);
const root = path.resolve(import.meta.dirname, '..');
const outDir = path.join(root, '.data', 'bench-web');
const settings = JSON.parse(values.settings) as Record<string, unknown>;

log('building web/bench/render.html with Vite …');
await build({
  configFile: path.join(root, 'web', 'vite.config.ts'),
  logLevel: 'warn',
  build: {
    outDir,
    emptyOutDir: true,
    sourcemap: false,
    rolldownOptions: { input: path.join(root, 'web', 'bench', 'render.html') },
  },
});
const t = performance.now();
const graph = webGraph({ nodes: Number(values.nodes), edges: Number(values.edges), seed: Number(values.seed) });
log(
  `graph: ${graph.nodes.length} nodes, ${graph.edges.length} edges (generated in ${Math.round(performance.now() - t)} ms)`,
);
fs.writeFileSync(path.join(outDir, 'graph.json'), JSON.stringify(graph));

const server = await serveStatic(outDir);
let browser: Browser | undefined;
try {
  browser = await launchChromium({ args: values['chromium-arg'] });
  const page = await browser.newPage({
    viewport: { width: Number(values.width), height: Number(values.height) },
    deviceScaleFactor: Number(values.dpr),
  });
  page.on('pageerror', (error) => log(`page error: ${error.message}`));
  page.on('console', (message) => {
    // The stall is ours: the page reads a pixel back to time the first frame.
    if (message.text().includes('GPU stall due to ReadPixels')) return;
    if (message.type() === 'error' || message.type() === 'warning') log(`page ${message.type()}: ${message.text()}`);
  });
  const { port } = server.address() as AddressInfo;
  await page.goto(`http://127.0.0.1:${port}/bench/render.html`);
  log(`rendering in Chromium ${browser.version()} at ${values.width}×${values.height}, dpr ${values.dpr} …`);
  const options: BenchOptions = { graphUrl: '/graph.json', settings, texture: !values['no-texture'] };
  const r = await withTimeout(
    page.evaluate(
      (o) => (globalThis as unknown as { quanlianBench(o: BenchOptions): Promise<BenchResult> }).quanlianBench(o),
      options,
    ),
    180_000,
  );
  if (values.screenshot) await page.screenshot({ path: values.screenshot });
  console.log(`renderer: ${r.renderer} (Chromium ${browser.version()}, ${r.viewport} @${r.dpr}x)`);
  console.log(
    `graph build ${r.graph_build_ms} ms; first render ${r.first_render_ms} ms (new Sigma ${r.sigma_init_ms} ms)`,
  );
  console.log(
    `pan/zoom: ${r.frames} frames in ${r.sequence_ms} ms = ${r.fps} fps; frame p50 ${r.p50_frame_ms} ms, ` +
      `p95 ${r.p95_frame_ms} ms, worst ${r.worst_frame_ms} ms; ${r.renders} renders, p95 ${r.p95_render_ms} ms ` +
      `main-thread each; up to ${r.max_labels} labels (target ≥ 30 fps: ${r.fps >= 30 ? 'met' : 'NOT met'})`,
  );
  // The machine's load average: software WebGL competes with whatever else runs on the cores.
  const load = os.loadavg().map((x) => Math.round(x * 100) / 100);
  console.log(
    JSON.stringify({
      bench: 'web',
      ...r,
      chromium: browser.version(),
      cpus: os.cpus().length,
      load,
      settings,
      texture: options.texture,
    }),
  );
} finally {
  await browser?.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

/** A static file server for the built page on a free loopback port. */
async function serveStatic(dir: string): Promise<http.Server> {
  const types: Record<string, string> = {
    '.html': 'text/html; charset=utf-8',
    '.js': 'text/javascript; charset=utf-8',
    '.css': 'text/css; charset=utf-8',
    '.json': 'application/json; charset=utf-8',
  };
  const srv = http.createServer((req, res) => {
    const file = path.join(dir, path.normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)));
    if (!file.startsWith(dir + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  return srv;
}

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`quanlian/bench-web: no result after ${ms / 1000} s`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
