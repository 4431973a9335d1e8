/**
 * Identity resolution quality: pairwise precision and recall of "these two mentions are the same
 * entity" against the seed's identity truth. Every source row is mapped exactly as ingest maps it;
 * each mention (file, line, column) listed in truth.json is paired with the key our builders gave
 * it, after the same folding of weak keys into strong ones that identity resolution does in the
 * graph. Mentions we could not key (masked, placeholder) count as their own singletons.
 *
 *   npm run bench:resolve -- --size medium [--seed 7]
 *
 * Prints one JSON line last: {bench, size, mentions, truthPairs, predictedPairs, truePairs, precision, recall, seconds}.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { BuildContext } from '../server/ingest/entities.ts';
import { RowMapper } from '../server/ingest/mapper.ts';
import { planFromKeys } from '../server/ingest/resolve.ts';
import { openSource } from '../server/ingest/readers/index.ts';
import { detectSpec, loadSpecs } from '../server/ingest/spec/load.ts';
import { generateSeed, SizeSchema } from '../seed/index.ts';

const { values } = parseArgs({
  options: { size: { type: 'string', default: 'medium' }, seed: { type: 'string', default: '7' } },
});
const size = SizeSchema.parse(values.size);
const hmacKey = Buffer.alloc(32, 7);
const ctx: BuildContext = { hmacKey, encKey: Buffer.alloc(32, 8), reportRegion: null };

const started = performance.now();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), `quanlian-resolve-${size}-`));
await generateSeed({ size, seed: Number(values.seed), outDir: dir, hmacKey });

interface Truth {
  files: { file: string; regionCode: string }[];
  identities: { id: string; refs: [number, number, string][] }[];
}
const truth = JSON.parse(fs.readFileSync(path.join(dir, 'truth.json'), 'utf8')) as Truth;

/** "file:line:column" → truth entity id. */
const mentionTruth = new Map<string, string>();
for (const identity of truth.identities) {
  for (const [file, line, column] of identity.refs) mentionTruth.set(`${file}:${line}:${column}`, identity.id);
}

const specs = loadSpecs();
const predicted = new Map<string, string>();
/** Every distinct entity with its alternates, as the graph would hold them before resolution. */
const entities = new Map<string, Set<string>>();
for (const [index, entry] of truth.files.entries()) {
  const source = await openSource(path.join(dir, entry.file));
  let mapper: RowMapper | null = null;
  const fileCtx = { ...ctx, reportRegion: entry.regionCode };
  for await (const item of source.items) {
    if (!('cells' in item)) continue;
    if (!mapper) {
      const spec = detectSpec(item.cells, specs);
      const bound = spec ? RowMapper.bind(spec, item.cells) : null;
      if (!bound || 'missing' in bound) throw new Error(`${entry.file}: no spec binds its header`);
      mapper = bound;
      continue;
    }
    const result = mapper.map(item.cells, fileCtx, true);
    if (!result.ok) continue;
    result.facts.entities.forEach((entity, i) => {
      let alts = entities.get(entity.key);
      if (!alts) entities.set(entity.key, (alts = new Set()));
      for (const alt of entity.altKeys) alts.add(alt);
      for (const header of result.facts.via?.[i] ?? []) {
        const mention = `${index}:${item.line}:${header}`;
        if (mentionTruth.has(mention)) predicted.set(mention, entity.key);
      }
    });
  }
}

// The resolution step (server/ingest/resolve.ts), pass by pass, with the same rule.
const canonical = new Map<string, string>();
for (let pass = 0; pass < 4; pass++) {
  const nodes = [...entities].map(([key, alt]) => ({ key, alt: [...alt] }));
  const { pairs } = planFromKeys(nodes);
  if (pairs.length === 0) break;
  for (const { weak, strong } of pairs) {
    const into = entities.get(strong) as Set<string>;
    into.add(weak);
    for (const alt of entities.get(weak) ?? []) into.add(alt);
    entities.delete(weak);
    canonical.set(weak, strong);
  }
}
const follow = (key: string): string => {
  let k = key;
  for (let next = canonical.get(k); next; next = canonical.get(k)) k = next;
  return k;
};
for (const [mention, key] of predicted) predicted.set(mention, follow(key));

// Pairwise counts from the contingency table of (truth id, predicted key).
const pairs = (n: number) => (n * (n - 1)) / 2;
const byTruth = new Map<string, number>();
const byPredicted = new Map<string, number>();
const byBoth = new Map<string, number>();
for (const [mention, truthId] of mentionTruth) {
  const key = predicted.get(mention) ?? `unresolved:${mention}`;
  byTruth.set(truthId, (byTruth.get(truthId) ?? 0) + 1);
  byPredicted.set(key, (byPredicted.get(key) ?? 0) + 1);
  byBoth.set(`${truthId}\u0000${key}`, (byBoth.get(`${truthId}\u0000${key}`) ?? 0) + 1);
}
const sum = (m: Map<string, number>) => [...m.values()].reduce((s, n) => s + pairs(n), 0);
const truthPairs = sum(byTruth);
const predictedPairs = sum(byPredicted);
const truePairs = sum(byBoth);
fs.rmSync(dir, { recursive: true, force: true });

const round = (x: number) => Math.round(x * 10_000) / 10_000;
console.log(
  JSON.stringify({
    bench: 'resolve',
    size,
    mentions: mentionTruth.size,
    keyed: predicted.size,
    truthPairs,
    predictedPairs,
    truePairs,
    precision: round(predictedPairs ? truePairs / predictedPairs : 1),
    recall: round(truthPairs ? truePairs / truthPairs : 1),
    seconds: round((performance.now() - started) / 1000),
  }),
);
