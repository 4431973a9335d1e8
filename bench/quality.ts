/**
 * Planted-network recovery against the seed's truth (DESIGN.md §9): ARI and NMI of the partition
 * restricted to planted members, best-match Jaccard per planted network, the share of planted chains
 * whose manufacturer is ranked first, the share of flagged chains with no planted member, and stage
 * agreement. The seed set is loaded once into a bench instance and reused (bench/dataset.ts).
 *
 *   npm run bench:quality -- --size medium [--seed 7] [--resolution R] [--detect-seed N]
 *
 * Prints one JSON line last: {bench, size, networks, planted_members, mapped_members, ari, nmi,
 * mean_jaccard, min_jaccard, manufacturer_first, flagged, false_flags, false_flag_share,
 * stage_agreement, chains, seconds}.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { detectParams } from '../server/detect/params.ts';
import { computeDetection } from '../server/detect/pipeline.ts';
import { measureQuality, type Truth } from '../server/detect/quality.ts';
import { SizeSchema } from '../seed/index.ts';
import { benchDataset } from './dataset.ts';

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: 'medium' },
    seed: { type: 'string', default: '7' },
    resolution: { type: 'string' },
    'detect-seed': { type: 'string' },
    'yes-reset': { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
  },
});
const size = SizeSchema.parse(values.size);
const log = (line: string) => process.stderr.write(`[bench:quality] ${line}\n`);
const data = await benchDataset(size, Number(values.seed), { log, allowReset: values['yes-reset'] });
try {
  const truth = JSON.parse(fs.readFileSync(data.truthFile, 'utf8')) as Truth;
  const params = detectParams({
    ...(values.resolution ? { resolution: Number(values.resolution) } : {}),
    ...(values['detect-seed'] ? { seed: Number(values['detect-seed']) } : {}),
  });
  const started = performance.now();
  const result = await computeDetection(data.db, params);
  const q = measureQuality(result, truth);
  if (values.verbose) for (const j of q.jaccard) log(`${j.network}: jaccard ${j.jaccard}`);
  console.log(
    JSON.stringify({
      bench: 'quality',
      size,
      networks: truth.networks.length,
      planted_members: q.plantedMembers,
      mapped_members: q.mappedMembers,
      ari: q.ari,
      nmi: q.nmi,
      mean_jaccard: q.meanJaccard,
      min_jaccard: Math.min(...q.jaccard.map((j) => j.jaccard)),
      manufacturer_first: q.manufacturerFirst,
      flagged: q.flagged,
      false_flags: q.falseFlags,
      false_flag_share: q.falseFlagShare,
      stage_agreement: q.stageAgreement,
      chains: result.chains.length,
      seconds: Math.round((performance.now() - started) / 10) / 100,
    }),
  );
} finally {
  await data.close();
}
