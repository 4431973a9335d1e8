/**
 * Detection end to end on a loaded seed set (DESIGN.md §9: large set ≤ 30 s, projection ≥ 1M
 * edges/s): read → project → Louvain → chains → write, as `quanlian detect` runs it: a detection job
 * in a worker thread, which reports the phase timings back. The seed set is loaded once into a bench
 * instance and reused (bench/dataset.ts); loading time is reported apart and not counted.
 *
 *   npm run bench:detect -- --size large [--seed 7]
 *
 * The bench starts its own Neo4j, whose JVM is cold: the first run after a start compiles the
 * queries and warms Neo4j's JIT and page cache, which a long-running server has done long before
 * (each run's worker thread is new, so its own JIT is cold in every run). So `--warmup N` runs (default 1) go first, timed and reported as cold_*; the figures
 * are those of the run after them, the steady state of a server that has detected before.
 *
 * Prints one JSON line last: {bench, size, parties, nodes, edges, raw_edges, communities, chains,
 * flagged, read_s, project_s, graph_s, louvain_s, chains_s, write_s, total_s, edges_per_s, peak_rss_mb,
 * cold_read_s, cold_total_s, load_s}. edges_per_s is the raw projected edges (flows, links, shared-identifier and case pairs)
 * folded into weighted pairs, hubs damped, per second of the project phase; graph_s is building the
 * graphology graph from those pairs (DESIGN.md §6: graphology adds edges at under 100k/s here, so
 * it is built once, from the folded pairs), timed apart and counted in total_s.
 */
import { parseArgs } from 'node:util';
import { dbOptions } from '../server/db/runtime/resolve.ts';
import { startDetectionJob } from '../server/detect/jobs.ts';
import { SizeSchema } from '../seed/index.ts';
import { benchDataset } from './dataset.ts';

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: 'large' },
    seed: { type: 'string', default: '7' },
    'yes-reset': { type: 'boolean', default: false },
    warmup: { type: 'string', default: '1' },
  },
});
const size = SizeSchema.parse(values.size);
const t0 = performance.now();
const log = (line: string) =>
  process.stderr.write(`[bench:detect] ${((performance.now() - t0) / 1000).toFixed(1).padStart(6)} s  ${line}\n`);
const data = await benchDataset(size, Number(values.seed), { log, allowReset: values['yes-reset'] });
let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
try {
  const detect = async (label: string) => {
    log(`${label} …`);
    const job = startDetectionJob(dbOptions(data.config, data.target, { maxRetryTimeMs: 60_000 }), {}, (p) =>
      log(`${p.phase} ${p.percent}%${p.detail ? ` ${p.detail}` : ''}`),
    );
    return job.done;
  };
  const cold: { read_s: number; total_s: number }[] = [];
  for (let i = 0; i < Number(values.warmup); i++) cold.push((await detect(`warm-up run ${i + 1}`)).timings);
  const summary = await detect('measured run');
  const t = summary.timings;
  const c = summary.counts;
  console.log(
    JSON.stringify({
      bench: 'detect',
      size,
      parties: c.parties,
      nodes: c.nodes,
      edges: c.edges,
      raw_edges: c.rawEdges,
      communities: c.communities,
      chains: c.chains,
      flagged: c.flagged,
      read_s: t.read_s,
      project_s: t.project_s,
      graph_s: t.graph_s,
      louvain_s: t.louvain_s,
      chains_s: t.chains_s,
      write_s: t.write_s,
      total_s: t.total_s,
      edges_per_s: Math.round(c.rawEdges / Math.max(t.project_s, 0.001)),
      peak_rss_mb: Math.round(peakRss / 2 ** 20),
      cold_read_s: cold[0]?.read_s ?? null,
      cold_total_s: cold[0]?.total_s ?? null,
      load_s: data.loadSeconds,
    }),
  );
} finally {
  clearInterval(sampler);
  await data.close();
}
