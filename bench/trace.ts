/**
 * Upstream trace latency (DESIGN.md §9: depth 4 on the large set, p95 ≤ 100 ms): depth-4 traces
 * from sellers — shops and retail parties that received parcels — chosen at random (seeded), run one
 * after another through the same service the API calls, with a province-wide scope. The bench starts
 * its own Neo4j, whose JIT is cold; a running server's is not. So `--warmup N` traces (default 200)
 * from other sellers than the measured ones run first, uncounted (their p95 is reported as
 * cold_p95_ms).
 *
 *   npm run bench:trace -- --size large [--sellers 200] [--seed 7]
 *
 * Prints one JSON line last: {bench, size, traces, depth, p50_ms, p95_ms, p99_ms, max_ms,
 * mean_candidates, with_candidates, warmup, cold_p95_ms}.
 */
import { parseArgs } from 'node:util';
import { expandScope } from '../server/auth/scope.ts';
import { traceUpstream, TraceQuerySchema } from '../server/trace/service.ts';
import { SizeSchema } from '../seed/index.ts';
import { benchDataset } from './dataset.ts';

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: 'large' },
    seed: { type: 'string', default: '7' },
    sellers: { type: 'string', default: '200' },
    'yes-reset': { type: 'boolean', default: false },
    warmup: { type: 'string', default: '200' },
  },
});
const size = SizeSchema.parse(values.size);
const sellers = Number(values.sellers);
const warmup = Number(values.warmup);
const log = (line: string) => process.stderr.write(`[bench:trace] ${line}\n`);
const data = await benchDataset(size, Number(values.seed), { log, allowReset: values['yes-reset'] });
const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
try {
  // Sellers: parties that received parcels and sent some on (a shop or a trader), sampled by a
  // seeded order over their keys so every run picks the same ones.
  const rows = await data.db.adhocRead(
    `MATCH (p:Shop) WHERE EXISTS { (p)<-[:SENT_TO]-(:Shipment) }
     RETURN p.key AS key
     UNION
     MATCH (p:Company) WHERE EXISTS { (p)<-[:SENT_TO]-(:Shipment) } AND EXISTS { (p)<-[:SENT_BY]-(:Shipment) }
     RETURN p.key AS key`,
  );
  const keys = rows.map((r) => String(r.key)).sort();
  let state = Number(values.seed) || 1;
  const rnd = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
  for (let i = keys.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [keys[i], keys[j]] = [keys[j] as string, keys[i] as string];
  }
  // The measured sellers come first in the shuffled order, the warm-up ones after them: a run with
  // another --warmup measures the same sellers.
  const chosen = keys.slice(0, sellers);
  const warming = keys.slice(sellers, sellers + warmup);
  log(`${keys.length} sellers in the data; ${warming.length} warm-up traces, then ${chosen.length} measured …`);
  const scope = expandScope(['360000']);
  const query = TraceQuerySchema.parse({ depth: 4 });
  const cold: number[] = [];
  for (const key of warming) {
    const t = performance.now();
    await traceUpstream(data.db, scope, key, query);
    cold.push(performance.now() - t);
  }
  cold.sort((a, b) => a - b);
  const times: number[] = [];
  let candidates = 0;
  let withCandidates = 0;
  for (const key of chosen) {
    const t = performance.now();
    const r = await traceUpstream(data.db, scope, key, query);
    times.push(performance.now() - t);
    candidates += r.candidates.length;
    if (r.candidates.length > 0) withCandidates++;
  }
  times.sort((a, b) => a - b);
  const round = (x: number) => Math.round(x * 10) / 10;
  console.log(
    JSON.stringify({
      bench: 'trace',
      size,
      traces: times.length,
      depth: 4,
      p50_ms: round(quantile(times, 0.5)),
      p95_ms: round(quantile(times, 0.95)),
      p99_ms: round(quantile(times, 0.99)),
      max_ms: round(times.at(-1) ?? 0),
      mean_candidates: round(candidates / Math.max(1, times.length)),
      with_candidates: withCandidates,
      warmup: cold.length,
      cold_p95_ms: cold.length ? round(quantile(cold, 0.95)) : null,
    }),
  );
} finally {
  await data.close();
}
