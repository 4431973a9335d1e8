/**
 * Detection end to end on a loaded seed set (DESIGN.md §9: large set ≤ 30 s, projection ≥ 1M
 * edges/s): read → project → Louvain → chains → write, as `quanlian detect` runs it: a detection job
 * in a worker thread, which reports the phase timings back. The seed set is loaded once into a bench
 * instance and reused (bench/dataset.ts); loading time is reported apart and not counted.
 *
 *   npm run bench:detect -- --size large [--seed 7]
 *
 * Prints one JSON line last: {bench, size, parties, nodes, edges, raw_edges, communities, chains,
 * flagged, read_s, project_s, louvain_s, chains_s, write_s, total_s, edges_per_s, peak_rss_mb,
 * load_s}. edges_per_s is the raw projected edges (flows, links, shared-identifier and case pairs)
 * folded and built into the weighted graph per second of the project phase.
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
  },
});
const size = SizeSchema.parse(values.size);
const log = (line: string) => process.stderr.write(`[bench:detect] ${line}\n`);
const data = await benchDataset(size, Number(values.seed), { log, allowReset: values['yes-reset'] });
let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
try {
  log('detecting …');
  const job = startDetectionJob(dbOptions(data.config, data.target, { maxRetryTimeMs: 60_000 }), {}, (p) =>
    log(`${p.phase} ${p.percent}%${p.detail ? ` ${p.detail}` : ''}`),
  );
  const summary = await job.done;
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
      louvain_s: t.louvain_s,
      chains_s: t.chains_s,
      write_s: t.write_s,
      total_s: t.total_s,
      edges_per_s: Math.round(c.rawEdges / Math.max(t.project_s, 0.001)),
      peak_rss_mb: Math.round(peakRss / 2 ** 20),
      load_s: data.loadSeconds,
    }),
  );
} finally {
  clearInterval(sampler);
  await data.close();
}
